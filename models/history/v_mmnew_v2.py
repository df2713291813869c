"""``v-mmnew-v2``: v2 of "mm: expand mmap_prepare functionality and usage"
(mm-new, 16 Mar 2026; never merged in this form).

The patch "split compat_vma_mmap" replaced the compat descriptor's designated initialiser
(which named the fields it set, ``action.type`` = ``MMAP_NOTHING`` among them, and so zeroed
every field it did not name) by a plain ``struct vm_area_desc`` local filled in by
``compat_set_desc_from_vma()``, which assigned the VMA's fields to the descriptor one at a
time and set ``action.type`` to ``MMAP_NOTHING`` last, without clearing the rest.

``action.success_hook`` and ``action.error_hook`` therefore kept whatever the stack held
unless the driver's ``mmap_prepare`` wrote them.  v3 (19 Mar 2026) zeroes the whole
descriptor with ``memset`` before the assignments, a change asked for in review by Joshua
Hahn.

``mmap_action_finish`` in v2 (the '-' side of the v2->v3 interdiff) had the
first ordering: ``unmap_vma_locked()`` then ``error_hook`` on an error,
``success_hook`` otherwise; mm/vma.c dropped the rmap lock after
``mmap_action_complete`` and the compat path ran the same finish: this version
is the hooks-2025 design (``v-ac0a3fc``) in a world whose descriptor is not zeroed.  The
``vm_ops->mapped`` call that v2 made from mm/vma.c after the action is left out (it is not
in the finish, and no invariant of the timeline reads it before c50ca15dd496).
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
          "v2: the fields are assigned one by one into an uncleared stack descriptor (no "
          "memset): action.success_hook / error_hook hold the stack's contents")
    def compat_set_desc_from_vma(self, p: Path, inp: Inputs) -> None:
        p.set("desc_init", z3.BoolVal(False))
        p.step("compat_set_desc_from_vma: action hooks left uninitialised")

    @rule("mm/util.c", "compat_vma_mmap",
          "vfs_mmap_prepare runs the driver on the descriptor: a driver that assigns the hook "
          "fields initialises them")
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
