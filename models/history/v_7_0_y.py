"""``v-7.0.y``: the 7.0 stable tree with both backports (7.0.9, May 2026).

f96e1d5f15b7 went in unchanged (7.0-stable review 291/307): the rmap unlock
and ``do_munmap`` in mm/vma.c ``call_action_complete``, ``do_munmap`` on error
in ``compat_vma_mmap``.  619eab23e1ce did not apply; the backport Lorenzo
Stoakes mailed ("[PATCH 7.0.y]", 14 May 2026; 7.0-stable review 194/201)
rewrites ``mmap_action_finish`` as::

    if (!err && action->success_hook)
            err = action->success_hook(vma);
    if (!err || is_compat)
            return err;
    if (action->error_hook) { err = action->error_hook(err); VM_WARN_ON_ONCE(!err); }
    return err;

and passes ``is_compat=true`` from ``compat_vma_mmap``, whose context lines
in that backport still read ``if (err) { ...; do_munmap(current->mm,
vma->vm_start, len, NULL); }`` after ``mmap_action_complete``.  The model
keeps that unmap: it is what the mailed code says.  No ``vm_ops->mapped`` in
7.0.  The hugetlbfs revert reached 7.0.y only later (7.0-stable review
318/332, Jun 2026), so hugetlbfs still uses ``mmap_prepare`` here.
"""
from __future__ import annotations

import z3

from models.history.v_f96e1d5 import VF96e1d5
from models.inputs import Inputs
from models.path import Path
from models.rules import rule


class V70y(VF96e1d5):
    name = "v-7.0.y"
    title = "7.0.y: f96e1d5f15b7 and the 619eab23e1ce backport"
    commit = "linux-7.0.y 7.0.9 (May 2026)"
    date = "2026-05"
    tree = "7.0.y"
    summary = ("finish: success_hook, `if (!err || is_compat) return err`, error_hook; "
               "call_action_complete drops the rmap lock then unmaps on error; compat_vma_mmap "
               "still unmaps on error.")
    sources = ("'[PATCH 7.0.y] mm/vma: do not try to unmap a VMA if mmap_prepare() invoked from "
               "mmap()' (14 May 2026) and 7.0-stable review 194/201",
               "7.0-stable review 291/307 (f96e1d5f15b7)")

    @rule("mm/util.c", "mmap_action_finish",
          "7.0.y: success_hook, `if (!err || is_compat) return err`, error_hook (no unmap here)")
    def mmap_action_finish(self, p: Path, inp: Inputs, err: z3.BitVecRef,
                           compat: z3.BoolRef) -> z3.BitVecRef:
        err = p.define("err", self.run_success_hook(p, inp, err))
        done = z3.Or(err == 0, compat)
        with p.when(z3.Not(done)):
            out = self.run_error_hook(p, inp, err)
        return z3.If(done, err, out)
