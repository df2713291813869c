"""Bounded model checking of any ``TransitionSystem``, incremental in the depth.

One solver holds the initial states and the transitions added so far; each
depth adds one transition and checks, under an assumption literal, whether any open
property fails at the new position (one check for all of them; the failing
ones are then told apart).  A property that holds at a position on every path
is then asserted there, which helps the deeper checks.  Every property must
also meet its trigger on some path within the depth, or the run is vacuous.
Returns data; never prints.
"""
from __future__ import annotations

import time
from typing import Callable, Sequence

import z3

from verify.transition import (Property, SeqResult, SeqStatus, TransitionSystem, Unrolling,
                               guarded, retire)

from verify.defaults import SEQ_TIMEOUT_MS as DEFAULT_TIMEOUT_MS


# The SAT solver's in-processing passes re-simplify every clause of the unrolling at
# each check: with one solver growing by a transition per depth that is work
# proportional to the whole unrolling, every time (measured: benchmarks/bench_bmc.py).
# Off; the search itself is unchanged, and an unknown is still never a pass.
SOLVER_PARAMS = {"asymm_branch": False, "probing": False, "subsumption": False,
                 "elim_vars": False, "scc": False}


def new_solver(timeout_ms: int) -> z3.Solver:
    """An incremental QF_BV solver with a time limit per check."""
    s = z3.SolverFor("QF_BV")
    s.set("timeout", int(timeout_ms))
    for k, v in SOLVER_PARAMS.items():
        s.set(k, v)
    return s


def check(solver: z3.Solver, *extra: z3.BoolRef) -> tuple[z3.CheckSatResult, z3.ModelRef | None, str]:
    """Is the solver's formula satisfiable with ``extra``?  Asked under an assumption
    literal, never a push/pop scope; the model when sat, the reason when unknown."""
    q = guarded(solver, z3.And(*extra) if extra else z3.BoolVal(True))
    try:
        r = solver.check(q)
        return r, (solver.model() if r == z3.sat else None), \
            (solver.reason_unknown() if r == z3.unknown else "")
    finally:
        retire(solver, q)


def bmc(system: TransitionSystem, props: Sequence[Property], depth: int,
        timeout_ms: int = DEFAULT_TIMEOUT_MS, simplify: bool = True,
        on_depth: Callable[[int, float], None] | None = None) -> list[SeqResult]:
    """Check ``props`` on every path of up to ``depth`` transitions from an initial
    state.  ``simplify`` makes counterexamples readable (the system's preferred values);
    ``on_depth(d, elapsed_ms)`` is called after each depth is done."""
    if depth < 0:
        raise ValueError("depth must be >= 0")
    t0 = time.perf_counter()
    solver = new_solver(timeout_ms)
    u = Unrolling(system, solver, initial=True)
    open_props = list(props)
    done: dict[str, SeqResult] = {}
    witness: dict[str, object] = {}
    times: list[float] = []

    def ms() -> float:
        return (time.perf_counter() - t0) * 1e3

    def finish(p: Property, status: SeqStatus, d: int, **kw) -> None:
        done[p.name] = SeqResult(p.name, "bmc", status, d, ms(), **kw)
        open_props.remove(p)

    def give_up(j: int, reason: str) -> None:
        """After an unknown the solver's later answers are not trusted: stop."""
        for p in list(open_props):
            finish(p, SeqStatus.UNKNOWN, j, reason=f"at depth {j}: {reason}")

    for j in range(depth + 1):
        if not open_props:
            break
        if j > 0:
            u.extend()
        bad = z3.Or(*[z3.Not(u.holds(p, j)) for p in open_props])
        r, _, reason = check(solver, bad)
        if r == z3.unknown:
            give_up(j, reason)
            break
        if r == z3.sat:
            for p in list(open_props):
                neg = z3.Not(u.holds(p, j))
                r1, model, reason = check(solver, neg)
                if r1 == z3.unknown or (r1 == z3.sat and not u.consistent(model, neg, j)):
                    give_up(j, reason or "the solver's model does not satisfy the unrolling")
                    break
                if r1 == z3.sat:
                    if simplify:
                        model = u.simplest(neg, model, j)
                    finish(p, SeqStatus.REFUTED, j,
                           trace=u.trace(model, p.name, j, "counterexample", position=j))
        solver.add(*[u.holds(p, j) for p in open_props])
        for p in open_props:
            if p.name not in witness:
                trig = u.triggered(p, j)
                r, model, _ = check(solver, trig)
                if r == z3.sat and u.consistent(model, trig, j):
                    witness[p.name] = u.trace(model, p.name, j, "witness")
        times.append(ms())
        if on_depth:
            on_depth(j, times[-1])
    for p in list(open_props):   # every check up to ``depth`` answered unsat
        if p.name in witness:
            finish(p, SeqStatus.BOUNDED, depth, witness=witness[p.name])
        else:
            finish(p, SeqStatus.VACUOUS, depth,
                   reason=f"the situation the property is about never happens within {depth} steps")
    return [done[p.name] for p in props]
