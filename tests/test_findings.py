"""What the verifier finds outside each invariant's scope: the kernel's real behaviour
on the configurations where a statement does not hold.  A counterexample is a result."""
from __future__ import annotations

import pytest

from models.config import CONFIGS
from models.errno import ERRNO
from proofs import INVARIANTS
from verify.results import Status


def refute(get_session, inv, word, config):
    r = get_session("override", word).obligation(INVARIANTS[inv], CONFIGS[config])
    assert not r.obligation.in_scope
    assert r.status is Status.REFUTED, r.status
    return r.counterexample


def test_nommu_normal_is_unreachable_and_no_invariant_claims_it():
    """mm/vma.c __mmap_region exists only with CONFIG_MMU; on !MMU the way to mmap_prepare
    is mmap_file() -> vfs_mmap() -> compat_vma_mmap(), and no other."""
    assert not CONFIGS["nommu-normal"].reachable and "compat_vma_mmap" in CONFIGS["nommu-normal"].note
    assert all("nommu-normal" not in inv.scope for inv in INVARIANTS.values())
    assert set(INVARIANTS["ret-valid-errno"].scope) == {"mmu-normal", "mmu-compat", "nommu-compat"}


@pytest.mark.parametrize("word", [32, 64])
def test_latent_nommu_normal_would_return_a_positive_override(get_session, word):
    """Latent only: were the !MMU mmap_action_complete ever called with is_compat false, the
    unchecked override would be returned."""
    cex = refute(get_session, "ret-valid-errno", word, "nommu-normal")
    assert cex.inputs["mmu"] is False and cex.inputs["override"] > 0
    assert cex.outcome["ret"] == cex.inputs["override"]
    assert cex.outcome["unmapped"] is True


@pytest.mark.parametrize("config", ["mmu-compat", "nommu-compat"])
def test_compat_path_does_not_unmap_and_returns_the_raw_error(get_session, config):
    cex = refute(get_session, "unmap-on-failure", 64, config)
    assert cex.outcome["ret"] != 0 and cex.outcome["unmapped"] is False
    cex = refute(get_session, "override-only-errors", 64, config)
    assert cex.outcome["ret"] == cex.outcome["first_error"] != cex.inputs["override"]


def test_devmem_compat_returns_raw_error_not_eagain(get_session):
    cex = refute(get_session, "devmem-eagain", 64, "mmu-compat")
    assert cex.outcome["ret"] != -ERRNO["EAGAIN"] and cex.outcome["ret"] < 0


def test_nommu_warns_for_every_real_action(get_session):
    cex = refute(get_session, "warn-only-on-driver-bug", 32, "nommu-compat")
    assert cex.outcome["warnings"]
    assert 1 <= cex.inputs["type"] <= 4


def test_nommu_never_runs_check_mmap_action(get_session):
    cex = refute(get_session, "check-accepts-exactly-valid", 64, "nommu-compat")
    assert cex.inputs["mmu"] is False
