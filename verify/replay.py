"""Concrete replay: one mmap call with every input fixed, evaluated through the
same Z3 model that the proofs use (the solver fixes the inputs; the model's
``eval`` gives every intermediate value).  No second copy of the semantics."""
from __future__ import annotations

import functools

import z3

from models.cdefs import INT_BITS
from models.inputs import INPUT_BY_NAME, INPUTS, Var
from proofs.assumptions import BASE
from proofs.registry import Assumption
from verify import catalog
from verify.engine import Session
from verify.errors import UnknownName, UsageError
from verify.results import Trace


@functools.lru_cache(maxsize=64)
def session_for(design: str, word: int) -> Session:
    """A built model for (design, word), kept for the life of the process."""
    return Session(catalog.design(design), word)


def check_value(var: Var, value: object, word: int) -> int | bool:
    """Validate one input value; raise ``UsageError`` naming the problem."""
    if var.kind == "bool":
        if not isinstance(value, bool):
            raise UsageError(f"input {var.name!r} must be true or false, not {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise UsageError(f"input {var.name!r} must be an integer, not {value!r}")
    if var.kind == "ulong":
        lo, hi = 0, (1 << word) - 1
    else:
        lo, hi = -(1 << (INT_BITS - 1)), (1 << (INT_BITS - 1)) - 1
    if not lo <= value <= hi:
        raise UsageError(f"input {var.name!r} = {value} is out of range for "
                         f"{'unsigned long' if var.kind == 'ulong' else 'int'} on {word}-bit "
                         f"({lo}..{hi})")
    return value


def complete_inputs(design: str, word: int, inputs: dict[str, object]) -> dict[str, int | bool]:
    """Check names and ranges; inputs the design does not read default to 0/false, and the
    inputs added after scenario files existed to what the model assumed before them
    (``Var.omitted``: do_munmap succeeds, VM_WARN_ON_ONCE counts)."""
    d = catalog.design(design)
    for name in inputs:
        if name not in INPUT_BY_NAME:
            raise UnknownName("input", name, INPUT_BY_NAME)
    out: dict[str, int | bool] = {}
    for var in INPUTS:
        if var.name in inputs:
            out[var.name] = check_value(var, inputs[var.name], word)
        elif not d.reads(var):
            out[var.name] = var.default
        elif var.omitted is not None:
            out[var.name] = var.omitted
        else:
            raise UsageError(f"the scenario does not set input {var.name!r} ({var.meaning}); "
                             "every input of the call must be fixed")
    return out


def broken_assumptions(design: str, word: int, inputs: dict[str, object]) -> tuple[Assumption, ...]:
    """The proofs' base assumptions (``proofs.assumptions.BASE``) that these concrete inputs
    break: a replay of them shows what the model does, but no proof covers it."""
    s = session_for(design, word)
    values = complete_inputs(design, word, inputs)
    r, model, _ = s.check(*s.inputs.pinned(values))
    if r != z3.sat:  # no execution: replay() says so
        return ()
    # Every input is fixed, so the model is the one execution: an assumption that reads
    # intermediate values (a callee's result where the call ran) is evaluated on it.
    return tuple(a for a in BASE
                 if z3.is_false(model.eval(a.formula(s.outcome), model_completion=True)))


def replay(design: str, word_size: int, inputs: dict[str, object]) -> Trace:
    """Evaluate one concrete call; ``inputs`` maps every input name to its value.
    ``replay(**trace.scenario())`` replays a witness or counterexample."""
    word = catalog.word_sizes([word_size])[0]
    values = complete_inputs(design, word, inputs)
    s = session_for(design, word)
    r, model, reason = s.check(*s.inputs.pinned(values))
    if r != z3.sat:  # every input fixed: the model is total and deterministic
        raise UsageError(f"the scenario has no execution in design {design!r} ({reason or r})")
    return s.trace(model)
