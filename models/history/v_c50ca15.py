"""``v-c50ca15``: c50ca15dd496 "mm: add vm_ops->mapped hook" (Mar 2026).

``mmap_action_finish`` now starts by calling ``call_vma_mapped`` (the ``vm_ops->mapped``
callback) while there is no error, its result becoming the error (patch 08/21 of v4 of
"mm: expand mmap_prepare functionality and usage"); the rest is 382c0f2895d2's, still
without ``is_compat``.
"""
from __future__ import annotations

from models.history.world import HISTORY
from models.hooks import Hooks
from models.steps import (CALL_VMA_MAPPED, DO_MUNMAP, ERROR_HOOK, NO_ERR, RMAP_UNLOCK,
                          SUCCESS_HOOK, ReturnIf, mmap_action_finish)


class VC50ca15(Hooks):
    """The hooks design without is_compat."""
    name = "v-c50ca15"
    title = "c50ca15dd496: vm_ops->mapped before the success hook"
    commit = "c50ca15dd496 (Mar 2026)"
    date, tree = "2026-03", "mainline"
    summary = ("finish: ->mapped, success_hook, rmap unlock, return if `!err`, do_munmap, "
               "error_hook; no is_compat (the compat path unmaps).")
    sources = ("'[PATCH v4 08/21] mm: add vm_ops->mapped hook' (20 Mar 2026)",)
    world = HISTORY

    finish = mmap_action_finish(
        "before 619eab23e1ce: return if `!err`, with no is_compat: every caller unmaps",
        CALL_VMA_MAPPED, SUCCESS_HOOK, RMAP_UNLOCK, ReturnIf(NO_ERR), DO_MUNMAP, ERROR_HOOK)
