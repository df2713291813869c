"""The known bugs of mmap_action, and what else a refuted timeline cell can mean.

Each ``Finding`` names the invariants that catch it and a *scenario*: the
situation that triggers it, written as a condition on the inputs (a driver
that sets a hook, a VMA hidden from rmap, ...), never as the bug itself.  A
version *has* the finding when one of those invariants is refuted on it with
the scenario added.  ``versions`` records where the code read says it is:
the tests and ``verify history`` compare the two.
"""
from __future__ import annotations

import dataclasses
from typing import Callable

import z3

from models.config import REACHABLE
from models.history import VERSION_NAMES, VERSIONS
from models.inputs import ACTION_TYPES
from models.outcome import Outcome

Scenario = Callable[[Outcome], z3.BoolRef]

# From the version registry (models/history/__init__.py): every version, and those whose
# mmap_action has the success and error hooks (Design.hooks).
ALL_VERSIONS = VERSION_NAMES
HOOK_VERSIONS = tuple(v.name for v in VERSIONS if v.hooks)


@dataclasses.dataclass(frozen=True)
class Finding:
    id: str
    title: str
    kind: str                      # bug: one of the six known bugs; finding: seen by the
    #                                verifier, not among them; absent: the property is about a
    #                                feature the version does not have
    invariants: tuple[str, ...]    # the invariants that catch it
    configs: tuple[str, ...]       # where it shows
    scenario: Scenario
    scenario_text: str
    versions: tuple[str, ...]      # the versions whose code has it
    introduced: str = ""
    fixed: str = ""
    note: str = ""


def _hook_error(o: Outcome) -> z3.BoolRef:
    """A driver with an error hook that returns something other than a negative errno."""
    i = o.inputs
    return z3.And(i.error_hook_set, z3.Not(i.success_hook_set),
                  z3.Or(i.error_hook_ret == 0, i.error_hook_ret > 0))


FINDINGS: tuple[Finding, ...] = (
    Finding(
        "B1", "rmap-lock self-deadlock on the error path", "bug",
        ("unlock-before-unmap",), ("mmu-normal",),
        lambda o: o.inputs.hide,
        "the driver hides the VMA from rmap until complete",
        ("v-ac0a3fc", "v-mmnew-v2"), "ac0a3fc9c07d", "f96e1d5f15b7",
        "do_munmap -> free_pgtables takes i_mmap_rwsem, still held by vma_link_file."),
    Finding(
        "B2", "the compat path unmaps a VMA not in the tree (CVE-2026-53373)", "bug",
        ("no-unmap-detached",), ("mmu-compat", "nommu-compat"),
        lambda o: z3.BoolVal(True),
        "a legacy ->mmap caller (overlayfs, shm) of a driver with mmap_prepare",
        ("v-ac0a3fc", "v-mmnew-v2", "v-f96e1d5", "v-382c0f2", "v-c50ca15", "v-7.0.y"),
        "ac0a3fc9c07d", "619eab23e1ce",
        "v-7.0.y: the mailed 7.0.y backport adds is_compat to mmap_action_finish but its "
        "compat_vma_mmap still calls do_munmap on error (f96e1d5f15b7's hunk): the model keeps it."),
    Finding(
        "B3", "uninitialised success_hook called on the compat path", "bug",
        ("no-uninit-call",), ("mmu-compat", "nommu-compat"),
        lambda o: z3.And(o.inputs.type == ACTION_TYPES["MMAP_NOTHING"],
                         z3.Not(o.inputs.hooks_written)),
        "a driver that sets no hook and no action (MMAP_NOTHING), reached through ->mmap",
        ("v-mmnew-v2",), "mm-new v2 (16 Mar 2026)", "mm-new v3 (memset, 19 Mar 2026)"),
    Finding(
        "B4", "hugetlbfs reservation leaked when the mmap fails after mmap_prepare", "bug",
        ("resources-released",), ("mmu-normal",),
        lambda o: z3.And(o.inputs.hugetlbfs, o.inputs.vma_alloc_fails),
        "a hugetlbfs file, and the VMA allocation failing after its mmap_prepare",
        HOOK_VERSIONS, "ea52cb24cd3f", "83f9efcce93f (revert, Cc stable)",
        "a driver bug, not an mm one: the versions differ by whether hugetlbfs used "
        "mmap_prepare."),
    Finding(
        "B5", "a success_hook error leaves the VMA mapped", "bug",
        ("unmap-on-failure",), ("mmu-normal",),
        lambda o: z3.And(o.inputs.success_hook_set, o.inputs.success_hook_ret != 0,
                         z3.Not(o.inputs.error_hook_set)),
        "a success hook that fails, no error hook",
        ("v-ac0a3fc", "v-mmnew-v2"), "ac0a3fc9c07d", "f96e1d5f15b7",
        "f96e1d5f15b7 already unmaps whenever mmap_action_complete returns an error, one from "
        "the success hook too; an earlier account dated the change to 382c0f2895d2."),
    Finding(
        "B6", "an error_hook can clear or corrupt the error", "bug",
        ("ret-valid-errno", "success-means-mapped", "mapped-on-success", "override-only-errors",
         "warn-only-on-driver-bug", "action-done-or-failed"),
        REACHABLE,
        _hook_error,
        "an error hook that returns 0 or a positive value, no success hook",
        HOOK_VERSIONS, "ac0a3fc9c07d", "remove mmap_action success, error hooks (v-override)"),
    Finding(
        "S1", "a success_hook's positive result is returned as the mmap result", "finding",
        ("ret-valid-errno",), REACHABLE,
        lambda o: z3.And(o.inputs.success_hook_set, o.inputs.success_hook_ret > 0,
                         z3.Not(o.inputs.error_hook_set)),
        "a success hook that returns a positive value, no error hook",
        HOOK_VERSIONS, "ac0a3fc9c07d", "remove mmap_action success, error hooks (v-override)",
        "nothing checks the hook's result; the in-tree hooks return 0 or an errno."),
    Finding(
        "F1", "no error_override to check or apply before the series that removed the hooks",
        "absent",
        ("check-accepts-exactly-valid", "override-only-errors"), ("mmu-normal",),
        lambda o: o.inputs.override != 0,
        "the driver sets error_override (a field these versions do not have)",
        HOOK_VERSIONS, "", "remove mmap_action success, error hooks (v-override)"),
)
FINDING_BY_ID: dict[str, Finding] = {f.id: f for f in FINDINGS}
KNOWN_BUGS: tuple[Finding, ...] = tuple(f for f in FINDINGS if f.kind == "bug")

