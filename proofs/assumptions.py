"""Assumptions shared by the invariants: what the environment guarantees."""
from __future__ import annotations

import z3

from models.cdefs import PAGE_SHIFT, errno, is_zero_or_errno
from models.inputs import ACTION_TYPES
from models.outcome import Outcome
from proofs.registry import Assumption

CALLEES = ("prepare_err", "action_prepare_err", "complete_err", "mapped_err")


def _callees_return_errno(o: Outcome) -> z3.BoolRef:
    return z3.And(*[is_zero_or_errno(o.inputs[n]) for n in CALLEES])


def _vma_well_formed(o: Outcome) -> z3.BoolRef:
    i = o.inputs
    mask = (1 << PAGE_SHIFT) - 1
    return z3.And(z3.ULT(i.vm_start, i.vm_end), i.vm_start & mask == 0, i.vm_end & mask == 0)


CALLEES_RETURN_ERRNO = Assumption(
    "callees-return-errno",
    "the driver's mmap_prepare, the action's prepare and complete helpers and vm_ops->mapped "
    "return 0 or a negative errno (-4095..-1)",
    _callees_return_errno)

def _devmem_hooks(o: Outcome) -> z3.BoolRef:
    """The hook-era /dev/mem (drivers/char/mem.c ``mmap_filter_error``).  Designs
    without hooks never read these inputs, so this adds nothing for them."""
    i = o.inputs
    return z3.And(i.error_hook_set, i.error_hook_ret == errno("EAGAIN"), z3.Not(i.success_hook_set))


VMA_WELL_FORMED = Assumption(
    "vma-well-formed",
    "the new VMA is non-empty and page-aligned: vm_start < vm_end, both multiples of PAGE_SIZE",
    _vma_well_formed)

VALID_OVERRIDE = Assumption(
    "valid-override",
    "the driver's error_override is 0 or a negative errno (-4095..-1)",
    lambda o: is_zero_or_errno(o.inputs.override))

DEVMEM = Assumption(
    "devmem-config",
    "drivers/char/mem.c mmap_mem_prepare: its early checks passed, mmap_action_remap_full "
    "(MMAP_REMAP_PFN) and error_override = -EAGAIN (before the series: error_hook = "
    "mmap_filter_error, which returns -EAGAIN, and no success_hook)",
    lambda o: z3.And(o.inputs.prepare_err == 0, o.inputs.type == ACTION_TYPES["MMAP_REMAP_PFN"],
                     o.inputs.override == errno("EAGAIN"), _devmem_hooks(o)))

BASE = (CALLEES_RETURN_ERRNO, VMA_WELL_FORMED)


def _hugetlbfs_descriptor(o: Outcome) -> z3.BoolRef:
    i = o.inputs
    return z3.Implies(i.hugetlbfs, z3.And(
        i.type == ACTION_TYPES["MMAP_NOTHING"], i.hide, i.success_hook_set,
        z3.Not(i.error_hook_set)))


HUGETLBFS = Assumption(
    "hugetlbfs-descriptor",
    "a file on hugetlbfs gets the descriptor fs/hugetlbfs/inode.c hugetlbfs_file_mmap_prepare set "
    "while it used mmap_prepare (ea52cb24cd3f..83f9efcce93f): MMAP_NOTHING, "
    "hide_from_rmap_until_complete, success_hook = hugetlb_file_mmap_prepare_success, no error "
    "hook (designs that do not read an input are not constrained by it)",
    _hugetlbfs_descriptor)
