"""``Session``: one design at one word size, the symbolic call and a solver holding it.

Obligations that share a design and a word size share one session: the model's
definitions are asserted once and each obligation is a push/pop scope on top of
them.  Returns data and never prints.
"""
from __future__ import annotations

import functools
import dataclasses
import time

import z3

from models import terms
from models.config import Config
from models.design import Design
from models.inputs import INPUTS, SIMPLE_VALUES, Inputs
from models.outcome import Outcome
from proofs.assumptions import BASE
from proofs.registry import Invariant
from verify.conjuncts import failing, reads
from verify.results import Obligation, ObligationResult, Status
from verify.trace import build_trace

from verify.defaults import DEFAULT_TIMEOUT_MS


@dataclasses.dataclass(frozen=True)
class Queries:
    """The two questions one obligation asks a solver (``Session.queries``), whichever
    solver answers them: Z3 here, another through SMT-LIB2 (``verify.backends``)."""
    vacuity: tuple[z3.BoolRef, ...]      # configuration, assumptions: sat, or the proof is vacuous
    refutation: tuple[z3.BoolRef, ...]   # ... and the negated invariant: unsat is proved


@functools.lru_cache(maxsize=None)
def symbolic_call(design: Design, word: int, inline: bool = False) -> Outcome:
    """The symbolic mmap call of ``design`` on ``word``-bit words, built once per process.

    Z3 terms are immutable and the inputs are constants with fixed names, so every
    session of one (design, word size) shares one outcome; solvers hold state (scopes,
    learnt clauses, a time limit that may have struck) and are never shared.  ``inline``
    builds terms over the inputs alone (``models.path``): the proof solver then carries
    no definitions, which makes the proof suite several times faster; explanations and
    the SMT-LIB export need the named definitions."""
    return design.run(Inputs.symbolic(word), inline=inline)


