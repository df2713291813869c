"""``mmap_action_finish``, and the code after ``mmap_action_complete`` in its two callers,
as ordered steps run by one skeleton.

Across the versions of the code (models/history) these changed only in which steps they
had and in which order.  A design states each as data, beside the commit it cites::

    finish = mmap_action_finish(
        "->mapped, success_hook, rmap unlock, return if `!err || is_compat`, do_munmap, "
        "error_hook",
        CALL_VMA_MAPPED, SUCCESS_HOOK, RMAP_UNLOCK, ReturnIf(NO_ERR_OR_COMPAT), DO_MUNMAP,
        ERROR_HOOK)

A ``Step`` is one thing the function does, carried by ``err`` (the error so far): it calls
one ``@rule`` method of the design (models/action.py) by name, so that a mutant overrides a
step as it overrides any rule.  ``ReturnIf(cond, *body)`` is an early return: when ``cond``
holds, the ``body`` steps run and the function returns ``err``; the steps after it run only
when ``cond`` is false.  ``Steps.run`` is the
skeleton; the rule given with the steps cites the function they make up, and tags what
the skeleton itself defines (the ``err`` after ``->mapped``, the function's result).
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, Union

import z3

from models.inputs import Inputs
from models.path import Path
from models.rules import Rule


@dataclasses.dataclass(frozen=True)
class Step:
    """``run(design, p, inp, err)`` is the error after this line; ``name`` as a summary says it."""
    name: str
    run: Callable[[Any, Path, Inputs, z3.BitVecRef], z3.BitVecRef]


@dataclasses.dataclass(frozen=True)
class Cond:
    """A condition on the error so far and ``is_compat``, as C writes it."""
    c: str
    term: Callable[[z3.BitVecRef, z3.BoolRef], z3.BoolRef]


class ReturnIf:
    """An early return: when ``cond`` holds, run ``body`` and return ``err``."""
    __slots__ = ("cond", "body")

    def __init__(self, cond: Cond, *body: Step) -> None:
        self.cond, self.body = cond, body

    def __repr__(self) -> str:
        body = "".join(f"{s.name}, " for s in self.body)
        return f"if `{self.cond.c}`: {body}return" if body else f"return if `{self.cond.c}`"


Line = Union[Step, ReturnIf]


@dataclasses.dataclass(frozen=True)
class Steps:
    """A kernel function (``rule``) as the lines it is made of."""
    rule: Rule
    steps: tuple[Line, ...]

    def run(self, design: Any, p: Path, inp: Inputs, err: z3.BitVecRef,
            compat: bool) -> z3.BitVecRef:
        with p.in_rule(self.rule):
            out = _run(self.steps, design, p, inp, err, z3.BoolVal(compat))
            return out if out.eq(err) else p.define(self.rule.name, out)

    def __repr__(self) -> str:
        return f"{self.rule.function}: " + ", ".join(
            s.name if isinstance(s, Step) else repr(s) for s in self.steps)


def _run(steps: tuple[Line, ...], design: Any, p: Path, inp: Inputs, err: z3.BitVecRef,
         compat: z3.BoolRef) -> z3.BitVecRef:
    for i, step in enumerate(steps):
        if isinstance(step, ReturnIf):
            cond = step.cond.term(err, compat)
            with p.when(cond):
                early = _run(step.body, design, p, inp, err, compat)
            with p.when(z3.Not(cond)):
                rest = _run(steps[i + 1:], design, p, inp, err, compat)
            return early if early.eq(rest) else z3.If(cond, early, rest)
        err = step.run(design, p, inp, err)
    return err


# ---- the functions made of steps ----------------------------------------------------
def mmap_action_finish(summary: str, *steps: Line) -> Steps:
    """mm/util.c ``mmap_action_finish``: after the action's own completion."""
    return Steps(Rule("mmap_action_finish", "mm/util.c", "mmap_action_finish", summary), steps)


def call_action_complete(summary: str, *steps: Line) -> Steps:
    """mm/vma.c ``call_action_complete``: the normal path, after ``mmap_action_complete``."""
    return Steps(Rule("call_action_complete", "mm/vma.c", "call_action_complete", summary), steps)


def compat_cleanup(summary: str, *steps: Line) -> Steps:
    """mm/util.c ``compat_vma_mmap``: the compat path, after ``mmap_action_complete``."""
    return Steps(Rule("compat_cleanup", "mm/util.c", "compat_vma_mmap", summary), steps)


# ---- the conditions of the early returns ------------------------------------------------
ERR = Cond("err", lambda err, compat: err != 0)
NO_ERR = Cond("!err", lambda err, compat: err == 0)
NO_ERR_OR_COMPAT = Cond("!err || is_compat", lambda err, compat: z3.Or(err == 0, compat))
COMPAT = Cond("is_compat", lambda err, compat: compat)


# ---- the steps: each calls one rule of models/action.py --------------------------------
def _call_vma_mapped(d: Any, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
    with p.when(err == 0):
        mapped = d.call_vma_mapped(p, inp)
    return p.define("err", z3.If(err == 0, mapped, err))


def _rmap_unlock(d: Any, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
    d.maybe_rmap_unlock_action(p)
    return err


def _do_munmap(d: Any, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
    d.do_munmap(p, inp)
    return err


# while there is no error yet, the ->mapped callback's result becomes err
CALL_VMA_MAPPED = Step("->mapped", _call_vma_mapped)
# while there is no error yet and the driver set a success hook, its result becomes err
SUCCESS_HOOK = Step("success_hook", lambda d, p, inp, err: d.run_success_hook(p, inp, err))
# maybe_rmap_unlock_action in mmap_action_finish, or i_mmap_unlock_write in the caller
RMAP_UNLOCK = Step("rmap unlock", _rmap_unlock)
# unmap all vma_pages(vma) << PAGE_SHIFT bytes of the VMA from vm_start; result discarded
DO_MUNMAP = Step("do_munmap", _do_munmap)
# when the driver set an error hook, its result replaces err (VM_WARN_ON_ONCE if it is 0)
ERROR_HOOK = Step("error_hook", lambda d, p, inp, err: d.run_error_hook(p, inp, err))
# the function's result: error_override if the driver set one, else err
ERROR_OVERRIDE = Step("return `error_override ?: err`",
                      lambda d, p, inp, err: d.apply_override(p, inp, err))
