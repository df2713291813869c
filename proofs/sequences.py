"""Invariants over sequences of mmap and munmap calls (the address-space model).

Declared once, like ``proofs.registry``: the CLI (``verify check-seq``), the
tests and the benchmark read ``SEQ_INVARIANTS``.  A state invariant must hold
in every reachable state; a step invariant on every transition (pre-state,
step, post-state).  Each names its trigger, the situation it is about (a run
that never meets it proves nothing), and the broken designs or address-space
variants that must refute it (``refuted_by``, checked by the tests).
"""
from __future__ import annotations

import dataclasses
import functools
import re
from typing import Callable

import z3

from models.address_space import AddressSpace
from models.cdefs import is_err_value
from models.design import Design
from models.space_mutants import SPACES
from proofs.assumptions import BASE
from models.transition import Property, State, Step

# CONFIG_MMU for a whole run; the normal and the compat path are per call (the action).
SEQ_CONFIGS: dict[str, bool] = {"mmu": True, "nommu": False}


@dataclasses.dataclass(frozen=True)
class SeqInvariant:
    id: str
    statement: str
    kind: str                      # state | step
    formula: Callable[..., z3.BoolRef]
    formula_text: str
    trigger: Callable[[State, Step, State], z3.BoolRef]
    trigger_text: str
    scope: tuple[str, ...]         # SEQ_CONFIGS where the kernel satisfies it
    protects: tuple[str, ...]      # kernel file:function
    refuted_by: tuple[tuple[str, str, str], ...]   # (design, space, config) that must refute it
    rationale: str = ""
    outside_scope: str = ""

    def prop(self) -> Property:
        return Property(self.id, self.kind, self.formula, self.trigger)


SEQ_INVARIANTS: dict[str, SeqInvariant] = {}
_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def seq_invariant(id: str, statement: str, *, kind: str, formula_text: str,
                  trigger: Callable, trigger_text: str, scope: tuple[str, ...],
                  protects: tuple[str, ...], refuted_by: tuple[tuple[str, str, str], ...],
                  rationale: str = "", outside_scope: str = "") -> Callable:
    def deco(fn: Callable) -> Callable:
        if not _ID.match(id) or id in SEQ_INVARIANTS:
            raise ValueError(f"sequence invariant id {id!r} is malformed or declared twice")
        if not scope or any(c not in SEQ_CONFIGS for c in scope):
            raise ValueError(f"sequence invariant {id!r}: scope must name configs from "
                             f"{sorted(SEQ_CONFIGS)}")
        if not refuted_by or any(sp not in SPACES or c not in SEQ_CONFIGS for _, sp, c in refuted_by):
            raise ValueError(f"sequence invariant {id!r}: refuted_by must name (design, space, "
                             "config) triples; a proof counts only if it can fail")
        SEQ_INVARIANTS[id] = SeqInvariant(id, statement, kind, fn, formula_text, trigger,
                                          trigger_text, scope, protects, refuted_by, rationale,
                                          outside_scope)
        return fn
    return deco


@functools.lru_cache(maxsize=64)
def system(design: Design, word: int, config: str, space: str = "kernel") -> AddressSpace:
    """The address space of ``design`` at ``word`` bits under ``config``; every call's
    environment satisfies the one-call suite's base assumptions (callees return 0 or
    an errno; the range is page-aligned and non-empty).  Built once per process, like
    ``verify.session.symbolic_call``: its transitions are immutable terms, built on first
    use and shared by every solver that unrolls it."""
    return SPACES[space](design, word, SEQ_CONFIGS[config],
                         assumptions=tuple(a.formula for a in BASE))


# ---- helpers over a step ----------------------------------------------------------
def _zero(mask: z3.BitVecRef) -> z3.BitVecRef:
    return z3.BitVecVal(0, mask.size())


def _new_vma(st: Step) -> z3.BoolRef:
    return z3.And(st.terms["mmap"], st.terms["outcome"].vma_created)


def _normal(st: Step) -> z3.BoolRef:
    return z3.And(st.terms["mmap"], z3.Not(st.terms["compat"]))


