"""``v-382c0f2``: 382c0f2895d2 "mm: have mmap_action_complete() handle the
rmap lock and unmap" (Mar 2026).

``mmap_action_finish`` takes the unlock and the unmap back, in the safe order::

    if (!err && action->success_hook)
            err = action->success_hook(vma);
    maybe_rmap_unlock_action(vma, action);
    if (!err)
            return 0;
    len = vma_pages(vma) << PAGE_SHIFT;
    do_munmap(current->mm, vma->vm_start, len, NULL);
    if (action->error_hook) { err = action->error_hook(err); VM_WARN_ON_ONCE(!err); }
    return err;

There is no ``is_compat`` yet (619eab23e1ce), so the compat path, which calls
``mmap_action_complete`` directly, unmaps on error; and no ``vm_ops->mapped``
(c50ca15dd496).  The hooks design (models/hooks.py) is this code plus both.
"""
from __future__ import annotations

import z3

from models.history.base import History
from models.hooks import Hooks
from models.hooks_2025 import Hooks2025
from models.inputs import Inputs
from models.path import Path
from models.rules import rule


class NoIsCompat:
    """Before 619eab23e1ce: mmap_action_finish has no is_compat parameter."""

    @rule("mm/util.c", "mmap_action_finish",
          "before 619eab23e1ce: `if (!err) return 0;` with no is_compat: every caller unmaps")
    def mmap_action_finish(self, p: Path, inp: Inputs, err: z3.BitVecRef,
                           compat: z3.BoolRef) -> z3.BitVecRef:
        return super().mmap_action_finish(p, inp, err, z3.BoolVal(False))


class V382c0f2(NoIsCompat, History, Hooks):
    name = "v-382c0f2"
    title = "382c0f2895d2: mmap_action_complete() handles the rmap lock and the unmap"
    commit = "382c0f2895d2 (Mar 2026)"
    date = "2026-03"
    summary = ("finish: success_hook, rmap unlock, `if (!err) return 0`, do_munmap, error_hook; "
               "no is_compat (the compat path unmaps), no ->mapped.")
    sources = ("'mm: expand mmap_prepare functionality and usage' v3 interdiff (19 Mar 2026) and "
               "v4 (20 Mar 2026): the finish as context of 'mm: add vm_ops->mapped hook'",)
    call_vma_mapped = Hooks2025.call_vma_mapped
