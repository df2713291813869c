"""``v-mmnew-v2``: v2 of "mm: expand mmap_prepare functionality and usage"
(mm-new, 16 Mar 2026; never merged in this form).

The patch "split compat_vma_mmap" replaced the designated initialiser of the
compat descriptor (``struct vm_area_desc desc = { ..., .action.type =
MMAP_NOTHING }``, which zeroes every other field) by ``struct vm_area_desc
desc;`` and ``compat_set_desc_from_vma()``, which set the fields one by one::

    desc->mm = vma->vm_mm; desc->file = (struct file *)file; ...
    desc->page_prot = vma->vm_page_prot;
    /* Default. */
    desc->action.type = MMAP_NOTHING;

``action.success_hook`` and ``action.error_hook`` kept the stack's contents
unless the driver's ``mmap_prepare`` wrote them.  v3 (19 Mar 2026) added
``memset(desc, 0, sizeof(*desc));`` "to correctly clear the vm_area_desc data
structure in set_desc_from_vma() as per Joshua Hahn".

``mmap_action_finish`` in v2 (the '-' side of the v2->v3 interdiff) had the
first ordering: ``unmap_vma_locked()`` then ``error_hook`` on an error,
``success_hook`` otherwise; mm/vma.c dropped the rmap lock after
``mmap_action_complete`` and the compat path ran the same finish: this version
is the hooks-2025 design (``v-ac0a3fc``) in a world whose descriptor is not zeroed.  The ``vm_ops->mapped``
call that v2 made from mm/vma.c after the action is left out (it is not in
the finish, and no invariant of the timeline reads it before c50ca15dd496).
"""
from __future__ import annotations

import z3

from models.history.world import History
from models.hooks_2025 import Hooks2025
from models.inputs import Inputs
from models.path import Path
from models.rules import rule


class FieldByField(History):
    """The history's world with v2's compat descriptor, set field by field."""

    @rule("mm/util.c", "compat_set_desc_from_vma",
          "v2: fields set one by one into `struct vm_area_desc desc;` (no memset): "
          "action.success_hook / error_hook hold the stack's contents")
    def compat_set_desc_from_vma(self, p: Path, inp: Inputs) -> None:
        p.set("desc_init", z3.BoolVal(False))
        p.step("compat_set_desc_from_vma: action hooks left uninitialised")

    @rule("mm/util.c", "compat_vma_mmap",
          "vfs_mmap_prepare(file, &desc): a driver that assigns the hook fields initialises them")
    def driver_writes_desc(self, p: Path, inp: Inputs) -> None:
        p.set("desc_init", z3.Or(p["desc_init"], inp.hooks_written))


class VMmNewV2(Hooks2025):
    """The hooks-2025 design, its steps as they are, in that world."""
    name = "v-mmnew-v2"
    title = "mm-new v2 of 'expand mmap_prepare functionality and usage'"
    commit = "mm-new, 'mm: expand mmap_prepare functionality and usage' v2 (16 Mar 2026)"
    date = "2026-03"
    tree = "mm-new"
    summary = ("as v-ac0a3fc, but compat_set_desc_from_vma sets the descriptor field by field: "
               "the hook pointers are uninitialised unless the driver writes them.")
    sources = ("v2 patch 'split compat_vma_mmap' and its review (Mar 2026)",
               "v2->v3 interdiff as applied to mm-new (19 Mar 2026): memset added")
    world = FieldByField()