class Session:
    """One design at one word size: the symbolic call and a solver holding it."""

    def __init__(self, design: Design, word: int, timeout_ms: int = DEFAULT_TIMEOUT_MS,
                 inline: bool = False) -> None:
        self.design = design
        self.outcome: Outcome = symbolic_call(design, word, inline)
        self._start(word, self.outcome.inputs, terms.And(*self.outcome.path.constraints()),
                    timeout_ms)

    def _start(self, word: int, inputs: Inputs, definitions: z3.BoolRef, timeout_ms: int) -> None:
        """The state of every session, whatever it is over (``verify.equivalence`` starts one
        over two designs' inline outcomes, with no design of its own)."""
        self.word = word
        self.inputs = inputs
        self.timeout_ms = int(timeout_ms)
        self.definitions = definitions
        self.solver = self._new_solver()
        self._terms: dict[Invariant, tuple[z3.BoolRef, z3.BoolRef]] = {}
        self._queries: dict[tuple, Queries] = {}
        self._vacuity: dict[tuple, tuple] = {}
        self._witness_traces: dict[tuple, object] = {}
        self._environment: list[z3.BoolRef] | None = None

    def queries(self, inv: Invariant, *configs: Config) -> Queries:
        """The vacuity and refutation queries of ``inv`` on ``configs`` (one, or several:
        any of them).  Every caller that asks about an obligation builds it here, once."""
        key = (inv, configs)
        if key not in self._queries:
            assume, holds = self.terms(inv)
            on = terms.Or(*[c.constrain(self.inputs) for c in configs]) if len(configs) != 1 \
                else configs[0].constrain(self.inputs)
            self._queries[key] = Queries((on, assume), (on, assume, z3.Not(holds)))
        return self._queries[key]

    def terms(self, inv: Invariant) -> tuple[z3.BoolRef, z3.BoolRef]:
        """(assumptions, property) of ``inv`` over this session's outcome, built once."""
        if inv not in self._terms:
            self._terms[inv] = (inv.assume(self.outcome), inv.holds(self.outcome))
        return self._terms[inv]

    def _new_solver(self) -> z3.Solver:
        # The general solver (its SMT core), not SolverFor("QF_BV") (bit-blasting to SAT):
        # on these checks, small incremental scopes over one call, it is faster (measured
        # on 672 obligations with their simplified counterexamples and traces: 6.6 s of CPU
        # against 8.2 s inline, 9.2 s against 12.6 s with the named definitions).
        solver = z3.Solver()
        solver.set("timeout", self.timeout_ms)
        terms.add(solver, *self.outcome.path.constraints())
        return solver

    def check(self, *extra: z3.BoolRef) -> tuple[z3.CheckSatResult, z3.ModelRef | None, str | None]:
        """Check the model together with ``extra`` in a scope of its own.

        A Z3 solver interrupted by its time limit can answer later checks wrongly
        (seen with z3-solver 5.4.1: "sat" with a model that breaks the model's own
        definitions), so after an unknown answer the solver is built again, and a
        model that does not satisfy the definitions and ``extra`` is reported as
        unknown, never used as a witness or counterexample."""
        self.solver.push()
        try:
            terms.add(self.solver, *extra)
            r = self.solver.check()
            model = self.solver.model() if r == z3.sat else None
            reason = self.solver.reason_unknown() if r == z3.unknown else None
        finally:
            self.solver.pop()
        if r == z3.sat and not self.satisfies(model, *extra):
            r, model, reason = z3.unknown, None, "the solver returned a model that breaks the " \
                                                 "model's definitions"
        if r == z3.unknown:
            self.solver = self._new_solver()
        return r, model, reason

    def satisfies(self, model: z3.ModelRef, *extra: z3.BoolRef) -> bool:
        """Does ``model`` satisfy the model's definitions and ``extra``?"""
        return z3.is_true(model.eval(terms.And(self.definitions, *extra), model_completion=True))

    def environment(self) -> list[z3.BoolRef]:
        """The environment's guarantees (``proofs.assumptions.BASE``) over this outcome,
        built once per session."""
        if self._environment is None:
            self._environment = [a.formula(self.outcome) for a in BASE]
        return self._environment

    def simplest(self, constraints: list[z3.BoolRef], model: z3.ModelRef,
                 read_only: bool = False, prefer: list[z3.BoolRef] | None = None
                 ) -> z3.ModelRef:
        """A model of ``constraints`` that keeps each of the environment's guarantees it
        can, and whose inputs are then pinned, in order, each to the first of its
        simple values that keeps it satisfiable (0, false, a small errno ...); a value
        the model already has is pinned without a check.  ``read_only``: only the inputs
        the design reads.  ``prefer``: the guarantees to keep (default: ``environment()``).
        Falls back to ``model`` if the solver gives up or answers
        inconsistently.  The one counterexample simplifier (proofs and queries)."""
        original, gave_up = model, False

        def hold(c: z3.BoolRef) -> bool | None:
            """Keep ``c`` if it can hold beside what is kept: True kept, False it cannot
            hold, None the solver gave up.  A model that already satisfies it needs no check."""
            nonlocal model
            if not z3.is_true(model.eval(c, model_completion=True)):
                r = terms.check(self.solver, c)
                if r != z3.sat:
                    return None if r == z3.unknown else False
                model = self.solver.model()      # before add(), which discards it
            terms.add(self.solver, c)
            return True

        def pin(pinned: list) -> bool:
            """Pin each input of ``pinned`` in order to its first value in SIMPLE_VALUES that
            holds beside those kept (a value the current model has needs no check).
            False: the solver gave up."""
            for var in pinned:
                for value in SIMPLE_VALUES[var.kind]:
                    kept = hold(self.inputs.pin(var.name, value))
                    if kept is None:
                        return False
                    if kept:
                        break
            return True

        self.solver.push()
        try:
            terms.add(self.solver, *constraints)
            # First the environment's guarantees (proofs.assumptions.BASE), each kept when it
            # can be: an invariant names only the assumptions its proof needs, but a
            # counterexample that also breaks one it does not need (an empty VMA, a callee
            # returning a value it never returns) would send a reader after the wrong cause.
            # All of them at once is the common case; one by one when they cannot all hold.
            keep = self.environment() if prefer is None else prefer
            kept = hold(terms.And(*keep)) if keep else True
            gave_up = kept is None
            for held in keep if kept is False else []:
                if hold(held) is None:
                    gave_up = True
                    break
            pinned = [] if gave_up else \
                [v for v in INPUTS if not read_only or self.design.reads(v)]
            gave_up = gave_up or not pin(pinned)
        finally:
            self.solver.pop()
        if gave_up:
            self.solver = self._new_solver()
        return model if self.satisfies(model, *constraints) else original

    def trace(self, model: z3.ModelRef):
        return build_trace(self.design.name, self.outcome, model, self.design.input_tags)

    def vacuity(self, inv: Invariant, config: Config, solver=None
                ) -> tuple[z3.CheckSatResult, z3.ModelRef | None, str | None]:
        """Are the config and the assumptions satisfiable?  Shared by every invariant
        with the same assumptions on the same config (and solver)."""
        key = (config.name, inv.assumptions) + ((solver.name,) if solver is not None else ())
        if key in self._vacuity:
            return self._vacuity[key]
        answer = self.ask(solver, inv, config, "vacuity")
        if answer[0] != z3.unknown:     # an unknown answer is never reused
            self._vacuity[key] = answer
        return answer

    def ask(self, solver, inv: Invariant, config: Config, kind: str
            ) -> tuple[z3.CheckSatResult, z3.ModelRef | None, str | None]:
        """One query of an obligation (``kind``: vacuity or refutation) on ``solver``:
        ``None`` for Z3 in this session, or a ``verify.backends.suite.TextSolver``, which
        answers with a model of this session (its values replayed here)."""
        if solver is None:
            return self.check(*getattr(self.queries(inv, config), kind))
        return solver.ask(self, inv, config, kind)

    def witness_trace(self, inv: Invariant, config: Config, witness: z3.ModelRef):
        """The trace of a vacuity witness, built once for every invariant that shares it."""
        key = (config.name, inv.assumptions)
        if self._vacuity.get(key, (None, None))[1] is not witness:
            return self.trace(witness)
        if key not in self._witness_traces:
            self._witness_traces[key] = self.trace(witness)
        return self._witness_traces[key]

    def obligation(self, inv: Invariant, config: Config, simplify: bool = True,
                   traces: bool = True, solver=None, with_witness: bool = True) -> ObligationResult:
        """Vacuity check, then proof.  ``simplify`` makes a counterexample readable;
        ``traces=False`` returns the verdict only (for matrices); ``with_witness=False`` leaves
        out the vacuity witness's trace (a counterexample is kept).  ``solver``: ``None``
        for Z3, or another solver (``verify.backends.suite.TextSolver``) asked the same
        queries (``queries``) as SMT-LIB2 text."""
        ob = Obligation(inv.id, self.design.name, self.word, config.name, config.base in inv.scope)
        by = f"{solver.name}: " if solver is not None else ""
        t0 = time.perf_counter()
        r, witness, reason = self.vacuity(inv, config, solver)
        if r != z3.sat:
            ms = (time.perf_counter() - t0) * 1e3
            if r == z3.unsat:
                return ObligationResult(ob, Status.VACUOUS, ms,
                                        f"{by}the assumptions are unsatisfiable on this configuration")
            return ObligationResult(ob, Status.UNKNOWN, ms,
                                    reason if solver is not None else f"vacuity check: {reason}")
        r, model, reason = self.ask(solver, inv, config, "refutation")
        ms = (time.perf_counter() - t0) * 1e3
        if r == z3.sat and simplify:
            # Another solver's counterexample, confirmed in the Z3 model, goes through the
            # same simplifier as Z3's own.
            model = self.simplest(list(self.queries(inv, config).refutation), model)
        wit = self.witness_trace(inv, config, witness) if traces and with_witness else None
        if r == z3.unsat:
            return ObligationResult(ob, Status.PROVED, ms, witness=wit)
        if r == z3.sat:
            why = {}
            if traces:
                why = {"fails": tuple(failing(self.terms(inv)[1], inv.formula_text, model)),
                       "reads": tuple(reads(inv.formula_text, self.outcome, model).items())}
            return ObligationResult(ob, Status.REFUTED, ms, witness=wit,
                                    counterexample=self.trace(model) if traces else None, **why)
        return ObligationResult(ob, Status.UNKNOWN, ms, reason or "unknown")
