"""Design ``hooks-2025``: the first ordering, from ac0a3fc9c07d "mm: add
ability to take further action in vm_area_desc" (Oct 2025; history tag
``v-ac0a3fc``), in which the VMA was unmapped before the hooks ran.

In that version ``mmap_action_finish`` does, on an error: unmaps the whole VMA with
``do_munmap`` (result ignored), then, if the driver set an error hook, replaces the error
with the hook's result (``VM_WARN_ON_ONCE`` when that is 0) and returns it; with no error, it
returns the success hook's result if the driver set one, else 0.  It neither releases the
rmap lock nor knows ``is_compat``.  ``finish`` below states these steps as data
(models/steps.py).

mm/vma.c ``call_action_complete`` released the rmap lock only after
``mmap_action_complete`` returned (so ``do_munmap`` ran with i_mmap_rwsem held:
the self-deadlock fixed by f96e1d5f15b7).  ``compat_vma_mmap`` ran the same
code (it returned what ``mmap_action_complete`` returned), unmapping a VMA not
yet in the tree (fixed by 619eab23e1ce).  A success_hook error is returned
with the VMA left mapped (changed by 382c0f2895d2).  There was no
``vm_ops->mapped`` callback (added by c50ca15dd496): the steps have none.

Sources read: the mm-new v3->v4 interdiff of "expand mmap_prepare
functionality, port more users" (Sep 2025, mmap_action_finish and
compat_vma_mmap as above); the pre-fix context of f96e1d5f15b7 and
619eab23e1ce as mailed to stable (call_action_complete, mmap_action_finish,
compat_vma_mmap), both ``Fixes: ac0a3fc9c07d``.

Not modelled: in the Sep 2025 posting ``mmap_action_prepare`` returned void,
``MMAP_IO_REMAP_PFN`` was completed directly rather than delegated, and the
!CONFIG_MMU complete WARNed without failing.  This design keeps the prepare and
complete steps of the later code and differs only in the finish ordering and
the callers, which is what the fixes changed.
"""
from __future__ import annotations

from models.action import Action
from models.steps import (DO_MUNMAP, ERR, ERROR_HOOK, RMAP_UNLOCK, SUCCESS_HOOK, ReturnIf,
                          call_action_complete, mmap_action_finish)


class Hooks2025(Action):
    name = "hooks-2025"
    title = "hooks, first ordering (ac0a3fc9c07d, Oct 2025)"
    commit = "ac0a3fc9c07d (Oct 2025; in 6.19/7.0)"
    summary = ("mmap_action_finish: on error do_munmap then error_hook, on success success_hook "
               "(its error leaves the VMA mapped); the caller drops the rmap lock afterwards; "
               "the compat path unmaps too; no ->mapped.")
    hooks = True
    check_override = False

    finish = mmap_action_finish(
        "on an error do_munmap, error_hook and return; else the success hook's result or 0 "
        "(no is_compat, no unlock)",
        ReturnIf(ERR, DO_MUNMAP, ERROR_HOOK), SUCCESS_HOOK)
    after_complete = call_action_complete(
        "after mmap_action_complete returned: i_mmap_unlock_write when map->hold_file_rmap_lock "
        "is set",
        RMAP_UNLOCK)
