"""Results of translation validation (``verify.equivalence``), as data."""
from __future__ import annotations

import dataclasses
from typing import Any

from models.config import CONFIGS
from verify.errors import EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN
from verify.results import Trace

EQUAL, DIFFER, UNKNOWN = "equal", "differ", "unknown"
NEAREST_MEASURE = ("fewest differing (word size, configuration) cells, then fewest outcome "
                   "fields that differ for some input, then the first in the list of designs")


@dataclasses.dataclass(frozen=True)
class Difference:
    """The first differing input: both designs' scenarios and the fields that differ."""
    word_size: int
    config: str
    fields: dict[str, tuple[str, str]]   # field -> (value in a, value in b), as C prints them
    scenario: dict[str, Any]             # design a's scenario (``verify replay`` reads it)
    against: dict[str, Any]              # the same input, as design b's scenario
    trace: Trace | None = None           # design a's call on it, step by step
    against_trace: Trace | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"word_size": self.word_size, "config": self.config,
               "fields": {k: {"a": va, "b": vb} for k, (va, vb) in self.fields.items()},
               "scenario": self.scenario, "against_scenario": self.against}
        if self.trace and self.against_trace:
            out["steps"] = [dataclasses.asdict(s) for s in self.trace.steps]
            out["against_steps"] = [dataclasses.asdict(s) for s in self.against_trace.steps]
        return out


@dataclasses.dataclass(frozen=True)
class Cell:
    """One (word size, configuration) of a comparison."""
    word_size: int
    config: str
    status: str                          # equal | differ | unknown
    reason: str | None = None            # why unknown

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"word_size": self.word_size, "config": self.config,
                               "reachable": CONFIGS[self.config].reachable, "status": self.status}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclasses.dataclass(frozen=True)
class Comparison:
    """Design ``a`` against design ``b``.  ``complete`` is false when only enough cells
    were decided to know that they differ (``identify`` when another design matched)."""
    a: str
    b: str
    cells: tuple[Cell, ...]              # the cells decided, in order word size, configuration
    compared: tuple[str, ...]            # the inputs both designs read
    pinned: dict[str, int | bool]        # the others, at the value of an input not read
    time_ms: float
    complete: bool = True
    can_differ: tuple[str, ...] | None = None   # every field that differs for some input
    first: Difference | None = None      # the first differing input, when worked out
    note: str | None = None              # why a list may be short

    @property
    def status(self) -> str:
        """differ if a cell differs (a proved difference); else unknown if a cell is;
        else equal (every cell proved)."""
        seen = {c.status for c in self.cells}
        return DIFFER if DIFFER in seen else UNKNOWN if UNKNOWN in seen else EQUAL

    @property
    def exit_code(self) -> int:
        return {EQUAL: EXIT_PROVED, DIFFER: EXIT_REFUTED, UNKNOWN: EXIT_UNKNOWN}[self.status]

    @property
    def differing(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.status == DIFFER)

    @property
    def distance(self) -> tuple[int, int]:
        """(differing cells, fields that can differ): (0, 0) is equal."""
        return len(self.differing), len(self.can_differ or ())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "a": self.a, "b": self.b, "status": self.status, "exit_code": self.exit_code,
            "compared_inputs": list(self.compared), "pinned_inputs": dict(self.pinned),
            "complete": self.complete, "differing_cells": len(self.differing),
            "time_ms": round(self.time_ms, 3), "cells": [c.to_dict() for c in self.cells]}
        if self.can_differ is not None:
            out["fields_that_can_differ"] = list(self.can_differ)
        out["first_difference"] = self.first.to_dict() if self.first else None
        if self.note:
            out["note"] = self.note
        return out


@dataclasses.dataclass(frozen=True)
class Identification:
    """Design ``design`` against every candidate."""
    design: str
    comparisons: tuple[Comparison, ...]
    nearest: Comparison | None = None    # when nothing is equivalent: see NEAREST_MEASURE

    @property
    def equivalent(self) -> tuple[str, ...]:
        return tuple(c.b for c in self.comparisons if c.status == EQUAL)

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(c.b for c in self.comparisons if c.status == UNKNOWN)

    @property
    def exit_code(self) -> int:
        """2 a comparison was unknown, else 0 something is equivalent, else 1."""
        if self.unknown:
            return EXIT_UNKNOWN
        return EXIT_PROVED if self.equivalent else EXIT_REFUTED

    def to_dict(self) -> dict[str, Any]:
        return {"design": self.design, "equivalent": list(self.equivalent),
                "unknown": list(self.unknown),
                "nearest": self.nearest.to_dict() if self.nearest else None,
                "nearest_measure": NEAREST_MEASURE, "exit_code": self.exit_code,
                "time_ms": round(sum(c.time_ms for c in self.comparisons), 3),
                "comparisons": [{"b": c.b, "status": c.status, "complete": c.complete,
                                 "differing_cells": [[x.word_size, x.config] for x in c.differing],
                                 "pinned_inputs": dict(c.pinned)} for c in self.comparisons]}
