"""A proof counts only if it can fail: each invariant is refuted by a broken model.

KILLERS names, for every invariant, a mutant of the current design (a plausible kernel bug)
and the in-scope configuration and word size on which the invariant must catch it.
"""
from __future__ import annotations

import pytest

from models.config import CONFIGS
from models.mutants import MUTANTS
from proofs import INVARIANTS
from verify.results import Status

KILLERS = [
    ("ret-valid-errno", "check-skipped", 64, "mmu-normal"),
    ("ret-valid-errno", "max-errno-plus-one", 64, "mmu-normal"),
    ("check-accepts-exactly-valid", "zero-extend", 64, "mmu-normal"),
    ("check-accepts-exactly-valid", "max-errno-minus-one", 32, "mmu-compat"),
    ("check-accepts-exactly-valid", "is-err-value-strict", 32, "mmu-normal"),
    ("unmap-on-failure", "unmap-skipped", 64, "mmu-normal"),
    ("unmap-on-failure", "unmap-one-page", 32, "mmu-normal"),
    ("unmap-on-failure", "override-on-success", 64, "mmu-normal"),
    ("override-only-errors", "override-on-success", 64, "mmu-normal"),
    ("override-only-errors", "elvis-swapped", 32, "mmu-normal"),
    ("override-only-errors", "mapped-error-ignored", 64, "mmu-normal"),
    ("unlock-before-unmap", "unlock-after-unmap", 64, "mmu-normal"),
    ("rmap-lock-balanced", "lock-leaked", 32, "mmu-normal"),
    ("no-unmap-detached", "compat-unmaps", 64, "mmu-compat"),
    ("warn-only-on-driver-bug", "not-delegated", 64, "mmu-normal"),
    ("devmem-eagain", "elvis-swapped", 64, "mmu-normal"),
    ("no-uninit-call", "compat-desc-not-zeroed", 64, "mmu-compat"),
    ("resources-released", "hugetlbfs-prepare-reserves", 32, "mmu-normal"),
    ("success-means-mapped", "override-without-elvis", 64, "mmu-normal"),
    ("mapped-on-success", "override-without-elvis", 32, "mmu-normal"),
    ("rmap-lock-balanced", "compat-keeps-hide", 64, "mmu-compat"),
    ("action-done-or-failed", "nommu-action-ignored", 32, "nommu-compat"),
    ("action-done-or-failed", "nommu-action-ignored", 64, "nommu-compat"),
]


@pytest.mark.parametrize("inv,mutant,word,config", KILLERS,
                         ids=[f"{i}-by-{m}" for i, m, _, _ in KILLERS])
def test_invariant_fails_on_mutant(get_session, inv, mutant, word, config):
    assert config in INVARIANTS[inv].scope
    r = get_session(mutant, word).obligation(INVARIANTS[inv], CONFIGS[config])
    assert r.status is Status.REFUTED
    cex = r.counterexample
    assert cex is not None and cex.steps and cex.steps[-1].label == "mmap returns"


def test_every_invariant_has_a_killer():
    assert {i for i, *_ in KILLERS} == set(INVARIANTS)


def test_every_killer_is_a_known_mutant():
    assert {m for _, m, *_ in KILLERS} <= set(MUTANTS)


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_mutant_is_not_the_design(get_session, mutant):
    """Each mutant is killed by at least one invariant somewhere in scope."""
    killed = False
    for inv in INVARIANTS.values():
        for w in (32, 64):
            for c in inv.scope:
                r = get_session(mutant, w).obligation(inv, CONFIGS[c], simplify=False, traces=False)
                assert r.status in (Status.PROVED, Status.REFUTED)
                if r.status is Status.REFUTED:
                    killed = True
                    break
            if killed:
                break
        if killed:
            break
    assert killed, f"mutant {mutant} survives every invariant"
