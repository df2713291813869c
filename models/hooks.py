"""Design ``hooks``: the code right before the series that removed the hooks
(mainline 619eab23e1ce "mm/vma: do not try to unmap a VMA if mmap_prepare()
invoked from mmap()", Apr 2026; history tag ``v-619eab2``).

``mmap_action_finish`` then read::

    if (!err)
            err = call_vma_mapped(vma);
    if (!err && action->success_hook)
            err = action->success_hook(vma);
    maybe_rmap_unlock_action(vma, action);
    if (!err || is_compat)
            return err;
    len = vma_pages(vma) << PAGE_SHIFT;
    do_munmap(current->mm, vma->vm_start, len, NULL);
    if (action->error_hook) {
            err = action->error_hook(err);
            VM_WARN_ON_ONCE(!err);
    }
    return err;

There was no ``check_mmap_action`` and no ``error_override``.  The hooks are
driver code: their results are symbolic inputs that may be any ``int``.

Sources read: the 619eab23e1ce commit as mailed to stable (mm/util.c
mmap_action_finish, mmap_action_complete, __compat_vma_mmap); the c50ca15dd496
posting (call_vma_mapped before the success hook); the 382c0f2895d2 posting
(unlock, ``if (!err)`` return, do_munmap, then the error hook).  The action's
prepare and complete steps are those of the current code: the series changed
only check_mmap_action and mmap_action_finish (its v3 interdiff and the
override design's sources).

Each step is its own ``@rule`` method (``run_success_hook``,
``run_error_hook``, ``mmap_action_finish``) so that another version of the
hook era subclasses this design and overrides only the step that differs.
"""
from __future__ import annotations

import z3

from models.cdefs import int_val
from models.inputs import Inputs
from models.override import Override
from models.path import Path
from models.rules import rule

# VM_WARN_ON_ONCE exists only with CONFIG_DEBUG_VM; the event is recorded
# under this name so that a reader sees the condition, not a kernel WARN.
ERROR_HOOK_CLEARED = "error_hook cleared the error (VM_WARN_ON_ONCE, CONFIG_DEBUG_VM only)"


class Hooks(Override):
    name = "hooks"
    title = "success_hook / error_hook (before the series, 619eab23e1ce)"
    commit = "619eab23e1ce (Apr 2026, Cc stable)"
    summary = ("mmap_action_finish: call_vma_mapped, success_hook, rmap unlock, "
               "`if (!err || is_compat) return err`, do_munmap, error_hook (its result is returned); "
               "no check_mmap_action.")
    hooks = True

    @rule("mm/util.c", "mmap_action_prepare",
          "before the series: no check_mmap_action (added with error_override)")
    def check_mmap_action(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        return int_val(0)

    @rule("mm/util.c", "mmap_action_finish",
          "->mapped, success_hook, rmap unlock, `if (!err || is_compat) return err`, do_munmap, "
          "error_hook")
    def mmap_action_finish(self, p: Path, inp: Inputs, err: z3.BitVecRef,
                           compat: z3.BoolRef) -> z3.BitVecRef:
        with p.when(err == 0):
            mapped = self.call_vma_mapped(p, inp)
        err = p.define("err", z3.If(err == 0, mapped, err))
        err = self.run_success_hook(p, inp, err)
        self.maybe_rmap_unlock_action(p)
        done = z3.Or(err == 0, compat)
        with p.when(z3.Not(done)):
            self.do_munmap(p, inp)
            out = self.run_error_hook(p, inp, err)
        return z3.If(done, err, out)

    @rule("mm/util.c", "mmap_action_finish",
          "if (!err && action->success_hook) err = action->success_hook(vma)")
    def run_success_hook(self, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
        runs = z3.And(err == 0, inp.success_hook_set)
        with p.when(runs):
            p.call("action->success_hook", inp.success_hook_ret)
        return z3.If(runs, inp.success_hook_ret, err)

    @rule("mm/util.c", "mmap_action_finish",
          "if (action->error_hook) { err = action->error_hook(err); VM_WARN_ON_ONCE(!err); }")
    def run_error_hook(self, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
        with p.when(inp.error_hook_set):
            p.call("action->error_hook", inp.error_hook_ret, err=err)
            self.vm_warn_on_once(p, inp, ERROR_HOOK_CLEARED, inp.error_hook_ret == 0)
        return z3.If(inp.error_hook_set, inp.error_hook_ret, err)

    def vm_warn_on_once(self, p: Path, inp: Inputs, name: str, cond: z3.BoolRef) -> None:
        """include/linux/mmdebug.h ``VM_WARN_ON_ONCE``: with CONFIG_DEBUG_VM it is
        ``WARN_ON_ONCE(cond)``; otherwise ``BUILD_BUG_ON_INVALID(cond)``, which neither warns
        nor evaluates cond.  Not a rule of its own: the warning belongs to the function
        that has it."""
        with p.when(inp.debug_vm):
            p.warn(name, cond)
