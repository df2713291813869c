"""The mutation check: every invariant against every mutant of the current design.

A mutant is killed by an invariant when the invariant is refuted on the mutant
in some configuration of its scope, on either word size.  The check also
proves the unmutated design on the same obligations (the baseline): a kill
counts only against a design that passes.  Returns data, never prints.
"""
from __future__ import annotations

import dataclasses
import enum
import time
from typing import Any, Iterable

from models import DEFAULT_DESIGN
from models.mutants import MUTANTS
from proofs import INVARIANTS
from verify import catalog
from verify.engine import DEFAULT_TIMEOUT_MS
from verify.errors import EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN, UnknownName, UsageError
from verify.matrix import Group, solve
from verify.results import ObligationResult, Status


class Kill(str, enum.Enum):
    KILLED = "killed"        # refuted somewhere in scope
    SURVIVED = "survived"    # proved everywhere in scope
    UNKNOWN = "unknown"      # not refuted, and some obligation unknown or vacuous: no verdict


@dataclasses.dataclass(frozen=True)
class KillCell:
    mutant: str
    invariant: str
    verdict: Kill
    by: tuple[str, int] | None = None   # (config, word size) of the first refutation


@dataclasses.dataclass(frozen=True)
class MutationResult:
    base: str
    mutants: tuple[str, ...]
    invariants: tuple[str, ...]
    cells: tuple[KillCell, ...]
    baseline: tuple[ObligationResult, ...]   # the unmutated design on the same obligations
    obligations: int
    wall_ms: float
    jobs: int

    def cell(self, mutant: str, inv: str) -> KillCell:
        return next(c for c in self.cells if c.mutant == mutant and c.invariant == inv)

    def killers(self, mutant: str) -> list[str]:
        return [c.invariant for c in self.cells if c.mutant == mutant and c.verdict is Kill.KILLED]

    def kills(self, inv: str) -> list[str]:
        return [c.mutant for c in self.cells if c.invariant == inv and c.verdict is Kill.KILLED]

    def unique_kills(self, inv: str) -> list[str]:
        """The mutants only ``inv`` kills."""
        return [m for m in self.kills(inv) if self.killers(m) == [inv]]

    @property
    def survivors(self) -> list[str]:
        """The mutants no invariant kills (some may be undecided: see ``undecided``)."""
        return [m for m in self.mutants if not self.killers(m)]

    @property
    def undecided(self) -> list[str]:
        """Survivors with a cell that has no verdict: an invariant may still kill them."""
        return [m for m in self.survivors
                if any(c.verdict is Kill.UNKNOWN for c in self.cells if c.mutant == m)]

    @property
    def dead_invariants(self) -> list[str]:
        return [i for i in self.invariants if not self.kills(i)]

    @property
    def kill_rate(self) -> float:
        return (len(self.mutants) - len(self.survivors)) / len(self.mutants) if self.mutants else 0.0

    @property
    def baseline_failures(self) -> list[ObligationResult]:
        return [r for r in self.baseline if r.status is not Status.PROVED]

    @property
    def exit_code(self) -> int:
        """1 when a mutant survives every invariant with a verdict on each, or the baseline
        fails; else 2 when a cell has no verdict; else 0."""
        known = [m for m in self.survivors if m not in self.undecided]
        if known or any(r.status is Status.REFUTED for r in self.baseline):
            return EXIT_REFUTED
        if self.baseline_failures or any(c.verdict is Kill.UNKNOWN for c in self.cells):
            return EXIT_UNKNOWN
        return EXIT_PROVED

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base, "mutants": [
                {"name": m, "summary": MUTANTS[m].summary, "killed_by": self.killers(m)}
                for m in self.mutants],
            "invariants": [
                {"id": i, "kills": self.kills(i), "only_killer_of": self.unique_kills(i)}
                for i in self.invariants],
            "matrix": {m: {i: self.cell(m, i).verdict.value for i in self.invariants}
                       for m in self.mutants},
            "first_refutation": {m: {i: list(self.cell(m, i).by) for i in self.invariants
                                     if self.cell(m, i).by} for m in self.mutants},
            "kill_rate": round(self.kill_rate, 4), "survivors": self.survivors,
            "dead_invariants": self.dead_invariants,
            "baseline": {"design": self.base, "obligations": len(self.baseline),
                         "not_proved": [r.to_dict() for r in self.baseline_failures]},
            "obligations": self.obligations, "wall_ms": round(self.wall_ms, 3), "jobs": self.jobs,
            "exit_code": self.exit_code,
        }


def _cell(mutant: str, inv: str, results: list[ObligationResult]) -> KillCell:
    mine = [r for r in results if r.obligation.invariant == inv]
    for r in mine:
        if r.status is Status.REFUTED:
            return KillCell(mutant, inv, Kill.KILLED, (r.obligation.config, r.obligation.word_size))
    if all(r.status is Status.PROVED for r in mine):
        return KillCell(mutant, inv, Kill.SURVIVED)
    return KillCell(mutant, inv, Kill.UNKNOWN)


def mutate(mutants: Iterable[str] | None = None, invariants: Iterable[str] | None = None,
           word_sizes: Iterable[int] | None = None, jobs: int | None = None,
           timeout_ms: int = DEFAULT_TIMEOUT_MS) -> MutationResult:
    """Run every requested invariant (default: all) against every requested mutant
    (default: all) on each invariant's scope and the requested word sizes (default: both)."""
    if timeout_ms <= 0:
        raise UsageError(f"timeout must be a positive number of milliseconds, not {timeout_ms}")
    names = list(mutants or []) or list(MUTANTS)
    for n in names:
        if n not in MUTANTS:
            raise UnknownName("mutant", n, MUTANTS)
    invs = [i.id for i in catalog.invariants(list(invariants or []))]
    ws = catalog.word_sizes(word_sizes)
    tasks = tuple((i, tuple(INVARIANTS[i].scope)) for i in invs)
    t0 = time.perf_counter()
    groups = [Group(DEFAULT_DESIGN, w, tasks) for w in ws]
    groups += [Group(m, w, tasks, first_refuted=True) for m in names for w in ws]
    solved, used = solve(groups, jobs, timeout_ms)
    baseline = tuple(r for rs in solved[:len(ws)] for r in rs)
    per_mutant: dict[str, list[ObligationResult]] = {m: [] for m in names}
    for g, rs in zip(groups[len(ws):], solved[len(ws):]):
        per_mutant[g.design].extend(rs)
    cells = tuple(_cell(m, i, per_mutant[m]) for m in names for i in invs)
    wall = (time.perf_counter() - t0) * 1e3
    n = sum(len(rs) for rs in solved)
    return MutationResult(DEFAULT_DESIGN, tuple(names), tuple(invs), cells, baseline, n, wall, used)
