"""Everything the invariant docs show, computed once: the verdict of every
design x word size x configuration x invariant, the counterexample of each
refuted one, the rules each proof used and each design's state machine.

Work is split in groups of one design at one word size (one ``Session``
each), run in worker processes when more than one core is available.
Returns data and never prints; ``verify.docs.pages`` turns it into pages.
"""
from __future__ import annotations

import dataclasses
import datetime
import os
import time
from typing import Sequence

import z3

from models import DEFAULT_DESIGN, DESIGNS
from models.cdefs import WORD_SIZES
from models.config import CONFIGS, Config
from models.design import Design
from models.rules import Rule
from proofs import INVARIANTS, Invariant
from verify import catalog
from verify.docs import diagram
from verify.engine import DEFAULT_TIMEOUT_MS, Session
from verify.explain import explain_invariant
from verify.results import ObligationResult, Status
from verify.workers import starmap

Key = tuple[str, str, int, str]   # (invariant, design, word size, config)


@dataclasses.dataclass(frozen=True)
class Core:
    """What a proved obligation needs: the minimised unsat core."""
    rules: tuple[Rule, ...]
    assumptions: tuple[str, ...]   # ids of the assumptions in the core
    minimal: bool


@dataclasses.dataclass
class DocRun:
    invariants: list[Invariant]
    designs: list[Design]
    words: list[int]
    configs: list[Config]
    results: dict[Key, ObligationResult]
    cores: dict[Key, Core]                  # proved, in-scope obligations
    diagrams: dict[str, diagram.Diagram]
    z3_version: str
    date: str
    explained: bool = False                 # cores were computed
    solver_ms: float = 0.0
    wall_ms: float = 0.0

    def result(self, inv: str, design: str, word: int, config: str) -> ObligationResult:
        return self.results[(inv, design, word, config)]


def run_date() -> str:
    """UTC date of the run; SOURCE_DATE_EPOCH (reproducible builds) wins."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch.isdigit()
            else datetime.datetime.now(datetime.timezone.utc))
    return when.strftime("%Y-%m-%d %H:%M UTC")


@dataclasses.dataclass(frozen=True)
class Part:
    results: dict[Key, ObligationResult]
    cores: dict[Key, Core]
    diagram: diagram.Diagram | None


def solve_group(design: str, word: int, draw: bool, explain: bool,
                timeout_ms: int = DEFAULT_TIMEOUT_MS) -> Part:
    """Every invariant on every configuration of one design at one word size.

    Each obligation is asked once; a refuted one keeps its simplified counterexample
    (its time is the verdict's, without the simplifier) and no trace of the vacuity
    witness.  The verdicts, counterexamples and the state machine come from a session
    over the inputs alone (``inline``, as ``verify prove`` asks); the simplifier pins a
    counterexample's inputs by what is satisfiable, not by the model it starts from, so
    the counterexample is the one a session with the named definitions gives.  ``explain``: the unsat core of each proved, in-scope
    obligation, from a second session that has those definitions (the rules a core
    names).  ``draw``: the design's state machine.
    """
    session = Session(catalog.design(design), word, timeout_ms, inline=True)
    named = Session(catalog.design(design), word, timeout_ms) if explain else None
    results: dict[Key, ObligationResult] = {}
    cores: dict[Key, Core] = {}
    for inv in INVARIANTS.values():
        for c in CONFIGS.values():
            key = (inv.id, design, word, c.name)
            r = session.obligation(inv, c, simplify=True, traces=True, with_witness=False)
            if named and r.status is Status.PROVED and r.obligation.in_scope:
                e = explain_invariant(named, inv, c)
                if e.status == "impossible":
                    cores[key] = Core(tuple(e.rules), tuple(a.id for a in e.assumptions),
                                      e.minimal)
                else:   # the explanation gave up (a time limit): no page without its rules
                    r = dataclasses.replace(r, status=Status.UNKNOWN, reason=f"proved, but its "
                                            f"explanation is {e.status} ({e.reason})")
            results[key] = r
    return Part(results, cores, diagram.build(session) if draw else None)


def collect(designs: Sequence[Design] | None = None, timeout_ms: int = DEFAULT_TIMEOUT_MS,
            explain: Sequence[str] = (DEFAULT_DESIGN,), jobs: int | None = None) -> DocRun:
    """Check every invariant on every requested design (default: all registered),
    on both word sizes and all four configurations, in or out of scope.

    ``explain``: the designs whose proofs get their unsat core (the rules they
    used); by default the current design, whose proofs are the claimed ones."""
    t0 = time.perf_counter()
    designs = list(designs or DESIGNS.values())
    words = list(WORD_SIZES)
    explained = any(d.name in explain for d in designs)
    tasks = [(d.name, w, w == max(words), explained and d.name in explain, timeout_ms)
             for d in designs for w in words]
    parts, _ = starmap(solve_group, tasks, jobs)
    results: dict[Key, ObligationResult] = {}
    cores: dict[Key, Core] = {}
    diagrams: dict[str, diagram.Diagram] = {}
    for (name, *_), part in zip(tasks, parts):
        results.update(part.results)
        cores.update(part.cores)
        if part.diagram:
            diagrams[name] = part.diagram
    solver_ms = sum(r.time_ms for r in results.values())
    return DocRun(list(INVARIANTS.values()), designs, words, list(CONFIGS.values()), results,
                  cores, diagrams, z3.get_version_string(), run_date(), explained, solver_ms,
                  (time.perf_counter() - t0) * 1e3)
