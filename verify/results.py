"""Results as data.  ``prove()`` returns these; renderers turn them into text or JSON."""
from __future__ import annotations

import dataclasses
import enum
from typing import Any

from models.config import config
from verify.errors import EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN


class Status(str, enum.Enum):
    PROVED = "proved"      # assumptions satisfiable, negated property unsat
    REFUTED = "refuted"    # a counterexample exists
    UNKNOWN = "unknown"    # timeout or the solver gave up: never a pass
    VACUOUS = "vacuous"    # the assumptions are unsatisfiable: the proof says nothing


@dataclasses.dataclass(frozen=True)
class Obligation:
    invariant: str
    design: str
    word_size: int
    config: str
    in_scope: bool = True   # the invariant claims to hold on this config

    @property
    def id(self) -> str:
        return f"{self.invariant}[{self.design},{self.word_size}-bit,{self.config}]"


@dataclasses.dataclass(frozen=True)
class TraceStep:
    label: str
    kind: str                       # step | call | warn | lock | unmap | return
    cite: str | None                # kernel file:function
    values: dict[str, str]          # as C would print them
    raw: dict[str, int | bool]


@dataclasses.dataclass(frozen=True)
class Trace:
    """One concrete mmap call: its inputs (a replayable scenario), its steps and outcome."""
    design: str
    word_size: int
    inputs: dict[str, int | bool]
    steps: tuple[TraceStep, ...]
    outcome: dict[str, int | bool]
    shown: dict[str, str]           # outcome and inputs as C would print them

    def scenario(self) -> dict[str, Any]:
        return {"design": self.design, "word_size": self.word_size, "inputs": dict(self.inputs)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario(),
            "steps": [dataclasses.asdict(s) for s in self.steps],
            "outcome": dict(self.outcome),
            "shown": dict(self.shown),
        }


@dataclasses.dataclass(frozen=True)
class ObligationResult:
    obligation: Obligation
    status: Status
    time_ms: float
    reason: str | None = None            # why unknown or vacuous
    witness: Trace | None = None         # the assumptions are satisfiable: one example
    counterexample: Trace | None = None  # refuted: the failing call
    fails: tuple[str, ...] = ()          # refuted: the parts of the formula that are false
    reads: tuple[tuple[str, str], ...] = ()  # refuted: each field the formula reads, its value

    def to_dict(self) -> dict[str, Any]:
        ob = self.obligation
        out: dict[str, Any] = {
            "id": ob.id, "invariant": ob.invariant, "design": ob.design,
            "word_size": ob.word_size, "config": ob.config, "in_scope": ob.in_scope,
            "reachable": config(ob.config).reachable,
            "status": self.status.value, "time_ms": round(self.time_ms, 3),
        }
        if self.reason:
            out["reason"] = self.reason
        if self.witness:
            out["witness"] = self.witness.to_dict()
        if self.counterexample:
            out["counterexample"] = self.counterexample.to_dict()
        if self.fails:
            out["fails"] = list(self.fails)
            out["reads"] = dict(self.reads)
        return out


@dataclasses.dataclass(frozen=True)
class SuiteResult:
    results: tuple[ObligationResult, ...]
    solver: str
    solver_version: str
    wall_ms: float

    @property
    def solver_ms(self) -> float:
        return sum(r.time_ms for r in self.results)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def exit_code(self) -> int:
        """2 if anything is unknown or vacuous, else 1 if anything is refuted, else 0."""
        if any(r.status in (Status.UNKNOWN, Status.VACUOUS) for r in self.results):
            return EXIT_UNKNOWN
        if any(r.status is Status.REFUTED for r in self.results):
            return EXIT_REFUTED
        return EXIT_PROVED

    def to_dict(self) -> dict[str, Any]:
        return {
            "solver": self.solver, "solver_version": self.solver_version,
            "summary": {s.value: self.count(s) for s in Status} | {
                "total": len(self.results), "solver_ms": round(self.solver_ms, 3),
                "wall_ms": round(self.wall_ms, 3)},
            "exit_code": self.exit_code,
            "obligations": [r.to_dict() for r in self.results],
        }
