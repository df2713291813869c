"""``timeline()``: every historical version x every invariant, and where each
known bug appears and disappears.  Returns data, never prints.

A cell is one version and one invariant over both word sizes and every
configuration of the invariant's scope: *proved* when every obligation is,
*refuted* when one is (the first refuted configuration is named, and the
command that prints its counterexample trace), *unknown* or *vacuous*
otherwise.  A refuted cell is then explained by the findings of
``models.history.bugs`` whose scenario, added to the obligation, still
refutes it (at the widest word size requested).

Work is grouped by (version, word size): one ``Session`` a group, solved in
worker processes (one per core by default).
"""
from __future__ import annotations

import dataclasses
import time
from typing import Any, Sequence

import z3

from models.config import CONFIGS
from models.history import VERSION_NAMES
from models.history.bugs import FINDINGS, Finding
from proofs import INVARIANTS
from verify import catalog
from verify.engine import DEFAULT_TIMEOUT_MS, Session
from verify.errors import EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN, UnknownName, UsageError
from verify.results import Status
from verify.workers import starmap


@dataclasses.dataclass(frozen=True)
class Cell:
    version: str
    invariant: str
    status: Status
    config: str | None = None          # first refuted (or undecided) configuration
    word_size: int | None = None
    findings: tuple[str, ...] = ()     # ids of the findings that explain a refutation
    reason: str | None = None

    @property
    def command(self) -> str | None:
        """The command that prints this cell's counterexample trace."""
        if self.status is not Status.REFUTED:
            return None
        return (f"verify prove --design {self.version} --invariant {self.invariant} "
                f"--config {self.config} --word-size {self.word_size}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"version": self.version, "invariant": self.invariant,
                               "status": self.status.value}
        if self.config:
            out |= {"config": self.config, "word_size": self.word_size}
        if self.status is Status.REFUTED:
            out |= {"findings": list(self.findings), "trace": self.command,
                    "anchor": f"#{self.version}--{self.invariant}"}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclasses.dataclass(frozen=True)
class Timeline:
    versions: tuple[str, ...]
    invariants: tuple[str, ...]
    word_sizes: tuple[int, ...]
    cells: dict[tuple[str, str], Cell]
    found: dict[str, tuple[str, ...]]     # finding id -> versions where the verifier finds it
    obligations: int
    wall_ms: float
    jobs: int

    def cell(self, version: str, invariant: str) -> Cell:
        return self.cells[(version, invariant)]

    def mismatches(self) -> list[str]:
        """Findings found where the code read says they are not, or missed where it says
        they are (only for findings whose invariants are all in this timeline)."""
        out = []
        for f in FINDINGS:
            if not set(f.invariants) <= set(self.invariants):
                continue
            want = [v for v in self.versions if v in f.versions]
            got = [v for v in self.versions if v in self.found.get(f.id, ())]
            if want != got:
                out.append(f"{f.id}: expected in {want or 'none'}, found in {got or 'none'}")
        return out

    @property
    def exit_code(self) -> int:
        """2 if a cell is unknown or vacuous; 1 if a finding is not where its record says;
        else 0 (refuted cells are the expected answer of a timeline)."""
        if any(c.status in (Status.UNKNOWN, Status.VACUOUS) for c in self.cells.values()):
            return EXIT_UNKNOWN
        return EXIT_REFUTED if self.mismatches() else EXIT_PROVED

    def to_dict(self) -> dict[str, Any]:
        from models import DESIGNS
        return {
            "versions": [{"name": v, "title": DESIGNS[v].title, "commit": DESIGNS[v].commit,
                          "date": DESIGNS[v].date, "tree": DESIGNS[v].tree,
                          "summary": DESIGNS[v].summary} for v in self.versions],
            "invariants": list(self.invariants),
            "word_sizes": list(self.word_sizes),
            "cells": [self.cells[(v, i)].to_dict() for v in self.versions for i in self.invariants],
            "findings": [{"id": f.id, "title": f.title, "kind": f.kind,
                          "invariants": list(f.invariants), "scenario": f.scenario_text,
                          "introduced": f.introduced, "fixed": f.fixed, "note": f.note,
                          "expected_in": [v for v in self.versions if v in f.versions],
                          "found_in": list(self.found.get(f.id, ()))} for f in FINDINGS],
            "mismatches": self.mismatches(),
            "summary": {"obligations": self.obligations, "wall_ms": round(self.wall_ms, 3),
                        "jobs": self.jobs},
            "exit_code": self.exit_code,
        }


# ---- one group: a version at one word size --------------------------------------------
def _finding_refutes(s: Session, f: Finding, inv_id: str) -> bool:
    inv = INVARIANTS[inv_id]
    on = [CONFIGS[c] for c in f.configs if c in inv.scope]
    if not on:
        return False
    return s.check(*s.queries(inv, *on).refutation, f.scenario(s.outcome))[0] == z3.sat