def _over_old(pre: State, st: Step) -> z3.BoolRef:
    return pre["mapped"] & st.terms["range"] != _zero(pre["mapped"])


def _took_rmap_lock(pre: State, st: Step, post: State) -> z3.BoolRef:
    return z3.And(_new_vma(st), z3.Not(st.terms["compat"]), st.terms["inputs"].hide)


# Why the invariants triggered by _took_rmap_lock are claimed with CONFIG_MMU only.
NO_RMAP_LOCK_WITHOUT_MMU = (
    "CONFIG_MMU=n: the only path is compat, which forces hide_from_rmap_until_complete off, so no "
    "call takes the rmap lock and the situation never arises.")


def _prepare_failed(st: Step) -> z3.BoolRef:
    o = st.terms["outcome"]
    return z3.And(_normal(st), z3.Not(o.vma_created), o.ret != 0)


def _complete_failed(st: Step) -> z3.BoolRef:
    o = st.terms["outcome"]
    return z3.And(_normal(st), o.vma_created, o.ret != 0)


def _reported_success(st: Step) -> z3.BoolRef:
    return z3.And(st.terms["mmap"], z3.Not(is_err_value(st.terms["outcome"].user_ret)))


BOTH = ("mmu", "nommu")


@seq_invariant(
    "failed-vma-never-mapped",
    "no VMA whose action failed is ever left mapped",
    kind="state", formula_text="mapped & failed == 0",
    trigger=lambda pre, st, post: z3.And(_new_vma(st), st.terms["outcome"].first_error() != 0),
    trigger_text="an action fails on a new VMA",
    scope=BOTH,
    protects=("mm/util.c:mmap_action_finish", "mm/vma.c:__mmap_region"),
    refuted_by=(("unmap-skipped", "kernel", "mmu"), ("mapped-error-ignored", "kernel", "mmu"),
                ("hooks-2025", "kernel", "mmu")),
    rationale="mmap_action_finish unmaps the whole VMA on error (normal path); on the compat path "
              "the legacy caller unmaps it and aborts.")
def failed_vma_never_mapped(s: State) -> z3.BoolRef:
    return s["mapped"] & s["failed"] == _zero(s["mapped"])


@seq_invariant(
    "rmap-released-after-call",
    "the rmap lock (i_mmap_rwsem) is never held when a call has returned",
    kind="state", formula_text="!rmap_held",
    trigger=_took_rmap_lock, trigger_text="a call creates a VMA hidden from the rmap (takes the lock)",
    scope=("mmu",),
    outside_scope=NO_RMAP_LOCK_WITHOUT_MMU,
    protects=("mm/internal.h:maybe_rmap_unlock_action", "mm/util.c:mmap_action_finish"),
    refuted_by=(("lock-leaked", "kernel", "mmu"),),
    rationale="maybe_rmap_unlock_action runs on every path through mmap_action_finish.")
def rmap_released(s: State) -> z3.BoolRef:
    return z3.Not(s["rmap_held"])


@seq_invariant(
    "no-vma-left-hidden",
    "no mapped VMA stays hidden from the rmap once its call has returned",
    kind="state", formula_text="mapped & hidden == 0",
    trigger=_took_rmap_lock, trigger_text="a call creates a VMA hidden from the rmap",
    scope=("mmu",),
    outside_scope=NO_RMAP_LOCK_WITHOUT_MMU,
    protects=("mm/internal.h:maybe_rmap_unlock_action",),
    refuted_by=(("lock-leaked", "kernel", "mmu"),),
    rationale="maybe_rmap_unlock_action clears hide_from_rmap_until_complete when it unlocks.")
def no_vma_left_hidden(s: State) -> z3.BoolRef:
    return s["mapped"] & s["hidden"] == _zero(s["mapped"])


