"""What one mmap call did, as data (Z3 terms over the inputs).

The table ``FIELDS`` is the single list of the outcome's fields, as ``INPUTS``
is of the inputs: the query language, ``verify vars``, traces, the generated
docs, scenario files and the C comparison all read it.  Adding a field is one
line here (and, for a field read from the path state, its initial value).
"""
from __future__ import annotations

import dataclasses
from typing import Callable

import z3

from models import terms
from models.cdefs import int_to_ulong
from models.inputs import Inputs
from models.path import Path


@dataclasses.dataclass(frozen=True)
class Field:
    name: str
    kind: str                # bool | int (32-bit, signed) | ulong (the word)
    meaning: str
    state: str | None = None  # the path state field it is at the end of the call
    initial: bool | None = None  # that field's value before the driver runs
    derive: Callable[["Outcome"], z3.ExprRef] | None = None   # or computed from the others
    trace: bool = True       # on a trace's outcome line and in the docs' counterexamples
    c: bool = False          # the C harness answers it and the tests compare the two
    expect: bool = False     # a scenario's ``expect`` may check it


def _first_error(o: "Outcome") -> z3.BitVecRef:
    """The first non-zero result among the error sources that ran, or 0."""
    out = z3.BitVecVal(0, 32)
    for src in reversed(o.path.sources):
        out = terms.If(terms.And(src.ran, src.value != 0), src.value, out)
    return out


# mm/util.c mmap_action_complete: the helpers that carry an action out.
ACTION_COMPLETE = ("remap_pfn_range_complete", "map_kernel_pages_complete")


def _action_completed(o: "Outcome") -> z3.BoolRef:
    """An action's complete helper ran and returned 0."""
    done = [terms.And(s.ran, s.value == 0) for s in o.path.sources if s.name in ACTION_COMPLETE]
    return terms.Or(*done) if done else z3.BoolVal(False)


def _warned(o: "Outcome") -> z3.BoolRef:
    return terms.Or(*o.warnings.values()) if o.warnings else z3.BoolVal(False)


FIELDS: tuple[Field, ...] = (
    Field("ret", "int", "the int mmap_region returns: 0 or an error", state="ret", c=True),
    Field("user_ret", "ulong", "(unsigned long)ret as do_mmap passes it up (sign-extended)",
          derive=lambda o: int_to_ulong(o.ret, o.inputs.word), c=True),
    Field("vma_created", "bool", "a new VMA was allocated (or, on the compat path, set up) for "
          "the action", state="vma_created", initial=False, c=True, expect=True),
    Field("vma_mapped", "bool", "the new VMA is still mapped when mmap returns",
          state="vma_mapped", initial=False, c=True, expect=True),
    Field("unmapped", "bool", "do_munmap ran on the new VMA and succeeded", state="unmapped",
          initial=False, c=True, expect=True),
    Field("unmap_start", "ulong", "start address do_munmap was given (0 if it did not run)",
          state="unmap_start", c=True),
    Field("unmap_len", "ulong", "length in bytes do_munmap was given (0 if it did not run)",
          state="unmap_len", c=True),
    Field("lock_held_at_unmap", "bool", "do_munmap ran while this call held i_mmap_rwsem "
          "(deadlock)", state="lock_held_at_unmap", initial=False, c=True, expect=True),
    Field("rmap_held_at_end", "bool", "i_mmap_rwsem is still held when mmap returns (leak)",
          state="rmap_held", initial=False, c=True, expect=True),
    Field("unlock_unheld", "bool", "i_mmap_unlock_write ran without the lock held",
          state="unlock_unheld", initial=False, c=True, expect=True),
    Field("unmap_detached", "bool", "do_munmap ran on a VMA not yet attached to the tree",
          state="unmap_detached", initial=False, c=True, expect=True),
    Field("check_ran", "bool", "check_mmap_action ran", state="check_ran", initial=False,
          trace=False),
    Field("check_ret", "int", "what check_mmap_action returned (0 if it did not run)",
          state="check_ret", trace=False),
    Field("warned", "bool", "some WARN_ON_ONCE fired", derive=_warned, trace=False),
    Field("action_completed", "bool", "the action's complete helper (remap_pfn_range_complete, "
          "map_kernel_pages_complete) ran and returned 0", derive=_action_completed, trace=False),
    Field("first_error", "int", "the first non-zero result among the error sources that ran, "
          "before any override (0 if none)", derive=_first_error),
    # Historical versions (models/history); the other designs never set them.
    Field("leaked", "bool", "a resource the driver took for the mapping is neither released "
          "nor owned by a VMA", state="res_pending", initial=False, expect=True),
    Field("uninit_call", "bool", "a hook was called through a descriptor pointer that was "
          "never initialised", state="uninit_call", initial=False, expect=True),
)
FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
TRACE_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.trace)
C_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.c)
EXPECT_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.expect)


class Outcome:
    """The observable result of one call: a Z3 term for each field of ``FIELDS``
    (``o.ret``, ``o.leaked`` ...), the warnings that fired, the inputs and the path."""

    def __init__(self, terms: dict[str, z3.ExprRef], warnings: dict[str, z3.BoolRef],
                 inputs: Inputs, path: Path) -> None:
        self.terms = dict(terms)
        self.warnings = warnings          # WARN_ON_ONCE name -> fired
        self.inputs = inputs
        self.path = path

    @classmethod
    def of(cls, p: Path, inp: Inputs) -> "Outcome":
        """The outcome at the end of the symbolic run ``p``."""
        return cls({f.name: p[f.state] for f in FIELDS if f.state}, dict(p.warnings), inp, p)

    def __getattr__(self, name: str) -> z3.ExprRef:
        if name not in FIELD_BY_NAME or "terms" not in self.__dict__:
            raise AttributeError(name)
        return self.term(name)

    def term(self, name: str) -> z3.ExprRef:
        """The term of field ``name`` (a derived one is built once)."""
        if name not in self.terms:
            self.terms[name] = FIELD_BY_NAME[name].derive(self)
        return self.terms[name]

    def first_error(self) -> z3.BitVecRef:
        """The error the action produced before any override (field ``first_error``)."""
        return self.term("first_error")

    def observables(self) -> dict[str, z3.ExprRef]:
        """Every field by name, in table order (queries, traces)."""
        return {f.name: self.term(f.name) for f in FIELDS}
