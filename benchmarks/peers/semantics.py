"""One mmap call of the ``override`` and ``hooks`` designs in plain Python, for the peers.

Written for this benchmark from the semantics of models/action.py, models/hooks.py and
models/callers.py (the rules, not their code): the peers (CrossHair, Hypothesis) analyse
Python, not Z3 terms.  Python has no fixed-width integers, so ``unsigned long`` is
emulated by reducing modulo 2**word and ``int`` values arrive already in range; no
trace is kept, only what the four benchmark questions read.  ``benchmarks.peers.check``
compares it with ``verify replay`` before anything is timed.

Only arithmetic the peers handle well is used (``%``, ``//``, comparisons): CrossHair
models Python ints as unbounded integers, where bitwise operators are costly.
"""
from __future__ import annotations

PAGE_SIZE = 4096
MAX_ERRNO = 4095
EINVAL = 22
INT_MIN, INT_MAX = -(1 << 31), (1 << 31) - 1
NOTHING, REMAP_PFN, IO_REMAP_PFN, SIMPLE_IO_REMAP, MAP_KERNEL_PAGES = range(5)
ERROR_HOOK_CLEARED = "error_hook cleared the error (VM_WARN_ON_ONCE, CONFIG_DEBUG_VM only)"

# The inputs of one call, in the order the peers' functions take them.
INPUT_NAMES = ("mmu", "compat", "prepare_err", "type", "override", "hide", "action_prepare_err",
               "merged", "complete_err", "mapped_err", "vm_start", "vm_end")
HOOK_INPUTS = ("success_hook_set", "success_hook_ret", "error_hook_set", "error_hook_ret")
INT_INPUTS = ("prepare_err", "type", "override", "action_prepare_err", "complete_err",
              "mapped_err", "success_hook_ret", "error_hook_ret")
ULONG_INPUTS = ("vm_start", "vm_end")
CALLEES = ("prepare_err", "action_prepare_err", "complete_err", "mapped_err")


def zero_or_errno(x: int) -> bool:
    return x == 0 or -MAX_ERRNO <= x <= -1


def base_assumptions(i: dict) -> bool:
    """The proofs' base assumptions: the callees return 0 or an errno, and the VMA is
    non-empty and page-aligned."""
    return (all(zero_or_errno(i[n]) for n in CALLEES) and i["vm_start"] < i["vm_end"]
            and i["vm_start"] % PAGE_SIZE == 0 and i["vm_end"] % PAGE_SIZE == 0)


def reachable(i: dict) -> bool:
    """A configuration the kernel has a caller for: not CONFIG_MMU=n on the normal path."""
    return i["mmu"] or i["compat"]


class Call:
    """The state of one call while it runs, then its outcome."""

    def __init__(self, design: str, word: int, i: dict) -> None:
        self.design, self.word, self.i = design, word, i
        self.type = i["type"]
        self.hide = i["hide"]
        self.vma_created = self.vma_mapped = self.unmapped = False
        self.rmap_held = self.check_ran = False
        self.check_ret = 0
        self.unmap_start = self.unmap_len = 0
        self.warnings: set[str] = set()

    # -- helpers ------------------------------------------------------------------
    def ulong(self, x: int) -> int:
        """An int (or a wrapped difference) as unsigned long: reduction modulo 2**word."""
        return x % (1 << self.word)

    def in_enum(self) -> bool:
        return 0 <= self.type <= MAP_KERNEL_PAGES

    # -- mm/util.c: prepare -------------------------------------------------------
    def check_mmap_action(self) -> int:
        if self.design == "hooks":   # before the series: no check at all
            return 0
        override = self.ulong(self.i["override"])
        bad = override != 0 and override < (1 << self.word) - MAX_ERRNO   # !IS_ERR_VALUE
        if bad:
            self.warnings.add("check_mmap_action")
        self.check_ran, self.check_ret = True, (-EINVAL if bad else 0)
        return self.check_ret

    def action_prepare(self) -> int:
        i = self.i
        if not i["mmu"]:
            if self.in_enum() and self.type != NOTHING:
                self.warnings.add("mmap_action_prepare (nommu): unsupported action")
            return 0
        err = self.check_mmap_action()
        if err:
            return err
        if self.type == NOTHING:
            return 0
        if not self.in_enum():
            self.warnings.add("mmap_action_prepare: unknown action type")
            return -EINVAL
        if self.type in (IO_REMAP_PFN, SIMPLE_IO_REMAP) and i["action_prepare_err"] == 0:
            self.type = REMAP_PFN     # delegated to the remap helpers
        return i["action_prepare_err"]

    # -- mm/util.c: complete and finish -------------------------------------------
    def action_complete(self, compat: bool) -> int:
        if self.i["mmu"]:
            if self.type in (REMAP_PFN, MAP_KERNEL_PAGES):
                err = self.i["complete_err"]
            elif self.type in (IO_REMAP_PFN, SIMPLE_IO_REMAP):
                self.warnings.add("mmap_action_complete: should have been delegated")
                err = -EINVAL
            else:
                err = 0
        elif self.in_enum() and self.type != NOTHING:
            self.warnings.add("mmap_action_complete (nommu): unsupported action")
            err = -EINVAL
        else:
            err = 0
        return self.finish(err, compat)

    def finish(self, err: int, compat: bool) -> int:
        i = self.i
        if err == 0:
            err = i["mapped_err"]
        if self.design == "hooks" and err == 0 and i["success_hook_set"]:
            err = i["success_hook_ret"]
        if self.hide:                 # maybe_rmap_unlock_action
            self.rmap_held = self.hide = False
        if err == 0 or compat:
            return err
        self.unmapped, self.vma_mapped = True, False           # do_munmap
        self.unmap_start = i["vm_start"]
        self.unmap_len = self.ulong(i["vm_end"] - i["vm_start"]) // PAGE_SIZE * PAGE_SIZE
        if self.design == "hooks":
            if i["error_hook_set"]:
                if i["error_hook_ret"] == 0:
                    self.warnings.add(ERROR_HOOK_CLEARED)
                return i["error_hook_ret"]
            return err
        return i["override"] if i["override"] != 0 else err    # error_override ?: err

    # -- the callers: mm/vma.c __mmap_region and mm/util.c compat_vma_mmap --------
    def mmap(self) -> int:
        i = self.i
        if i["prepare_err"]:
            return i["prepare_err"]
        if i["compat"]:
            self.hide = False         # forced off on the compat path
            err = self.action_prepare()
            if err:
                return err
            self.vma_created = self.vma_mapped = True
            return self.action_complete(compat=True)
        err = self.action_prepare()
        if err:
            return err
        if i["merged"] and i["type"] == NOTHING:
            return 0                  # merged into a neighbour: no VMA, no action
        self.vma_created = self.vma_mapped = True
        if self.hide:
            self.rmap_held = True
        return self.action_complete(compat=False)


def call(design: str, word: int, inputs: dict) -> Call:
    """Run one call; ``inputs`` holds every input (the hook inputs only for ``hooks``)."""
    c = Call(design, word, inputs)
    c.ret = c.mmap()
    return c
