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
from verify.backends.base import SAT, UNSAT, Answer, Backend
from verify.backends.smtlib import script
from verify.session import Session
from verify.results import ObligationResult, SuiteResult


class TextSolver:
    """Another solver for ``Session.obligation(solver=...)``: each query of the obligation
    (``Session.queries``) goes to the backend as SMT-LIB2 text (``smtlib.script``), and a
    ``sat`` answer's input values are replayed in the session's Z3 model, where they must
    satisfy the same query: else the solvers disagree, and the answer is unknown."""

    def __init__(self, backend: Backend, timeout_ms: int) -> None:
        self.backend, self.timeout_ms, self.name = backend, timeout_ms, backend.name

    def ask(self, session: Session, inv: Invariant, config: Config, kind: str
            ) -> tuple[z3.CheckSatResult, z3.ModelRef | None, str | None]:
        text = script(session, inv, config, "vacuity" if kind == "vacuity" else "proof").text
        ans: Answer = self.backend.check(text, self.timeout_ms)
        what = "vacuity check" if kind == "vacuity" else ""
        if ans.status == UNSAT:
            return z3.unsat, None, None
        if ans.status != SAT:
            return z3.unknown, None, f"{self.name}{' ' + what if what else ''}: {ans.reason}"
        query = getattr(session.queries(inv, config), kind)
        r, model, _ = session.check(*session.inputs.pinned(fill(session, ans.values or {})), *query)
        if r == z3.sat:
            return r, model, None
        if kind == "vacuity":
            return z3.unknown, None, (f"{self.name}'s vacuity witness does not satisfy the "
                                      "assumptions in the Z3 model")
        return z3.unknown, None, (f"{self.name}'s counterexample does not violate the invariant "
                                  "in the Z3 model: the solvers disagree")


def fill(session: Session, values: dict) -> dict:
    """Inputs a solver left unconstrained (not declared in the script) are 0 / false."""
    out = dict(values)
    for name, term in session.inputs.terms.items():
        if name not in out:
            out[name] = False if z3.is_bool(term) else 0
    return out


def obligation(session: Session, be: Backend, inv: Invariant, config: Config,
               timeout_ms: int) -> ObligationResult:
    """One obligation on backend ``be``: ``Session.obligation`` with a ``TextSolver``."""
    return session.obligation(inv, config, simplify=True, solver=TextSolver(be, timeout_ms))


def prove_with(solver: str, planned: Sequence[tuple[Design, int, Invariant, Config]],
               timeout_ms: int) -> SuiteResult:
    """Run the planned obligations (``verify.engine.plan``) on ``solver``."""
    be = backend(solver)
    t0 = time.perf_counter()
    solver = TextSolver(be, timeout_ms)
    sessions: dict[tuple[str, int], Session] = {}
    results = []
    for d, w, inv, c in planned:
        key = (d.name, w)
        if key not in sessions:
            sessions[key] = Session(d, w, timeout_ms)
        results.append(sessions[key].obligation(inv, c, simplify=True, solver=solver))
    wall = (time.perf_counter() - t0) * 1e3
    return SuiteResult(tuple(results), be.name, be.version(), wall)
