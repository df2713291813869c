"""One proof obligation as a standalone SMT-LIB2 script.

A proof obligation is two queries over the design's model (its definitions,
the configuration, the invariant's assumptions):

* vacuity: ``model /\\ config /\\ assumptions`` must be ``sat`` (else the proof
  would say nothing);
* proof: ``model /\\ config /\\ assumptions /\\ not(invariant)`` must be
  ``unsat`` (else its model is a counterexample).

Each script declares every constant, asserts, and ends with ``(check-sat)``, in
the logic QF_BV, so any SMT-LIB2 solver can run it.  The call's inputs keep
their names (``override``, ``vm_start`` ...), so a ``sat`` model can be
replayed through the Z3 model.
"""
from __future__ import annotations

import dataclasses
import weakref

import z3

from models.config import Config
from proofs.registry import Invariant
from verify.session import Session

PROOF_MEANING = ("unsat: the invariant holds (proved); sat: the model is a counterexample; "
                 "unknown: nothing is proved")
VACUITY_MEANING = ("sat: the assumptions can hold, the proof is not vacuous; "
                   "unsat: the assumptions are contradictory, a proof would be vacuous")


@dataclasses.dataclass(frozen=True)
class Script:
    name: str        # file name, without directory
    kind: str        # "proof" | "vacuity"
    text: str


def standard(e: z3.ExprRef, memo: dict | None = None) -> z3.ExprRef:
    """``e`` with every one-argument ``and``/``or`` replaced by its argument.

    Z3 prints ``z3.Or(x)`` as ``(or x)``; SMT-LIB2 declares ``and``/``or`` with at
    least two arguments and Bitwuzla rejects the one-argument form."""
    memo = {} if memo is None else memo
    key = e.get_id()     # the memo keeps ``e`` alive, so its id is not reused
    if key in memo:
        return memo[key][1]
    out = e
    if z3.is_app(e) and e.num_args() > 0:
        kids = [standard(c, memo) for c in e.children()]
        if (z3.is_and(e) or z3.is_or(e)) and len(kids) == 1:
            out = kids[0]
        elif any(k.get_id() != c.get_id() for k, c in zip(kids, e.children())):
            out = e.decl()(*kids)
    memo[key] = (e, out)
    return out


# Per session: the standardized model definitions and the memo of ``standard``
# (the definitions are shared by all of a session's obligations).
_PREPARED: "weakref.WeakKeyDictionary[Session, tuple[list, dict]]" = weakref.WeakKeyDictionary()


def prepared(session: Session) -> tuple[list[z3.BoolRef], dict]:
    if session not in _PREPARED:
        memo: dict = {}
        _PREPARED[session] = ([standard(c, memo) for c in session.outcome.path.constraints()], memo)
    return _PREPARED[session]


def benchmark(assertions: list[z3.BoolRef]) -> str:
    """The SMT-LIB2 benchmark of ``assertions`` (declarations, one ``assert`` each, in order,
    and ``(check-sat)``): the text ``Solver.to_smt2`` prints for a solver holding them,
    without asserting each into a solver first (most of the cost of an export)."""
    ctx = assertions[-1].ctx
    rest = (z3.Ast * (len(assertions) - 1))(*[a.as_ast() for a in assertions[:-1]])
    return z3.Z3_benchmark_to_smtlib_string(ctx.ref(), "benchmark generated from python API",
                                            "", "unknown", "", len(assertions) - 1, rest,
                                            assertions[-1].as_ast())


def base_name(inv: Invariant, design: str, word: int, config: Config) -> str:
    return f"{inv.id}__{design}__{word}bit__{config.name}"


def script(session: Session, inv: Invariant, config: Config, kind: str) -> Script:
    """The vacuity or proof query of ``inv`` on ``config`` as SMT-LIB2 text."""
    q = session.queries(inv, config)
    defs, memo = prepared(session)
    if kind == "proof":
        query, meaning, suffix = q.refutation, PROOF_MEANING, ""
    elif kind == "vacuity":
        query, meaning, suffix = q.vacuity, VACUITY_MEANING, "__vacuity"
    else:
        raise ValueError(f"kind must be 'proof' or 'vacuity', not {kind!r}")
    name = base_name(inv, session.design.name, session.word, config) + suffix
    header = [
        f"; mmap-action-verifier obligation {name}",
        f"; invariant {inv.id}: {inv.statement}",
        f"; design {session.design.name}, unsigned long = {session.word} bits, "
        f"configuration {config.name} ({config.description})",
        f"; assumptions: {', '.join(a.id for a in inv.assumptions) or 'none'}",
        f"; {'proof' if kind == 'proof' else 'vacuity'} query -- {meaning}",
        "(set-logic QF_BV)",
    ]
    text = benchmark([*defs, *[standard(c, memo) for c in query]])
    body = [ln for ln in text.splitlines() if not ln.startswith("; benchmark generated")]
    return Script(name + ".smt2", kind, "\n".join(header + body) + "\n")


def scripts(session: Session, inv: Invariant, config: Config) -> tuple[Script, Script]:
    """(vacuity, proof) scripts of one obligation."""
    return script(session, inv, config, "vacuity"), script(session, inv, config, "proof")
