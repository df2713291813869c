"""``v-f96e1d5``: f96e1d5f15b7 "mm: avoid deadlock when holding rmap on
mmap_prepare error" (Mar 2026, Cc stable; in 7.0.y from the May 2026 review).

``do_munmap`` leaves ``mmap_action_finish`` for its two callers::

    /* mm/vma.c */                          /* mm/util.c */
    err = mmap_action_complete(vma, action); err = mmap_action_complete(vma, &desc.action);
    if (map->hold_file_rmap_lock)            if (err) {
            i_mmap_unlock_write(...);                do_munmap(current->mm, vma->vm_start, len, NULL);
    if (err) {                               }
            do_munmap(current->mm, ...);     return err;
    }
    return err;

and ``mmap_action_finish`` keeps only the hooks: ``if (err) { error_hook;
return err; } if (success_hook) return success_hook(vma); return 0;``.  A
success_hook error now reaches the caller's ``do_munmap`` too.
"""
from __future__ import annotations

import z3

from models.history.base import History
from models.hooks_2025 import Hooks2025
from models.inputs import Inputs
from models.override import Override
from models.path import Path
from models.rules import rule


class VF96e1d5(History, Hooks2025):
    name = "v-f96e1d5"
    title = "f96e1d5f15b7: the callers unmap, after the rmap unlock"
    commit = "f96e1d5f15b7 (Mar 2026, Cc stable)"
    date = "2026-03"
    summary = ("finish: error_hook on an error, success_hook otherwise, no unmap; "
               "call_action_complete drops the rmap lock, then unmaps on any error; "
               "compat_vma_mmap unmaps on any error.")
    sources = ("f96e1d5f15b7 as merged to mm-stable (mm-commits, 31 Mar 2026)",
               "its 7.0 stable backport (7.0-stable review 291/307, May 2026)")

    @rule("mm/util.c", "mmap_action_finish",
          "if (err) { error_hook; return err; } if (success_hook) return success_hook(vma); "
          "return 0 (no unmap)")
    def mmap_action_finish(self, p: Path, inp: Inputs, err: z3.BitVecRef,
                           compat: z3.BoolRef) -> z3.BitVecRef:
        failed = err != 0
        with p.when(failed):
            on_error = self.run_error_hook(p, inp, err)
        with p.when(z3.Not(failed)):
            on_success = self.run_success_hook(p, inp, err)
        return z3.If(failed, on_error, on_success)

    def mmap_action_complete(self, p: Path, inp: Inputs, compat: bool) -> z3.BitVecRef:
        # mmap_action_complete itself (models.override), without hooks-2025's unlock.
        err = p.define("complete_ret", Override.mmap_action_complete(self, p, inp, compat))
        if not compat:
            self.call_action_complete(p, inp, err)
        return err

    @rule("mm/vma.c", "call_action_complete",
          "i_mmap_unlock_write if the rmap lock is held, then do_munmap of the whole VMA on error")
    def call_action_complete(self, p: Path, inp: Inputs, err: z3.BitVecRef) -> None:
        self.maybe_rmap_unlock_action(p)
        with p.when(err != 0):
            self.do_munmap(p, inp)

    @rule("mm/util.c", "compat_vma_mmap",
          "err = mmap_action_complete(...); if (err) do_munmap(current->mm, vma->vm_start, len)")
    def compat_cleanup(self, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
        with p.when(err != 0):
            self.do_munmap(p, inp)
        return err
