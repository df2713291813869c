"""Checking transition systems: an ``Unrolling`` of a system on a solver, and
what the checkers (``verify.bmc``, ``verify.kinduction``) return.

The interface a system implements (state variables, ``init(s0)``,
``trans(k, s_k, s_k+1)``, properties) is ``models.transition``; it is
re-exported here.  An ``Unrolling`` lays the system out on a solver, one
transition at a time, so that one solver serves every depth.

Positions: a path of ``n`` transitions has states ``0..n``.  A state property
is checked at every state; a step property at position ``j >= 1`` is checked
on transition ``j-1`` (from state ``j-1`` to state ``j``) and holds trivially
at position 0.
"""
from __future__ import annotations

import dataclasses
import enum
import itertools
from typing import Any

import z3

from models import terms
from models.transition import Property, State, StateVar, Step, TransitionSystem
from verify.errors import EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN
from verify.trace import build_trace

__all__ = ["Property", "State", "StateVar", "Step", "TransitionSystem", "Unrolling", "SeqStatus",
           "SeqStep", "SeqTrace", "SeqResult", "exit_code", "guarded", "retire"]
_literals = itertools.count()


def guarded(solver: z3.Solver, formula: z3.BoolRef) -> z3.BoolRef:
    """A fresh assumption literal ``q`` with ``q -> formula`` asserted: checking under
    ``q`` asks for ``formula`` without a push/pop scope, so the solver keeps what it
    learned (``retire`` then switches ``q`` off for good)."""
    q = z3.Bool(f"assume!{next(_literals)}")
    terms.add(solver, z3.Implies(q, formula))
    return q


def retire(solver: z3.Solver, *literals: z3.BoolRef) -> None:
    terms.add(solver, *[z3.Not(q) for q in literals])


class Unrolling:
    """States ``0..n`` and transitions ``0..n-1`` of a system, asserted on a solver
    as they are added (never rebuilt)."""

    def __init__(self, system: TransitionSystem, solver: z3.Solver, initial: bool) -> None:
        self.system, self.solver = system, solver
        self.states: list[State] = [system.state(0)]
        self.steps: list[Step] = []
        self.initial = initial
        if initial:
            solver.add(system.init(self.states[0]))

    @property
    def depth(self) -> int:
        return len(self.steps)

    def extend(self) -> None:
        step, _, t = self.system.step(self.depth)
        terms.add(self.solver, *step.constraints)
        self.steps.append(step)
        self.states.append(t)

    def extend_to(self, depth: int) -> None:
        while self.depth < depth:
            self.extend()

    def holds(self, prop: Property, j: int) -> z3.BoolRef:
        if prop.kind == "state":
            return prop.formula(self.states[j])
        if j == 0:
            return z3.BoolVal(True)
        return prop.formula(self.states[j - 1], self.steps[j - 1], self.states[j])

    def triggered(self, prop: Property, j: int) -> z3.BoolRef:
        if j == 0:
            return z3.BoolVal(prop.trigger is None and prop.kind == "state")
        if prop.trigger is None:
            return z3.BoolVal(True)
        return prop.trigger(self.states[j - 1], self.steps[j - 1], self.states[j])

    def simplest(self, extra: z3.BoolRef, model: z3.ModelRef, upto: int) -> z3.ModelRef:
        """A model of ``extra`` whose choices in steps ``0..upto-1`` are, one by one, the
        most preferred that keep it satisfiable.
        An unknown answer stops the search: ``model`` is returned as it was.
        """
        chosen = [guarded(self.solver, extra)]
        tried = list(chosen)
        try:
            for step in self.steps[:upto]:
                for alternatives in self.system.preferences(step):
                    for pin in alternatives:
                        q = guarded(self.solver, pin)
                        tried.append(q)
                        r = terms.check(self.solver, *chosen, q)
                        if r == z3.unknown:
                            return model
                        if r == z3.sat:
                            chosen.append(q)
                            break
            if terms.check(self.solver, *chosen) == z3.sat:
                better = self.solver.model()
                if self.consistent(better, extra, upto):
                    model = better
            return model
        finally:
            retire(self.solver, *tried)

    def consistent(self, model: z3.ModelRef, extra: z3.BoolRef, upto: int) -> bool:
        """Does ``model`` satisfy what the solver was asked: the initial states (if any),
        transitions ``0..upto-1`` and ``extra``?  A solver interrupted by its time limit
        has been seen to answer later checks with models that do not."""
        parts = [self.system.init(self.states[0])] if self.initial else []
        parts += [c for st in self.steps[:upto] for c in st.constraints] + [extra]
        return all(z3.is_true(model.eval(c, model_completion=True)) for c in parts)

    def distinct(self, i: int, j: int) -> z3.BoolRef:
        """States ``i`` and ``j`` differ (the simple-path constraint)."""
        a, b = self.states[i], self.states[j]
        return z3.Or(*[a[v.name] != b[v.name] for v in self.system.variables()])

    def trace(self, model: z3.ModelRef, prop: str, upto: int, what: str,
              position: int | None = None) -> "SeqTrace":
        """States ``0..upto`` in ``model``; ``position``: where ``prop`` fails."""
        sysm = self.system
        states = [{v.name: sysm.value(v, model, s[v.name]) for v in sysm.variables()}
                  for s in self.states[:upto + 1]]
        steps = []
        for k in range(len(states) - 1):
            d = sysm.describe_step(self.steps[k], model)
            changed = tuple(n for n in states[k] if states[k][n] != states[k + 1][n])
            call = None
            if d.get("call") is not None:
                design, outcome = d["call"]
                call = build_trace(design.name, outcome, model, design.input_tags)
            steps.append(SeqStep(k, d["action"], d["params"], d.get("result", {}), changed, call))
        return SeqTrace(sysm.name, what, prop, position, tuple(sysm.variables()), tuple(states),
                        tuple(steps))


