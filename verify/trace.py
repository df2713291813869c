"""Turn a Z3 model of one call into a concrete, readable trace."""
from __future__ import annotations

from typing import Iterator

import z3

from models import terms
from models.cdefs import INT_BITS, c_number, c_value
from models.inputs import INPUTS
from models.outcome import FIELD_BY_NAME, Outcome
from verify.cformat import show
from verify.results import Trace, TraceStep


def value_of(model: z3.ModelRef, term: z3.ExprRef, kind: str) -> int | bool:
    return c_value(model.eval(term, model_completion=True), kind)


def _kind(name: str, term: z3.ExprRef, word: int) -> str:
    """ulong-named values stay hex even on 32-bit, where they are 32 bits wide."""
    if z3.is_bool(term):
        return "bool"
    if name in ("start", "end", "len", "user_ret", "unmap_start", "unmap_len", "vm_start", "vm_end"):
        return "ulong"
    if name == "type":
        return "type"
    return "int" if term.size() == INT_BITS else "ulong"


class _Layout:
    """Every term a trace reads (each input, each step's guard and values, each outcome
    field and warning), packed into one bit-vector so that one evaluation of the model
    gives them all (a trace reads about sixty; each evaluation through the Python API
    costs more than Z3's work on all of them).  Built once per outcome."""

    def __init__(self, outcome: Outcome) -> None:
        word = outcome.inputs.word
        self.inputs = [(v, outcome.inputs[v.name]) for v in INPUTS]
        self.steps = [(st, [(name, t, _kind(name, t, word)) for name, t in st.values.items()])
                      for st in outcome.path.steps]
        self.fields = [(name, t, FIELD_BY_NAME[name].kind)
                       for name, t in outcome.observables().items()]
        self.warnings = list(outcome.warnings.items())
        exprs = [t for _, t in self.inputs]
        for st, vals in self.steps:
            exprs += [st.guard] + [t for _, t, _ in vals]
        exprs += [t for _, t, _ in self.fields] + [t for _, t in self.warnings]
        self.packed, self.widths = terms.pack(exprs)

    def values(self, model: z3.ModelRef) -> Iterator[int]:
        """The value of each term, in the order they were packed (a bool as 0 or 1)."""
        bits = model.eval(self.packed, model_completion=True)
        if not z3.is_bv_value(bits):
            raise ValueError("the model does not give every term of the trace a value")
        return iter(terms.unpack(bits.as_long(), self.widths))


def _layout(outcome: Outcome) -> _Layout:
    if "_trace_layout" not in outcome.__dict__:
        outcome.__dict__["_trace_layout"] = _Layout(outcome)
    return outcome.__dict__["_trace_layout"]


def build_trace(design: str, outcome: Outcome, model: z3.ModelRef,
                tags: frozenset[str] | None = None) -> Trace:
    """``tags`` keeps only the inputs the design reads (``Design.input_tags``)."""
    word = outcome.inputs.word
    lay = _layout(outcome)
    vals = lay.values(model)
    inputs, shown = {}, {}
    for v, _ in lay.inputs:
        n = next(vals)
        if tags is None or v.designs in tags:
            inputs[v.name] = c_number(n, v.kind)
            shown[f"in.{v.name}"] = show(v.name, inputs[v.name], v.kind)
    steps = []
    for st, step_values in lay.steps:
        ran = next(vals)
        raw = {name: c_number(next(vals), k) for name, _, k in step_values}
        if ran:
            fmt = {name: show(name, raw[name], k) for name, _, k in step_values}
            steps.append(TraceStep(st.label, st.kind, st.rule.cite if st.rule else None, fmt,
                                   raw))
    out: dict = {}
    for name, _, k in lay.fields:
        out[name] = c_number(next(vals), k)
        shown[name] = show(name, out[name], k)
    out["warnings"] = [name for name, _ in lay.warnings if next(vals)]
    return Trace(design, word, inputs, tuple(steps), out, shown)
