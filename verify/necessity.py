"""``necessity()``: is each assumption of each invariant needed?  Returns data, never prints.

An assumption is *needed* by an invariant when the invariant holds with all its
assumptions and fails without that one: on some design (searched in order, the
current code first), word size and configuration of the invariant's scope.  The
counterexample is the call that shows it, a trace like any other.  An assumption
needed nowhere is dead weight: it narrows what the proof says and buys nothing.

Work is grouped by (design, word size) in one ``Session`` each, built only when
the search reaches it.
"""
from __future__ import annotations

import dataclasses
import time
from typing import Any, Sequence

import z3

from models import DESIGNS
from models.config import CONFIGS
from proofs.registry import Assumption, Invariant
from verify import catalog
from verify.errors import EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN, UnknownName, UsageError
from verify.results import Trace
from verify.session import DEFAULT_TIMEOUT_MS, Session

NEEDED, NOT_NEEDED, UNKNOWN = "needed", "not needed", "unknown"
NOT_PROVED = "not proved"   # the invariant fails even with every assumption, everywhere searched


@dataclasses.dataclass(frozen=True)
class Need:
    """One invariant and one of its assumptions."""
    invariant: str
    assumption: str
    status: str                          # needed | not needed | not proved | unknown
    design: str | None = None            # where the counterexample is
    word_size: int | None = None
    config: str | None = None
    counterexample: Trace | None = None  # the call that breaks the invariant without it
    searched: tuple[str, ...] = ()       # the designs on which the invariant was tried
    reason: str | None = None

    @property
    def command(self) -> str | None:
        if self.status != NEEDED:
            return None
        return (f"verify assumptions -i {self.invariant} -a {self.assumption} -d {self.design} "
                f"-w {self.word_size}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"invariant": self.invariant, "assumption": self.assumption,
                               "status": self.status, "searched": list(self.searched)}
        if self.status == NEEDED:
            out |= {"design": self.design, "word_size": self.word_size, "config": self.config,
                    "counterexample": self.counterexample.to_dict() if self.counterexample else None}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclasses.dataclass(frozen=True)
class NecessityResult:
    needs: tuple[Need, ...]
    designs: tuple[str, ...]
    word_sizes: tuple[int, ...]
    wall_ms: float

    @property
    def unneeded(self) -> list[Need]:
        return [n for n in self.needs if n.status == NOT_NEEDED]

    @property
    def exit_code(self) -> int:
        """2 if an answer is unknown; 1 if an assumption is needed by none of the designs
        searched (dead weight) or an invariant is proved on none of them; else 0."""
        if any(n.status == UNKNOWN for n in self.needs):
            return EXIT_UNKNOWN
        bad = self.unneeded or any(n.status == NOT_PROVED for n in self.needs)
        return EXIT_REFUTED if bad else EXIT_PROVED

    def to_dict(self) -> dict[str, Any]:
        from proofs.assumptions import ASSUMPTIONS
        used = dict.fromkeys(n.assumption for n in self.needs)
        return {
            "designs": list(self.designs), "word_sizes": list(self.word_sizes),
            "assumptions": [{"id": a, "statement": ASSUMPTIONS[a].statement,
                             "party": ASSUMPTIONS[a].party,
                             "produced_by": list(ASSUMPTIONS[a].produced_by),
                             "broken": ASSUMPTIONS[a].broken} for a in used],
            "needs": [n.to_dict() for n in self.needs],
            "summary": {"pairs": len(self.needs),
                        "needed": sum(n.status == NEEDED for n in self.needs),
                        "not_needed": len(self.unneeded),
                        "not_proved": sum(n.status == NOT_PROVED for n in self.needs),
                        "unknown": sum(n.status == UNKNOWN for n in self.needs),
                        "wall_ms": round(self.wall_ms, 3)},
            "exit_code": self.exit_code,
        }


class _Sessions:
    """A session per (design, word size), built when first asked for."""

    def __init__(self, timeout_ms: int) -> None:
        self.timeout_ms = timeout_ms
        self._s: dict[tuple[str, int], Session] = {}
        self.proved: dict[tuple[str, int, str], tuple] = {}   # where each invariant holds

    def __call__(self, design: str, word: int) -> Session:
        if (design, word) not in self._s:
            self._s[(design, word)] = Session(catalog.design(design), word, self.timeout_ms)
        return self._s[(design, word)]


def _without(s: Session, inv: Invariant, a: Assumption) -> list[z3.BoolRef]:
    return [b.formula(s.outcome) for b in inv.assumptions if b is not a]


