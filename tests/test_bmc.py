"""Bounded model checking on a toy counter and on the address-space model."""
from __future__ import annotations

import z3

from verify import catalog
from verify.bmc import bmc
from verify.transition import (Property, SeqStatus, StateVar, Step, TransitionSystem, Unrolling,
                               exit_code)
from proofs.sequences import SEQ_INVARIANTS, system


class Counter(TransitionSystem):
    """x := 0; then x := x == 5 ? 0 : x + 1 (or, with ``stutter``, x may stay at 6)."""
    name = "counter"

    def __init__(self, stutter: bool = False) -> None:
        super().__init__()
        self.stutter = stutter
        self.built = 0

    def variables(self):
        return (StateVar("x", z3.BitVecSort(4), "int", "the counter"),)

    def init(self, s):
        return s["x"] == 0

    def transition(self, k, s, t):
        self.built += 1
        go = z3.Bool(f"go@{k}")
        nxt = z3.If(s["x"] == 5, z3.BitVecVal(0, 4), s["x"] + 1)
        if self.stutter:
            nxt = z3.If(z3.And(s["x"] == 6, z3.Not(go)), s["x"], nxt)
        return Step(k, [t["x"] == nxt], {"go": go})

    def describe_step(self, step, model):
        return {"action": "tick", "params": {}, "result": {}}


def state_prop(name, fn, trigger=None):
    return Property(name, "state", lambda s: fn(s["x"]), trigger)


NEVER_7 = state_prop("never-7", lambda x: x != 7)
NEVER_3 = state_prop("never-3", lambda x: x != 3)
STEP_UP = Property("up-or-wrap", "step",
                   lambda pre, st, post: z3.Or(post["x"] == pre["x"] + 1, post["x"] == 0))


def test_a_violation_is_found_at_its_depth_with_a_trace():
    (r,) = bmc(Counter(), [NEVER_3], 6)
    assert r.status is SeqStatus.REFUTED and r.depth == 3
    tr = r.trace
    assert [s["x"] for s in tr.states] == [0, 1, 2, 3]
    assert [s.action for s in tr.steps] == ["tick"] * 3
    assert all(s.changed == ("x",) for s in tr.steps) and tr.position == 3


def test_true_properties_are_bounded_not_proved():
    results = bmc(Counter(), [NEVER_7, STEP_UP], 8)
    assert [r.status for r in results] == [SeqStatus.BOUNDED, SeqStatus.BOUNDED]
    assert all(r.depth == 8 and r.witness is not None for r in results)
    assert exit_code(results) == 0


def test_one_transition_per_depth_is_built():
    c = Counter()
    bmc(c, [NEVER_7, NEVER_3, STEP_UP], 12)
    assert c.built == 12


def test_a_property_whose_situation_never_happens_is_vacuous():
    never_reached = state_prop("about-9", lambda x: x != 7,
                               trigger=lambda pre, st, post: post["x"] == 9)
    (r,) = bmc(Counter(), [never_reached], 10)
    assert r.status is SeqStatus.VACUOUS and "never happens" in r.reason
    assert exit_code([r]) == 2


def test_progress_callback_reports_every_depth():
    seen = []
    bmc(Counter(), [NEVER_7], 5, on_depth=lambda d, ms: seen.append(d))
    assert seen == [0, 1, 2, 3, 4, 5]


def test_unrolling_positions_of_a_step_property():
    c = Counter()
    u = Unrolling(c, z3.SolverFor("QF_BV"), initial=True)
    u.extend_to(2)
    assert z3.is_true(u.holds(STEP_UP, 0))
    assert u.solver.check(z3.Not(u.holds(STEP_UP, 2))) == z3.unsat


def test_address_space_kernel_has_no_violation_up_to_depth_4():
    ts = system(catalog.design("override"), 64, "mmu")
    results = bmc(ts, [i.prop() for i in SEQ_INVARIANTS.values()], 4)
    assert {r.status for r in results} == {SeqStatus.BOUNDED}
    # every witness shows the situation the invariant is about
    assert all(r.witness and r.witness.steps for r in results)


def test_a_timeout_is_unknown_and_stops_the_run():
    ts = system(catalog.design("override"), 64, "mmu")
    results = bmc(ts, [i.prop() for i in SEQ_INVARIANTS.values()], 3, timeout_ms=1)
    assert {r.status for r in results} == {SeqStatus.UNKNOWN}
    assert all("timeout" in r.reason or "canceled" in r.reason for r in results)
    assert exit_code(results) == 2


def test_a_model_that_breaks_the_unrolling_is_not_trusted():
    u = Unrolling(Counter(), z3.SolverFor("QF_BV"), initial=True)
    u.extend_to(1)
    liar = z3.Solver()
    liar.add(u.states[1]["x"] == 7)            # x@1 == 7 cannot follow x@0 == 0
    assert liar.check() == z3.sat
    assert not u.consistent(liar.model(), z3.BoolVal(True), 1)
    assert u.solver.check() == z3.sat
    assert u.consistent(u.solver.model(), z3.BoolVal(True), 1)
