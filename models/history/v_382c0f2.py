"""``v-382c0f2``: 382c0f2895d2 "mm: have mmap_action_complete() handle the
rmap lock and unmap" (Mar 2026).

``mmap_action_finish`` takes the unlock and the unmap back, in the safe order: the
success hook's result becomes the error while there is none; the rmap lock is released
(``maybe_rmap_unlock_action``); on success it returns 0; otherwise it unmaps the whole VMA
with ``do_munmap`` and lets the error hook, if set, replace the error (``VM_WARN_ON_ONCE``
when the hook returns 0) before returning it.  ``finish`` below lists these steps.

There is no ``is_compat`` yet (619eab23e1ce), so the compat path, which calls
``mmap_action_complete`` directly, unmaps on error; and no ``vm_ops->mapped``
(c50ca15dd496).  The hooks design (models/hooks.py) is this code plus both.
"""
from __future__ import annotations

from models.history.world import HISTORY
from models.hooks import Hooks
from models.steps import (DO_MUNMAP, ERROR_HOOK, NO_ERR, RMAP_UNLOCK, SUCCESS_HOOK, ReturnIf,
                          mmap_action_finish)


class V382c0f2(Hooks):
    """The hooks design without ->mapped and is_compat."""
    name = "v-382c0f2"
    title = "382c0f2895d2: mmap_action_complete() handles the rmap lock and the unmap"
    commit = "382c0f2895d2 (Mar 2026)"
    date, tree = "2026-03", "mainline"
    summary = ("finish: success_hook, rmap unlock, return if `!err`, do_munmap, error_hook; "
               "no is_compat (the compat path unmaps), no ->mapped.")
    sources = ("'mm: expand mmap_prepare functionality and usage' v3 interdiff (19 Mar 2026) and "
               "v4 (20 Mar 2026): the finish as context of 'mm: add vm_ops->mapped hook'",)
    world = HISTORY

    finish = mmap_action_finish(
        "before 619eab23e1ce: return if `!err`, with no is_compat: every caller unmaps",
        SUCCESS_HOOK, RMAP_UNLOCK, ReturnIf(NO_ERR), DO_MUNMAP, ERROR_HOOK)
