"""Answers to the questions the users ask, and the properties of witnesses."""
from __future__ import annotations

import pytest

from models.config import CONFIGS
from proofs.assumptions import BASE
from verify.errors import UsageError
from verify.explain import explain
from verify.query import ask, translate
from verify.query.names import assumptions
from verify.replay import replay
from verify.scenario import expected_of, from_doc, run
from verify.query.ask import QueryResult

DEVMEM = "prepare_err == 0 and type == MMAP_REMAP_PFN and override == -EAGAIN"


def test_devmem_can_return_enomem_but_only_before_the_vma_exists_or_on_compat(get_session):
    s = get_session("override", 64)
    r = ask(s, f"{DEVMEM} and ret == -ENOMEM", count=10)
    assert r.answer == "witness" and r.witnesses
    for t in r.witnesses:
        assert t.outcome["ret"] == -12
        assert not t.outcome["vma_created"] or t.inputs["compat"]
    # After the VMA was created on the normal path, the override always wins.
    r = ask(s, f"{DEVMEM} and ret == -ENOMEM and vma_created and path == normal")
    assert r.answer == "impossible" and not r.witnesses


def test_result_is_never_zero_after_an_unmap_unless_an_error_hook_clears_it(get_session):
    assert ask(get_session("override", 64), "unmapped and ret == 0").answer == "impossible"
    r = ask(get_session("hooks", 64), "unmapped and ret == 0")
    assert r.answer == "witness"
    t = r.witnesses[0]
    assert t.inputs["error_hook_set"] and t.inputs["error_hook_ret"] == 0


def test_positive_results_under_hooks_come_from_the_error_hook(get_session):
    s = get_session("hooks", 64)
    r = ask(s, "ret > 0 and mmu", count=5)
    assert r.answer == "witness" and len(r.witnesses) == 5
    for t in r.witnesses:
        assert t.inputs["error_hook_set"] and t.inputs["error_hook_ret"] == t.outcome["ret"] > 0
    # The override design checks the override at prepare time: no positive result with MMU.
    assert ask(get_session("override", 64), "ret > 0 and mmu").answer == "impossible"


def test_without_assumptions_a_driver_bug_can_make_mmap_positive(get_session):
    s = get_session("override", 64)
    r = ask(s, "ret > 0 and mmu", assumed=assumptions(["none"]))
    assert r.answer == "witness" and r.assumptions == ()
    assert ask(s, "ret > 0 and mmu").assumptions == tuple(a.id for a in BASE)


def test_config_pins_mmu_and_path(get_session):
    s = get_session("override", 32)
    r = ask(s, "ret > 0", config=CONFIGS["nommu-normal"])
    assert r.answer == "witness" and not r.witnesses[0].inputs["mmu"]
    assert ask(s, "ret > 0", config=CONFIGS["mmu-normal"]).answer == "impossible"
    assert ask(s, "mmu", config=CONFIGS["nommu-compat"]).answer == "impossible"


def test_without_a_config_only_reachable_configurations_answer(get_session):
    # nommu-normal has no caller in the kernel: its positive override result is latent,
    # so it is no witness unless asked for by name.
    s = get_session("override", 64)
    assert ask(s, "ret > 0").answer == "impossible"
    assert ask(s, "not mmu and path == normal").answer == "impossible"
    r = ask(s, "ret != 0", count=20)
    assert r.answer == "witness" and len(r.witnesses) == 20
    assert all(t.inputs["mmu"] or t.inputs["compat"] for t in r.witnesses)


def test_an_explanation_names_the_reachability_it_relies_on(get_session):
    s = get_session("override", 64)
    q = "not mmu and path == normal"
    e = explain(s, q, [translate(s, q).condition])
    assert e.status == "impossible" and e.rules == ()
    assert [a.id for a in e.assumptions] == ["reachable-config"]
    e = explain(s, "ret > 0", [translate(s, "ret > 0").condition], assumed=assumptions(None))
    assert e.status == "impossible" and "reachable-config" in [a.id for a in e.assumptions]


def test_witnesses_are_distinct(get_session):
    s = get_session("override", 64)
    r = ask(s, "ret != 0 and override != 0", count=8)
    keys = {(t.outcome["ret"], t.inputs["override"], tuple(st.label for st in t.steps))
            for t in r.witnesses}
    assert len(keys) == len(r.witnesses) == 8


def test_fewer_witnesses_than_asked_is_said(get_session):
    r = ask(get_session("override", 64), "type == MMAP_NOTHING and path == compat and mmu "
            "and prepare_err == 0 and mapped_err == 0 and not hide", count=5)
    assert r.answer == "witness" and 1 <= len(r.witnesses) < 5 and "only" in r.reason


@pytest.mark.parametrize("word", [32, 64], ids=["32-bit", "64-bit"])
def test_every_witness_replays_to_the_same_outcome(get_session, word):
    s = get_session("override", word)
    r = ask(s, "ret != 0 or warned", count=6)
    for t in r.witnesses:
        again = replay(t.design, t.word_size, t.inputs)
        assert again.outcome == t.outcome
        doc = r.to_dict()["witnesses"][r.witnesses.index(t)]
        assert run(from_doc(doc)).mismatches == ()


def test_witness_satisfies_the_query_by_concrete_evaluation(get_session):
    # The witness's own outcome, read back from the replay, satisfies the question.
    s = get_session("override", 64)
    r = ask(s, "unmapped and unmap_len >> 12 == 3 and ret == -EINVAL")
    out = expected_of(r.witnesses[0])
    assert out["unmapped"] and out["unmapped_len_pages"] == 3 and out["returned"] == -22


def test_mutant_makes_the_impossible_possible(get_session):
    q = "lock_held_at_unmap"
    assert ask(get_session("override", 64), q).answer == "impossible"
    assert ask(get_session("unlock-after-unmap", 64), q).answer == "witness"


def test_json_shape(get_session):
    r = ask(get_session("override", 64), f"{DEVMEM} and ret == -EAGAIN", count=2)
    doc = r.to_dict()
    assert doc["answer"] == "witness" and len(doc["witnesses"]) == len(doc["traces"]) == 2
    for w in doc["witnesses"]:
        assert set(w) >= {"design", "word_size", "inputs", "expect"}
    assert isinstance(r, QueryResult) and r.exit_code == 0


def test_bad_count_is_a_usage_error(get_session):
    with pytest.raises(UsageError, match="1..100"):
        ask(get_session("override", 64), "ret == 0", count=0)
