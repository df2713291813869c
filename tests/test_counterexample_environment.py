"""A counterexample keeps every guarantee of the environment (``proofs.assumptions.BASE``)
that some counterexample of the same obligation keeps: an invariant names only the
assumptions its proof needs, and the one simplifier must not, by shrinking values, reach
for an empty VMA or a callee result the kernel never produces when a real one refutes it."""
from __future__ import annotations

import pytest
import z3

from models import DESIGNS
from models.config import CONFIGS
from models.inputs import INPUT_BY_NAME, to_z3
from proofs import INVARIANTS
from proofs.assumptions import BASE
from verify.results import Status


def pinned(session, inputs: dict) -> list[z3.BoolRef]:
    return [session.inputs[n] == to_z3(v, INPUT_BY_NAME[n], session.word) for n, v in inputs.items()]


# One design of each era (the simplifier is shared; the history versions between them
# refute the same invariants through the same callees).
DESIGNS_CHECKED = ("override", "hooks", "hooks-2025", "v-mmnew-v2", "v-7.0.y")


@pytest.mark.parametrize("design", DESIGNS_CHECKED)
def test_a_counterexample_keeps_each_guarantee_it_can(get_session, design):
    session = get_session(design, 64)
    refuted = 0
    for inv in INVARIANTS.values():
        for config in CONFIGS.values():
            r = session.obligation(inv, config)
            if r.status is not Status.REFUTED:
                continue
            refuted += 1
            at = pinned(session, r.counterexample.inputs)
            env = session.environment()                       # BASE, in its order
            if session.check(*at, z3.Not(z3.And(*env)))[0] == z3.unsat:
                continue                                      # keeps all of them
            refutation = list(session.queries(inv, config).refutation)
            for a, held in zip(BASE, env):
                if session.check(*at, z3.Not(held))[0] == z3.unsat:
                    continue                                  # kept
                assert session.check(*refutation, held)[0] != z3.sat, \
                    (inv.id, config.name, a.id, r.counterexample.inputs)
    assert refuted, f"{design} refutes nothing: the test would check nothing"


def test_the_designs_checked_are_registered():
    assert set(DESIGNS_CHECKED) <= set(DESIGNS)


def test_the_check_sees_an_empty_vma(get_session):
    """The check above can fail: the no-unmap-detached counterexample on hooks-2025 pinned to
    an empty VMA breaks vma-well-formed, which a real counterexample keeps."""
    session = get_session("hooks-2025", 64)
    inv, config = INVARIANTS["no-unmap-detached"], CONFIGS["mmu-compat"]
    r = session.obligation(inv, config)
    assert r.status is Status.REFUTED
    inputs = dict(r.counterexample.inputs)
    assert inputs["vm_start"] < inputs["vm_end"]
    inputs["vm_end"] = inputs["vm_start"]
    wf = next(a for a in BASE if a.id == "vma-well-formed").formula(session.outcome)
    assert session.check(*pinned(session, inputs), z3.Not(wf))[0] == z3.sat
    assert session.check(*session.queries(inv, config).refutation, wf)[0] == z3.sat
