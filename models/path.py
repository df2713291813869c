"""Guarded symbolic execution of one kernel call path.

Kernel functions are written as small Python methods that read like the C:
``with p.when(cond):`` narrows the current path condition, ``p.set`` assigns a
state field under it, ``p.call`` records a callee and its result, ``p.warn``
records a ``WARN_ON_ONCE``.  Every assignment and every rule result is bound to
a fresh Z3 constant by a definition ``name == expr`` tagged with the kernel rule
it comes from, so that a proof can name, through an unsat core, the rules it
used, and a counterexample can show every intermediate value.
"""
from __future__ import annotations

import contextlib
import dataclasses
from typing import Iterator

import z3

from models import terms
from models.rules import Rule


@dataclasses.dataclass(frozen=True)
class Step:
    """One line of the trace: shown when ``guard`` holds in a model."""
    label: str
    rule: Rule | None
    guard: z3.BoolRef
    values: dict[str, z3.ExprRef]
    kind: str = "step"  # step | call | warn | lock | unmap | return


@dataclasses.dataclass(frozen=True)
class Source:
    """An error source: a callee or a check that produced ``value`` when ``ran``."""
    name: str
    ran: z3.BoolRef
    value: z3.BitVecRef


@dataclasses.dataclass(frozen=True)
class Definition:
    var: z3.ExprRef
    constraint: z3.BoolRef
    rule: Rule | None


class Path:
    """The state of one symbolic run: guard stack, state, definitions, trace."""

    def __init__(self, word: int, prefix: str = "", inline: bool = False) -> None:
        self.word = word
        self.prefix = prefix
        self.inline = inline    # terms over the inputs only, no definitions (for comparisons)
        self._guards: list[z3.BoolRef] = [z3.BoolVal(True)]
        self._rules: list[Rule] = []
        self.rules_met: dict[Rule, None] = {}  # every rule entered, in the order first met
        self.state: dict[str, z3.ExprRef] = {}
        self.defs: list[Definition] = []
        self.steps: list[Step] = []
        self.sources: list[Source] = []
        self.warnings: dict[str, z3.BoolRef] = {}
        self.warn_sites: dict[str, str] = {}   # warning -> the kernel function it is in
        self._fresh = 0

    # -- path condition -------------------------------------------------
    @property
    def guard(self) -> z3.BoolRef:
        return self._guards[-1]

    @contextlib.contextmanager
    def when(self, cond: z3.BoolRef) -> Iterator[None]:
        g = self.guard
        self._guards.append(cond if z3.is_true(g) else terms.And(g, cond))
        try:
            yield
        finally:
            self._guards.pop()

    @contextlib.contextmanager
    def in_rule(self, rule: Rule) -> Iterator[None]:
        self.rules_met.setdefault(rule)
        self._rules.append(rule)
        try:
            yield
        finally:
            self._rules.pop()

    @property
    def rule(self) -> Rule | None:
        return self._rules[-1] if self._rules else None

    # -- definitions ----------------------------------------------------
    def define(self, name: str, expr: z3.ExprRef) -> z3.ExprRef:
        """Bind ``expr`` to a fresh constant, tagged with the current rule; with
        ``inline``, return ``expr`` itself: every term is then over the inputs alone,
        and two designs that compute alike build the same term."""
        if self.inline:
            return expr
        self._fresh += 1
        var = z3.Const(f"{self.prefix}{name}!{self._fresh}", expr.sort())
        self.defs.append(Definition(var, var == expr, self.rule))
        return var

    def init(self, field: str, value: z3.ExprRef) -> None:
        self.state[field] = value

    def set(self, field: str, value: z3.ExprRef) -> None:
        old = self.state[field]
        new = value if z3.is_true(self.guard) else terms.If(self.guard, value, old)
        self.state[field] = self.define(field, new)

    def __getitem__(self, field: str) -> z3.ExprRef:
        return self.state[field]

    # -- events ---------------------------------------------------------
    def step(self, label: str, kind: str = "step", **values: z3.ExprRef) -> None:
        self.steps.append(Step(label, self.rule, self.guard, values, kind))

    def call(self, name: str, result: z3.BitVecRef, label: str | None = None,
             **values: z3.ExprRef) -> z3.BitVecRef:
        """A callee whose result is ``result`` (usually a symbolic input); ``label`` is the
        trace line when it is not the callee's name (the C front end cites ``file:line``)."""
        self.sources.append(Source(name, self.guard, result))
        self.step(label or name, "call", ret=result, **values)
        return result

    def fail(self, name: str, value: z3.BitVecRef, label: str | None = None) -> z3.BitVecRef:
        """An error produced by the code itself (``return -EINVAL``)."""
        self.sources.append(Source(name, self.guard, value))
        self.step(label or name, "return", ret=value)
        return value

    def warn(self, name: str, cond: z3.BoolRef) -> z3.BoolRef:
        """``WARN_ON_ONCE(cond)``: recorded as an event; returns ``cond``."""
        fired = terms.And(self.guard, cond)
        old = self.warnings.get(name, z3.BoolVal(False))
        self.warn_sites.setdefault(name, self.rule.function if self.rule else name)
        self.warnings[name] = self.define(f"warn_{name}", terms.Or(old, fired))
        with self.when(cond):
            self.step(f"WARN_ON_ONCE: {name}", "warn")
        return cond

    def constraints(self) -> list[z3.BoolRef]:
        return [d.constraint for d in self.defs]
