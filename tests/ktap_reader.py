"""A small reader of KTAP version 1 for the tests: the lines TAP does not have.

TAP readers (tap.py) read one level: the version line and the nested subtests
are unknown lines to them.  ``read`` checks what KTAP adds — each level opens
with ``KTAP version 1``, a subtest's lines are indented four spaces more than
its parent's, carry a ``# Subtest: NAME`` header and a plan, and end with the
parent's result line for that subtest, of the same name — and returns the tree.
Each level's own lines, de-indented, are also returned so that a TAP reader
can check the plan and result lines.
"""
from __future__ import annotations

import dataclasses
import re

RESULT = re.compile(r"^(ok|not ok) (\d+)(?: ([^#]*?))?\s*(?:# (\S+)(?: (.*))?)?$")
PLAN = re.compile(r"^1\.\.(\d+)$")


class KtapError(AssertionError):
    pass


@dataclasses.dataclass
class Test:
    number: int
    name: str
    ok: bool
    directive: str | None
    reason: str | None
    diagnostics: list[str]
    sub: "Level | None"

    @property
    def subtests(self) -> list["Test"]:
        return self.sub.tests if self.sub else []


@dataclasses.dataclass
class Level:
    name: str | None
    plan: int
    tests: list[Test]
    tap: str             # this level's own lines, de-indented: valid TAP


def _indent(line: str) -> int:
    return (len(line) - len(line.lstrip(" "))) // 4


def read(text: str) -> Level:
    lines = text.rstrip("\n").split("\n")
    level, end = _level(lines, 0, 0)
    if end != len(lines):
        raise KtapError(f"line {end + 1}: text after the last result: {lines[end]!r}")
    return level


def _level(lines: list[str], i: int, depth: int) -> tuple[Level, int]:
    pad = "    " * depth
    own: list[str] = []
    if i >= len(lines) or lines[i] != f"{pad}KTAP version 1":
        raise KtapError(f"line {i + 1}: expected {pad!r}'KTAP version 1', got "
                        f"{lines[i] if i < len(lines) else 'end of text'!r}")
    own.append("TAP version 13")     # what a TAP reader expects in its place
    i += 1
    name = None
    if depth and i < len(lines) and lines[i].startswith(f"{pad}# Subtest: "):
        name = lines[i][len(pad) + len("# Subtest: "):]
        i += 1
    plan = None
    tests: list[Test] = []
    pending: list[str] = []
    sub: Level | None = None
    while i < len(lines):
        line = lines[i]
        if _indent(line) > depth:
            if sub is not None:
                raise KtapError(f"line {i + 1}: two subtests before one result line")
            sub, i = _level(lines, i, depth + 1)
            continue
        if _indent(line) < depth or not line.startswith(pad):
            break
        body = line[len(pad):]
        own.append(body)
        i += 1
        if body.startswith("# ") or body == "#":
            pending.append(body[2:])
            continue
        m = PLAN.match(body)
        if m:
            if plan is not None or tests:
                raise KtapError(f"line {i}: a plan after the plan or after results")
            plan = int(m.group(1))
            continue
        m = RESULT.match(body)
        if not m:
            raise KtapError(f"line {i}: neither a result, a plan nor a diagnostic: {body!r}")
        number, tname = int(m.group(2)), (m.group(3) or "").strip()
        if number != len(tests) + 1:
            raise KtapError(f"line {i}: test {number} where {len(tests) + 1} was due")
        if sub is not None and sub.name is not None and sub.name != tname:
            raise KtapError(f"line {i}: subtest {sub.name!r} closed by a result named {tname!r}")
        tests.append(Test(number, tname, m.group(1) == "ok", m.group(4), m.group(5), pending, sub))
        pending, sub = [], None
        if plan is not None and len(tests) == plan and depth:
            break
    if plan is None:
        raise KtapError(f"level {name or 'top'}: no plan line")
    if plan != len(tests):
        raise KtapError(f"level {name or 'top'}: plan 1..{plan} but {len(tests)} results")
    return Level(name, plan, tests, "\n".join(own) + "\n"), i


def levels(level: Level) -> list[Level]:
    """Every level, this one first."""
    out = [level]
    for t in level.tests:
        if t.sub:
            out += levels(t.sub)
    return out


def leaves(level_or_tests) -> list[Test]:
    tests = level_or_tests.tests if isinstance(level_or_tests, Level) else level_or_tests
    out = []
    for t in tests:
        out += leaves(t.subtests) if t.subtests else [t]
    return out
