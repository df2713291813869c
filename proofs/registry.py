"""The registry of invariants: declared once, read by the CLI, tests and docs.

An invariant is a property of one mmap call's ``Outcome``.  It states where it
is claimed to hold (``scope``: the configurations of the proof suite); on the
other configurations the verifier still runs it on request, and what it finds
there (usually a counterexample) is a result, recorded as a finding.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Callable

import z3

from models.config import CONFIGS
from models.outcome import Outcome

Formula = Callable[[Outcome], z3.BoolRef]


@dataclasses.dataclass(frozen=True)
class Assumption:
    id: str
    statement: str
    formula: Formula
    # A contract on a callee's result: who owes it, the code that produces the values it
    # allows, and what the kernel does when it is broken (read with its counterexample).
    party: str = ""                  # "driver" (nothing in mm checks it), "kernel", or ""
    produced_by: tuple[str, ...] = ()  # "file:function: the values it returns"
    broken: str = ""                 # what happens when it does not hold, for a reviewer


@dataclasses.dataclass(frozen=True)
class Invariant:
    id: str
    statement: str                 # one line, plain English
    formula: Formula               # holds(outcome)
    formula_text: str              # the formula as a reader sees it
    assumptions: tuple[Assumption, ...]
    scope: tuple[str, ...]         # reachable configurations where the kernel satisfies it
    protects: tuple[str, ...]      # kernel "file:function" it protects
    rationale: str = ""            # why it holds
    outside_scope: str = ""        # what the kernel does on the other configurations

    def assume(self, o: Outcome) -> z3.BoolRef:
        return z3.And(*[a.formula(o) for a in self.assumptions]) if self.assumptions \
            else z3.BoolVal(True)

    def holds(self, o: Outcome) -> z3.BoolRef:
        return self.formula(o)


INVARIANTS: dict[str, Invariant] = {}
_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def invariant(id: str, statement: str, *, formula_text: str, assumptions: tuple[Assumption, ...],
              scope: tuple[str, ...], protects: tuple[str, ...], rationale: str = "",
              outside_scope: str = "") -> Callable[[Formula], Formula]:
    """Register the decorated ``f(outcome) -> BoolRef`` as an invariant."""
    def deco(fn: Formula) -> Formula:
        if not _ID.match(id):
            raise ValueError(f"invariant id {id!r} must be lower-case words joined by '-'")
        if id in INVARIANTS:
            raise ValueError(f"invariant {id!r} is declared twice; pick another id")
        unknown = [c for c in scope if c not in CONFIGS]
        if unknown or not scope:
            raise ValueError(f"invariant {id!r}: scope must name configs from {sorted(CONFIGS)}")
        unreachable = [c for c in scope if not CONFIGS[c].reachable]
        if unreachable:
            raise ValueError(f"invariant {id!r}: {unreachable} cannot be in a scope: "
                             f"{CONFIGS[unreachable[0]].note}")
        INVARIANTS[id] = Invariant(id, statement, fn, formula_text, assumptions, scope, protects,
                                   rationale, outside_scope)
        return fn
    return deco
