"""The design x invariant x configuration x word-size matrix.

Obligations are grouped by (design, word size).  A group is one ``Session``:
the model is built once and asserted once, and each obligation is a push/pop
scope on its solver.  Groups run in worker processes (``jobs``, default one
per core); every result comes back as plain data.  Returns data, never prints.
"""
from __future__ import annotations

import dataclasses
import time
from typing import Any, Iterable, Sequence

from models import DESIGNS
from models.config import CONFIGS
from proofs import INVARIANTS
from verify import catalog
from verify.engine import DEFAULT_TIMEOUT_MS, Session
from verify.errors import EXIT_PROVED, EXIT_UNKNOWN, UsageError
from verify.results import ObligationResult, Status
from verify.workers import starmap


@dataclasses.dataclass(frozen=True)
class Group:
    """Obligations of one design at one word size, solved on one solver."""
    design: str
    word: int
    tasks: tuple[tuple[str, tuple[str, ...]], ...]  # (invariant id, configurations in order)
    first_refuted: bool = False  # stop an invariant at its first refuted configuration

    @property
    def size(self) -> int:
        return sum(len(cfgs) for _, cfgs in self.tasks)


def solve_group(group: Group, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> list[ObligationResult]:
    """Verdicts only (no simplification, no traces): what a matrix needs."""
    session = Session(catalog.design(group.design), group.word, timeout_ms, inline=True)
    out = []
    for inv_id, cfgs in group.tasks:
        for c in cfgs:
            r = session.obligation(INVARIANTS[inv_id], CONFIGS[c], simplify=False, traces=False)
            out.append(r)
            if group.first_refuted and r.status is Status.REFUTED:
                break
    return out


def solve(groups: Sequence[Group], jobs: int | None = None,
          timeout_ms: int = DEFAULT_TIMEOUT_MS) -> tuple[list[list[ObligationResult]], int]:
    """Solve every group; returns the results in the order of ``groups`` and the
    number of worker processes used (1: in this process)."""
    # Largest groups first, so that the last worker to finish is not the slowest.
    order = sorted(range(len(groups)), key=lambda i: -groups[i].size)
    solved, jobs = starmap(solve_group, [(groups[i], timeout_ms) for i in order], jobs)
    out: list[list[ObligationResult]] = [[] for _ in groups]
    for i, res in zip(order, solved):
        out[i] = res
    return out, jobs


@dataclasses.dataclass(frozen=True)
class MatrixResult:
    designs: tuple[str, ...]
    invariants: tuple[str, ...]
    configs: tuple[str, ...]
    words: tuple[int, ...]
    results: tuple[ObligationResult, ...]
    wall_ms: float
    jobs: int
    counterexamples: tuple[ObligationResult, ...] = ()  # one traced refutation per (design, invariant)

    def status(self, design: str, inv: str, config: str, word: int) -> Status:
        return self._index[(design, inv, config, word)].status

    @property
    def _index(self) -> dict[tuple[str, str, str, int], ObligationResult]:
        idx = self.__dict__.get("_idx")
        if idx is None:
            idx = {(r.obligation.design, r.obligation.invariant, r.obligation.config,
                    r.obligation.word_size): r for r in self.results}
            object.__setattr__(self, "_idx", idx)
        return idx

    def refuted(self, design: str, inv: str) -> list[ObligationResult]:
        return [r for r in self.results if r.obligation.design == design
                and r.obligation.invariant == inv and r.status is Status.REFUTED]

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def exit_code(self) -> int:
        """The matrix is an answer (refuted cells are findings): 0, or 2 when a cell
        is unknown or vacuous."""
        if any(r.status in (Status.UNKNOWN, Status.VACUOUS) for r in self.results):
            return EXIT_UNKNOWN
        return EXIT_PROVED

    def to_dict(self) -> dict[str, Any]:
        cells = {}
        for d in self.designs:
            for i in self.invariants:
                cells.setdefault(d, {})[i] = {
                    c: {str(w): self.status(d, i, c, w).value for w in self.words}
                    for c in self.configs}
        return {
            "designs": list(self.designs), "invariants": list(self.invariants),
            "configs": list(self.configs), "word_sizes": list(self.words),
            "scope": {i: list(INVARIANTS[i].scope) for i in self.invariants},
            "cells": cells,
            "summary": {s.value: self.count(s) for s in Status} | {
                "total": len(self.results), "wall_ms": round(self.wall_ms, 3), "jobs": self.jobs},
            "exit_code": self.exit_code,
            "counterexamples": [r.to_dict() for r in self.counterexamples],
        }


def matrix(designs: Iterable[str] | None = None, invariants: Iterable[str] | None = None,
           configs: Iterable[str] | None = None, word_sizes: Iterable[int] | None = None,
           jobs: int | None = None, timeout_ms: int = DEFAULT_TIMEOUT_MS,
           traces: bool = False) -> MatrixResult:
    """Every invariant on every design, configuration and word size (all by default,
    inside and outside each invariant's scope).  ``traces`` adds, for each refuted
    (design, invariant), the first refuted cell again with a readable counterexample."""
    if timeout_ms <= 0:
        raise UsageError(f"timeout must be a positive number of milliseconds, not {timeout_ms}")
    ds = [catalog.design(n).name for n in (list(designs or []) or list(DESIGNS))]
    invs = [i.id for i in catalog.invariants(list(invariants or []))]
    cfgs = [c.name for c in (catalog.configs(list(configs or [])) or CONFIGS.values())]
    ws = catalog.word_sizes(word_sizes)
    t0 = time.perf_counter()
    groups = [Group(d, w, tuple((i, tuple(cfgs)) for i in invs)) for d in ds for w in ws]
    solved, used = solve(groups, jobs, timeout_ms)
    results = tuple(r for rs in solved for r in rs)
    partial = MatrixResult(tuple(ds), tuple(invs), tuple(cfgs), tuple(ws), results, 0.0, used)
    cexs: list[ObligationResult] = []
    if traces:
        sessions: dict[tuple[str, int], Session] = {}
        for d in ds:
            for i in invs:
                bad = partial.refuted(d, i)
                if not bad:
                    continue
                ob = bad[0].obligation
                key = (d, ob.word_size)
                if key not in sessions:
                    sessions[key] = Session(catalog.design(d), ob.word_size, timeout_ms, inline=True)
                cexs.append(sessions[key].obligation(INVARIANTS[i], CONFIGS[ob.config]))
    wall = (time.perf_counter() - t0) * 1e3
    return dataclasses.replace(partial, wall_ms=wall, counterexamples=tuple(cexs))
