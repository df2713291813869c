"""Text rendering of translation validation (``verify.equiv_results``)."""
from __future__ import annotations

import json

from rich.text import Text

from models.config import CONFIGS
from verify.equiv_results import (DIFFER, EQUAL, NEAREST_MEASURE, UNKNOWN, Comparison,
                                  Identification)
from verify.render.cases import Case, Group, Run, Verdict, plain
from verify.render.text import render_trace

STYLE = {EQUAL: "green", DIFFER: "red", UNKNOWN: "yellow"}


def _cell_names(cells) -> str:
    return ", ".join(f"{c.word_size}-bit {c.config}"
                     + ("" if CONFIGS[c.config].reachable else " (latent)") for c in cells)


def _pins(c: Comparison) -> str:
    if not c.pinned:
        return "every input (both designs read the same ones)"
    pinned = " ".join(f"{k}={json.dumps(v)}" for k, v in c.pinned.items())
    return f"the inputs both read; pinned as an unread input is ({pinned})"


def comparison(con, c: Comparison, traces: bool = True, **_) -> None:
    """One design against another: the verdict, the cells, the first differing input."""
    n = len(c.cells)
    head = Text(f"{c.a} against {c.b}: ")
    if c.status == EQUAL:
        head.append("equal", style=f"bold {STYLE[EQUAL]}")
        head.append(f" (proved on all {n} word size x configuration cells, every outcome field "
                    "and every WARN)")
    elif c.status == UNKNOWN:
        head.append("unknown", style=f"bold {STYLE[UNKNOWN]}")
        bad = [x for x in c.cells if x.status == UNKNOWN]
        head.append(f" on {_cell_names(bad)}: {bad[0].reason} (never taken as equal)")
    else:
        head.append("differ", style=f"bold {STYLE[DIFFER]}")
        head.append(f" on {len(c.differing)} of {n} cells: {_cell_names(c.differing)}")
    con.print(head)
    con.print(f"  compared on {_pins(c)}")
    if c.can_differ:
        con.print(f"  fields that differ for some input: {', '.join(c.can_differ)}")
    if c.note:
        con.print(f"  note: {c.note}")
    if c.first:
        d = c.first
        con.print(f"  first differing input ({d.word_size}-bit, {d.config}):")
        width = max(len(k) for k in d.fields)
        wa = max(len(c.a), *(len(va) for va, _ in d.fields.values()))
        con.print(Text(f"    {'field':<{width}}  {c.a:<{wa}}  {c.b}", style="bold"))
        for k, (va, vb) in d.fields.items():
            con.print(f"    {k:<{width}}  {va:<{wa}}  {vb}")
        if traces and d.trace and d.against_trace:
            for t in (d.trace, d.against_trace):
                con.print()
                render_trace(con, t, indent="    ")
        con.print()
        con.print(f"  scenario ({c.a}; save it and run `verify replay FILE`):")
        for line in json.dumps(d.scenario, indent=2).splitlines():
            con.print(f"    {line}", markup=False)


def identification(con, i: Identification, **_) -> None:
    """Every design and history version the design is equivalent to, or the nearest."""
    if i.equivalent:
        con.print(Text(f"this tree is {', '.join(i.equivalent)}", style=f"bold {STYLE[EQUAL]}")
                  if i.design.startswith("source:") else
                  Text(f"{i.design} is equivalent to {', '.join(i.equivalent)}",
                       style=f"bold {STYLE[EQUAL]}"))
        con.print("  (equal outcome on every input both read, both word sizes, every "
                  "configuration)")
    for c in i.comparisons:
        if c.status == UNKNOWN:
            bad = next(x for x in c.cells if x.status == UNKNOWN)
            con.print(Text(f"unknown against {c.b}: {bad.reason} (not counted as equivalent)",
                           style=STYLE[UNKNOWN]))
    if not i.equivalent and not i.unknown:
        con.print(Text(f"{i.design} is equivalent to no design or history version",
                       style=f"bold {STYLE[DIFFER]}"))
    if i.nearest:
        con.print(f"nearest: {i.nearest.b} ({NEAREST_MEASURE})")
        comparison(con, i.nearest)
    others = [c.b for c in i.comparisons if c.status == DIFFER and c is not i.nearest
              and c.b != (i.nearest.b if i.nearest else None)]
    if others:
        con.print(Text(f"differs from: {', '.join(others)}", style="dim"))


# -- as test cases (KTAP, JUnit, SARIF: verify.render.formats.RESULTS) -----------------------
VERDICT = {EQUAL: Verdict.PASS, DIFFER: Verdict.FAIL, UNKNOWN: Verdict.ERROR}


def comparison_cases(c: Comparison) -> Run:
    """One case per (word size, configuration); the first differing one carries the input."""
    first = c.first
    groups = []
    for w in dict.fromkeys(x.word_size for x in c.cells):
        cases = []
        for x in (x for x in c.cells if x.word_size == w):
            here = first if first and (first.word_size, first.config) == (w, x.config) else None
            details = plain(lambda con: comparison(con, c, traces=False)) if here else ()
            cases.append(Case(f"{c.a} = {c.b} [{w}-bit,{x.config}]", VERDICT[x.status], x.status,
                              reason=x.reason, trace=here.trace if here else None,
                              details=details))
        groups.append(Group(f"{w}-bit", tuple(cases)))
    return Run(f"source --against {c.b}", (Group(f"{c.a} against {c.b}", tuple(groups)),),
               c.exit_code, {})


def identification_cases(i: Identification) -> Run:
    """One case per candidate: equivalent (pass) or not (an answer, xfail); none at all
    equivalent is the failure, with the nearest's difference."""
    cases = [Case(f"{i.design} = {c.b}", Verdict.PASS if c.status == EQUAL else
                  Verdict.ERROR if c.status == UNKNOWN else Verdict.XFAIL, c.status,
                  reason="not equivalent" if c.status == DIFFER else None)
             for c in i.comparisons]
    if not i.equivalent and not i.unknown:
        details = plain(lambda con: comparison(con, i.nearest, traces=False)) if i.nearest else ()
        cases.append(Case(f"{i.design} identified", Verdict.FAIL, "none equivalent",
                          reason=f"nearest: {i.nearest.b}" if i.nearest else None,
                          details=details))
    return Run("source --identify", (Group(i.design, tuple(cases)),), i.exit_code, {})
