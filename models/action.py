"""The mmap_action code every hand-written design is made of: its rules, once.

``Action`` encodes mm/util.c ``mmap_action_prepare`` and ``mmap_action_complete`` with
their helpers, and the rules the steps of ``mmap_action_finish`` call (models/steps.py).
A design (models/override.py, hooks.py, hooks_2025.py, the versions of models/history)
is an ``Action`` that states, as data, what its version of the code has:

* ``finish``: the steps of ``mmap_action_finish``, in order;
* ``after_complete`` / ``compat_after``: the steps its two callers run after
  ``mmap_action_complete`` (models/callers.py), if any;
* ``check_override``: whether ``mmap_action_prepare`` calls ``check_mmap_action``
  (added with ``error_override``); ``hooks``: whether the action has the success and
  error hooks; ``world``: what of the callers' surroundings it models (models/world.py).

Sources read: mm/util.c (check_mmap_action, mmap_action_prepare, mmap_action_complete,
mmap_action_finish, call_vma_mapped, compat_vma_mmap), mm/internal.h
(io_remap_pfn_range_prepare, maybe_rmap_unlock_action), include/linux/err.h, mm/vma.c
(__mmap_region).
"""
from __future__ import annotations

import z3

from models.callers import Callers
from models.cdefs import PAGE_SHIFT, elvis, errno, int_to_ulong, int_val, is_err_value
from models.design import Design
from models.inputs import ACTION_TYPES as T
from models.inputs import Inputs, in_enum, type_is
from models.path import Path
from models.rules import rule
from models.steps import Steps

# VM_WARN_ON_ONCE exists only with CONFIG_DEBUG_VM; the event is recorded
# under this name so that a reader sees the condition, not a kernel WARN.
ERROR_HOOK_CLEARED = "error_hook cleared the error (VM_WARN_ON_ONCE, CONFIG_DEBUG_VM only)"


