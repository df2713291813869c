"""Answer a query: a witness (a concrete mmap call), "impossible", or "unknown".

Returns data and never prints.  ``count > 1`` asks for distinct witnesses:
each one found is blocked (its path through the code, its return value and
the values of the inputs the query names) before the next is looked for, so
witnesses differ in something the reader asked about or in what the call did.
"""
from __future__ import annotations

import dataclasses
import time
from typing import Any

import z3

from models.config import Config
from proofs.registry import Assumption
from verify.engine import Session
from verify.errors import EXIT_PROVED, EXIT_UNKNOWN, UsageError
from verify.query import names
from verify.query.translate import Query, translate
from verify.results import Trace

MAX_WITNESSES = 100


@dataclasses.dataclass(frozen=True)
class QueryResult:
    query: str
    design: str
    word_size: int
    config: str | None              # None: MMU and path left free unless the query fixes them
    assumptions: tuple[str, ...]    # environment assumptions the answer takes for granted
    answer: str                     # witness | impossible | unknown
    witnesses: tuple[Trace, ...]
    time_ms: float
    reason: str | None = None       # why unknown, or why fewer witnesses than asked
    condition: z3.BoolRef | None = None
    warnings: tuple[str, ...] = ()  # parts of the query C leaves undefined

    @property
    def exit_code(self) -> int:
        return EXIT_UNKNOWN if self.answer == "unknown" else EXIT_PROVED

    def to_dict(self) -> dict[str, Any]:
        from verify.scenario import document
        out: dict[str, Any] = {
            "query": self.query, "design": self.design, "word_size": self.word_size,
            "config": self.config, "assumptions": list(self.assumptions), "answer": self.answer,
            "witnesses": [document(t, description=f"witness of: {self.query}") for t in self.witnesses],
            "traces": [t.to_dict() for t in self.witnesses],
            "time_ms": round(self.time_ms, 3),
        }
        if self.reason:
            out["reason"] = self.reason
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


def context(session: Session, config: Config | None,
            assumed: tuple[Assumption, ...] = ()) -> list[z3.BoolRef]:
    """The constraints of the query context besides the query itself.  Without a
    configuration, the query ranges over the reachable ones."""
    out = [config.constrain(session.inputs) if config else
           names.REACHABLE_CALLER.formula(session.outcome)]
    return out + [a.formula(session.outcome) for a in assumed]


def block(session: Session, model: z3.ModelRef, q: Query) -> z3.BoolRef:
    """A clause that excludes the witness ``model``: another path, result or named input."""
    o = session.outcome
    seen: dict[int, z3.BoolRef] = {}
    for st in o.path.steps:
        seen.setdefault(st.guard.get_id(), st.guard)
    terms = list(seen.values()) + [o.ret] + [session.inputs[n] for n in q.names
                                             if n in session.inputs.terms]
    if "path" in q.names:
        terms.append(session.inputs.compat)
    return z3.Or(*[t != model.eval(t, model_completion=True) for t in terms])


def consistent(session: Session, model: z3.ModelRef, extra: list[z3.BoolRef]) -> bool:
    """Does ``model`` satisfy every definition of the call and the question?  A check
    against a solver left broken by an interrupted check (never seen otherwise)."""
    return all(z3.is_true(model.eval(c, model_completion=True))
               for c in session.outcome.path.constraints() + extra)


def ask(session: Session, text: str, config: Config | None = None, count: int = 1,
        assumed: tuple[Assumption, ...] | None = None, simplify: bool = True) -> QueryResult:
    """Answer ``text`` in ``session``; ``count`` witnesses at most.

    ``assumed``: environment assumptions (default: the proofs' base ones, see
    ``names.assumptions``); ``config``: pins MMU and the path (default: any reachable
    configuration, ``models.config.REACHABLE``).

    Raises ``QueryError`` for a malformed query, ``UsageError`` for a bad count.
    """
    if not 1 <= count <= MAX_WITNESSES:
        raise UsageError(f"the number of witnesses must be 1..{MAX_WITNESSES}, not {count}")
    q = translate(session, text)
    if assumed is None:
        assumed = names.assumptions(None)
    t0 = time.perf_counter()
    base = [q.condition] + context(session, config, assumed)
    blocks: list[z3.BoolRef] = []
    witnesses: list[Trace] = []
    answer, reason = "impossible", None
    for _ in range(count):
        r, model, why = session.check(*base, *blocks)
        if r == z3.unsat:
            if witnesses and count > 1:
                reason = f"only {len(witnesses)} distinct witness{'es' if len(witnesses) > 1 else ''}"
            break
        if r != z3.sat:
            answer = "witness" if witnesses else "unknown"
            reason = f"solver: {why or 'unknown'}"
            break
        if simplify:
            model = session.simplest(base + blocks, model, read_only=True)
        if not consistent(session, model, base):
            answer = "witness" if witnesses else "unknown"
            reason = "solver: a model that violates the model's definitions (solver state broken)"
            break
        witnesses.append(session.trace(model))
        answer = "witness"
        blocks.append(block(session, model, q))
    ms = (time.perf_counter() - t0) * 1e3
    return QueryResult(text, session.design.name, session.word, config.name if config else None,
                       tuple(a.id for a in assumed), answer, tuple(witnesses), ms, reason,
                       q.condition, q.warnings)
