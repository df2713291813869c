"""Design ``hooks``: the code right before the series that removed the hooks
(mainline 619eab23e1ce "mm/vma: do not try to unmap a VMA if mmap_prepare()
invoked from mmap()", Apr 2026; history tag ``v-619eab2``).

In that version ``mmap_action_finish`` does, in order: while there is no error yet, it
calls the ``vm_ops->mapped`` callback (``call_vma_mapped``) and then, if the driver set one,
the success hook, each result becoming the error; it releases the rmap lock
(``maybe_rmap_unlock_action``); it returns the error as it stands when there is none or on
the compat path; otherwise it unmaps the whole VMA with ``do_munmap`` (result ignored) and
returns the error hook's result if the driver set an error hook (``VM_WARN_ON_ONCE`` when
that result is 0), else the error.  ``finish`` below states these steps as data
(models/steps.py).

There was no ``check_mmap_action`` and no ``error_override``.  The hooks are
driver code: their results are symbolic inputs that may be any ``int``.

Sources read: the 619eab23e1ce commit as mailed to stable (mm/util.c
mmap_action_finish, mmap_action_complete, __compat_vma_mmap); the c50ca15dd496
posting (call_vma_mapped before the success hook); the 382c0f2895d2 posting
(the unlock, the early return on success, do_munmap, then the error hook).  The action's
prepare and complete steps are those of the current code: the series changed
only check_mmap_action and mmap_action_finish (its v3 interdiff and the
override design's sources).

The versions of the hook era (models/history) state their own steps beside this one.
"""
from __future__ import annotations

from models.action import Action
from models.steps import (CALL_VMA_MAPPED, DO_MUNMAP, ERROR_HOOK, NO_ERR_OR_COMPAT, RMAP_UNLOCK,
                          SUCCESS_HOOK, ReturnIf, mmap_action_finish)


class Hooks(Action):
    name = "hooks"
    title = "success_hook / error_hook (before the series, 619eab23e1ce)"
    commit = "619eab23e1ce (Apr 2026, Cc stable)"
    summary = ("mmap_action_finish: call_vma_mapped, success_hook, rmap unlock, "
               "return if `!err || is_compat`, do_munmap, error_hook (its result is returned); "
               "no check_mmap_action.")
    hooks = True
    check_override = False

    finish = mmap_action_finish(
        "->mapped, success_hook, rmap unlock, return if `!err || is_compat`, do_munmap, "
        "error_hook",
        CALL_VMA_MAPPED, SUCCESS_HOOK, RMAP_UNLOCK, ReturnIf(NO_ERR_OR_COMPAT), DO_MUNMAP,
        ERROR_HOOK)
