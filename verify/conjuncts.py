"""Why a counterexample breaks its invariant: the conjuncts of the formula that are false
in it, and the value of every field the formula reads.

The formula is walked as Z3 built it: an implication whose premise holds gives way to its
conclusion, and a conjunction to its false conjuncts.  Each part is named by the matching
part of the invariant's ``formula_text`` (split the same way at its top level); where the
two do not line up, by its position ("conjunct 2 of 4")."""
from __future__ import annotations

import re

import z3

from models.cdefs import c_value
from models.inputs import INPUT_BY_NAME
from models.outcome import FIELD_BY_NAME, Outcome
from verify.cformat import show

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?!\s*\()\b(?!\s*\()")
WARNED = re.compile(r"warned\((\w+)\)")


def split_top(text: str, op: str) -> list[str]:
    """``text`` split at ``op`` outside parentheses, each part stripped of outer ones."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and text.startswith(op, i):
            parts.append(text[start:i])
            start = i = i + len(op)
            continue
        i += 1
    parts.append(text[start:])
    return [unparen(p) for p in parts]


def unparen(text: str) -> str:
    """``text`` without the parentheses that wrap all of it (``(a) && (b)`` keeps its own)."""
    t = text.strip()
    while t.startswith("("):
        depth = 0
        for i, ch in enumerate(t):
            depth += (ch == "(") - (ch == ")")
            if depth == 0:
                break
        if i != len(t) - 1:
            break
        t = t[1:-1].strip()
    return t


def failing(formula: z3.BoolRef, text: str, model: z3.ModelRef) -> list[str]:
    """The innermost parts of ``formula`` that are false in ``model``, named from ``text``."""
    def value(f) -> bool:
        return z3.is_true(model.eval(f, model_completion=True))

    def walk(f, t: str | None) -> list[str]:
        if z3.is_implies(f) and value(f.arg(0)):
            parts = split_top(t, "->") if t else []
            rest = "->".join(parts[1:]).strip() if len(parts) > 1 else None
            return walk(f.arg(1), unparen(rest) if rest else None)
        if z3.is_and(f):
            kids = f.children()
            texts = split_top(t, "&&") if t else []
            if len(texts) != len(kids):
                texts = [None] * len(kids)
            out = []
            for i, (k, kt) in enumerate(zip(kids, texts), 1):
                if not value(k):
                    found = walk(k, kt)
                    out += found if kt else [f"conjunct {i} of {len(kids)}"]
            return out
        return [t] if t else []
    return walk(formula, text) or [text]


def reads(formula_text: str, outcome: Outcome, model: z3.ModelRef) -> dict[str, str]:
    """Each outcome field, input and warning the formula names, with its value in C terms."""
    out: dict[str, str] = {}
    for name in IDENT.findall(formula_text):
        if name in out:
            continue
        if name in FIELD_BY_NAME:
            kind, term = FIELD_BY_NAME[name].kind.split()[0], outcome.term(name)
        elif name in INPUT_BY_NAME and name in outcome.inputs.terms:
            kind, term = INPUT_BY_NAME[name].kind, outcome.inputs[name]
        else:
            continue
        v = c_value(model.eval(term, model_completion=True), kind)
        out[name] = show(name, v, kind)
    for name in WARNED.findall(formula_text):
        fired = outcome.warnings.get(name, z3.BoolVal(False))
        out[f"warned({name})"] = show(name, z3.is_true(model.eval(fired, model_completion=True)),
                                      "bool")
    return out
