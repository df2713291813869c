"""Translation validation: do two designs give the same outcome for every input?

``compare(a, b)`` proves, on each word size and each configuration, that every
field of the two designs' outcomes (``models.outcome.Outcome``: the returned
code, the unmap and its range, the locks, ``leaked``, ``uninit_call``, the
check and its result, each named warning) is equal for every input.  One
design is typically the C read from a kernel tree, the other a hand model.

Inputs.  Both designs run on the same symbolic inputs.  Only the inputs both
read are compared (``Design.reads``): an input only one of them reads (the
hook results for ``hooks`` against ``override``; hugetlbfs or a failing VMA
allocation for the history versions) lies outside the world the other
models, so it is pinned, for both, to the value a scenario gives an input its
design does not read (``Var.default``: 0, false).  Each comparison lists its
pins.

Verdicts.  ``equal`` is a proof (unsat) on every cell; ``unknown`` (a timeout,
the solver gave up) is never equal; ``differ`` comes with the first differing
input (in the order word size, configuration), simplified like a
counterexample, as a replayable scenario of each design, and with every
outcome field that differs for some input.

How.  Each design runs with ``inline`` paths, so every outcome field is a
term over the inputs alone and two designs that compute a field alike build
the same term (no solver needed for it).  One solver per word size asks for an
input on which any of the open questions (a cell differs, a field differs) is
true, marks every question that input answers, and repeats until no input
is left: few checks, each on the two designs only.
"""
from __future__ import annotations

import dataclasses
import functools
import time
from typing import Iterable, Sequence

import z3

from models.config import CONFIGS, Config
from models.design import Design
from models.inputs import INPUTS, Inputs
from models.outcome import FIELD_BY_NAME, Outcome
from proofs.assumptions import BASE
from verify import catalog, scenario
from verify.cformat import show
from verify.session import DEFAULT_TIMEOUT_MS, Session, symbolic_call
from verify.equiv_results import (DIFFER, EQUAL, UNKNOWN, Cell, Comparison, Difference,
                                  Identification)
from verify.trace import build_trace, value_of

WARNING = "WARN in "                             # + a kernel function: a warning there fired


def observations(o: Outcome) -> dict[str, z3.ExprRef]:
    """Every outcome field (``models.outcome.FIELDS``) as a term, and for each kernel
    function with a WARN in it,
    ``WARN in FUNCTION``: did one fire.  Warnings are compared by the function they
    fire in (``Path.warn_sites``), the identity a hand model's rule and the C share
    (a hand model names its events, the C front end names them after the function);
    the C harness compares them the same way (tests/c/harness.py)."""
    out = o.observables()
    sites: dict[str, list[z3.BoolRef]] = {}
    for name, fired in o.warnings.items():
        sites.setdefault(o.path.warn_sites.get(name, name), []).append(fired)
    return out | {WARNING + f: z3.Or(*fs) if len(fs) > 1 else fs[0] for f, fs in sites.items()}


def compared_inputs(a: Design, b: Design) -> tuple[str, ...]:
    return tuple(v.name for v in INPUTS if a.reads(v) and b.reads(v))


def pins(a: Design, b: Design) -> dict[str, int | bool]:
    """The inputs not read by both, at the value an input not read has."""
    return {v.name: v.default for v in INPUTS if not (a.reads(v) and b.reads(v))}


class _Solver(Session):
    """A ``Session`` over formulas on the inputs alone (no definitions: the outcomes
    are inline), for its checked ``check`` and its counterexample simplifier."""

    def __init__(self, word: int, timeout_ms: int) -> None:   # no design of its own
        self._start(word, Inputs.symbolic(word), z3.BoolVal(True), timeout_ms)

    def environment(self) -> list[z3.BoolRef]:   # no outcome of its own: callers say what to keep
        return []

    def _new_solver(self) -> z3.Solver:
        # The general solver, not SolverFor("QF_BV"): on these questions (two inline
        # outcomes, no definitions) its incremental core answers in half the time
        # (measured: 16 ms against 28 ms a check, zero-extend against hooks, 64-bit).
        solver = z3.Solver()
        solver.set("timeout", self.timeout_ms)
        return solver

    def witnesses(self, base: list[z3.BoolRef], questions: dict[str, z3.BoolRef],
                  seeds: Iterable[z3.ModelRef] = ()):
        """Which questions some input satisfies (with ``base``): status and one model
        per question answered yes, and the solver's reason for any unknown."""
        status: dict[str, str] = {}
        models: dict[str, z3.ModelRef] = {}
        reasons: dict[str, str] = {}

        def mark(model: z3.ModelRef) -> bool:
            hit = [k for k in questions if k not in status
                   and z3.is_true(model.eval(questions[k], model_completion=True))]
            status.update(dict.fromkeys(hit, DIFFER))
            models.update(dict.fromkeys(hit, model))
            return bool(hit)

        for m in seeds:
            mark(m)
        while open_ := [k for k in questions if k not in status]:
            r, model, reason = self.check(*base, z3.Or(*[questions[k] for k in open_]))
            if r == z3.unsat:
                status.update(dict.fromkeys(open_, EQUAL))
            elif r != z3.sat or not mark(model):
                for k in open_:       # ask each alone, so that one hard question spoils no other
                    r, model, reason = self.check(*base, questions[k])
                    status[k] = EQUAL if r == z3.unsat else DIFFER if r == z3.sat else UNKNOWN
                    if r == z3.sat:
                        models[k] = model
                    elif r != z3.unsat:
                        reasons[k] = reason or "unknown"
        return status, models, reasons


