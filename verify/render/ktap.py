"""KTAP version 1, as kselftest and KUnit write it (Documentation/dev-tools/ktap.rst).

One test per obligation; each group (design, invariant, version, mutant) a
subtest: its lines indented four spaces under its own version line, a
``# Subtest:`` header and its plan, then its result line in the parent.  A
counterexample goes in ``# `` diagnostic lines just before its test's result
line.  A refutation the command reports as an answer is ``ok ... # XFAIL``; no
verdict (unknown, timeout, vacuous) is ``not ok ... # ERROR`` (``# TIMEOUT``
for a timeout).
"""
from __future__ import annotations

from typing import Any, TextIO

from verify.render.cases import Case, Group, Run, Verdict
from verify.render.formats import cases_of

INDENT = "    "


def _name(text: str) -> str:
    """A test name: one line, no '#' (it would start a directive)."""
    return " ".join(text.replace("#", "no.").split())


def _directive(case: Case | Group) -> str:
    if case.verdict is Verdict.XFAIL:
        return f" # XFAIL {_name(case.reason or case.status)}"
    if case.verdict is Verdict.ERROR:
        reason = _name(getattr(case, "reason", None) or getattr(case, "status", "") or "no verdict")
        word = "TIMEOUT" if "timeout" in reason.lower() else "ERROR"
        return f" # {word} {reason}"
    return ""


def _result(n: int, item: Case | Group) -> str:
    ok = "ok" if item.verdict in (Verdict.PASS, Verdict.XFAIL) else "not ok"
    return f"{ok} {n} {_name(item.name)}{_directive(item)}"


def _case_lines(case: Case) -> list[str]:
    lines = []
    if case.reason or (case.verdict is not Verdict.PASS and not case.details):
        lines.append(f"{case.name}: {case.status}" + (f" ({case.reason})" if case.reason else ""))
    lines += [d for d in case.details if d.strip()]
    if case.time_ms is not None and case.verdict is not Verdict.PASS:
        lines.append(f"time: {case.time_ms:.1f} ms")
    return [f"# {line}" for line in lines]


def _items(items: tuple[Group | Case, ...], depth: int) -> list[str]:
    out = [f"{INDENT * depth}1..{len(items)}"]
    for n, item in enumerate(items, 1):
        if isinstance(item, Group):
            out += _group(item, depth + 1)
        else:
            out += [f"{INDENT * depth}{line}" for line in _case_lines(item)]
        out.append(f"{INDENT * depth}{_result(n, item)}")
    return out


def _group(g: Group, depth: int) -> list[str]:
    pad = INDENT * depth
    return [f"{pad}KTAP version 1", f"{pad}# Subtest: {_name(g.name)}"] + _items(g.items, depth)


def lines(run: Run) -> list[str]:
    body = _items(run.groups, 0)
    out = ["KTAP version 1", body[0], f"# verify {run.command}"] + body[1:]
    counts = {v: 0 for v in Verdict}
    for c in run.cases():
        counts[c.verdict] += 1
    out.append("# totals: " + " ".join(f"{v.value}:{n}" for v, n in counts.items())
               + f"; exit code {run.exit_code}")
    return out


def render(result: Any, out: TextIO, **_: Any) -> None:
    out.write("\n".join(lines(cases_of(result))) + "\n")