class Action(Callers, Design):
    check_override: bool = True
    finish: Steps               # every design states its own

    # ---- include/linux/err.h -------------------------------------------------
    @rule("include/linux/err.h", "IS_ERR_VALUE",
          "true when x, as an unsigned long, is at least -MAX_ERRNO (MAX_ERRNO = 4095)")
    def is_err_value(self, p: Path, x: z3.BitVecRef) -> z3.BoolRef:
        return is_err_value(x)

    @rule("mm/util.c", "check_mmap_action",
          "the int error_override is read into a const unsigned long (int -> unsigned long)")
    def override_to_ulong(self, p: Path, override: z3.BitVecRef) -> z3.BitVecRef:
        return int_to_ulong(override, p.word)

    # ---- mm/util.c: prepare ----------------------------------------------------
    @rule("mm/util.c", "check_mmap_action",
          "a non-zero override that is not IS_ERR_VALUE warns once (WARN_ON_ONCE) and fails "
          "with -EINVAL")
    def check_mmap_action(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        override = self.override_to_ulong(p, inp.override)
        bad = z3.And(override != 0, z3.Not(self.is_err_value(p, override)))
        p.warn("check_mmap_action", bad)
        with p.when(bad):
            p.fail("check_mmap_action: invalid error_override", errno("EINVAL"))
        res = z3.If(bad, errno("EINVAL"), int_val(0))
        p.set("check_ran", z3.BoolVal(True))
        p.set("check_ret", res)
        return res

    @rule("mm/util.c", "mmap_action_prepare",
          "before the series: no check_mmap_action (added with error_override)",
          name="check_mmap_action")
    def no_check_mmap_action(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        return int_val(0)

    def mmap_action_prepare(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        with p.when(inp.mmu):
            mmu = self.mmap_action_prepare_mmu(p, inp)
        with p.when(z3.Not(inp.mmu)):
            self.mmap_action_prepare_nommu(p, inp)
        return z3.If(inp.mmu, mmu, int_val(0))

    @rule("mm/util.c", "mmap_action_prepare",
          "CONFIG_MMU: check_mmap_action, then the type's prepare helper; unknown type -> WARN, -EINVAL")
    def mmap_action_prepare_mmu(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        err = self.check_mmap_action(p, inp) if self.check_override else \
            self.no_check_mmap_action(p, inp)
        t = p["type"]
        with p.when(err == 0):
            with p.when(type_is(t, "MMAP_REMAP_PFN")):
                p.call("remap_pfn_range_prepare", inp.action_prepare_err)
            with p.when(type_is(t, "MMAP_IO_REMAP_PFN")):
                self.io_remap_pfn_range_prepare(p, inp)
            with p.when(type_is(t, "MMAP_SIMPLE_IO_REMAP")):
                self.simple_ioremap_prepare(p, inp)
            with p.when(type_is(t, "MMAP_MAP_KERNEL_PAGES")):
                p.call("map_kernel_pages_prepare", inp.action_prepare_err)
            with p.when(z3.Not(in_enum(t))):
                p.warn("mmap_action_prepare: unknown action type", z3.BoolVal(True))
                p.fail("mmap_action_prepare: unknown action type", errno("EINVAL"))
        by_type = z3.If(type_is(t, "MMAP_NOTHING"), int_val(0),
                        z3.If(in_enum(t), inp.action_prepare_err, errno("EINVAL")))
        return z3.If(err != 0, err, by_type)

    @rule("mm/internal.h", "io_remap_pfn_range_prepare",
          "calls remap_pfn_range_prepare; on success the action's type becomes MMAP_REMAP_PFN")
    def io_remap_pfn_range_prepare(self, p: Path, inp: Inputs) -> None:
        err = p.call("remap_pfn_range_prepare (I/O)", inp.action_prepare_err)
        with p.when(err == 0):
            self.delegate_to_remap(p)

    @rule("mm/memory.c", "simple_ioremap_prepare",
          "__simple_ioremap_prep checks the physical range, then io_remap_pfn_range_prepare "
          "delegates to MMAP_REMAP_PFN, so the remap complete step does the work (there is no "
          "simple_ioremap_complete)")
    def simple_ioremap_prepare(self, p: Path, inp: Inputs) -> None:
        err = p.call("simple_ioremap_prepare", inp.action_prepare_err)
        with p.when(err == 0):
            self.delegate_to_remap(p)

    @rule("mm/internal.h", "io_remap_pfn_range_prepare",
          "the action's type becomes MMAP_REMAP_PFN (delegated)")
    def delegate_to_remap(self, p: Path) -> None:
        p.set("type", int_val(T["MMAP_REMAP_PFN"]))
        p.step("type becomes MMAP_REMAP_PFN (delegated)", type=p["type"])

    @rule("mm/util.c", "mmap_action_prepare",
          "!CONFIG_MMU: WARN_ON_ONCE for every non-NOTHING type, return 0 (no check_mmap_action)")
    def mmap_action_prepare_nommu(self, p: Path, inp: Inputs) -> None:
        t = p["type"]
        p.warn("mmap_action_prepare (nommu): unsupported action",
               z3.And(in_enum(t), z3.Not(type_is(t, "MMAP_NOTHING"))))

    # ---- mm/util.c: complete ---------------------------------------------------
    def mmap_action_complete(self, p: Path, inp: Inputs, compat: bool) -> z3.BitVecRef:
        with p.when(inp.mmu):
            mmu = self.mmap_action_complete_mmu(p, inp)
        with p.when(z3.Not(inp.mmu)):
            nommu = self.mmap_action_complete_nommu(p, inp)
        err = p.define("action_err", z3.If(inp.mmu, mmu, nommu))
        return self.finish.run(self, p, inp, err, compat)

    @rule("mm/util.c", "mmap_action_complete",
          "CONFIG_MMU: REMAP_PFN / MAP_KERNEL_PAGES run their helper; IO types WARN, -EINVAL; "
          "no default branch")
    def mmap_action_complete_mmu(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        t = p["type"]
        with p.when(type_is(t, "MMAP_REMAP_PFN")):
            p.call("remap_pfn_range_complete", inp.complete_err)
        with p.when(type_is(t, "MMAP_MAP_KERNEL_PAGES")):
            p.call("map_kernel_pages_complete", inp.complete_err)
        delegated = type_is(t, "MMAP_IO_REMAP_PFN", "MMAP_SIMPLE_IO_REMAP")
        with p.when(delegated):
            p.warn("mmap_action_complete: should have been delegated", z3.BoolVal(True))
            p.fail("mmap_action_complete: undelegated I/O type", errno("EINVAL"))
        return z3.If(type_is(t, "MMAP_REMAP_PFN", "MMAP_MAP_KERNEL_PAGES"), inp.complete_err,
                     z3.If(delegated, errno("EINVAL"), int_val(0)))

    @rule("mm/util.c", "mmap_action_complete",
          "!CONFIG_MMU: every non-NOTHING type WARNs and fails with -EINVAL")
    def mmap_action_complete_nommu(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        t = p["type"]
        bad = z3.And(in_enum(t), z3.Not(type_is(t, "MMAP_NOTHING")))
        p.warn("mmap_action_complete (nommu): unsupported action", bad)
        with p.when(bad):
            p.fail("mmap_action_complete (nommu): unsupported action", errno("EINVAL"))
        return z3.If(bad, errno("EINVAL"), int_val(0))

    # ---- the rules the steps of mmap_action_finish and of its callers call ----------
    @rule("mm/util.c", "call_vma_mapped", "vm_ops->mapped(...) or 0 when absent")
    def call_vma_mapped(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        return p.call("vm_ops->mapped", inp.mapped_err)

    @rule("mm/util.c", "mmap_action_finish",
          "while there is no error and the driver set a success hook, the hook's result "
          "becomes the error")
    def run_success_hook(self, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
        runs = z3.And(err == 0, inp.success_hook_set)
        self.world.through_pointer(p, runs, "action->success_hook")
        with p.when(runs):
            p.call("action->success_hook", inp.success_hook_ret)
        return z3.If(runs, inp.success_hook_ret, err)

    @rule("mm/internal.h", "maybe_rmap_unlock_action",
          "if hide_from_rmap_until_complete: i_mmap_unlock_write, clear the flag")
    def maybe_rmap_unlock_action(self, p: Path) -> None:
        with p.when(p["hide"]):
            p.set("unlock_unheld", z3.Or(p["unlock_unheld"], z3.Not(p["rmap_held"])))
            p.set("rmap_held", z3.BoolVal(False))
            p.set("hide", z3.BoolVal(False))
            p.step("i_mmap_unlock_write (maybe_rmap_unlock_action)", "lock")

    @rule("mm/util.c", "mmap_action_finish",
          "the length unmapped is the whole VMA: vma_pages(vma) << PAGE_SHIFT")
    def unmap_len(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        pages = z3.LShR(inp.vm_end - inp.vm_start, PAGE_SHIFT)     # vma_pages()
        return pages << PAGE_SHIFT

    @rule("mm/mmap.c", "do_munmap",
          "unmap [start, start+len); free_pgtables -> unlink_file_vma_batch_process takes i_mmap_rwsem; "
          "an error (do_vmi_munmap: -ENOMEM in the gather step) unmaps nothing; the caller "
          "mmap_action_finish discards the result")
    def do_munmap(self, p: Path, inp: Inputs) -> None:
        length = self.unmap_len(p, inp)
        ok = inp.munmap_err == 0
        p.set("lock_held_at_unmap", z3.Or(p["lock_held_at_unmap"], p["rmap_held"]))
        p.set("unmap_detached", z3.Or(p["unmap_detached"], z3.Not(p["vma_attached"])))
        p.set("unmap_start", inp.vm_start)
        p.set("unmap_len", length)
        p.step("do_munmap", "unmap", start=inp.vm_start, len=length, rmap_held=p["rmap_held"],
               ret=inp.munmap_err)
        with p.when(ok):
            p.set("unmapped", z3.BoolVal(True))
            p.set("vma_mapped", z3.BoolVal(False))
        with p.when(z3.Not(ok)):
            p.step("do_munmap failed: nothing unmapped, the result is discarded")

    @rule("mm/util.c", "mmap_action_finish",
          "when the driver set an error hook, it is called with the error and its result "
          "replaces it; VM_WARN_ON_ONCE if that result is 0")
    def run_error_hook(self, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
        self.world.through_pointer(p, inp.error_hook_set, "action->error_hook")
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

    @rule("mm/util.c", "mmap_action_finish",
          "returns error_override if the driver set one, else the error (`error_override ?: err`)")
    def apply_override(self, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
        return elvis(inp.override, err)
