"""``v-7.0.y``: the 7.0 stable tree with both backports (7.0.9, May 2026).

f96e1d5f15b7 went in unchanged (7.0-stable review 291/307): the rmap unlock
and ``do_munmap`` in mm/vma.c ``call_action_complete``, ``do_munmap`` on error
in ``compat_vma_mmap``.  619eab23e1ce did not apply; the backport Lorenzo
Stoakes mailed ("[PATCH 7.0.y]", 14 May 2026; 7.0-stable review 194/201)
rewrites ``mmap_action_finish`` to: the success hook's result becomes the error while
there is none; the error is returned as it stands when there is none or ``is_compat`` is
set; otherwise the error hook, if set, replaces it (``VM_WARN_ON_ONCE`` when the hook returns
0) and the result is returned.  It passes ``is_compat=true`` from ``compat_vma_mmap``, whose
context lines in that backport still unmap the whole VMA with ``do_munmap`` when
``mmap_action_complete`` returns an error.  The model keeps that unmap: it is what the
mailed code says.  No ``vm_ops->mapped`` in 7.0.  The hugetlbfs revert reached 7.0.y only
later (7.0-stable review 318/332, Jun 2026), so hugetlbfs still uses ``mmap_prepare`` here.
"""
from __future__ import annotations

from models.history.v_f96e1d5 import CALL_ACTION_COMPLETE, COMPAT_CLEANUP
from models.history.world import HISTORY
from models.hooks_2025 import Hooks2025
from models.steps import (ERROR_HOOK, NO_ERR_OR_COMPAT, SUCCESS_HOOK, ReturnIf,
                          mmap_action_finish)


class V70y(Hooks2025):
    """The hooks-2025 design with f96e1d5f15b7's callers and the backport's finish."""
    name = "v-7.0.y"
    title = "7.0.y: f96e1d5f15b7 and the 619eab23e1ce backport"
    commit = "linux-7.0.y 7.0.9 (May 2026)"
    date = "2026-05"
    tree = "7.0.y"
    summary = ("finish: success_hook, return if `!err || is_compat`, error_hook; "
               "call_action_complete drops the rmap lock then unmaps on error; compat_vma_mmap "
               "still unmaps on error.")
    sources = ("'[PATCH 7.0.y] mm/vma: do not try to unmap a VMA if mmap_prepare() invoked from "
               "mmap()' (14 May 2026) and 7.0-stable review 194/201",
               "7.0-stable review 291/307 (f96e1d5f15b7)")
    world = HISTORY

    finish = mmap_action_finish(
        "7.0.y: success_hook, return if `!err || is_compat`, error_hook (no unmap here)",
        SUCCESS_HOOK, ReturnIf(NO_ERR_OR_COMPAT), ERROR_HOOK)
    after_complete = CALL_ACTION_COMPLETE     # f96e1d5f15b7, unchanged
    compat_after = COMPAT_CLEANUP
