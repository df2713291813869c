"""The invariants of one mmap call through mmap_action.

Each is a property a reviewer would write without knowing any particular bug.
The formulas read the ``Outcome`` only; ``first_error`` is the first non-zero
result among the error sources that ran (callees and the kernel's own checks),
that is, the error before any override.
"""
from __future__ import annotations

import z3

from models.config import REACHABLE
from models.cdefs import errno, int_to_ulong, is_zero_or_errno
from models.inputs import ACTION_TYPES, in_enum
from models.outcome import Outcome
from proofs.assumptions import CALLEE_RESULTS, DEVMEM, HUGETLBFS, MUNMAP_SUCCEEDS, VMA_WELL_FORMED
from proofs.registry import invariant

ALL = REACHABLE                      # nommu-normal has no caller in the kernel (models/config.py)
NORMAL = ("mmu-normal",)             # __mmap_region exists only with CONFIG_MMU
MMU = ("mmu-normal", "mmu-compat")


@invariant(
    "ret-valid-errno",
    "mmap returns 0 or a valid errno (-4095..-1), whatever the driver puts in error_override",
    formula_text="ret == 0 || (-4095 <= ret && ret <= -1)",
    assumptions=CALLEE_RESULTS,
    scope=ALL,
    protects=("mm/util.c:check_mmap_action", "mm/util.c:mmap_action_finish"),
    rationale="check_mmap_action rejects any override that is not 0 or IS_ERR_VALUE before the VMA "
              "exists, and the compat path never applies the override.  The driver's callbacks "
              "are another matter: nothing checks what ->mmap_prepare and vm_ops->mapped return, "
              "so this holds only while they keep their contracts (`verify assumptions`).",
    outside_scope="Latent only: CONFIG_MMU=n skips check_mmap_action, so if the !MMU "
                  "mmap_action_complete were ever called with is_compat false (no caller does: "
                  "nommu-normal is unreachable), a positive override would be returned.")
def ret_valid_errno(o: Outcome) -> z3.BoolRef:
    return is_zero_or_errno(o.ret)


def valid_override(o: Outcome) -> z3.BoolRef:
    return is_zero_or_errno(o.inputs.override)


@invariant(
    "check-accepts-exactly-valid",
    "check_mmap_action accepts exactly 0 and -4095..-1 and rejects every other override with "
    "-EINVAL and a warning (a WARN_ON_ONCE: on every kernel), before any VMA exists",
    formula_text="prepare_err == 0 -> check_ran && check_ret == (valid(override) ? 0 : -EINVAL) "
                 "&& warned_check_mmap_action != valid(override) "
                 "&& (!valid(override) -> ret == -EINVAL && !vma_created)",
    assumptions=(),
    scope=MMU,
    protects=("mm/util.c:check_mmap_action", "include/linux/err.h:IS_ERR_VALUE"),
    rationale="The int override is sign-extended to unsigned long; IS_ERR_VALUE accepts exactly "
              "the top 4095 values of the word, which are the sign extensions of -4095..-1.",
    outside_scope="CONFIG_MMU=n: mmap_action_prepare does not call check_mmap_action at all (harmless "
                  "there: the only !MMU path, compat, never applies the override).")
def check_accepts_exactly_valid(o: Outcome) -> z3.BoolRef:
    valid = valid_override(o)
    warned = o.warnings.get("check_mmap_action", z3.BoolVal(False))
    return z3.Implies(o.inputs.prepare_err == 0, z3.And(
        o.check_ran,
        o.check_ret == z3.If(valid, z3.BitVecVal(0, 32), errno("EINVAL")),
        warned == z3.Not(valid),
        z3.Implies(z3.Not(valid), z3.And(o.ret == errno("EINVAL"), z3.Not(o.vma_created)))))


@invariant(
    "unmap-on-failure",
    "on the normal path, an error after the VMA was created leaves the whole VMA unmapped",
    formula_text="vma_created && ret != 0 -> unmapped && unmap_start == vm_start && "
                 "unmap_len == vm_end - vm_start && !vma_mapped",
    assumptions=(MUNMAP_SUCCEEDS, VMA_WELL_FORMED),
    scope=NORMAL,
    protects=("mm/util.c:mmap_action_finish", "mm/vma.c:__mmap_region"),
    rationale="mmap_action_finish unmaps vma_pages(vma) << PAGE_SHIFT bytes from vm_start whenever "
              "the error survives to the end and the call is not from the compat layer; it "
              "discards do_munmap's result, so this holds only while do_munmap succeeds.",
    outside_scope="The compat path returns the error without unmapping: the legacy ->mmap caller "
                  "owns the VMA and cleans up.")
def unmap_on_failure(o: Outcome) -> z3.BoolRef:
    i = o.inputs
    whole = z3.And(o.unmapped, o.unmap_start == i.vm_start, o.unmap_len == i.vm_end - i.vm_start,
                   z3.Not(o.vma_mapped))
    return z3.Implies(z3.And(o.vma_created, o.ret != 0), whole)


