"""What every historical version models around the mmap_action code: its ``world``.

A version is a design (models/hooks.py, models/hooks_2025.py, models/override.py) with
``world = HISTORY`` (or a variant), plus, where its code differs, its own steps.  The
world models what the known bugs need and the current designs leave out:

* the descriptor fields a legacy ``->mmap`` caller hands to ``mmap_prepare``:
  initialised (zeroed) or not, so that a hook called through a field nobody
  wrote is seen as a call to an unknown target;
* a resource a driver takes in ``mmap_prepare`` and hands to the VMA through
  the descriptor (hugetlbfs, while it used ``mmap_prepare``), and whether it
  is released when the mmap fails before the VMA exists;
* the VMA allocation in ``__mmap_new_vma`` failing: the one failure between
  ``mmap_prepare`` and the action on the normal path that a driver cannot
  avoid.
"""
from __future__ import annotations

import z3

from models.cdefs import errno, int_val
from models.inputs import Inputs
from models.path import Path
from models.rules import rule
from models.world import World


class History(World):
    inputs = frozenset({"history"})

    def __init__(self, hugetlbfs_prepare: bool = True) -> None:
        # hugetlbfs used mmap_prepare: ea52cb24cd3f "mm/hugetlbfs: update hugetlbfs to use
        # mmap_prepare" until its revert 83f9efcce93f (May 2026, Cc stable).
        self.hugetlbfs_prepare = hugetlbfs_prepare

    # ---- the normal path: mm/vma.c ---------------------------------------------------
    @rule("mm/vma.c", "vma_merge_new_range",
          "no merge for VM_SPECIAL mappings: the remap actions (VM_IO|VM_PFNMAP) and hugetlbfs, "
          "whose mappings carry VMA_DONTEXPAND_BIT and so never merge (as 83f9efcce93f "
          "points out)")
    def can_merge(self, p: Path, inp: Inputs, merged: z3.BoolRef) -> z3.BoolRef:
        return z3.And(merged, z3.Not(inp.hugetlbfs))

    @rule("mm/vma.c", "__mmap_new_vma",
          "vm_area_alloc() or vma_iter_prealloc() fails: return -ENOMEM before the VMA exists",
          verified=False)
    def vma_alloc(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        res = z3.If(inp.vma_alloc_fails, errno("ENOMEM"), int_val(0))
        with p.when(inp.vma_alloc_fails):
            p.call("__mmap_new_vma: vm_area_alloc", res)
        return res

    # ---- the compat path: mm/util.c ----------------------------------------------------
    @rule("mm/util.c", "compat_set_desc_from_vma",
          "the descriptor starts zeroed (a designated initialiser, later memset): every hook "
          "pointer is NULL unless the driver sets it")
    def compat_set_desc_from_vma(self, p: Path, inp: Inputs) -> None:
        p.set("desc_init", z3.BoolVal(True))

    # ---- drivers -------------------------------------------------------------------------
    @rule("fs/hugetlbfs/inode.c", "hugetlbfs_file_mmap_prepare",
          "hugetlb_reserve_pages, given the descriptor, reserves huge pages and keeps the "
          "reservation (a private mapping's resv_map) in desc->private_data for the VMA")
    def driver_prepared(self, p: Path, inp: Inputs) -> None:
        if not self.hugetlbfs_prepare:
            return
        with p.when(inp.hugetlbfs):
            p.set("res_pending", z3.BoolVal(True))
            p.step("hugetlb_reserve_pages: reservation held in desc->private_data", "lock")

    @rule("mm/vma.c", "__mmap_new_vma",
          "the VMA is set up from the descriptor (vm_private_data = desc->private_data): what the "
          "driver reserved is the VMA's from now on, released by vm_ops->close when it goes",
          verified=False)
    def vma_takes_resources(self, p: Path) -> None:
        with p.when(p["res_pending"]):
            p.set("res_pending", z3.BoolVal(False))
            p.step("vma->vm_private_data = desc->private_data (the VMA owns the reservation)")

    # ---- hook calls (models/action.py run_success_hook, run_error_hook) ------------------
    @rule("mm/util.c", "mmap_action_finish",
          "a hook is called through its descriptor pointer: a target nobody set if the field "
          "was never initialised")
    def through_pointer(self, p: Path, calls: z3.BoolRef, name: str) -> None:
        with p.when(calls):
            p.set("uninit_call", z3.Or(p["uninit_call"], z3.Not(p["desc_init"])))
            with p.when(z3.Not(p["desc_init"])):
                p.step(f"{name}: call through an uninitialised pointer", "warn")


HISTORY = History()
