"""``v-c50ca15``: c50ca15dd496 "mm: add vm_ops->mapped hook" (Mar 2026).

``mmap_action_finish`` starts with ``if (!err) err = call_vma_mapped(vma);``
(patch 08/21 of v4 of "mm: expand mmap_prepare functionality and usage"); the
rest is 382c0f2895d2's, still without ``is_compat``.
"""
from __future__ import annotations

from models.history.base import History
from models.history.v_382c0f2 import NoIsCompat
from models.hooks import Hooks


class VC50ca15(NoIsCompat, History, Hooks):
    name = "v-c50ca15"
    title = "c50ca15dd496: vm_ops->mapped before the success hook"
    commit = "c50ca15dd496 (Mar 2026)"
    date = "2026-03"
    summary = ("finish: ->mapped, success_hook, rmap unlock, `if (!err) return 0`, do_munmap, "
               "error_hook; no is_compat (the compat path unmaps).")
    sources = ("'[PATCH v4 08/21] mm: add vm_ops->mapped hook' (20 Mar 2026)",)
