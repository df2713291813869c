"""``prove()``: every requested obligation, checked for vacuity, then proved.

Returns data and never prints.  Obligations that share a design and a word
size share one ``Session`` (``verify.session``).
"""
from __future__ import annotations

import time
from typing import Iterable, Sequence

import z3

from models.config import CONFIGS, Config
from models.design import Design
from proofs.registry import Invariant
from verify import catalog
from verify.errors import UsageError
from verify.results import SuiteResult
from verify.defaults import DEFAULT_DESIGN
from verify.session import DEFAULT_TIMEOUT_MS, Session

__all__ = ["DEFAULT_TIMEOUT_MS", "Session", "plan", "prove"]


def plan(invariants: Sequence[Invariant], designs: Sequence[Design], word_sizes: Sequence[int],
         configs: Sequence[Config] | None) -> list[tuple[Design, int, Invariant, Config]]:
    """The obligations to check; ``configs=None`` means each invariant's own scope."""
    out = []
    for d in designs:
        for w in word_sizes:
            for inv in invariants:
                cfgs = configs if configs is not None else [CONFIGS[c] for c in inv.scope]
                out.extend((d, w, inv, c) for c in cfgs)
    return out


def prove(invariants: Iterable[str] | None = None, designs: Iterable[str] | None = None,
          word_sizes: Iterable[int] | None = None, configs: Iterable[str] | None = None,
          timeout_ms: int = DEFAULT_TIMEOUT_MS, simplify: bool = True,
          solver: str = "z3", traces: bool = True) -> SuiteResult:
    """Check the requested obligations; names are resolved through ``verify.catalog``.

    ``simplify`` makes counterexamples readable (small, common values) at some cost;
    ``traces=False`` gives the verdicts alone (no counterexample or witness traces).
    ``solver`` other than ``z3`` (``cvc5``, ``bitwuzla``) runs each obligation as
    SMT-LIB2 text on that solver (``verify.backends``); ``simplify`` does not apply.
    Raises ``VerifierError`` (a ``UsageError``) for an unknown name or value.
    """
    if timeout_ms <= 0:
        raise UsageError(f"timeout must be a positive number of milliseconds, not {timeout_ms}")
    invs = catalog.invariants(list(invariants or []))
    ds = [catalog.design(n) for n in (list(designs or []) or [DEFAULT_DESIGN])]
    ws = catalog.word_sizes(word_sizes)
    cfgs = catalog.configs(list(configs or []))
    if solver != "z3":
        from verify.backends.suite import prove_with
        return prove_with(solver, plan(invs, ds, ws, cfgs), timeout_ms)
    t0 = time.perf_counter()
    results = []
    sessions: dict[tuple[str, int], Session] = {}
    for d, w, inv, c in plan(invs, ds, ws, cfgs):
        key = (d.name, w)
        if key not in sessions:
            sessions[key] = Session(d, w, timeout_ms, inline=True)
        results.append(sessions[key].obligation(inv, c, simplify, traces))
    wall = (time.perf_counter() - t0) * 1e3
    return SuiteResult(tuple(results), "z3", z3.get_version_string(), wall)
