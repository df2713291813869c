"""The historical versions as models: each is the design it builds on plus its
differences, and the concrete behaviour the kernel history describes."""
from __future__ import annotations

import pytest
import z3

from models import DESIGNS
from models.config import CONFIGS
from models.history import VERSION_NAMES, VERSIONS
from models.inputs import Inputs
from proofs import INVARIANTS
from verify.replay import replay
from verify.results import Status

NEUTRAL = {"hugetlbfs": False, "vma_alloc_fails": False, "hooks_written": False}


def base(**kw):
    s = {"mmu": True, "compat": False, "prepare_err": 0, "type": 1, "override": 0, "hide": False,
         "action_prepare_err": 0, "merged": False, "complete_err": 0, "mapped_err": 0,
         "vm_start": 0x10000, "vm_end": 0x20000, "success_hook_set": False,
         "success_hook_ret": 0, "error_hook_set": False, "error_hook_ret": 0} | NEUTRAL
    return s | kw


def labels(trace):
    return [st.label for st in trace.steps]


@pytest.mark.parametrize("name", VERSION_NAMES)
def test_version_is_registered_dated_and_cited(name):
    d = DESIGNS[name]
    assert d in VERSIONS and d.title and d.commit and d.summary and d.date and d.sources
    assert "history" in d.input_tags
    assert all(r.file and r.function and r.summary for r in d.rules())


def same_observables(a: str, b: str, word: int, extra) -> bool:
    """Do designs a and b agree on every observable, on every input with ``extra``?"""
    inp = Inputs.symbolic(word)
    oa, ob = DESIGNS[a].run(inp, "a!"), DESIGNS[b].run(inp, "b!")
    s = z3.SolverFor("QF_BV")
    s.add(*oa.path.constraints(), *ob.path.constraints(), *extra(inp))
    va, vb = oa.observables(), ob.observables()
    return s.check(z3.Or(*[va[k] != vb[k] for k in va])) == z3.unsat


def neutral(inp):
    return [z3.Not(inp.hugetlbfs), z3.Not(inp.vma_alloc_fails)]


@pytest.mark.parametrize("version,design", [
    ("v-ac0a3fc", "hooks-2025"), ("v-619eab2", "hooks"), ("v-override", "override")])
@pytest.mark.parametrize("word", [32, 64])
def test_version_is_its_design_where_the_history_inputs_are_idle(version, design, word):
    assert same_observables(version, design, word, neutral)


@pytest.mark.parametrize("word", [32, 64])
def test_mmnew_v2_is_ac0a3fc_once_the_driver_writes_the_hooks(word):
    assert same_observables("v-mmnew-v2", "v-ac0a3fc", word,
                            lambda i: [i.hooks_written])
    assert not same_observables("v-mmnew-v2", "v-ac0a3fc", word, lambda i: [])


@pytest.mark.parametrize("word", [32, 64])
def test_382c0f2_and_c50ca15_differ_only_by_the_mapped_hook(word):
    assert same_observables("v-382c0f2", "v-c50ca15", word, lambda i: [i.mapped_err == 0])
    assert not same_observables("v-382c0f2", "v-c50ca15", word, lambda i: [])


def test_ac0a3fc_unmaps_with_the_rmap_lock_held():
    t = replay("v-ac0a3fc", 64, base(hide=True, complete_err=-12))
    unmap = next(st for st in t.steps if st.label == "do_munmap")
    assert unmap.raw["rmap_held"] is True and t.outcome["lock_held_at_unmap"] is True
    assert labels(t).index("do_munmap") < labels(t).index(
        "i_mmap_unlock_write (maybe_rmap_unlock_action)")


def test_f96e1d5_unlocks_then_unmaps_in_the_caller_and_a_success_hook_error_unmaps():
    t = replay("v-f96e1d5", 64, base(hide=True, type=0, success_hook_set=True,
                                     success_hook_ret=-22))
    assert t.outcome["ret"] == -22 and t.outcome["unmapped"] is True
    assert t.outcome["lock_held_at_unmap"] is False and t.outcome["vma_mapped"] is False


def test_ac0a3fc_success_hook_error_leaves_the_vma_mapped():
    t = replay("v-ac0a3fc", 64, base(type=0, success_hook_set=True, success_hook_ret=-22))
    assert t.outcome["ret"] == -22 and t.outcome["vma_mapped"] is True
    assert t.outcome["unmapped"] is False


@pytest.mark.parametrize("version,unmaps", [
    ("v-ac0a3fc", True), ("v-f96e1d5", True), ("v-382c0f2", True), ("v-c50ca15", True),
    ("v-619eab2", False), ("v-7.0.y", True), ("v-override", False)])
def test_compat_error_unmaps_until_is_compat(version, unmaps):
    t = replay(version, 64, base(compat=True, complete_err=-12))
    assert t.outcome["unmapped"] is unmaps and t.outcome["unmap_detached"] is unmaps
    assert t.outcome["ret"] == -12


def test_7_0_y_compat_skips_the_error_hook_but_still_unmaps():
    t = replay("v-7.0.y", 64, base(compat=True, complete_err=-12, error_hook_set=True,
                                   error_hook_ret=-11))
    assert "action->error_hook" not in labels(t)
    assert t.outcome["ret"] == -12 and t.outcome["unmap_detached"] is True


def test_mmnew_v2_calls_garbage_success_hook_with_mmap_nothing():
    t = replay("v-mmnew-v2", 64, base(compat=True, type=0, success_hook_set=True))
    assert t.outcome["uninit_call"] is True
    assert "action->success_hook: call through an uninitialised pointer" in labels(t)
    t = replay("v-mmnew-v2", 64, base(compat=True, type=0, success_hook_set=True,
                                      hooks_written=True))
    assert t.outcome["uninit_call"] is False


@pytest.mark.parametrize("version,leaks", [("v-619eab2", True), ("v-7.0.y", True),
                                           ("v-override", False)])
def test_hugetlbfs_reservation_and_failed_vma_allocation(version, leaks):
    t = replay(version, 64, base(type=0, hide=True, success_hook_set=True, hugetlbfs=True,
                                 vma_alloc_fails=True))
    assert t.outcome["ret"] == -12 and t.outcome["vma_created"] is False
    assert t.outcome["leaked"] is leaks


def test_hugetlbfs_reservation_goes_to_the_vma_when_it_exists():
    t = replay("v-619eab2", 64, base(type=0, hide=True, success_hook_set=True, hugetlbfs=True))
    assert t.outcome["ret"] == 0 and t.outcome["leaked"] is False


def test_hugetlbfs_never_merges():
    t = replay("v-619eab2", 64, base(type=0, merged=True, hugetlbfs=True, vma_alloc_fails=True))
    assert t.outcome["vma_created"] is False and t.outcome["ret"] == -12


@pytest.mark.parametrize("inv", ["no-uninit-call", "resources-released", "success-means-mapped"])
@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_new_invariants_hold_on_the_current_design(get_session, inv, config):
    r = get_session("override", 64).obligation(INVARIANTS[inv], CONFIGS[config], simplify=False,
                                               traces=False)
    assert r.status is Status.PROVED
