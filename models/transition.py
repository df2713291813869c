"""Transition systems: the interface every multi-step model implements.

A system declares its state variables, an initial-state predicate and a
transition relation over step-``k`` variables (``init(s0)``,
``trans(k, s_k, s_k+1)``).  Properties are named predicates, either over one
state or over one transition (pre-state, step, post-state).  The checkers that
unroll a system on a solver are in ``verify`` (``verify.transition``,
``verify.bmc``, ``verify.kinduction``); this module is the model side only.
"""
from __future__ import annotations

import abc
import dataclasses
from typing import Any, Callable

import z3

from models.cdefs import signed

State = dict[str, z3.ExprRef]


@dataclasses.dataclass(frozen=True)
class StateVar:
    name: str
    sort: z3.SortRef
    kind: str          # how the value reads: bool | int | ulong | pages (a page mask)
    meaning: str


@dataclasses.dataclass
class Step:
    """Transition ``k``: its constraints and the named terms properties may read."""
    k: int
    constraints: list[z3.BoolRef]
    terms: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Property:
    """A named predicate.  ``kind`` is "state" (``formula(s)``) or "step"
    (``formula(pre, step, post)``).  ``trigger(pre, step, post)`` is the
    situation the property is about; a run in which it never happens proves
    nothing (vacuous).  ``None``: any path of the requested length will do."""
    name: str
    kind: str
    formula: Callable[..., z3.BoolRef]
    trigger: Callable[[State, Step, State], z3.BoolRef] | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("state", "step"):
            raise ValueError(f"property {self.name!r}: kind must be 'state' or 'step', not {self.kind!r}")


class TransitionSystem(abc.ABC):
    """A model with state: variables, initial states, a transition relation."""
    name: str = ""

    def __init__(self) -> None:
        self._steps: dict[int, tuple[Step, State, State]] = {}

    @abc.abstractmethod
    def variables(self) -> tuple[StateVar, ...]:
        """The state variables, in display order."""

    @abc.abstractmethod
    def init(self, s: State) -> z3.BoolRef:
        """The initial states."""

    @abc.abstractmethod
    def transition(self, k: int, s: State, t: State) -> Step:
        """Transition ``k`` from ``s`` (state ``k``) to ``t`` (state ``k+1``)."""

    @abc.abstractmethod
    def describe_step(self, step: Step, model: z3.ModelRef) -> dict[str, Any]:
        """The step in a model: ``{"action": name, "params": {...}, "result": {...}}``,
        and ``"call": (design, outcome)`` when the step is one call of a one-call
        model (the checker turns it into that call's trace)."""

    def preferences(self, step: Step) -> list[tuple[z3.BoolRef, ...]]:
        """Readable counterexamples: for each free choice of ``step``, alternatives in
        order of preference (the checker keeps the first that still fits)."""
        return []

    def value(self, var: StateVar, model: z3.ModelRef, term: z3.ExprRef) -> Any:
        """The Python value of a state variable in a model."""
        val = model.eval(term, model_completion=True)
        if var.kind == "bool":
            return z3.is_true(val)
        n = val.as_long()
        return signed(n, val.size()) if var.kind == "int" else n

    def state(self, k: int) -> State:
        return {v.name: z3.Const(f"{v.name}@{k}", v.sort) for v in self.variables()}

    def step(self, k: int) -> tuple[Step, State, State]:
        """Transition ``k`` over fresh step-``k`` variables, built once and shared by
        every solver that unrolls this system."""
        if k not in self._steps:
            s, t = self.state(k), self.state(k + 1)
            self._steps[k] = (self.transition(k, s, t), s, t)
        return self._steps[k]
