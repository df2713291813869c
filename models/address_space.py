"""An address space under a sequence of mmap and munmap calls: a transition system
whose mmap transition is the one-call model of a design.

State.  A window of ``PAGES`` pages from ``BASE``, each page a bit of a
bit-vector: ``mapped`` (some VMA covers it), ``failed`` (the VMA covering it is
one whose action failed), ``hidden`` (that VMA is still hidden from the file
rmap); the rmap lock (``rmap_held``) and the result of the last call
(``last_ret``).  A mapped page whose VMA is neither failed nor hidden is one whose
action completed (or that had none: MMAP_NOTHING, a merge).  Why page masks and not a set of VMA slots or Z3 arrays: an mmap
over part of an existing VMA splits it and a merge joins two, so a fixed number
of slots overflows (or needs a second copy of the kernel's split/merge logic);
arrays leave pure bit-vector logic (QF_ABV), and the quantifier-free BV
encoding is what keeps incremental BMC linear here (STYLE.md habit 10).  A mask
is exact for every overlap, split and merge inside the window, and the
per-VMA flags are per-page flags, uniform over each VMA.

Transition ``k``.  A step-``k`` action (``mmap`` on the normal path,
``mmap-compat`` through a legacy ->mmap caller, ``munmap``) over a range
``[vm_start, vm_end)``: the inputs of ``design.run(Inputs.symbolic(word,
f"s{k}_"))``, whose ``Outcome`` (ret, vma_created, unmapped, unmap_start/len,
rmap lock, the final ``hide``, the first error) decides the update.  The
kernel layer around the call (mm/vma.c ``__mmap_region``: the abort, which leaves
a gap where old mappings were, ``__mmap_complete``, the caller's cleanup on the compat path; mm/mmap.c ``do_munmap``)
is written here, one cited method each, so that a variant of this layer
(``models.space_mutants``) overrides only what it changes.
"""
from __future__ import annotations

from typing import Any, Callable

import z3

from models.cdefs import PAGE_SHIFT, c_value, int_t
from models.design import Design
from models.inputs import INPUTS, SIMPLE_VALUES, Inputs, to_z3
from models.outcome import Outcome
from models.rules import Rule
from models.transition import State, StateVar, Step, TransitionSystem

PAGES = 8                   # pages in the window
BASE = 0x10000              # first address of the window
PAGE_SIZE = 1 << PAGE_SHIFT
ACTIONS = ("mmap", "mmap-compat", "munmap")
MMAP, MMAP_COMPAT, MUNMAP = range(3)

Assumption = Callable[[Outcome], z3.BoolRef]


def cites(file: str, function: str, summary: str, verified: bool = True) -> Callable:
    """Record the kernel source a method of the address-space layer encodes
    (read by ``models.rules.rules_of``)."""
    def deco(fn: Callable) -> Callable:
        fn.rule = Rule(fn.__name__, file, function, summary, verified)
        return fn
    return deco