@invariant(
    "mapped-on-success",
    "on the normal path, a successful mmap leaves the new VMA mapped and unmaps nothing",
    formula_text="vma_created && ret == 0 -> vma_mapped && !unmapped",
    assumptions=(),
    scope=NORMAL,
    protects=("mm/util.c:mmap_action_finish",),
    rationale="mmap_action_finish returns before do_munmap when there is no error (the early "
              "return on `!err || is_compat`), and an error that reaches do_munmap is returned as `error_override ?: err`, "
              "never 0.")
def mapped_on_success(o: Outcome) -> z3.BoolRef:
    return z3.Implies(z3.And(o.vma_created, o.ret == 0),
                      z3.And(o.vma_mapped, z3.Not(o.unmapped)))


@invariant(
    "override-only-errors",
    "the override changes only errors: success returns 0, override 0 returns the callee's error "
    "unchanged, a valid non-zero override replaces every error after the VMA was created",
    formula_text="(ret == 0) == (first_error == 0) && (override == 0 -> ret == first_error) && "
                 "(override != 0 && valid(override) && vma_created && first_error != 0 -> ret == override)",
    assumptions=(),
    scope=NORMAL,
    protects=("mm/util.c:mmap_action_finish",),
    rationale="`error_override ?: err` is reached only with err != 0, and `a ?: b` returns b when "
              "a is 0.",
    outside_scope="The compat path returns before the override is applied: the raw error comes back.")
def override_only_errors(o: Outcome) -> z3.BoolRef:
    e, ov = o.first_error(), o.inputs.override
    return z3.And(
        (o.ret == 0) == (e == 0),
        z3.Implies(ov == 0, o.ret == e),
        z3.Implies(z3.And(ov != 0, valid_override(o), o.vma_created, e != 0), o.ret == ov))


@invariant(
    "unlock-before-unmap",
    "the rmap lock of a hidden VMA is always released before any unmap (no self-deadlock)",
    formula_text="!lock_held_at_unmap",
    assumptions=(),
    scope=ALL,
    protects=("mm/util.c:mmap_action_finish", "mm/internal.h:maybe_rmap_unlock_action"),
    rationale="maybe_rmap_unlock_action runs before the early return on `!err || is_compat`, so "
              "before do_munmap, whose free_pgtables takes i_mmap_rwsem again.")
def unlock_before_unmap(o: Outcome) -> z3.BoolRef:
    return z3.Not(o.lock_held_at_unmap)


@invariant(
    "rmap-lock-balanced",
    "every mmap call releases the rmap lock it took, and never releases one it does not hold",
    formula_text="!rmap_held_at_end && !unlock_unheld",
    assumptions=(),
    scope=ALL,
    protects=("mm/internal.h:maybe_rmap_unlock_action", "mm/vma.c:__mmap_new_vma"),
    rationale="vma_link_file takes i_mmap_rwsem only for a new, hidden VMA, and every such VMA "
              "reaches mmap_action_finish, which releases it.")
def rmap_lock_balanced(o: Outcome) -> z3.BoolRef:
    return z3.And(z3.Not(o.rmap_held_at_end), z3.Not(o.unlock_unheld))


@invariant(
    "no-unmap-detached",
    "nothing unmaps a VMA that is not attached to the tree (the compat path leaves cleanup to its "
    "caller)",
    formula_text="!unmap_detached",
    assumptions=(),
    scope=ALL,
    protects=("mm/util.c:mmap_action_finish", "mm/util.c:compat_vma_mmap"),
    rationale="the early return on `!err || is_compat` comes before do_munmap, so nothing is "
              "unmapped on the compat path, where the VMA has not been added to the tree yet "
              "(CVE-2026-53373).")
def no_unmap_detached(o: Outcome) -> z3.BoolRef:
    return z3.Not(o.unmap_detached)


@invariant(
    "warn-only-on-driver-bug",
    "with CONFIG_MMU, the warnings of the mmap_action code itself fire only when the driver set an "
    "invalid override or an unknown action type, on every kernel (WARN_ON_ONCE always, "
    "VM_WARN_ON_ONCE with CONFIG_DEBUG_VM)",
    formula_text="warned -> !valid(override) || type not in enum mmap_action_type",
    assumptions=(),
    scope=MMU,
    protects=("mm/util.c:mmap_action_prepare", "mm/util.c:mmap_action_complete",
              "mm/util.c:mmap_action_finish", "mm/internal.h:io_remap_pfn_range_prepare"),
    rationale="The I/O types are rewritten to MMAP_REMAP_PFN at prepare time, so the 'should have "
              "been delegated' WARN in mmap_action_complete is unreachable.  The warnings are "
              "those of check_mmap_action, mmap_action_prepare, mmap_action_complete and "
              "mmap_action_finish; the callees' own (remap_pfn_range_internal's "
              "WARN_ON_ONCE(!PAGE_ALIGNED(addr)), ...) are not modelled.  Both kernels are in "
              "every configuration of the scope: a VM_WARN_ON_ONCE counts only with "
              "CONFIG_DEBUG_VM (--config mmu-normal+no-debug-vm fixes the production kernel).",
    outside_scope="CONFIG_MMU=n WARNs for every action other than MMAP_NOTHING.")
