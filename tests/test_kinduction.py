"""k-induction: the k that closes a proof, counterexamples to induction, strengthening."""
from __future__ import annotations

import pytest
import z3

from proofs.sequences import SEQ_INVARIANTS, system
from tests.test_bmc import NEVER_3, NEVER_7, STEP_UP, Counter, state_prop
from verify import catalog
from verify.kinduction import kinduction
from verify.transition import SeqStatus, exit_code


def test_closes_at_k2_when_one_step_is_not_enough():
    r = kinduction(Counter(), NEVER_7, 5)
    assert r.status is SeqStatus.PROVED and r.depth == 2
    assert r.witness is not None


def test_did_not_close_reports_the_counterexample_to_induction():
    r = kinduction(Counter(), NEVER_7, 1)
    assert r.status is SeqStatus.NOT_CLOSED and r.depth == 1
    assert "did not close at k=1" in r.reason
    cti = r.trace
    assert cti.what == "counterexample to induction"
    assert [s["x"] for s in cti.states] == [6, 7]      # from an unreachable state
    assert exit_code([r]) == 2                          # never a pass


def test_simple_path_closes_what_stuttering_keeps_open():
    assert kinduction(Counter(stutter=True), NEVER_7, 6, simple_path=False).status \
        is SeqStatus.NOT_CLOSED
    r = kinduction(Counter(stutter=True), NEVER_7, 6, simple_path=True)
    assert r.status is SeqStatus.PROVED and r.depth == 2


def test_a_lemma_strengthens_the_induction():
    at_most_5 = state_prop("at-most-5", lambda x: z3.ULE(x, 5))
    assert kinduction(Counter(), at_most_5, 1).status is SeqStatus.PROVED
    r = kinduction(Counter(), NEVER_7, 1, lemmas=[at_most_5])
    assert r.status is SeqStatus.PROVED and r.depth == 1


def test_base_case_finds_the_violation():
    r = kinduction(Counter(), NEVER_3, 6)
    assert r.status is SeqStatus.REFUTED and r.depth == 3
    assert [s["x"] for s in r.trace.states] == [0, 1, 2, 3]


def test_step_property_is_proved():
    r = kinduction(Counter(), STEP_UP, 3)
    assert r.status is SeqStatus.PROVED and r.depth == 1


@pytest.mark.parametrize("inv", list(SEQ_INVARIANTS), ids=list(SEQ_INVARIANTS))
@pytest.mark.parametrize("word", [32, 64], ids=["32-bit", "64-bit"])
def test_every_sequence_invariant_is_proved_for_any_length(inv, word):
    i = SEQ_INVARIANTS[inv]
    for config in i.scope:
        r = kinduction(system(catalog.design("override"), word, config), i.prop(), 4)
        assert r.status is SeqStatus.PROVED, (config, r.reason)
        assert r.depth == 1 and r.witness is not None


def test_induction_refutes_under_hooks():
    r = kinduction(system(catalog.design("hooks"), 64, "mmu"),
                   SEQ_INVARIANTS["reported-success-is-mapped"].prop(), 4)
    assert r.status is SeqStatus.REFUTED and r.trace.steps[-1].result["ret"] == 0


def test_a_timeout_is_unknown_never_proved():
    r = kinduction(system(catalog.design("override"), 64, "mmu"),
                   SEQ_INVARIANTS["failed-vma-never-mapped"].prop(), 3, timeout_ms=1)
    assert r.status is SeqStatus.UNKNOWN and exit_code([r]) == 2