class AddressSpace(TransitionSystem):
    """The kernel's address-space layer around a design's mmap call."""
    name = "address-space"
    space = "kernel"
    summary = "mm/vma.c as in the kernel: the abort leaves a gap, __mmap_complete, do_munmap"

    def __init__(self, design: Design, word: int, mmu: bool, pages: int = PAGES,
                 assumptions: tuple[Assumption, ...] = ()) -> None:
        super().__init__()
        self.design, self.word, self.mmu, self.pages = design, word, mmu, pages
        self.ibits = pages.bit_length() + 1       # page indices 0..pages, and their sums
        self.assumptions = assumptions
        self._vars = (
            StateVar("mapped", z3.BitVecSort(pages), "pages", "pages covered by a VMA"),
            StateVar("failed", z3.BitVecSort(pages), "pages",
                     "pages of a VMA whose mmap action failed"),
            StateVar("hidden", z3.BitVecSort(pages), "pages",
                     "pages of a VMA still hidden from the file rmap"),
            StateVar("rmap_held", z3.BoolSort(), "bool", "i_mmap_rwsem held for writing"),
            StateVar("last_ret", int_t(), "int", "what the last call returned"),
        )

    # ---- the transition system ------------------------------------------------
    def variables(self) -> tuple[StateVar, ...]:
        return self._vars

    def init(self, s: State) -> z3.BoolRef:
        """The window starts empty and the rmap lock free: every mapping in it is made by
        a call of the sequence (an ordinary mapping is an mmap whose action is
        MMAP_NOTHING), so a counterexample shows how its mappings came to be."""
        zero = z3.BitVecVal(0, self.pages)
        return z3.And(s["mapped"] == zero, s["failed"] == zero, s["hidden"] == zero,
                      z3.Not(s["rmap_held"]), s["last_ret"] == 0)

    def transition(self, k: int, s: State, t: State) -> Step:
        prefix = f"s{k}_"
        inp = Inputs.symbolic(self.word, prefix)
        action = z3.BitVec(f"{prefix}action", 2)
        first, last = z3.BitVec(f"{prefix}first_page", self.ibits), z3.BitVec(f"{prefix}end_page", self.ibits)
        o = self.design.run(inp, prefix=prefix)
        is_mmap = z3.Or(action == MMAP, action == MMAP_COMPAT)
        rng = self.index_mask(first, last)
        env = [z3.ULE(action, len(ACTIONS) - 1), inp.mmu == z3.BoolVal(self.mmu),
               inp.compat == (action == MMAP_COMPAT), *self.in_window(inp, first, last),
               *[a(o) for a in self.assumptions]]
        if not self.mmu:
            # mm/nommu.c do_mmap reaches mmap_prepare only through mmap_file() ->
            # vfs_mmap() -> compat_vma_mmap(): without CONFIG_MMU there is no normal path.
            env.append(action != MMAP)
        after_mmap = self.mmap(s, o, rng)
        after_munmap = self.munmap(s, rng)
        update = [t[n] == z3.If(is_mmap, after_mmap[n], after_munmap[n]) for n in after_mmap]
        terms = {"action": action, "mmap": is_mmap, "compat": action == MMAP_COMPAT,
                 "munmap": action == MUNMAP, "range": rng, "outcome": o, "inputs": inp}
        return Step(k, [*o.path.constraints(), *env, *update], terms)

    def describe_step(self, step: Step, model: z3.ModelRef) -> dict[str, Any]:
        def value(term: z3.ExprRef, kind: str) -> int | bool:
            return c_value(model.eval(term, model_completion=True), kind)
        inp: Inputs = step.terms["inputs"]
        o: Outcome = step.terms["outcome"]
        action = ACTIONS[model.eval(step.terms["action"], model_completion=True).as_long()]
        rng = {"start": value(inp.vm_start, "ulong"), "end": value(inp.vm_end, "ulong")}
        if action == "munmap":
            return {"action": action, "params": rng, "result": {"ret": 0}}
        params = {**rng, **{v.name: value(inp[v.name], v.kind) for v in INPUTS
                            if self.design.reads(v)
                            and v.name not in ("mmu", "compat", "vm_start", "vm_end")}}
        result = {"ret": value(o.ret, "int"), "vma_created": value(o.vma_created, "bool"),
                  "unmapped": value(o.unmapped, "bool"),
                  "rmap_held_at_end": value(o.rmap_held_at_end, "bool")}
        return {"action": action, "params": params, "result": result, "call": (self.design, o)}

    def preferences(self, step: Step) -> list[tuple[z3.BoolRef, ...]]:
        """Plain mmap first, small ranges from the window's start, then the simple values
        of the one-call counterexamples (0, false, -ENOMEM ...) for the driver's inputs."""
        inp: Inputs = step.terms["inputs"]
        page = [BASE + n * PAGE_SIZE for n in range(self.pages + 1)]
        prefs = [tuple(step.terms["action"] == a for a in (MMAP, MUNMAP, MMAP_COMPAT)),
                 tuple(inp.vm_start == self._ulong(a) for a in page[:3]),
                 tuple(inp.vm_end == self._ulong(a) for a in (page[2], page[1], page[3], page[4]))]
        for v in INPUTS:
            if v.name in ("mmu", "compat", "vm_start", "vm_end") or not self.design.reads(v):
                continue
            values = SIMPLE_VALUES.get(v.kind, ())
            prefs.append(tuple(inp[v.name] == to_z3(x, v, self.word) for x in values))
        return prefs

    def _ulong(self, a: int) -> z3.BitVecRef:
        return z3.BitVecVal(a, self.word)

    # ---- geometry ----------------------------------------------------------------
    def page_addr(self, i: int) -> z3.BitVecRef:
        return z3.BitVecVal(BASE + i * PAGE_SIZE, self.word)

    def in_window(self, inp: Inputs, first: z3.BitVecRef, last: z3.BitVecRef) -> list[z3.BoolRef]:
        """The call's range is pages ``[first, last)`` of the window: page-aligned and non-empty
        (mm/vma.c ``mmap_region``: "@addr: The page-aligned address", "@len: The page-aligned,
        non-zero, length").  Small page indices keep the masks cheap; the word-sized
        ``vm_start``/``vm_end`` the call reads are tied to them."""
        def addr(i: z3.BitVecRef) -> z3.BitVecRef:
            return self.page_addr(0) + (z3.ZeroExt(self.word - self.ibits, i) << PAGE_SHIFT)
        return [z3.ULT(first, last), z3.ULE(last, self.pages),
                inp.vm_start == addr(first), inp.vm_end == addr(last)]

    def index_mask(self, first: z3.BitVecRef, last: z3.BitVecRef) -> z3.BitVecRef:
        """Pages ``first <= i < last`` as a mask (indices of ``ibits`` bits)."""
        return self._mask(lambda i: z3.And(z3.ULE(first, i), z3.ULT(i, last)))

    def length_mask(self, start: z3.BitVecRef, length: z3.BitVecRef) -> z3.BitVecRef:
        """The window pages ``do_munmap(start, length)`` unmaps (mm/vma.c ``do_vmi_munmap``: an
        unaligned start, a zero length or a range that wraps is -EINVAL and unmaps nothing;
        the length is PAGE_ALIGN()ed).  One adder for the end, then comparisons with the
        page addresses, which are constants."""
        aligned = z3.Extract(PAGE_SHIFT - 1, 0, start) == 0
        end = start + ((length + (PAGE_SIZE - 1)) & ~z3.BitVecVal(PAGE_SIZE - 1, self.word))
        return self._mask(lambda i: z3.And(aligned, z3.ULE(start, self.page_addr(i.as_long())),
                                           z3.ULT(self.page_addr(i.as_long()), end)))

    def _mask(self, member) -> z3.BitVecRef:
        bits = [z3.If(member(z3.BitVecVal(i, self.ibits)), z3.BitVecVal(1, 1), z3.BitVecVal(0, 1))
                for i in reversed(range(self.pages))]
        return z3.Concat(*bits) if len(bits) > 1 else bits[0]

    # ---- the kernel layer around the call ----------------------------------------
    @cites("mm/vma.c", "__mmap_region",
           "call_mmap_prepare() failed, or __mmap_new_vma() did (on the compat path after "
           "__mmap_new_file_vma() unmapped the new VMA with unmap_region): goto abort_munmap")
    def aborted(self, o: Outcome) -> z3.BoolRef:
        # Normal path: an error before __mmap_new_vma allocated the VMA.  Compat path: any
        # error of mmap_file() (compat_vma_mmap returns the raw error, is_compat).
        return z3.And(o.ret != 0, z3.Or(o.inputs.compat, z3.Not(o.vma_created)))

    @cites("mm/vma.c", "vms_abort_munmap_vmas",
           "__mmap_setup() already ran vms_clean_up_area(): the old VMAs' page tables are cleared "
           "and vm_ops->close() called (clear_ptes is false), so the abort cannot reattach them "
           "and clears the range instead: the failed MAP_FIXED mmap leaves a hole; with no old "
           "VMAs, nothing changes")
    def abort_munmap(self, s: State, o: Outcome, rng: z3.BitVecRef) -> State:
        return {n: s[n] & ~rng for n in ("mapped", "failed", "hidden")}

    @cites("mm/vma.c", "__mmap_complete",
           "vms_complete_munmap_vmas(): the old VMAs over the range are gone for good; the new "
           "(or merged-into) VMA covers the range; then mmap_action_complete runs and may unmap it")
    def complete(self, s: State, o: Outcome, rng: z3.BitVecRef) -> State:
        zero = z3.BitVecVal(0, self.pages)
        unmapped = z3.If(o.unmapped, self.length_mask(o.unmap_start, o.unmap_len), zero)
        mapped = (s["mapped"] | rng) & ~unmapped
        failed_vma = z3.And(o.vma_created, o.first_error() != 0)
        hidden_vma = z3.And(o.vma_created, o.path.state["hide"])
        return {
            "mapped": mapped,
            "failed": ((s["failed"] & ~rng) | z3.If(failed_vma, rng, zero)) & mapped,
            "hidden": ((s["hidden"] & ~rng) | z3.If(hidden_vma, rng, zero)) & mapped,
        }

    def mmap(self, s: State, o: Outcome, rng: z3.BitVecRef) -> State:
        kept, done = self.abort_munmap(s, o, rng), self.complete(s, o, rng)
        out = {n: z3.If(self.aborted(o), kept[n], done[n]) for n in ("mapped", "failed", "hidden")}
        out["rmap_held"] = z3.Or(s["rmap_held"], o.rmap_held_at_end)
        out["last_ret"] = o.ret
        return out

    @cites("mm/mmap.c", "do_munmap",
           "munmap(2) of a page-aligned range (do_vmi_munmap in mm/vma.c): every VMA page in it is "
           "unmapped, VMAs split at the edges; the rmap lock is not touched")
    def munmap(self, s: State, rng: z3.BitVecRef) -> State:
        return {"mapped": s["mapped"] & ~rng, "failed": s["failed"] & ~rng,
                "hidden": s["hidden"] & ~rng, "rmap_held": s["rmap_held"],
                "last_ret": z3.BitVecVal(0, 32)}

    # ---- reading values --------------------------------------------------------------
    def value(self, var: StateVar, model: z3.ModelRef, term: z3.ExprRef) -> Any:
        """A page mask reads as the set of the first addresses of its pages."""
        v = super().value(var, model, term)
        return frozenset(self.pages_of(v)) if var.kind == "pages" else v

    def pages_of(self, mask: int) -> list[int]:
        """The first address of every page in ``mask``."""
        return [BASE + i * PAGE_SIZE for i in range(self.pages) if mask >> i & 1]
