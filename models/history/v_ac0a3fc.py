"""``v-ac0a3fc``: ac0a3fc9c07d "mm: add ability to take further action in
vm_area_desc" (Oct 2025; in 6.19 and 7.0).

The code is the ``hooks-2025`` design (models/hooks_2025.py): on an error
``do_munmap`` then ``error_hook``; on success ``success_hook``, whose error is
returned with the VMA left mapped; mm/vma.c ``call_action_complete`` drops the
rmap lock only after ``mmap_action_complete`` returned; the compat path goes
through the same code and unmaps a VMA that is not in the tree.

Simplified (as in hooks-2025): the Sep 2025 posting's ``mmap_action_prepare``
returned void, ``MMAP_IO_REMAP_PFN`` completed without delegation and the
!CONFIG_MMU complete did not fail; none of these reaches an invariant of the
timeline except ``action-done-or-failed`` on !CONFIG_MMU, which this model
therefore states for the later code only.
"""
from __future__ import annotations

from models.history.world import HISTORY
from models.hooks_2025 import Hooks2025


class VAc0a3fc(Hooks2025):
    """The hooks-2025 design, its steps as they are, in the history's world."""
    name = "v-ac0a3fc"
    title = "ac0a3fc9c07d: mmap_action with success_hook / error_hook"
    commit = "ac0a3fc9c07d (Oct 2025; 6.19, 7.0)"
    date, tree = "2025-10", "mainline"
    summary = ("finish: on error do_munmap then error_hook, on success success_hook (its error "
               "leaves the VMA mapped); call_action_complete drops the rmap lock afterwards; the "
               "compat path goes through the same code.")
    sources = ("v3->v4 interdiff of 'expand mmap_prepare functionality, port more users' "
               "(mm-new, Sep 2025)",
               "pre-fix context of f96e1d5f15b7 and 619eab23e1ce as mailed to stable")
    world = HISTORY
