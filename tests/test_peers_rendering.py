"""The peers benchmark's plain-Python rendering agrees with ``verify replay`` (it is timed
only when it does), and its CrossHair contracts are the ones the questions define."""
from __future__ import annotations

import inspect

import pytest

from benchmarks.peers import check, crosshair_targets, semantics
from benchmarks.peers.questions import QUESTIONS


@pytest.mark.parametrize("design", ["override", "hooks"])
@pytest.mark.parametrize("word", [32, 64])
def test_rendering_agrees_with_replay(design, word):
    assert check.mismatches(design, word, check.sample(design, word, 25)) == []


def test_the_check_catches_a_wrong_rendering(monkeypatch):
    finish = semantics.Call.finish

    def no_override(self, err, compat):   # the override (or error hook) never applied
        ret = finish(self, err, compat)
        return err if self.unmapped else ret
    monkeypatch.setattr(semantics.Call, "finish", no_override)
    assert check.mismatches("override", 64, check.sample("override", 64, 60))


def test_crosshair_contracts_are_the_questions():
    assert set(crosshair_targets.TARGETS) == set(QUESTIONS)
    for qid, fn in crosshair_targets.TARGETS.items():
        names = tuple(inspect.signature(fn).parameters)
        assert inspect.getdoc(fn) == crosshair_targets.contract(qid, names)


def test_known_answers_of_the_rendering():
    hooks = dict.fromkeys(semantics.INPUT_NAMES + semantics.HOOK_INPUTS, 0)
    hooks.update(mmu=True, compat=False, hide=False, merged=False, vm_start=0, vm_end=4096,
                 success_hook_set=True, success_hook_ret=1, error_hook_set=False)
    c = semantics.call("hooks", 64, hooks)
    assert QUESTIONS["hooks ret > 0"].holds(c) and QUESTIONS["hooks ret > 0"].domain(hooks)
    bad = dict(hooks, override=5, success_hook_set=False)
    c = semantics.call("override", 64, {k: bad[k] for k in semantics.INPUT_NAMES})
    assert c.ret == -semantics.EINVAL and "check_mmap_action" in c.warnings
