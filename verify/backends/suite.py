"""The proof suite on another solver: every obligation exported as SMT-LIB2
(``smtlib``), run by the backend, its answer read back.

Vacuity first, as in ``verify.engine``: the vacuity query must be ``sat``.  A
``sat`` answer's input values are replayed through the Z3 model to rebuild the
witness or counterexample trace, and checked there: a counterexample that does
not violate the invariant in the Z3 model (or a witness that does not satisfy
the assumptions) means the two solvers disagree, and the obligation is
reported unknown with that reason, never proved.
"""
from __future__ import annotations

import time
from typing import Sequence

import z3

from models.config import Config
from models.design import Design
from proofs.registry import Invariant
from verify.backends import backend
from verify.backends.base import SAT, UNSAT, Answer
from verify.backends.smtlib import scripts
from verify.session import Session
from verify.results import Obligation, ObligationResult, Status, SuiteResult, Trace


def replayed(session: Session, values: dict, extra: list[z3.BoolRef]) -> tuple[Trace | None, bool]:
    """(trace of the call with these inputs, whether ``extra`` holds for it) in the Z3 model."""
    pins = session.inputs.pinned(values)
    r, model, _ = session.check(*pins)
    if r != z3.sat:
        return None, False
    r2, _, _ = session.check(*pins, *extra)
    return session.trace(model), r2 == z3.sat


def fill(session: Session, values: dict) -> dict:
    """Inputs a solver left unconstrained (not declared in the script) are 0 / false."""
    out = dict(values)
    for name, term in session.inputs.terms.items():
        if name not in out:
            out[name] = False if z3.is_bool(term) else 0
    return out


def obligation(session: Session, be, inv: Invariant, config: Config, timeout_ms: int,
               vacuity_cache: dict) -> ObligationResult:
    ob = Obligation(inv.id, session.design.name, session.word, config.name,
                    config.name in inv.scope)
    vac_script, proof_script = scripts(session, inv, config)
    assume, holds = session.terms(inv)
    base = [config.constrain(session.inputs), assume]
    key = (config.name, tuple(a.id for a in inv.assumptions))
    t0 = time.perf_counter()
    if key not in vacuity_cache:
        vacuity_cache[key] = be.check(vac_script.text, timeout_ms)
    vac: Answer = vacuity_cache[key]
    if vac.status == UNSAT:
        return ObligationResult(ob, Status.VACUOUS, (time.perf_counter() - t0) * 1e3,
                                f"{be.name}: the assumptions are unsatisfiable on this configuration")
    if vac.status != SAT:
        return ObligationResult(ob, Status.UNKNOWN, (time.perf_counter() - t0) * 1e3,
                                f"{be.name} vacuity check: {vac.reason}")
    witness, ok = replayed(session, fill(session, vac.values or {}), base)
    if not ok:
        return ObligationResult(ob, Status.UNKNOWN, (time.perf_counter() - t0) * 1e3,
                                f"{be.name}'s vacuity witness does not satisfy the assumptions "
                                "in the Z3 model")
    ans = be.check(proof_script.text, timeout_ms)
    ms = (time.perf_counter() - t0) * 1e3
    if ans.status == UNSAT:
        return ObligationResult(ob, Status.PROVED, ms, witness=witness)
    if ans.status != SAT:
        return ObligationResult(ob, Status.UNKNOWN, ms, f"{be.name}: {ans.reason}")
    cex, ok = replayed(session, fill(session, ans.values or {}), base + [z3.Not(holds)])
    if not ok:
        return ObligationResult(ob, Status.UNKNOWN, ms, f"{be.name}'s counterexample does not "
                                "violate the invariant in the Z3 model: the solvers disagree")
    return ObligationResult(ob, Status.REFUTED, ms, witness=witness, counterexample=cex)


def prove_with(solver: str, planned: Sequence[tuple[Design, int, Invariant, Config]],
               timeout_ms: int) -> SuiteResult:
    """Run the planned obligations (``verify.engine.plan``) on ``solver``."""
    be = backend(solver)
    t0 = time.perf_counter()
    sessions: dict[tuple[str, int], tuple[Session, dict]] = {}
    results = []
    for d, w, inv, c in planned:
        key = (d.name, w)
        if key not in sessions:
            sessions[key] = (Session(d, w, timeout_ms), {})
        s, cache = sessions[key]
        results.append(obligation(s, be, inv, c, timeout_ms, cache))
    wall = (time.perf_counter() - t0) * 1e3
    return SuiteResult(tuple(results), be.name, be.version(), wall)
