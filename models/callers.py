"""The two callers of mmap_action_complete: normal mmap() and the compat path.

Shared by every design.  What they do after ``mmap_action_complete`` changed across the
versions (models/history): a design states it as steps (models/steps.py),
``after_complete`` on the normal path (mm/vma.c ``call_action_complete``) and
``compat_after`` on the compat path; ``world`` (models/world.py) is what of their
surroundings the design models.
"""
from __future__ import annotations

import z3

from models.cdefs import int_val
from models.inputs import ACTION_TYPES, Inputs
from models.path import Path
from models.rules import rule
from models.steps import Steps
from models.world import World


class Callers:
    """mm/vma.c ``__mmap_region`` and mm/util.c ``compat_vma_mmap``."""
    world: World = World()
    after_complete: Steps | None = None   # mm/vma.c call_action_complete, normal path
    compat_after: Steps | None = None     # mm/util.c compat_vma_mmap, compat path

    @property
    def extra_inputs(self) -> frozenset[str]:
        return self.world.inputs

    def mmap(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        with p.when(inp.compat):
            compat = self.compat_vma_mmap(p, inp)
        with p.when(z3.Not(inp.compat)):
            normal = self.mmap_region(p, inp)
        return z3.If(inp.compat, compat, normal)

    @rule("mm/vma.c", "__mmap_region",
          "normal mmap(): call_mmap_prepare, merge or allocate the VMA, then complete the action")
    def mmap_region(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        err = self.call_mmap_prepare(p, inp)
        merged = self.world.can_merge(p, inp, self.can_merge(p, inp))
        with p.when(err == 0):
            with p.when(merged):
                # vma_merge_new_range(): no VMA allocated, so no mmap_action_complete.
                p.step("vma_merge_new_range: merged into a neighbour, no action runs")
            with p.when(z3.Not(merged)):
                alloc = self.world.vma_alloc(p, inp)
                with p.when(alloc == 0):
                    self.mmap_new_vma(p, inp)
                    done = self.mmap_action_complete(p, inp, compat=False)
                    if self.after_complete:
                        done = self.after_complete.run(self, p, inp, done, compat=False)
        return z3.If(err != 0, err, z3.If(merged, int_val(0), z3.If(alloc != 0, alloc, done)))

    @rule("mm/vma.c", "vma_merge_new_range",
          "a merge is refused for VM_SPECIAL mappings; the remap prepare helpers set VM_IO|VM_PFNMAP "
          "(map_kernel_pages: VM_MIXEDMAP, not read in source), so only MMAP_NOTHING can merge",
          verified=False)
    def can_merge(self, p: Path, inp: Inputs) -> z3.BoolRef:
        return z3.And(inp.merged, inp.type == ACTION_TYPES["MMAP_NOTHING"])

    @rule("mm/vma.c", "call_mmap_prepare",
          "the driver's f_op->mmap_prepare, then mmap_action_prepare; an error aborts the mmap")
    def call_mmap_prepare(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        err = p.call("f_op->mmap_prepare", inp.prepare_err,
                     type=inp.type, override=inp.override, hide=inp.hide)
        with p.when(err == 0):
            self.world.driver_prepared(p, inp)
            act = self.mmap_action_prepare(p, inp)
        return z3.If(err != 0, err, act)

    @rule("mm/vma.c", "__mmap_new_vma",
          "allocate and link the VMA; vma_link_file() keeps i_mmap_rwsem when hidden from rmap")
    def mmap_new_vma(self, p: Path, inp: Inputs) -> None:
        p.set("vma_created", z3.BoolVal(True))
        p.set("vma_attached", z3.BoolVal(True))
        p.set("vma_mapped", z3.BoolVal(True))
        p.step("__mmap_new_vma: VMA allocated and attached", start=inp.vm_start, end=inp.vm_end)
        with p.when(p["hide"]):
            p.set("rmap_held", z3.BoolVal(True))
            p.step("vma_link_file: i_mmap_lock_write held (hide_from_rmap_until_complete)", "lock")
        self.world.vma_takes_resources(p)

    @rule("mm/util.c", "compat_vma_mmap",
          "legacy ->mmap caller: descriptor from the VMA, driver prepare, hide forced off, "
          "prepare, VMA from the descriptor, complete with is_compat")
    def compat_vma_mmap(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        # compat_set_desc_from_vma() zeroes the descriptor (memset), so type,
        # error_override and hide are exactly what the driver's prepare set.
        self.world.compat_set_desc_from_vma(p, inp)
        err = p.call("f_op->mmap_prepare", inp.prepare_err,
                     type=inp.type, override=inp.override, hide=inp.hide)
        with p.when(err == 0):
            self.world.driver_writes_desc(p, inp)
            self.world.driver_prepared(p, inp)
            self.compat_clears_hide(p)
            act = self.mmap_action_prepare(p, inp)
            with p.when(act == 0):
                # __compat_vma_mmap: compat_set_vma_from_desc(); the VMA exists
                # but the mmap() path has not added it to the tree yet.
                p.set("vma_created", z3.BoolVal(True))
                p.set("vma_mapped", z3.BoolVal(True))
                p.step("compat_set_vma_from_desc: caller's VMA (not yet attached)")
                self.world.vma_takes_resources(p)
                done = self.mmap_action_complete(p, inp, compat=True)
                if self.compat_after:
                    done = self.compat_after.run(self, p, inp, done, compat=True)
        return z3.If(err != 0, err, z3.If(act != 0, act, done))

    def compat_clears_hide(self, p: Path) -> None:
        """compat_vma_mmap forces hide_from_rmap_until_complete off: a VMA reached through a
        legacy ->mmap caller has no rmap visibility to hold back."""
        p.set("hide", z3.BoolVal(False))