@dataclasses.dataclass(frozen=True)
class _Side:
    design: Design
    outcome: Outcome
    terms: dict[str, z3.ExprRef]


@dataclasses.dataclass(frozen=True)
class _Word:
    """One word size of a comparison."""
    cells: list[Cell]
    ms: float
    fields: tuple[str, ...] | None = None
    first: Difference | None = None
    note: str | None = None


@functools.lru_cache(maxsize=None)
def _side_of(d: Design, word: int) -> _Side:
    """One design's inline outcome and its observations, built once per process: the
    inline run of ``verify.session.symbolic_call``, on the inputs every ``_Solver`` has."""
    o = symbolic_call(d, word, inline=True)
    return _Side(d, o, observations(o))


class Pair:
    """Design ``a`` at one word size, against other designs in turn, on the same inputs."""

    def __init__(self, a: Design, word: int, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
        self.s = _Solver(word, timeout_ms)
        self.a = self._side(a)
        self._sides: dict[str, _Side] = {}

    def _side(self, d: Design) -> _Side:
        return _side_of(d, self.s.word)

    def side(self, d: Design) -> _Side:
        if d.name not in self._sides:
            self._sides[d.name] = self._side(d)
        return self._sides[d.name]

    def differences(self, b: _Side) -> dict[str, z3.BoolRef]:
        """Field -> "the outcomes differ in it", for the fields whose terms are not the
        same term; a warning one design never raises is a warning that does not fire."""
        out = {}
        for name in dict.fromkeys([*self.a.terms, *b.terms]):
            ta = self.a.terms.get(name, z3.BoolVal(False))
            tb = b.terms.get(name, z3.BoolVal(False))
            if not ta.eq(tb):
                out[name] = ta != tb
        return out

    def decide(self, d: Design) -> tuple[list[Cell], float]:
        """Do they differ at all on this word size?  One check: the cells it decides."""
        t0 = time.perf_counter()
        b = self.side(d)
        diff = self.differences(b)
        if not diff:
            return [Cell(self.s.word, c, EQUAL) for c in CONFIGS], _ms(t0)
        base = self.s.inputs.pinned(pins(self.a.design, d))
        r, model, reason = self.s.check(*base, z3.Or(*diff.values()))
        if r == z3.unsat:
            return [Cell(self.s.word, c, EQUAL) for c in CONFIGS], _ms(t0)
        if r != z3.sat:
            return [Cell(self.s.word, c, UNKNOWN, reason or "unknown") for c in CONFIGS], _ms(t0)
        return [Cell(self.s.word, _config_of(self.s.inputs, model), DIFFER)], _ms(t0)

    def compare(self, d: Design, configs: Sequence[Config], fields: bool = True,
                detail: bool = True) -> _Word:
        """Every cell of this word size; with ``fields`` the fields that can differ,
        with ``detail`` the first differing input."""
        t0 = time.perf_counter()
        s, b = self.s, self.side(d)
        diff = self.differences(b)
        if not diff:
            return _Word([Cell(s.word, c.name, EQUAL) for c in configs], _ms(t0), ())
        base = s.inputs.pinned(pins(self.a.design, d))
        some = z3.Or(*diff.values())
        cfg = {c.name: c.constrain(s.inputs) for c in configs}
        status, models, reasons = s.witnesses(base, {n: z3.And(k, some) for n, k in cfg.items()})
        cells = [Cell(s.word, n, status[n], reasons.get(n)) for n in cfg]
        first = can = note = None
        if detail and models:
            n = next(n for n in cfg if n in models)
            first = self._difference(b, diff, base + [cfg[n], some], models[n], n)
        if fields and all(c.status == EQUAL for c in cells):
            can = ()        # no input of any configuration differs: then none differs in a field
        elif fields:
            st, _, why = s.witnesses(base + [z3.Or(*cfg.values())], diff, models.values())
            can = tuple(k for k in diff if st[k] == DIFFER)
            if why:
                note = f"the solver stopped on {', '.join(why)}: they may differ too"
        return _Word(cells, _ms(t0), can, first, note)

    def _difference(self, b: _Side, diff: dict[str, z3.BoolRef], constraints: list[z3.BoolRef],
                    model: z3.ModelRef, config: str) -> Difference:
        a, word = self.a, self.s.word
        # The first difference keeps the environment's guarantees on both sides when it can.
        model = self.s.simplest(constraints, model, prefer=[
            g.formula(o) for o in (a.outcome, b.outcome) for g in BASE])
        va, vb = _values(a.outcome, model, word), _values(b.outcome, model, word)
        fields = {k: (va.get(k, "false"), vb.get(k, "false")) for k, t in diff.items()
                  if z3.is_true(model.eval(t, model_completion=True))}
        why = ", ".join(fields)
        ta = build_trace(a.design.name, a.outcome, model, a.design.input_tags)
        tb = build_trace(b.design.name, b.outcome, model, b.design.input_tags)
        an, bn = a.design.name, b.design.name
        return Difference(word, config, fields,
                          scenario.document(ta, f"{an} and {bn} differ in {why}"),
                          scenario.document(tb, f"{bn} and {an} differ in {why}"), ta, tb)


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1e3


def _config_of(inputs: Inputs, model: z3.ModelRef) -> str:
    return next(n for n, c in CONFIGS.items()
                if z3.is_true(model.eval(c.constrain(inputs), model_completion=True)))


def _values(o: Outcome, model: z3.ModelRef, word: int) -> dict[str, str]:
    """Each observation as C would print it."""
    out = {}
    for name, term in observations(o).items():
        kind = FIELD_BY_NAME[name].kind if name in FIELD_BY_NAME else "bool"
        out[name] = show(name, value_of(model, term, kind), kind)
    return out


def _comparison(a: Design, b: Design, words: list[_Word]) -> Comparison:
    fields = None if any(w.fields is None for w in words) else \
        tuple(dict.fromkeys(f for w in words for f in w.fields or ()))
    return Comparison(a.name, b.name, tuple(c for w in words for c in w.cells),
                      compared_inputs(a, b), pins(a, b), sum(w.ms for w in words), True, fields,
                      next((w.first for w in words if w.first), None),
                      next((w.note for w in words if w.note), None))


def _compare(pairs: dict[int, Pair], d: Design, configs: Sequence[Config],
             fields: bool = True, detail: bool = True) -> Comparison:
    words: list[_Word] = []
    for p in pairs.values():
        words.append(p.compare(d, configs, fields, detail and not any(x.first for x in words)))
    return _comparison(next(iter(pairs.values())).a.design, d, words)


def compare(a: Design, b: Design, word_sizes: Iterable[int] | None = None,
            configs: Sequence[Config] | None = None, timeout_ms: int = DEFAULT_TIMEOUT_MS,
            fields: bool = True, detail: bool = True) -> Comparison:
    """``a`` against ``b`` on every word size and configuration (default: all); with
    ``fields`` every field that can differ, with ``detail`` the first differing input."""
    pairs = {w: Pair(a, w, timeout_ms) for w in catalog.word_sizes(word_sizes)}
    return _compare(pairs, b, list(configs or CONFIGS.values()), fields, detail)


def identify(a: Design, candidates: Sequence[Design] | None = None,
             word_sizes: Iterable[int] | None = None, timeout_ms: int = DEFAULT_TIMEOUT_MS,
             nearest: bool = True) -> Identification:
    """``a`` against every design and history version (``models.DESIGNS``, in order).
    ``nearest=False`` stops when it is known which are equivalent.

    First one check per candidate and word size, enough to tell equal from not; only
    if nothing is equivalent, every cell of every candidate, the fields of those with
    the fewest differing cells, and the first difference of the nearest."""
    from models import DESIGNS
    cands = list(candidates if candidates is not None else DESIGNS.values())
    words = catalog.word_sizes(word_sizes)
    pairs = {w: Pair(a, w, timeout_ms) for w in words}
    found = []
    for d in cands:
        cells, ms = [], 0.0
        for w in words:
            got, t = pairs[w].decide(d)
            cells, ms = cells + got, ms + t
            if any(c.status == DIFFER for c in got):
                break
        done = len(cells) == len(words) * len(CONFIGS)
        found.append(Comparison(a.name, d.name, tuple(cells), compared_inputs(a, d), pins(a, d),
                                ms, done))
    ident = Identification(a.name, tuple(found))
    if ident.equivalent or ident.unknown or not nearest:
        return ident
    cfgs = list(CONFIGS.values())
    comps = {d.name: _compare(pairs, d, cfgs, fields=False, detail=False) for d in cands}
    differ = [c for c in comps.values() if c.status == DIFFER]
    fewest = min(c.distance[0] for c in differ)
    for d in cands:     # the fields of those tied at the fewest cells, and the nearest's input
        if comps[d.name] in differ and comps[d.name].distance[0] == fewest:
            comps[d.name] = _compare(pairs, d, cfgs, detail=False)
    near = min((c for c in comps.values() if c.can_differ is not None), key=lambda c: c.distance)
    near = _compare(pairs, next(d for d in cands if d.name == near.b), cfgs)
    comps[near.b] = near
    return Identification(a.name, tuple(comps.values()), near)
