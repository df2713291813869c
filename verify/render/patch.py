"""Text rendering of `verify patch` (``verify.patch.PatchResult``), and its test cases."""
from __future__ import annotations

from rich.text import Text

from verify.patch import NEWLY_PROVED, NEWLY_REFUTED, OTHER, UNCHANGED, PatchResult
from verify.render.cases import Group, Run, Verdict, _rules, obligation
from verify.render.text import obligation_trace


def _name(i) -> str:
    return ", ".join(i.equivalent) if i.equivalent else \
        f"none (nearest: {i.nearest.b})" if i.nearest else "none"


def _short(c) -> str:
    o = c.after.obligation
    return f"{o.invariant}[{o.word_size}-bit,{o.config}]"


def result(con, r: PatchResult, **_) -> None:
    n = len(r.patches)
    con.print(f"{n} patch{'es' if n != 1 else ''} applied with {r.tool} to a copy of the files "
              f"read from {r.tree} (the tree is not modified):")
    for line in r.applied:
        con.print(f"  {line}")
    before, after = _name(r.identified_before), _name(r.identified_after)
    con.print(f"identified before: {before}")
    con.print(Text(f"identified after:  {after}", style="bold" if before != after else ""))
    refuted = r.of(NEWLY_REFUTED)
    if refuted:
        con.print(Text(f"newly refuted ({len(refuted)}):", style="bold red"))
        for c in refuted:
            con.print(f"  {_short(c)} (was {c.before.status.value})")
    proved = r.of(NEWLY_PROVED)
    if proved:
        con.print(Text(f"newly proved ({len(proved)}):", style="bold green"))
        for c in proved:
            con.print(f"  {_short(c)}")
    other = r.of(OTHER)
    for c in other:
        con.print(Text(f"  {_short(c)}: {c.before.status.value} -> {c.after.status.value}"
                       + (f" ({c.after.reason})" if c.after.reason else ""), style="yellow"))
    same = r.of(UNCHANGED)
    held = sum(c.after.status.value == "proved" for c in same)
    con.print(f"unchanged: {len(same)} ({held} proved, {len(same) - held} refuted before and "
              "after)")
    shown = set()
    for c in refuted:      # one counterexample per invariant
        if c.after.counterexample and c.after.obligation.invariant not in shown:
            shown.add(c.after.obligation.invariant)
            obligation_trace(con, c.after, c.after.counterexample,
                             "counterexample (lines of the patched files)")


def cases(r: PatchResult) -> Run:
    """The obligations after the patches: newly refuted fail, refuted before and after is an
    expected refutation (xfail), proved pass."""
    why = "refuted before the patches too"
    groups = {NEWLY_REFUTED: [], NEWLY_PROVED: [], UNCHANGED: [], OTHER: []}
    for c in r.changes:
        kind = Verdict.XFAIL if c.kind == UNCHANGED else Verdict.FAIL
        groups[c.kind].append(obligation(c.after, kind, why if c.kind == UNCHANGED else None))
    return Run("patch", tuple(Group(k, tuple(v)) for k, v in groups.items() if v), r.exit_code,
               _rules(c.after.obligation.invariant for c in r.changes))
