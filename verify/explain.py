"""Why is something impossible?  The model rules an unsat core needs.

Each kernel rule (``models.rules.Rule``) of a design is tracked by one literal
that implies all the definitions made inside it; definitions made outside any
rule, the question and the configuration are asserted plainly; environment
assumptions are tracked too, so that an explanation also says which of them
it relied on.  The set is then minimised by deletion: a rule stays only if
dropping it makes the question satisfiable (or unknown) again.

``core_rules`` returns data (a list of ``Rule``); the CLI, the REPL and the
docs generator ("the rules the proof used") render it.  ``Explained`` is what
``verify explain`` reports: one explanation of a query, or one per configuration
of an invariant.
"""
from __future__ import annotations

import dataclasses
import time
from typing import Sequence

import z3

from models.config import Config
from models.rules import Rule
from proofs.registry import Assumption, Invariant
from verify.engine import DEFAULT_TIMEOUT_MS, Session
from verify.errors import EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN
from verify.query.names import REACHABLE_CALLER

# An explanation's exit code: explained (or proved), nothing to explain (refuted), unknown.
EXIT = {"impossible": EXIT_PROVED, "possible": EXIT_REFUTED, "unknown": EXIT_UNKNOWN}


@dataclasses.dataclass(frozen=True)
class Explanation:
    """``status``: impossible (rules and assumptions explain it), possible (nothing to
    explain), unknown.  ``minimal`` is False when a solver answer was unknown while
    minimising (the core is then sufficient but maybe not minimal)."""
    question: str
    design: str
    word_size: int
    config: str | None
    status: str
    rules: tuple[Rule, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    minimal: bool = True
    checks: int = 0
    time_ms: float = 0.0
    reason: str | None = None
    invariant: str | None = None   # set when explaining why an invariant holds

    @property
    def verdict(self) -> str | None:
        """For an invariant: proved (its negation is impossible), refuted, or unknown."""
        if self.invariant is None:
            return None
        return {"impossible": "proved", "possible": "refuted"}.get(self.status, "unknown")

    @property
    def exit_code(self) -> int:
        return EXIT[self.status]

    def to_dict(self) -> dict:
        return {
            "question": self.question, "design": self.design, "word_size": self.word_size,
            "config": self.config, "status": self.status, "minimal": self.minimal,
            "rules": [{"rule": r.name, "kernel": r.cite, "file": r.file, "function": r.function,
                       "summary": r.summary, "verified": r.verified} for r in self.rules],
            "assumptions": [{"id": a.id, "statement": a.statement} for a in self.assumptions],
            "checks": self.checks, "time_ms": round(self.time_ms, 3),
            **({"reason": self.reason} if self.reason else {}),
            **({"invariant": self.invariant, "verdict": self.verdict} if self.invariant else {}),
        }


@dataclasses.dataclass(frozen=True)
class Explained:
    """``verify explain``: the explanation of a query (``invariant`` None), or of an
    invariant on each configuration asked; the JSON is one object, or a list."""
    explanations: tuple[Explanation, ...]
    invariant: str | None = None

    @property
    def exit_code(self) -> int:
        return max((e.exit_code for e in self.explanations), default=EXIT_PROVED)

    def to_dict(self) -> dict | list[dict]:
        if self.invariant is None:
            return self.explanations[0].to_dict()
        return [e.to_dict() for e in self.explanations]


def split(var: z3.ExprRef, constraint: z3.BoolRef, fields: set[str], prefix: str = ""
          ) -> tuple[z3.BoolRef, z3.BoolRef | None]:
    """Split a guarded definition into the rule's effect and the frame condition.

    ``Path.set`` defines ``field' == If(guard, value, field)`` and ``Path.warn``
    ``warn' == Or(warn, fired)``: when the rule does not run, the state is left
    as it was.  That frame is not the rule's content (it holds on every path the
    rule is not on), so it is asserted plainly and only the effect is tracked;
    otherwise a rule of the compat path would be "needed" on the normal path.
    """
    name = var.decl().name()[len(prefix):].rsplit("!", 1)[0]
    rhs = constraint.arg(1) if z3.is_eq(constraint) else None
    if rhs is None or not z3.eq(constraint.arg(0), var):
        return constraint, None
    if name in fields and z3.is_app_of(rhs, z3.Z3_OP_ITE):
        guard, value, old = rhs.children()
        return z3.Implies(guard, var == value), z3.Implies(z3.Not(guard), var == old)
    if name.startswith("warn_") and z3.is_or(rhs) and rhs.num_args() == 2:
        old, fired = rhs.children()
        return z3.Implies(fired, var), z3.Implies(z3.Not(fired), var == old)
    return constraint, None


class Tracker:
    """The definitions of one session, one literal per rule.

    Every question gets a solver of its own with the definitions, the question and
    its assumptions all asserted at the base level.  Z3 simplifies and solves
    equations only among base-level assertions: the same question pushed in a
    scope of a long-lived solver took 100-250 ms where a fresh solver takes
    20-60 ms (``python -m benchmarks query``).  The deletion checks then run in
    that solver with subsets of the literals as assumptions, about 1 ms each.
    A check interrupted by the time limit leaves a Z3 solver that may answer later
    checks wrongly, so after one the solver is rebuilt (a few ms).
    """

    def __init__(self, session: Session, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
        self.session = session
        self.timeout_ms = int(timeout_ms)
        self.lits: dict[Rule, z3.BoolRef] = {}
        self.base: list[z3.BoolRef] = []
        path = session.outcome.path
        fields = set(path.state)
        for d in path.defs:
            if d.rule is None:
                self.base.append(d.constraint)
                continue
            if d.rule not in self.lits:
                self.lits[d.rule] = z3.Bool(f"rule!{len(self.lits)}!{d.rule.name}")
            effect, frame = split(d.var, d.constraint, fields, path.prefix)
            self.base.append(z3.Implies(self.lits[d.rule], effect))
            if frame is not None:
                self.base.append(frame)

    def solver(self, extra: Sequence[z3.BoolRef] = ()) -> z3.Solver:
        """A new solver over the definitions and ``extra``, with the time limit.

        ``QF_FD`` is Z3's incremental SAT solver over bit-blasted bit-vectors: it
        keeps the base-level simplification across checks with assumptions.  Its
        inprocessing (clause simplification between restarts) is put off: on
        these few-thousand-clause problems it cost more than the search, and
        without it the slowest explanation of every design, word size and
        invariant scope drops from about 85 ms to 50 ms with the same answers
        (``python -m benchmarks query``)."""
        s = z3.SolverFor("QF_FD")
        s.set("timeout", self.timeout_ms)
        s.set("sat.simplify.delay", SAT_SIMPLIFY_DELAY)
        s.add(*self.base, *extra)
        return s

    def set_timeout(self, ms: int) -> None:
        self.timeout_ms = int(ms)

    def core(self, plain: Sequence[z3.BoolRef], tracked: Sequence[Assumption] = ()
             ) -> tuple[str, list[Rule], list[Assumption], bool, int, str | None]:
        """(status, rules, assumptions, minimal, checks, reason) for ``plain`` plus the
        tracked assumptions, over every rule."""
        o = self.session.outcome
        alits = {a.id: z3.Bool(f"assume!{a.id}") for a in tracked}
        extra = list(plain) + [z3.Implies(alits[a.id], a.formula(o)) for a in tracked]
        s = self.solver(extra)
        # Deletion in a fixed order (assumptions first, then the rules in execution
        # order): a literal is dropped when the set without it is still unsat.  Z3's
        # own cores depend on its internal term numbering, so shrinking to them would
        # give a different (equally minimal) core from one run to the next, and the
        # docs would churn.  A core is used only to skip a check whose answer it
        # already proves: while the last core lies inside the set without the
        # literal, that set is unsat.  The result is the same as checking every one.
        core = [*alits.values(), *self.lits.values()]
        r = s.check(*core)
        checks = 1
        if r == z3.sat:
            return "possible", [], [], True, checks, None
        if r != z3.unsat:
            return "unknown", [], [], False, checks, s.reason_unknown() or "unknown"
        known = {x.get_id() for x in s.unsat_core()}    # an unsat subset of ``core``
        minimal = True
        i = 0
        while i < len(core):           # deletion: drop what the contradiction does not need
            trial = core[:i] + core[i + 1:]
            if core[i].get_id() not in known:   # ``known`` lies inside ``trial``: unsat
                core = trial
                continue
            r = s.check(*trial)
            checks += 1
            if r == z3.unsat:
                known = {x.get_id() for x in s.unsat_core()}
                core = trial
                continue
            if r == z3.unknown:        # interrupted: not trusted again
                minimal = False
                s = self.solver(extra)
            i += 1
        ids = {x.get_id() for x in core}
        rules = [r for r, lit in self.lits.items() if lit.get_id() in ids]   # execution order
        assumed = [a for a in tracked if alits[a.id].get_id() in ids]
        return "impossible", rules, assumed, minimal, checks, None


# Conflicts before the SAT solver's first inprocessing round (Z3's default: 0).
SAT_SIMPLIFY_DELAY = 100_000

_TRACKERS: dict[tuple[str, int, int], Tracker] = {}


def tracker(session: Session) -> Tracker:
    """One tracker per session, kept for the life of the process."""
    key = (session.design.name, session.word, id(session))
    if key not in _TRACKERS:
        _TRACKERS[key] = Tracker(session)
    return _TRACKERS[key]


def forget() -> None:
    """Drop every tracker (see ``verify.query.settings.forget_models``)."""
    _TRACKERS.clear()


def core_rules(session: Session, constraints: Sequence[z3.BoolRef]) -> list[Rule]:
    """The model rules that make ``constraints`` unsatisfiable, minimised; ``[]`` when
    they are satisfiable or contradict each other without any rule."""
    return list(tracker(session).core(constraints)[1])


def explain(session: Session, question: str, constraints: Sequence[z3.BoolRef],
            config: Config | None = None, assumed: Sequence[Assumption] = ()) -> Explanation:
    """Explain why ``constraints`` (with ``config`` and ``assumed``) have no execution.

    Without ``config`` the question ranges over the reachable configurations, and
    that restriction is tracked like an assumption (``reachable-config``)."""
    t0 = time.perf_counter()
    if config is None:
        assumed = (*assumed, REACHABLE_CALLER)
    plain = list(constraints) + ([config.constrain(session.inputs)] if config else [])
    status, rules, assumptions, minimal, checks, reason = tracker(session).core(plain, assumed)
    return Explanation(question, session.design.name, session.word, config.name if config else None,
                       status, tuple(rules), tuple(assumptions), minimal, checks,
                       (time.perf_counter() - t0) * 1e3, reason)


def explain_invariant(session: Session, inv: Invariant, config: Config) -> Explanation:
    """Why ``inv`` holds on ``config``: the rules (and assumptions) its proof needs.

    ``possible`` means the invariant is refuted there (a counterexample exists).
    """
    e = explain(session, f"invariant {inv.id} on {config.name}",
                [z3.Not(inv.holds(session.outcome))], config, inv.assumptions)
    return dataclasses.replace(e, invariant=inv.id)
