"""Assumptions: what the environment of one mmap call guarantees.

Each callee whose result the model leaves symbolic has a contract of its own: the
values its code can return, with the code cited.  A contract constrains a callee's
result only where the call ran (``Path.sources``), so that one input shared by
several callees (``action_prepare_err``) gets one contract per callee.  ``party``
says who owes it: ``driver`` (driver code; nothing in mm checks the value, so a
broken contract is a kernel behaviour a driver author must know: see ``broken``
and ``verify assumptions``) or ``kernel`` (mm code read for the values it returns).

The VMA allocation (mm/vma.c ``__mmap_new_vma``: ``vm_area_alloc`` and
``vma_iter_prealloc`` fail with -ENOMEM) needs no contract: the history versions
model exactly those values (``models/history/world.py``), so a contract would
constrain nothing, and an assumption no invariant needs is not kept.
"""
from __future__ import annotations

import z3

from models.cdefs import PAGE_SHIFT, errno, is_zero_or_errno
from models.inputs import ACTION_TYPES
from models.outcome import Outcome
from proofs.registry import Assumption


def returns_errno(*callees: str):
    """The formula: every call to one of ``callees`` that ran returned 0 or -errno."""
    def formula(o: Outcome) -> z3.BoolRef:
        parts = [z3.Implies(s.ran, is_zero_or_errno(s.value))
                 for s in o.path.sources if s.name in callees]
        return z3.And(*parts) if parts else z3.BoolVal(True)
    return formula


MMAP_PREPARE_ERRNO = Assumption(
    "mmap-prepare-returns-errno",
    "the driver's f_op->mmap_prepare returns 0 or a negative errno (-4095..-1)",
    returns_errno("f_op->mmap_prepare"),
    party="driver",
    produced_by=("driver code: f_op->mmap_prepare; mm/vma.c:call_mmap_prepare and "
                 "mm/util.c:compat_vma_mmap return a non-zero result as it is",),
    broken="if ->mmap_prepare returns a positive value, mmap returns it, and its callers take "
           "it as the address of a mapping that was never made")

MAPPED_ERRNO = Assumption(
    "mapped-returns-errno",
    "the driver's vm_ops->mapped returns 0 or a negative errno (-4095..-1)",
    returns_errno("vm_ops->mapped"),
    party="driver",
    produced_by=("driver code: vm_ops->mapped; mm/util.c:call_vma_mapped returns a non-zero "
                 "result as it is, and mmap_action_finish treats any non-zero value as an error",),
    broken="if ->mapped returns a positive value, mmap_action_finish unmaps the VMA and mmap "
           "returns the value, which its callers take as an address: the VMA is gone")

REMAP_PREPARE_ERRNO = Assumption(
    "remap-pfn-range-prepare-returns-errno",
    "remap_pfn_range_prepare (MMAP_REMAP_PFN, and MMAP_IO_REMAP_PFN through "
    "io_remap_pfn_range_prepare) returns 0 or a negative errno",
    returns_errno("remap_pfn_range_prepare", "remap_pfn_range_prepare (I/O)"),
    party="kernel",
    produced_by=("mm/memory.c:remap_pfn_range_prepare: -EFAULT when the range is not inside the "
                 "VMA (range_in_vma_desc), the error of get_remap_pgoff, else 0",))

SIMPLE_IOREMAP_PREPARE_ERRNO = Assumption(
    "simple-ioremap-prepare-returns-errno",
    "simple_ioremap_prepare (MMAP_SIMPLE_IO_REMAP) returns 0 or a negative errno",
    returns_errno("simple_ioremap_prepare"),
    party="kernel",
    produced_by=("mm/memory.c:simple_ioremap_prepare: -EINVAL from __simple_ioremap_prep's "
                 "physical-range checks, else io_remap_pfn_range_prepare's result",))

MAP_KERNEL_PAGES_PREPARE_ERRNO = Assumption(
    "map-kernel-pages-prepare-returns-errno",
    "map_kernel_pages_prepare (MMAP_MAP_KERNEL_PAGES) returns 0 or a negative errno",
    returns_errno("map_kernel_pages_prepare"),
    party="kernel",
    produced_by=("mm/memory.c:map_kernel_pages_prepare: a range check of the pages against the "
                 "descriptor (a negative errno), else 0 (the body was not read in full)",))