# ---- results -------------------------------------------------------------------

class SeqStatus(str, enum.Enum):
    PROVED = "proved"            # k-induction closed: holds on sequences of any length
    BOUNDED = "bounded"          # no violation on any sequence up to the depth (bounded proof)
    REFUTED = "refuted"          # a sequence from an initial state violates it
    NOT_CLOSED = "not-closed"    # k-induction did not close within the bound: proves nothing
    UNKNOWN = "unknown"          # the solver gave up or timed out: never a pass
    VACUOUS = "vacuous"          # the situation the property is about never happens

    @property
    def exit_code(self) -> int:
        if self in (SeqStatus.PROVED, SeqStatus.BOUNDED):
            return EXIT_PROVED
        if self is SeqStatus.REFUTED:
            return EXIT_REFUTED
        return EXIT_UNKNOWN


@dataclasses.dataclass(frozen=True)
class SeqStep:
    index: int
    action: str
    params: dict[str, Any]
    result: dict[str, Any]
    changed: tuple[str, ...]        # state variables this step changed
    call: Any = None                # the one-call trace behind the step, if the system has one


@dataclasses.dataclass(frozen=True)
class SeqTrace:
    """A concrete sequence: states ``0..n`` and the ``n`` labelled steps between them."""
    system: str
    what: str                       # counterexample | counterexample to induction | witness
    prop: str
    position: int | None            # where the property fails (None for a witness)
    variables: tuple[StateVar, ...]
    states: tuple[dict[str, Any], ...]
    steps: tuple[SeqStep, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system, "kind": self.what, "property": self.prop,
            "position": self.position, "variables": [v.name for v in self.variables],
            "states": [{n: _plain(v) for n, v in s.items()} for s in self.states],
            "steps": [{"index": s.index, "action": s.action, "params": dict(s.params),
                       "result": dict(s.result), "changed": list(s.changed),
                       **({"call": s.call.to_dict()} if s.call is not None else {})}
                      for s in self.steps],
        }


def _plain(value: Any) -> Any:
    """JSON-ready: sets become sorted lists."""
    return sorted(value) if isinstance(value, (set, frozenset)) else value


@dataclasses.dataclass(frozen=True)
class SeqResult:
    prop: str
    method: str                     # bmc | k-induction
    status: SeqStatus
    depth: int                      # BMC: depth explored; k-induction: the k reached
    time_ms: float
    trace: SeqTrace | None = None   # counterexample, or counterexample to induction
    witness: SeqTrace | None = None  # the property's situation happens (non-vacuity)
    reason: str | None = None
    context: dict[str, Any] = dataclasses.field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"property": self.prop, **self.context, "method": self.method,
                               "status": self.status.value, "depth": self.depth,
                               "time_ms": round(self.time_ms, 3)}
        if self.reason:
            out["reason"] = self.reason
        if self.trace:
            out["trace"] = self.trace.to_dict()
        if self.witness:
            out["witness"] = self.witness.to_dict()
        return out


def exit_code(results: list[SeqResult]) -> int:
    """2 if anything is unknown, vacuous or did not close; else 1 if anything is
    refuted; else 0."""
    codes = {r.status.exit_code for r in results}
    if EXIT_UNKNOWN in codes:
        return EXIT_UNKNOWN
    if EXIT_REFUTED in codes:
        return EXIT_REFUTED
    return EXIT_PROVED
