"""``verify assumptions`` as text, and as test cases for the CI formats.

A table of every (invariant, assumption) pair, then, for each needed one, what
breaks without it (the contract's ``broken`` sentence) and the counterexample.
"""
from __future__ import annotations

from rich.table import Table
from rich.text import Text

from proofs.assumptions import ASSUMPTIONS
from verify.necessity import NEEDED, NOT_NEEDED, NOT_PROVED, NecessityResult
from verify.render.text import render_trace

STYLE = {NEEDED: "green", NOT_NEEDED: "red"}


def report(con, result: NecessityResult, **_: object) -> None:
    table = Table(header_style="bold")
    for col in ("invariant", "assumption", "owed by", "without it", "where"):
        table.add_column(col)
    for n in result.needs:
        verdict = {NEEDED: "fails (needed)", NOT_NEEDED: "still holds (not needed)",
                   NOT_PROVED: "fails with it too"}.get(n.status, n.status)
        where = f"{n.design}, {n.word_size}-bit, {n.config}" if n.status == NEEDED else \
            f"none of {len(n.searched)} designs"
        table.add_row(n.invariant, n.assumption, ASSUMPTIONS[n.assumption].party or "-",
                      Text(verdict, style=STYLE.get(n.status, "yellow")), where)
    con.print(table)
    for n in result.needs:
        if n.status != NEEDED or n.counterexample is None:
            continue
        a = ASSUMPTIONS[n.assumption]
        con.print()
        con.print(Text(f"{n.invariant} without {n.assumption}: fails", style="bold red"))
        con.print(f"  assumption: {a.statement}")
        if a.broken:
            con.print(f"  when it is broken: {a.broken}")
        con.print("  counterexample:")
        render_trace(con, n.counterexample, indent="    ")
    s = result.to_dict()["summary"]
    con.print(f"{s['pairs']} pairs: {s['needed']} needed, {s['not_needed']} not needed, "
              f"{s['not_proved']} not proved, {s['unknown']} unknown; "
              f"wall {result.wall_ms / 1e3:.2f} s")


def cases(result: NecessityResult):
    """One case per pair: needed passes, not needed fails (dead weight), unknown errs."""
    from verify.render.cases import Case, Group, Run, Verdict, _rules, plain
    groups: dict[str, list] = {}
    for n in result.needs:
        name = f"{n.invariant}/{n.assumption}"
        if n.status == NEEDED:
            lines = plain(lambda con, n=n: render_trace(con, n.counterexample)) \
                if n.counterexample else ()
            case = Case(name, Verdict.PASS, "needed", invariant=n.invariant,
                        reason=f"fails without it on {n.design}, {n.word_size}-bit, {n.config}",
                        trace=n.counterexample, details=lines)
        elif n.status == NOT_NEEDED:
            case = Case(name, Verdict.FAIL, "not needed", invariant=n.invariant,
                        reason=f"the invariant holds without it on {', '.join(n.searched)}")
        elif n.status == NOT_PROVED:
            case = Case(name, Verdict.FAIL, "not proved", invariant=n.invariant, reason=n.reason)
        else:
            case = Case(name, Verdict.ERROR, n.status, invariant=n.invariant, reason=n.reason)
        groups.setdefault(n.invariant, []).append(case)
    return Run("assumptions", tuple(Group(i, tuple(cs)) for i, cs in groups.items()),
               result.exit_code, _rules(groups))