REMAP_COMPLETE_ERRNO = Assumption(
    "remap-pfn-range-complete-returns-errno",
    "remap_pfn_range_complete (MMAP_REMAP_PFN and the I/O types delegated to it) returns 0 or a "
    "negative errno",
    returns_errno("remap_pfn_range_complete"),
    party="kernel",
    produced_by=("mm/memory.c:remap_pfn_range_complete: the result of do_remap_pfn_range "
                 "(-ENOMEM when a page table cannot be allocated, -EINVAL, else 0)",))

MAP_KERNEL_PAGES_COMPLETE_ERRNO = Assumption(
    "map-kernel-pages-complete-returns-errno",
    "map_kernel_pages_complete (MMAP_MAP_KERNEL_PAGES) returns 0 or a negative errno",
    returns_errno("map_kernel_pages_complete"),
    party="kernel",
    produced_by=("mm/memory.c:map_kernel_pages_complete: the result of inserting the pages "
                 "(vm_insert_pages: 0 or a negative errno)",))

MUNMAP_SUCCEEDS = Assumption(
    "munmap-succeeds",
    "do_munmap of the failed VMA's range in mmap_action_finish succeeds (returns 0)",
    lambda o: o.inputs.munmap_err == 0,
    party="kernel",
    produced_by=("mm/mmap.c:do_munmap -> mm/vma.c:do_vmi_munmap: 0, or -ENOMEM from the gather "
                 "step (vms_gather_munmap_vmas: a maple-tree allocation or the map count) with "
                 "nothing unmapped; mm/util.c:mmap_action_finish discards the result",),
    broken="if do_munmap fails under memory pressure, mmap returns the error with the new VMA "
           "still mapped: nothing in mmap_action_finish looks at do_munmap's result")


def _vma_well_formed(o: Outcome) -> z3.BoolRef:
    i = o.inputs
    mask = (1 << PAGE_SHIFT) - 1
    return z3.And(z3.ULT(i.vm_start, i.vm_end), i.vm_start & mask == 0, i.vm_end & mask == 0)


def _devmem_hooks(o: Outcome) -> z3.BoolRef:
    """The hook-era /dev/mem (drivers/char/mem.c ``mmap_filter_error``).  Designs
    without hooks never read these inputs, so this adds nothing for them."""
    i = o.inputs
    return z3.And(i.error_hook_set, i.error_hook_ret == errno("EAGAIN"), z3.Not(i.success_hook_set))


VMA_WELL_FORMED = Assumption(
    "vma-well-formed",
    "the new VMA is non-empty and page-aligned: vm_start < vm_end, both multiples of PAGE_SIZE",
    _vma_well_formed,
    produced_by=("mm/vma.c:mmap_region: called with a page-aligned address and a page-aligned, "
                 "non-zero length",))

DEVMEM = Assumption(
    "devmem-config",
    "drivers/char/mem.c mmap_mem_prepare: its early checks passed, mmap_action_remap_full "
    "(MMAP_REMAP_PFN) and error_override = -EAGAIN (before the series: error_hook = "
    "mmap_filter_error, which returns -EAGAIN, and no success_hook)",
    lambda o: z3.And(o.inputs.prepare_err == 0, o.inputs.type == ACTION_TYPES["MMAP_REMAP_PFN"],
                     o.inputs.override == errno("EAGAIN"), _devmem_hooks(o)))

# One contract per callee whose result the model leaves symbolic: the results that are
# returned (CALLEE_RESULTS), and do_munmap's, which is not.
CALLEE_RESULTS = (MMAP_PREPARE_ERRNO, MAPPED_ERRNO, REMAP_PREPARE_ERRNO,
                  SIMPLE_IOREMAP_PREPARE_ERRNO, MAP_KERNEL_PAGES_PREPARE_ERRNO, REMAP_COMPLETE_ERRNO,
                  MAP_KERNEL_PAGES_COMPLETE_ERRNO)
CONTRACTS = CALLEE_RESULTS + (MUNMAP_SUCCEEDS,)
# Everything the environment guarantees: what queries and sequences assume by default.  Each
# invariant names only the ones it needs (``verify assumptions`` shows why each is needed).
BASE = CONTRACTS + (VMA_WELL_FORMED,)


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

# Every assumption an invariant may name, by id.
ASSUMPTIONS: dict[str, Assumption] = {a.id: a for a in BASE + (DEVMEM, HUGETLBFS)}
