"""Mutants: deliberately broken variants of the current design.

Each is a plausible kernel bug, written as the one rule it changes, or as the steps of
mmap_action_finish it reorders (models/steps.py).  A proof counts only if it can fail:
every invariant must be refuted by some mutant.
"""
from __future__ import annotations

import z3

from models.cdefs import MAX_ERRNO, PAGE_SHIFT, elvis, int_val
from models.design import Design
from models.inputs import Inputs, in_enum, type_is
from models.override import Override
from models.path import Path
from models.rules import rule
from models.steps import (CALL_VMA_MAPPED, COMPAT, DO_MUNMAP, ERROR_OVERRIDE, NO_ERR,
                          NO_ERR_OR_COMPAT, RMAP_UNLOCK, ReturnIf, mmap_action_finish)

MUTANTS: dict[str, Design] = {}


def mutant(name: str, summary: str):
    def deco(cls):
        cls.name, cls.summary = name, summary
        cls.title = f"mutant of override: {summary}"
        MUTANTS[name] = cls()
        return cls
    return deco


@mutant("zero-extend", "the int override is zero-extended to unsigned long, not sign-extended")
class ZeroExtend(Override):
    @rule("mm/util.c", "check_mmap_action", "MUTANT: (unsigned long)(unsigned int)override")
    def override_to_ulong(self, p: Path, override: z3.BitVecRef) -> z3.BitVecRef:
        return z3.ZeroExt(p.word - 32, override) if p.word > 32 else override


@mutant("max-errno-plus-one", "MAX_ERRNO is 4096: -4096 is accepted")
class MaxErrnoPlusOne(Override):
    @rule("include/linux/err.h", "IS_ERR_VALUE", "MUTANT: MAX_ERRNO = 4096")
    def is_err_value(self, p: Path, x: z3.BitVecRef) -> z3.BoolRef:
        return z3.UGE(x, z3.BitVecVal(-(MAX_ERRNO + 1), x.size()))


@mutant("max-errno-minus-one", "MAX_ERRNO is 4094: -4095 is rejected")
class MaxErrnoMinusOne(Override):
    @rule("include/linux/err.h", "IS_ERR_VALUE", "MUTANT: MAX_ERRNO = 4094")
    def is_err_value(self, p: Path, x: z3.BitVecRef) -> z3.BoolRef:
        return z3.UGE(x, z3.BitVecVal(-(MAX_ERRNO - 1), x.size()))


@mutant("is-err-value-strict", "IS_ERR_VALUE compares with > instead of >=")
class IsErrValueStrict(Override):
    @rule("include/linux/err.h", "IS_ERR_VALUE", "MUTANT: x > -MAX_ERRNO")
    def is_err_value(self, p: Path, x: z3.BitVecRef) -> z3.BoolRef:
        return z3.UGT(x, z3.BitVecVal(-MAX_ERRNO, x.size()))


@mutant("check-skipped", "mmap_action_prepare does not call check_mmap_action")
class CheckSkipped(Override):
    @rule("mm/util.c", "check_mmap_action", "MUTANT: never called")
    def check_mmap_action(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        return z3.BitVecVal(0, 32)


@mutant("override-on-success", "the override is returned even when the action succeeded")
class OverrideOnSuccess(Override):
    finish = mmap_action_finish(
        "MUTANT: return error_override ?: err on every path",
        CALL_VMA_MAPPED, RMAP_UNLOCK, ReturnIf(COMPAT), ReturnIf(NO_ERR, ERROR_OVERRIDE),
        DO_MUNMAP, ERROR_OVERRIDE)


@mutant("elvis-swapped", "err ?: error_override instead of error_override ?: err")
class ElvisSwapped(Override):
    @rule("mm/util.c", "mmap_action_finish", "MUTANT: return err ?: action->error_override")
    def apply_override(self, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
        return elvis(err, inp.override)


@mutant("unmap-skipped", "the failed VMA is not unmapped")
class UnmapSkipped(Override):
    @rule("mm/mmap.c", "do_munmap", "MUTANT: not called")
    def do_munmap(self, p: Path, inp: Inputs) -> None:
        p.step("do_munmap skipped (mutant)")


@mutant("unmap-one-page", "only the first page of the VMA is unmapped")
class UnmapOnePage(Override):
    @rule("mm/util.c", "mmap_action_finish", "MUTANT: len = PAGE_SIZE")
    def unmap_len(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        return z3.BitVecVal(1 << PAGE_SHIFT, p.word)


@mutant("unlock-after-unmap", "the rmap lock is released after do_munmap instead of before")
class UnlockAfterUnmap(Override):
    finish = mmap_action_finish(
        "MUTANT: maybe_rmap_unlock_action after do_munmap",
        CALL_VMA_MAPPED, ReturnIf(NO_ERR_OR_COMPAT, RMAP_UNLOCK), DO_MUNMAP, RMAP_UNLOCK,
        ERROR_OVERRIDE)


@mutant("mapped-error-ignored", "the result of vm_ops->mapped is ignored")
class MappedErrorIgnored(Override):
    @rule("mm/util.c", "call_vma_mapped", "MUTANT: return 0 whatever ->mapped returned")
    def call_vma_mapped(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        p.call("vm_ops->mapped", inp.mapped_err)
        return z3.BitVecVal(0, 32)


@mutant("compat-unmaps", "the compat path unmaps the VMA on error too (no is_compat return)")
class CompatUnmaps(Override):
    finish = mmap_action_finish(
        "MUTANT: return if `!err` (is_compat ignored)",
        CALL_VMA_MAPPED, RMAP_UNLOCK, ReturnIf(NO_ERR), DO_MUNMAP, ERROR_OVERRIDE)


@mutant("not-delegated", "the I/O types are not rewritten to MMAP_REMAP_PFN at prepare time")
class NotDelegated(Override):
    @rule("mm/internal.h", "io_remap_pfn_range_prepare", "MUTANT: action->type left unchanged")
    def delegate_to_remap(self, p: Path) -> None:
        p.step("action->type left unchanged (mutant)")


@mutant("lock-leaked", "maybe_rmap_unlock_action is not called on success")
class LockLeaked(Override):
    finish = mmap_action_finish(
        "MUTANT: unlock only on the error path",
        CALL_VMA_MAPPED, ReturnIf(NO_ERR_OR_COMPAT), RMAP_UNLOCK, DO_MUNMAP, ERROR_OVERRIDE)


@mutant("nommu-action-ignored",
        "!CONFIG_MMU complete WARNs for an unsupported action but returns 0 (mmap succeeds with "
        "the action not done)")
class NommuActionIgnored(Override):
    # The Sep 2025 posting of the mmap_action series had exactly this shape: a
    # WARN_ON_ONCE, then break with err left 0 (see models/hooks_2025.py).
    @rule("mm/util.c", "mmap_action_complete", "MUTANT: !CONFIG_MMU WARN_ON_ONCE(1), err stays 0")
    def mmap_action_complete_nommu(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        t = p["type"]
        p.warn("mmap_action_complete (nommu): unsupported action",
               z3.And(in_enum(t), z3.Not(type_is(t, "MMAP_NOTHING"))))
        return int_val(0)


@mutant("compat-keeps-hide",
        "compat_vma_mmap does not clear hide_from_rmap_until_complete (unlocks a lock never taken)")
class CompatKeepsHide(Override):
    @rule("mm/util.c", "compat_vma_mmap", "MUTANT: desc->action.hide_from_rmap_until_complete kept")
    def compat_clears_hide(self, p: Path) -> None:
        p.step("hide_from_rmap_until_complete kept (mutant)")