@seq_invariant(
    "prepare-failure-maps-nothing",
    "an mmap whose prepare fails (no VMA created, an error returned) maps nothing and changes "
    "nothing outside its range; old mappings inside the range are gone, and with none there the "
    "address space is exactly as it was",
    kind="step",
    formula_text="normal mmap && !vma_created && ret != 0 -> post == pre & ~range "
                 "(mapped, failed, hidden)",
    trigger=lambda pre, st, post: z3.And(_prepare_failed(st), _over_old(pre, st)),
    trigger_text="mmap_prepare fails for a range over existing mappings",
    scope=("mmu",),
    outside_scope="CONFIG_MMU=n has no normal mmap() path (mm/nommu.c gets to mmap_prepare by the compat path alone), so the situation never arises there.",
    protects=("mm/vma.c:__mmap_region", "mm/vma.c:vms_abort_munmap_vmas"),
    refuted_by=(("override", "abort-reattaches", "mmu"),),
    rationale="__mmap_setup gathers the old VMAs, clears their page tables and closes them "
              "(vms_clean_up_area) before call_mmap_prepare; on its error vms_abort_munmap_vmas "
              "cannot put them back and clears the range instead, leaving a hole where the failed "
              "MAP_FIXED mapping was to go. A failed MAP_FIXED mmap over existing mappings "
              "therefore loses them: the address space is not as it was.")
def prepare_failure_maps_nothing(pre: State, st: Step, post: State) -> z3.BoolRef:
    rng = st.terms["range"]
    gap = z3.And(*[post[n] == pre[n] & ~rng for n in ("mapped", "failed", "hidden")])
    return z3.Implies(_prepare_failed(st), gap)


@seq_invariant(
    "complete-failure-leaves-hole",
    "an mmap whose action fails after the VMA was created leaves exactly the new range unmapped "
    "(the old mappings there are gone) and every other page as it was",
    kind="step",
    formula_text="normal mmap && vma_created && ret != 0 -> post.mapped == pre.mapped & ~range",
    trigger=lambda pre, st, post: z3.And(_complete_failed(st), _over_old(pre, st)),
    trigger_text="the action fails on a new VMA placed over existing mappings",
    scope=("mmu",),
    outside_scope="CONFIG_MMU=n has no normal mmap() path (mm/nommu.c gets to mmap_prepare by the compat path alone), so the situation never arises there.",
    protects=("mm/util.c:mmap_action_finish", "mm/vma.c:__mmap_region"),
    refuted_by=(("unmap-skipped", "kernel", "mmu"), ("unmap-one-page", "kernel", "mmu"),
                ("override-on-success", "kernel", "mmu"), ("hooks-2025", "kernel", "mmu")),
    rationale="__mmap_complete has already dropped the old VMAs when mmap_action_complete runs; "
              "mmap_action_finish then unmaps vma_pages(vma) << PAGE_SHIFT bytes from vm_start.")
def complete_failure_leaves_hole(pre: State, st: Step, post: State) -> z3.BoolRef:
    return z3.Implies(_complete_failed(st), post["mapped"] == pre["mapped"] & ~st.terms["range"])


@seq_invariant(
    "reported-success-is-mapped",
    "an mmap that reports success (its result is not an error value) leaves its whole range mapped",
    kind="step",
    formula_text="mmap && !IS_ERR_VALUE(user_ret) -> range & ~post.mapped == 0",
    trigger=lambda pre, st, post: z3.And(_new_vma(st), _reported_success(st)),
    trigger_text="an mmap creates a VMA and reports success",
    scope=BOTH,
    protects=("mm/util.c:check_mmap_action", "mm/util.c:mmap_action_finish"),
    refuted_by=(("hooks", "kernel", "mmu"), ("check-skipped", "kernel", "mmu")),
    rationale="with CONFIG_MMU an error survives to the caller: check_mmap_action rejects an "
              "override that is not an errno, so `error_override ?: err` is an error value; "
              "without it the only path is compat, which never applies the override.")
def reported_success_is_mapped(pre: State, st: Step, post: State) -> z3.BoolRef:
    rng = st.terms["range"]
    return z3.Implies(_reported_success(st), rng & ~post["mapped"] == _zero(rng))
