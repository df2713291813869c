"""Text rendering of the design matrix and the mutation kill matrix.  Nothing here computes."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text

from proofs import INVARIANTS
from verify.matrix import MatrixResult
from verify.mutation import Kill, MutationResult
from verify.render.text import obligation_trace
from verify.results import Status

MARK = {Status.PROVED: "proved", Status.REFUTED: "REFUTED", Status.UNKNOWN: "unknown",
        Status.VACUOUS: "vacuous"}
STYLE = {Status.PROVED: "green", Status.REFUTED: "red", Status.UNKNOWN: "yellow",
         Status.VACUOUS: "yellow"}
KILL_MARK = {Kill.KILLED: "X", Kill.SURVIVED: ".", Kill.UNKNOWN: "?"}


def _cell(result: MatrixResult, design: str, inv: str, config: str) -> Text:
    by_word = {w: result.status(design, inv, config, w) for w in result.words}
    states = set(by_word.values())
    if len(states) == 1:
        st = states.pop()
        label = MARK[st]
    else:  # the word sizes disagree: say which is which
        st = Status.REFUTED if Status.REFUTED in states else Status.UNKNOWN
        label = " ".join(f"{w}:{MARK[s]}" for w, s in by_word.items())
    if config not in INVARIANTS[inv].scope:
        label = f"({label})"
    return Text(label, style=STYLE[st])


def design_matrix(con, result: MatrixResult) -> None:
    for design in result.designs:
        table = Table(title=f"design {design}", header_style="bold", title_justify="left")
        table.add_column("invariant", no_wrap=True)
        for c in result.configs:
            table.add_column(c, no_wrap=True)
        for inv in result.invariants:
            table.add_row(inv, *[_cell(result, design, inv, c) for c in result.configs])
        con.print(table)
    words = " and ".join(f"{w}-bit" for w in result.words)
    con.print("(...) = outside the invariant's scope: the kernel is not claimed to satisfy it "
              f"there; a refutation is a finding.  Each cell is the verdict on {words}, or names "
              "the word size when they differ.")
    for r in result.counterexamples:
        if r.counterexample:
            obligation_trace(con, r, r.counterexample, "counterexample")
    counts = ", ".join(f"{result.count(s)} {s.value}" for s in Status)
    con.print(f"{len(result.results)} obligations: {counts}; wall {result.wall_ms / 1e3:.2f} s "
              f"on {result.jobs} worker{'s' if result.jobs > 1 else ''}")
    if not result.counterexamples and result.count(Status.REFUTED):
        con.print("add --traces for one counterexample trace per refuted design x invariant")


def kill_matrix(con, result: MutationResult) -> None:
    cols = {inv: str(n) for n, inv in enumerate(result.invariants, 1)}
    table = Table(title=f"kill matrix: mutants of {result.base} x invariants",
                  header_style="bold", title_justify="left")
    table.add_column("mutant", no_wrap=True)
    for inv in result.invariants:
        table.add_column(cols[inv], justify="center")
    table.add_column("killed by", justify="right")
    for m in result.mutants:
        marks = []
        for inv in result.invariants:
            v = result.cell(m, inv).verdict
            marks.append(Text(KILL_MARK[v], style="red" if v is Kill.KILLED else ""))
        n = len(result.killers(m))
        table.add_row(m, *marks, Text(str(n), style="" if n else "bold red"))
    con.print(table)
    con.print("X killed (refuted in scope), . survived (proved), ? no verdict (unknown)")
    legend = Table(box=None, show_header=True, header_style="bold", padding=(0, 1))
    for col in ("#", "invariant", "kills", "only killer of"):
        legend.add_column(col)
    for inv in result.invariants:
        only = result.unique_kills(inv)
        legend.add_row(cols[inv], inv, str(len(result.kills(inv))), ", ".join(only) or "-")
    con.print(legend)
    killed = len(result.mutants) - len(result.survivors)
    con.print(f"kill rate: {killed}/{len(result.mutants)} = {result.kill_rate:.0%}")
    con.print(f"surviving mutants: {', '.join(result.survivors) or 'none'}")
    if result.dead_invariants:
        con.print(f"invariants that kill no mutant: {', '.join(result.dead_invariants)}")
    bad = result.baseline_failures
    if bad:
        con.print(Text(f"the unmutated design {result.base} fails {len(bad)} obligation(s): "
                       + ", ".join(r.obligation.id for r in bad), style="bold red"))
    else:
        con.print(f"baseline: {result.base} proves all {len(result.baseline)} obligations")
    con.print(f"{result.obligations} obligations; wall {result.wall_ms / 1e3:.2f} s on {result.jobs} "
              f"worker{'s' if result.jobs > 1 else ''}")
