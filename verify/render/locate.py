"""Where in the kernel a refutation is: the source location a SARIF result carries.

A trace step cites where its behaviour lives.  A hand model cites its ``@rule``'s
kernel file and function (``mm/util.c:mmap_action_finish``); a design read from a
kernel tree (``verify source``) also gives the tree's line, at the head of the
step's label (``mm/util.c:1418 do_munmap(...)``) or in the citation itself
(``mm/util.c:1418``, ``mm/util.c:1418:mmap_action_finish``).  ``where`` reads
them all.  ``locate`` picks, in a counterexample, the last step in a function
the invariant protects (the code that let the call go wrong), else the last
cited step, else the invariant's first protected function: a ``file:line``
whenever the design offers one.
"""
from __future__ import annotations

import dataclasses
import re

from verify.results import Trace

_FUNCTION = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LINE_AT_HEAD = re.compile(r"^(?P<file>[\w./+-]+\.[ch]):(?P<line>\d+)\b")


@dataclasses.dataclass(frozen=True)
class Location:
    file: str
    line: int | None = None
    function: str | None = None

    def __str__(self) -> str:
        return ":".join(str(p) for p in (self.file, self.line, self.function) if p is not None)


def parse(cite: str | None) -> Location | None:
    """``file:line``, ``file:line:function``, ``file:function`` (a word after the line, such
    as a call's text, is left out); ``None`` when ``cite`` names no file."""
    if not cite:
        return None
    file, _, rest = cite.strip().partition(":")
    if not file or " " in file:
        return None
    line, function = None, None
    for part in rest.split(":") if rest else ():
        part = part.strip()
        head = part.split()[0] if part.split() else ""
        if head.isdigit() and line is None:
            line = int(head)
        elif _FUNCTION.match(part) and function is None:
            function = part
    return Location(file, line, function)


def where(step) -> Location | None:
    """Where a trace step is: its citation, with the tree's line when its label or its
    citation gives one."""
    loc = parse(step.cite)
    m = _LINE_AT_HEAD.match(step.label or "")
    if m and (loc is None or loc.line is None):
        same_file = loc is not None and loc.file == m["file"]
        return Location(m["file"], int(m["line"]), loc.function if same_file else None)
    return loc


def _protected(invariant) -> list[Location]:
    return [loc for loc in (parse(p) for p in getattr(invariant, "protects", ())) if loc]


def locate(trace: Trace | None, invariant=None) -> Location | None:
    """The location of a refutation of ``invariant`` (a ``proofs.registry.Invariant``,
    or ``None``) whose counterexample is ``trace`` (or ``None``: not computed)."""
    steps = [loc for loc in (where(s) for s in (trace.steps if trace else ())) if loc]
    guarded = _protected(invariant) if invariant is not None else []
    names = {g.function for g in guarded if g.function}
    files = {g.file for g in guarded}
    for loc in reversed(steps):
        if loc.function in names or (loc.function is None and loc.file in files):
            return loc
    if steps:
        return steps[-1]
    return guarded[0] if guarded else None


def flow(trace: Trace) -> list[tuple[str, Location | None]]:
    """The counterexample step by step: (what the step does, where), for a SARIF code flow."""
    out = []
    for st in trace.steps:
        vals = " ".join(f"{k}={v}" for k, v in st.values.items())
        out.append((f"{st.label} {vals}".strip(), where(st)))
    return out