def cell_status(s: Session, inv) -> tuple[Status, str | None, str | None]:
    """One cell at one word size: the obligations of every configuration of the
    invariant's scope.  Vacuity is checked for each configuration (``Session.vacuity``,
    as ``Session.obligation`` does); the proof is one query over their disjunction,
    whose model, if any, names the refuted configuration."""
    for c in inv.scope:
        r, _, why = s.vacuity(inv, CONFIGS[c])
        if r == z3.unsat:
            return Status.VACUOUS, c, "the assumptions are unsatisfiable on this configuration"
        if r != z3.sat:
            return Status.UNKNOWN, c, f"vacuity check: {why}"
    scope = [CONFIGS[c] for c in inv.scope]
    r, model, why = s.check(*s.queries(inv, *scope).refutation)
    if r == z3.unsat:
        return Status.PROVED, None, None
    if r != z3.sat:
        return Status.UNKNOWN, inv.scope[0], why or "unknown"
    hit = next(k for k, c in enumerate(scope)
               if z3.is_true(model.eval(c.constrain(s.inputs), model_completion=True)))
    # Name the first refuted configuration in scope order, so that the answer is stable.
    for k in range(hit):
        if s.check(*s.queries(inv, scope[k]).refutation)[0] == z3.sat:
            return Status.REFUTED, inv.scope[k], None
    return Status.REFUTED, inv.scope[hit], None


def solve_group(version: str, word: int, invariants: Sequence[str],
                timeout_ms: int = DEFAULT_TIMEOUT_MS, explain: bool = True) -> tuple[list[tuple], set[tuple[str, str]], int]:
    """Cells of one version at one word size as plain tuples, the (finding, invariant)
    pairs whose scenario refutes the invariant on it, and the number of obligations."""
    s = Session(catalog.design(version), word, timeout_ms, inline=True)
    cells, n = [], 0
    for inv_id in invariants:
        status, config, reason = cell_status(s, INVARIANTS[inv_id])
        n += len(INVARIANTS[inv_id].scope)
        cells.append((inv_id, status.value, config, reason))
    refuted = {inv_id for inv_id, status, *_ in cells
               if explain and status == Status.REFUTED.value}
    found = {(f.id, i) for f in FINDINGS for i in f.invariants
             if i in refuted and _finding_refutes(s, f, i)}
    return cells, found, n




def timeline(versions: Sequence[str] | None = None, invariants: Sequence[str] | None = None,
             word_sizes: Sequence[int] | None = None, timeout_ms: int = DEFAULT_TIMEOUT_MS,
             jobs: int | None = None) -> Timeline:
    """The version x invariant timeline.  ``versions`` default to every historical
    version in order; ``invariants`` to every registered invariant.  Raises
    ``UsageError`` for an unknown name or value."""
    if timeout_ms <= 0:
        raise UsageError(f"timeout must be a positive number of milliseconds, not {timeout_ms}")
    vs = list(versions or VERSION_NAMES)
    for v in vs:
        if v not in VERSION_NAMES:
            raise UnknownName("version", v, VERSION_NAMES)
    invs = [i.id for i in catalog.invariants(list(invariants or []))]
    ws = catalog.word_sizes(word_sizes)
    groups = [(v, w) for v in vs for w in ws]
    t0 = time.perf_counter()
    # Findings are attributed at the widest word size (the known bugs do not depend on it).
    args = [(v, w, invs, timeout_ms, w == max(ws)) for v, w in groups]
    solved, n_jobs = starmap(solve_group, args, jobs)
    cells: dict[tuple[str, str], Cell] = {}
    pairs: dict[str, set[tuple[str, str]]] = {v: set() for v in vs}
    total = 0
    per_version: dict[str, list] = {v: [] for v in vs}
    for (v, w), (group_cells, group_found, n) in zip(groups, solved):
        total += n
        per_version[v].append((w, group_cells))
        pairs[v] |= group_found
    for v in vs:
        for k, inv_id in enumerate(invs):
            why = tuple(f.id for f in FINDINGS if (f.id, inv_id) in pairs[v])
            cells[(v, inv_id)] = _merge(v, inv_id, [(w, gc[k]) for w, gc in per_version[v]], why)
    found = {f.id: tuple(v for v in vs if any(fid == f.id for fid, _ in pairs[v]))
             for f in FINDINGS}
    wall = (time.perf_counter() - t0) * 1e3
    return Timeline(tuple(vs), tuple(invs), tuple(ws), cells, found, total, wall, n_jobs)


RANK = {Status.UNKNOWN: 3, Status.VACUOUS: 2, Status.REFUTED: 1, Status.PROVED: 0}


def _merge(version: str, inv_id: str, per_word: list[tuple[int, tuple]],
           why: tuple[str, ...]) -> Cell:
    """One cell from its word sizes: the worst status wins (unknown, vacuous, refuted)."""
    worst = None
    for w, (_, status, config, reason) in per_word:
        st = Status(status)
        if worst is None or RANK[st] > RANK[worst[1]]:
            worst = (w, st, config, reason)
    w, st, config, reason = worst
    if st is Status.PROVED:
        return Cell(version, inv_id, st)
    return Cell(version, inv_id, st, config, w, why if st is Status.REFUTED else (), reason)
