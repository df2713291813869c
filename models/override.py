"""Design ``override``: the current code, after "remove mmap_action success, error hooks"
v3 (Jun 2026).  ``error_override`` replaces the hooks and is checked at prepare time by
``check_mmap_action`` (MMU only).

``mmap_action_finish`` calls ``->mapped`` if there is no error yet, drops the rmap
lock, returns on success or on the compat path, and otherwise unmaps the VMA and returns
the override if the driver set one; its callers do nothing after it.  Sources read: as
models/action.py.
"""
from __future__ import annotations

from models.action import Action
from models.steps import (CALL_VMA_MAPPED, DO_MUNMAP, ERROR_OVERRIDE, NO_ERR_OR_COMPAT,
                          RMAP_UNLOCK, ReturnIf, mmap_action_finish)


class Override(Action):
    name = "override"
    title = "error_override (v3 of the series removing the hooks)"
    commit = "remove mmap_action success, error hooks v3 (Jun 2026)"
    summary = ("mmap_action_finish: call_vma_mapped, rmap unlock, return if `!err || is_compat`, "
               "do_munmap, return `error_override ?: err`; check_mmap_action checks the override at "
               "prepare time.")

    finish = mmap_action_finish(
        "->mapped, rmap unlock, return if `!err || is_compat`, do_munmap, "
        "return `error_override ?: err`",
        CALL_VMA_MAPPED, RMAP_UNLOCK, ReturnIf(NO_ERR_OR_COMPAT), DO_MUNMAP, ERROR_OVERRIDE)