def _readable(s: Session, inv: Invariant, a: Assumption, proved, rest: list, model):
    """The counterexample a reader wants: in the first configuration of the scope that has
    one, and keeping every other assumption of the environment (``BASE``: a well-formed VMA,
    callees in contract) where that is possible, so that it breaks only ``a``."""
    from proofs.assumptions import BASE
    others = [b.formula(s.outcome) for b in BASE if b is not a and b not in inv.assumptions]
    for c, cfg in proved:
        for extra in ((others, []) if others else ([],)):
            r, m, _ = s.check(cfg, *rest, *extra)
            if r == z3.sat:
                return c, _range_pinned(s, [cfg, *rest, *extra], m)
    c, cfg = next((c, cfg) for c, cfg in proved
                  if z3.is_true(model.eval(cfg, model_completion=True)))
    return c, ([cfg, *rest], model)


# The VMA ranges a counterexample prefers, unaligned ones included (``Session.simplest``
# tries aligned ones only, so a counterexample that needs a misaligned range would keep
# whatever value the solver picked).
RANGES = ((0x10000, 0x20000), (0x10000, 0x20800), (0x10800, 0x20000), (0x10000, 0x10000))


def _range_pinned(s: Session, constraints: list, model):
    for start, end in RANGES:
        pin = [s.inputs.vm_start == start, s.inputs.vm_end == end]
        r, m, _ = s.check(*constraints, *pin)
        if r == z3.sat:
            return [*constraints, *pin], m
    return constraints, model


def need(sessions: _Sessions, inv: Invariant, a: Assumption, designs: Sequence[str],
         words: Sequence[int], traces: bool = True) -> Need:
    """Search ``designs`` x ``words`` x the invariant's scope for a call where the
    invariant holds with every assumption and fails without ``a``."""
    searched: list[str] = []
    anywhere = False
    for d in designs:
        searched.append(d)
        for w in words:
            s = sessions(d, w)
            assume, holds = s.terms(inv)
            on = [CONFIGS[c].constrain(s.inputs) for c in inv.scope]
            # Where the invariant fails even with every assumption, dropping one shows nothing:
            # only the configurations where it is proved are searched.
            key = (d, w, inv.id)
            if key not in sessions.proved:
                proved = []
                for c, cfg in zip(inv.scope, on):
                    r, _, why = s.check(cfg, assume, z3.Not(holds))
                    if r == z3.unknown:
                        return Need(inv.id, a.id, UNKNOWN, d, w, c, searched=tuple(searched),
                                    reason=why)
                    if r == z3.unsat:
                        proved.append((c, cfg))
                sessions.proved[key] = tuple(proved)
            proved = sessions.proved[key]
            if not proved:
                continue
            anywhere = True
            refute = [z3.Or(*[cfg for _, cfg in proved]), *_without(s, inv, a),
                      z3.Not(a.formula(s.outcome)), z3.Not(holds)]
            r, model, why = s.check(*refute)
            if r == z3.unknown:
                return Need(inv.id, a.id, UNKNOWN, d, w, searched=tuple(searched), reason=why)
            if r == z3.sat:
                c, (refute, model) = _readable(s, inv, a, proved, refute[1:], model)
                trace = s.trace(s.simplest(refute, model)) if traces else None
                return Need(inv.id, a.id, NEEDED, d, w, c, trace, tuple(searched))
    return Need(inv.id, a.id, NOT_NEEDED if anywhere else NOT_PROVED, searched=tuple(searched),
                reason=None if anywhere else "the invariant fails even with every assumption "
                                             "on every design searched")


def necessity(invariants: Sequence[str] | None = None, assumptions: Sequence[str] | None = None,
              designs: Sequence[str] | None = None, word_sizes: Sequence[int] | None = None,
              timeout_ms: int = DEFAULT_TIMEOUT_MS, traces: bool = True) -> NecessityResult:
    """Each (invariant, assumption) pair: needed, with its counterexample, or not.
    ``designs`` are searched in order (default: ``override``, then every other design);
    ``assumptions`` narrows the pairs to those ids.  Raises ``UsageError`` for an
    unknown name or value."""
    from proofs.assumptions import ASSUMPTIONS
    if timeout_ms <= 0:
        raise UsageError(f"timeout must be a positive number of milliseconds, not {timeout_ms}")
    invs = catalog.invariants(list(invariants or []))
    for a in assumptions or ():
        if a not in ASSUMPTIONS:
            raise UnknownName("assumption", a, ASSUMPTIONS)
    ds = list(designs or ["override", *[n for n in DESIGNS if n != "override"]])
    for d in ds:
        catalog.design(d)
    ws = sorted(catalog.word_sizes(word_sizes), reverse=True)   # 64-bit first: easier to read
    sessions = _Sessions(int(timeout_ms))
    t0 = time.perf_counter()
    needs = [need(sessions, inv, a, ds, ws, traces)
             for inv in invs for a in inv.assumptions
             if not assumptions or a.id in assumptions]
    wall = (time.perf_counter() - t0) * 1e3
    return NecessityResult(tuple(needs), tuple(ds), tuple(ws), wall)
