"""``v-f96e1d5``: f96e1d5f15b7 "mm: avoid deadlock when holding rmap on
mmap_prepare error" (Mar 2026, Cc stable; in 7.0.y from the May 2026 review).

``do_munmap`` leaves ``mmap_action_finish`` for its two callers.  mm/vma.c
``call_action_complete`` takes the result of ``mmap_action_complete``, releases the rmap
lock with ``i_mmap_unlock_write`` if ``map->hold_file_rmap_lock`` is set, then unmaps the
whole VMA with ``do_munmap`` if the result is an error, and returns the result.  mm/util.c
``compat_vma_mmap`` likewise unmaps the whole VMA when ``mmap_action_complete`` fails.
``mmap_action_finish`` keeps only the hooks: on an error it applies the error hook and
returns; otherwise it returns the success hook's result, or 0 when there is none.  A
success_hook error now reaches the caller's ``do_munmap`` too.  ``CALL_ACTION_COMPLETE``,
``COMPAT_CLEANUP`` and ``finish`` below state these steps.
"""
from __future__ import annotations

from models.history.world import HISTORY
from models.hooks_2025 import Hooks2025
from models.steps import (DO_MUNMAP, ERR, ERROR_HOOK, RMAP_UNLOCK, SUCCESS_HOOK, ReturnIf,
                          call_action_complete, compat_cleanup, mmap_action_finish)

# The two callers after mmap_action_complete, as 7.0.y has them too (models/history/v_7_0_y.py).
CALL_ACTION_COMPLETE = call_action_complete(
    "i_mmap_unlock_write if the rmap lock is held, then do_munmap of the whole VMA on error",
    RMAP_UNLOCK, ReturnIf(ERR, DO_MUNMAP))
COMPAT_CLEANUP = compat_cleanup(
    "on an error from mmap_action_complete, do_munmap of the whole VMA",
    ReturnIf(ERR, DO_MUNMAP))


class VF96e1d5(Hooks2025):
    """The hooks-2025 design with the unlock and the unmap moved to the callers."""
    name = "v-f96e1d5"
    title = "f96e1d5f15b7: the callers unmap, after the rmap unlock"
    commit = "f96e1d5f15b7 (Mar 2026, Cc stable)"
    date, tree = "2026-03", "mainline"
    summary = ("finish: error_hook on an error, success_hook otherwise, no unmap; "
               "call_action_complete drops the rmap lock, then unmaps on any error; "
               "compat_vma_mmap unmaps on any error.")
    sources = ("f96e1d5f15b7 as merged to mm-stable (mm-commits, 31 Mar 2026)",
               "its 7.0 stable backport (7.0-stable review 291/307, May 2026)")
    world = HISTORY

    finish = mmap_action_finish(
        "on an error the error hook, then return; else the success hook's result or 0 "
        "(no unmap)",
        ReturnIf(ERR, ERROR_HOOK), SUCCESS_HOOK)
    after_complete = CALL_ACTION_COMPLETE
    compat_after = COMPAT_CLEANUP