def warn_only_on_driver_bug(o: Outcome) -> z3.BoolRef:
    t = o.inputs.type
    return z3.Implies(o.warned, z3.Or(z3.Not(valid_override(o)), z3.Not(in_enum(t))))


@invariant(
    "devmem-eagain",
    "/dev/mem (full remap, override -EAGAIN): every failure once the VMA exists reaches userspace "
    "as -EAGAIN",
    formula_text="vma_created && first_error != 0 -> user_ret == (unsigned long)-EAGAIN",
    assumptions=(DEVMEM,),
    scope=NORMAL,
    protects=("drivers/char/mem.c:mmap_mem_prepare", "mm/util.c:mmap_action_finish"),
    rationale="mmap_mem_prepare sets error_override = -EAGAIN, and mmap_action_finish returns it "
              "for every error after do_munmap, as the old mmap_mem did when remap_pfn_range failed.",
    outside_scope="The compat path returns the raw error; on every path a failure of "
                  "remap_pfn_range_prepare (before the VMA exists) is returned raw, not as -EAGAIN.")
def devmem_eagain(o: Outcome) -> z3.BoolRef:
    eagain = int_to_ulong(errno("EAGAIN"), o.inputs.word)
    return z3.Implies(z3.And(o.vma_created, o.first_error() != 0), o.user_ret == eagain)


# The callees that carry out an action on the new VMA (mm/util.c mmap_action_complete).
def action_completed(o: Outcome) -> z3.BoolRef:
    """An action's complete helper ran and returned 0 (the outcome's ``action_completed``)."""
    return o.action_completed


@invariant(
    "action-done-or-failed",
    "mmap reports success for a new VMA with an action other than MMAP_NOTHING only if the action "
    "was carried out (its complete helper ran and returned 0)",
    formula_text="vma_created && ret == 0 && type in enum mmap_action_type && type != MMAP_NOTHING "
                 "-> action_completed",
    assumptions=(),
    scope=ALL,
    protects=("mm/util.c:mmap_action_complete", "mm/util.c:mmap_action_finish",
              "mm/internal.h:io_remap_pfn_range_prepare"),
    rationale="Every action type reaches a complete helper (the I/O types through their "
              "delegation to MMAP_REMAP_PFN), and every other outcome is an error: "
              "!CONFIG_MMU fails each real action with -EINVAL, and an error after the VMA exists "
              "is never turned into 0.")
def action_done_or_failed(o: Outcome) -> z3.BoolRef:
    t = o.inputs.type
    real_action = z3.And(t > 0, t <= max(ACTION_TYPES.values()))
    return z3.Implies(z3.And(o.vma_created, o.ret == 0, real_action), action_completed(o))


@invariant(
    "no-uninit-call",
    "no call goes through a descriptor pointer that was never initialised",
    formula_text="!uninit_call",
    assumptions=(),
    scope=ALL,
    protects=("mm/util.c:compat_set_desc_from_vma", "mm/util.c:mmap_action_finish"),
    rationale="Both callers start from a zeroed descriptor (a designated initialiser in "
              "__mmap_region, memset in compat_set_desc_from_vma), so a hook pointer is NULL "
              "unless the driver set it; the current design has no hook pointers at all.")
def no_uninit_call(o: Outcome) -> z3.BoolRef:
    return z3.Not(o.uninit_call)


@invariant(
    "resources-released",
    "every resource a driver takes for the mapping is released or owned by the new VMA when mmap "
    "returns: a failed mmap leaks nothing",
    formula_text="!leaked",
    assumptions=(HUGETLBFS,),
    scope=ALL,
    protects=("mm/vma.c:__mmap_region", "fs/hugetlbfs/inode.c:hugetlbfs_file_mmap_prepare"),
    rationale="No driver of the current tree keeps a resource in the descriptor: hugetlbfs, the "
              "one that did, reserves in its ->mmap again since 83f9efcce93f, with the VMA in "
              "hand and its own error path.")
def resources_released(o: Outcome) -> z3.BoolRef:
    return z3.Not(o.leaked)


@invariant(
    "success-means-mapped",
    "mmap returns 0 only if the new VMA is mapped",
    formula_text="vma_created && ret == 0 -> vma_mapped",
    assumptions=(),
    scope=ALL,
    protects=("mm/util.c:mmap_action_finish",),
    rationale="The VMA is unmapped only when the error survives to the end, and the value "
              "returned then is `error_override ?: err` with err != 0: never 0.")
def success_means_mapped(o: Outcome) -> z3.BoolRef:
    return z3.Implies(z3.And(o.vma_created, o.ret == 0), o.vma_mapped)
