"""Turn a Z3 model of one call into a concrete, readable trace."""
from __future__ import annotations

import z3

from models.cdefs import INT_BITS, c_value
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


def build_trace(design: str, outcome: Outcome, model: z3.ModelRef,
                tags: frozenset[str] | None = None) -> Trace:
    """``tags`` keeps only the inputs the design reads (``Design.input_tags``)."""
    word = outcome.inputs.word
    used = [v for v in INPUTS if tags is None or v.designs in tags]
    inputs = {v.name: value_of(model, outcome.inputs[v.name], v.kind) for v in used}
    shown = {f"in.{v.name}": show(v.name, inputs[v.name], v.kind) for v in used}
    steps = []
    for st in outcome.path.steps:
        if not z3.is_true(model.eval(st.guard, model_completion=True)):
            continue
        raw, fmt = {}, {}
        for name, term in st.values.items():
            k = _kind(name, term, word)
            raw[name] = value_of(model, term, k)
            fmt[name] = show(name, raw[name], k)
        steps.append(TraceStep(st.label, st.kind, st.rule.cite if st.rule else None, fmt, raw))
    out = {}
    for name, term in outcome.observables().items():
        k = FIELD_BY_NAME[name].kind
        out[name] = value_of(model, term, k)
        shown[name] = show(name, out[name], k)
    for name, fired in outcome.warnings.items():
        if z3.is_true(model.eval(fired, model_completion=True)):
            out.setdefault("warnings", [])  # type: ignore[arg-type]
            out["warnings"].append(name)    # type: ignore[union-attr]
    out.setdefault("warnings", [])          # type: ignore[arg-type]
    return Trace(design, word, inputs, tuple(steps), out, shown)
