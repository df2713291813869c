"""Text rendering of query answers, explanations, variables and replays (the results
of ``verify query``, ``explain``, ``vars`` and ``replay`` in ``formats.RESULTS``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from models.config import REACHABLE
from verify.query.ask import QueryResult
from verify.query.names import KINDS, Vocabulary
from verify.render.text import render_trace, wrapped

if TYPE_CHECKING:    # a query's answer is printed without loading the explainer or replay
    from verify.explain import Explained, Explanation
    from verify.scenario import Replayed

NAME_WIDTH = 20   # longer variable names get a line of their own in `verify vars`


def context_line(design: str, word: int, config: str | None, assumptions) -> str:
    cfg = config or f"any reachable ({', '.join(REACHABLE)}) unless the query fixes mmu or path"
    assumed = ", ".join(assumptions) if assumptions else "nothing"
    return f"design {design}, {word}-bit, config {cfg}; assuming {assumed}"


def query_result(con, r: QueryResult, traces: bool = True) -> None:
    wrapped(con, "query: ", r.query.split())
    wrapped(con, "  ", context_line(r.design, r.word_size, r.config, r.assumptions).split())
    for w in r.warnings:
        con.print(Text(f"warning: {w}", style="yellow"))
    if r.answer == "impossible":
        con.print(Text("impossible: no mmap call satisfies the query", style="bold green"))
        con.print(f"  (`verify explain {quote(r.query)}` names the rules that rule it out)")
    elif r.answer == "unknown":
        con.print(Text(f"unknown: {r.reason}", style="bold yellow"))
    else:
        n = len(r.witnesses)
        for i, t in enumerate(r.witnesses, 1):
            head = "witness" if n == 1 else f"witness {i} of {n}"
            con.print(Text(f"{head}: ret={t.shown.get('ret')}", style="bold"))
            if traces:
                render_trace(con, t, indent="  ")
        if r.reason:
            con.print(f"  ({r.reason})")
    con.print(Text(f"answered in {r.time_ms:.1f} ms", style="dim"))


def query_run(con, run) -> None:
    """``verify query`` (``verify.commands.query_cmd.QueryRun``): the answer, then the
    scenario files written."""
    query_result(con, run.result)
    for p in run.saved:
        con.print(f"saved {p} (replay it with `verify replay {p}`)", markup=False)


def quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def explanation(con, e: Explanation) -> None:
    con.print(f"explain: {e.question}")
    con.print(f"  design {e.design}, {e.word_size}-bit, config {e.config or 'any reachable'}")
    if e.invariant and e.status == "possible":
        con.print(Text(f"refuted: a call breaks {e.invariant}, so no rule makes it hold "
                       f"(`verify prove -i {e.invariant} -d {e.design} -w {e.word_size} -c "
                       f"{e.config}` shows the counterexample)", style="bold red"))
    elif e.invariant and e.status == "impossible" and not e.rules:
        con.print(Text(f"proved: {e.invariant} holds without any single model rule (its "
                       "assumptions or the control flow between the rules suffice)",
                       style="bold green"))
    elif e.invariant and e.status == "impossible":
        con.print(Text(f"proved: {e.invariant} holds because of these {len(e.rules)} model rules "
                       f"({'a minimal set' if e.minimal else 'a sufficient set, maybe not minimal'}):",
                       style="bold green"))
    elif e.status == "possible":
        con.print(Text("possible: there is an execution, so nothing rules it out "
                       "(`verify query` shows one)", style="bold yellow"))
    elif e.status == "unknown":
        con.print(Text(f"unknown: {e.reason}", style="bold yellow"))
    elif not e.rules:
        con.print(Text("impossible without any single model rule: the question contradicts itself, "
                       "its context, or the control flow between the rules", style="bold green"))
    else:
        con.print(Text(f"impossible because of these {len(e.rules)} model rules "
                       f"({'a minimal set' if e.minimal else 'a sufficient set, maybe not minimal'}):",
                       style="bold green"))
    if e.status == "impossible" and e.rules:
        width = max(len(r.name) for r in e.rules)
        cite = max(len(r.cite) for r in e.rules)
        for rule in e.rules:
            line = Text(f"  {rule.name:<{width}}  ")
            line.append(f"{rule.cite:<{cite}}", style="cyan")
            line.append(f"  {rule.summary}")
            if not rule.verified:
                line.append("  (not confirmed in primary source)", style="yellow")
            con.print(line, crop=False)
    if e.status == "impossible":
        if e.assumptions:
            con.print("  and the assumptions: " + "; ".join(f"{a.id} ({a.statement})"
                                                          for a in e.assumptions))
        else:
            con.print("  no environment assumption is needed")
    con.print(Text(f"{e.checks} solver checks, {e.time_ms:.1f} ms", style="dim"))


def explained(con, x: Explained) -> None:
    """``verify explain``: each explanation, a blank line between two."""
    for i, e in enumerate(x.explanations):
        if i:
            con.print()
        explanation(con, e)


def vocabulary(con, v: Vocabulary) -> None:
    """``verify vars``: the variables, constants, functions and operators."""
    variables(con, v.variables, v.constants, v.functions, v.design)


def variables(con, vs, consts: dict, functions: dict, design: str) -> None:
    con.print(f"query variables (design {design}):")
    width = min(max(len(n) for n in vs), NAME_WIDTH)
    for v in vs.values():
        head = f"  {v.name:<{width}}  "
        if len(v.name) > width:               # a long name has a line of its own
            con.print(f"  {v.name}", markup=False)
            head = " " * (width + 4)
        wrapped(con, head, f"{KINDS[v.kind]}, {v.source}: {v.meaning}".split())
    wrapped(con, "constants: errno names (write -EAGAIN): ", consts["errno"])
    wrapped(con, "           action types: ", consts["action types"])
    wrapped(con, "           paths (compare with path): ", consts["paths"])
    wrapped(con, "functions: ", "; ".join(functions.values()).split())
    wrapped(con, "operators: ", ("== != < <= > >= (signed on int, unsigned on unsigned long, as in C); "
              "u< u<= u> u>= unsigned and s< s<= s> s>= signed; and/&& or/|| not/! implies/->; "
              "+ - * & | ^ ~ << >>; casts (int) (unsigned long); numbers as in C: 4096 0x1000 010 (octal) -1").split())


def replayed(con, r: Replayed) -> None:
    s = r.scenario
    wrapped(con, "replay: ", (f"{s.source}" + (f": {s.description}" if s.description else "")).split())
    if not r.config.reachable:
        con.print(Text(f"  note: {r.config.name} is not reachable in the kernel; this is latent "
                       "behaviour (`verify list` says why)", style="yellow"))
    for a in r.broken:
        wrapped(con, "  warning: ", f"the inputs break the proofs' assumption {a.id} "
                f"({a.statement}); no proof covers this call".split())
    render_trace(con, r.trace, indent="  ")
    o = r.outcome
    con.print(f"  returned {o['returned_c']} ({o['returned']}); VMA "
              f"{'mapped' if o['vma_mapped'] else 'not mapped'}; "
              f"{'unmapped ' + str(o['unmapped_len_pages']) + ' pages' if o['unmapped'] else 'no unmap'}")
    if s.expect is None:
        return
    if r.mismatches:
        con.print(Text("expectations NOT met:", style="bold red"))
        for key, want, seen in r.mismatches:
            con.print(f"  {key}: expected {want!r}, saw {seen!r}")
    else:
        con.print(Text(f"expectations met ({len(s.expect)} checked)", style="bold green"))


def replay_run(con, run) -> None:
    """``verify replay`` (``verify.commands.replay_cmd.ReplayRun``): the replay, then the
    regression test written."""
    replayed(con, run.replayed)
    if run.emitted:
        con.print(f"wrote {run.emitted} (run it with `python -m pytest {run.emitted}`)",
                  markup=False)
