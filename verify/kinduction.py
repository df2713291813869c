"""k-induction for any ``TransitionSystem``: a property proved for sequences of
any length, with the ``k`` that closed the proof.

Two incremental solvers.  The base solver starts from the initial states and
checks, depth by depth, that no path of ``k`` transitions violates the property
(the BMC of ``verify.bmc``).  The step solver starts from an arbitrary state and
asks for ``k+1`` transitions along which the property holds at positions
``0..k`` and fails at ``k+1``; when there is none, the property holds
everywhere, proved with ``k+1``.  Optional strengthening: simple paths (all
states distinct; complete for finite-state systems) and lemmas, properties
already proved invariant, assumed at every position.  When the proof does not
close within the bound, the last counterexample to induction is returned: a
path from a state that is perhaps unreachable, which a lemma may rule out.
Returns data; never prints.
"""
from __future__ import annotations

import time
from typing import Sequence

import z3

from verify.bmc import DEFAULT_TIMEOUT_MS, check, new_solver
from verify.transition import Property, SeqResult, SeqStatus, TransitionSystem, Unrolling


def kinduction(system: TransitionSystem, prop: Property, max_k: int,
               timeout_ms: int = DEFAULT_TIMEOUT_MS, simple_path: bool = True,
               lemmas: Sequence[Property] = (), simplify: bool = True) -> SeqResult:
    """Prove ``prop`` by k-induction with ``1 <= k <= max_k``.  ``lemmas`` must be
    invariants proved beforehand (they are assumed, not checked)."""
    if max_k < 1:
        raise ValueError("max_k must be >= 1")
    t0 = time.perf_counter()
    base = Unrolling(system, new_solver(timeout_ms), initial=True)
    step = Unrolling(system, new_solver(timeout_ms), initial=False)
    witness = None
    cti = None

    def result(status: SeqStatus, k: int, **kw) -> SeqResult:
        return SeqResult(prop.name, "k-induction", status, k, (time.perf_counter() - t0) * 1e3,
                         witness=witness, **kw)

    def base_check(j: int) -> SeqResult | None:
        """Position ``j`` of the base case; also looks for the non-vacuity witness."""
        nonlocal witness
        base.extend_to(j)
        neg = z3.Not(base.holds(prop, j))
        r, model, reason = check(base.solver, neg)
        if r == z3.sat and not base.consistent(model, neg, j):
            r, reason = z3.unknown, "the solver's model does not satisfy the unrolling"
        if r == z3.unknown:
            return result(SeqStatus.UNKNOWN, j, reason=f"base case at depth {j}: {reason}")
        if r == z3.sat:
            if simplify:
                model = base.simplest(neg, model, j)
            return result(SeqStatus.REFUTED, j,
                          trace=base.trace(model, prop.name, j, "counterexample", position=j))
        base.solver.add(base.holds(prop, j))
        if witness is None:
            trig = base.triggered(prop, j)
            r, model, reason = check(base.solver, trig)
            if r == z3.unknown:
                return result(SeqStatus.UNKNOWN, j, reason=f"witness at depth {j}: {reason}")
            if r == z3.sat and base.consistent(model, trig, j):
                witness = base.trace(model, prop.name, j, "witness")
        return None

    for lemma in lemmas:
        step.solver.add(step.holds(lemma, 0))
    for k in range(max_k):
        failed = base_check(k)
        if failed:
            return failed
        # step case: positions 0..k hold, k+1 fails
        step.extend_to(k + 1)
        step.solver.add(step.holds(prop, k))
        step.solver.add(*[step.holds(lemma, k + 1) for lemma in lemmas])
        if simple_path:
            step.solver.add(*[step.distinct(i, k + 1) for i in range(k + 1)])
        neg = z3.Not(step.holds(prop, k + 1))
        r, model, reason = check(step.solver, neg)
        if r == z3.sat and not step.consistent(model, neg, k + 1):
            r, reason = z3.unknown, "the solver's model does not satisfy the unrolling"
        if r == z3.unknown:
            return result(SeqStatus.UNKNOWN, k + 1, reason=f"induction step at k={k + 1}: {reason}")
        if r == z3.sat:
            if simplify:
                model = step.simplest(neg, model, k + 1)
            cti = step.trace(model, prop.name, k + 1, "counterexample to induction", position=k + 1)
            continue
        # closed: the base case has covered positions 0..k; find a witness if none yet
        j = k
        while witness is None and j < max_k:
            j += 1
            failed = base_check(j)
            if failed:  # cannot happen once the step closed; kept for a wrong lemma
                return failed
        if witness is None:
            return result(SeqStatus.VACUOUS, k + 1,
                          reason=f"proved with k={k + 1}, but the situation the property is about "
                                 f"never happens within {max_k} steps")
        return result(SeqStatus.PROVED, k + 1)
    failed = base_check(max_k)
    if failed:
        return failed
    return result(SeqStatus.NOT_CLOSED, max_k, trace=cti,
                  reason=f"did not close at k={max_k}; no violation within {max_k} steps")
