"""Results as test cases: the view the CI formats (KTAP, JUnit, SARIF) write.

A ``Run`` is a tree of ``Group``s whose leaves are ``Case``s, one per obligation
(or per cell, per mutant, per finding).  Each case's ``Verdict`` agrees with the
command's exit code: a ``FAIL`` is what makes the command exit 1, an ``ERROR``
(unknown, timeout, vacuous) what makes it exit 2, and an ``XFAIL`` a refutation
that the command reports as an answer, not a failure (a matrix cell, a known bug
of the history).  One adapter per result type, named in ``formats.RESULTS``.
"""
from __future__ import annotations

import dataclasses
import enum
import io
from typing import Any, Callable, Iterable

from rich.console import Console

from verify.results import ObligationResult, Status, Trace


class Verdict(str, enum.Enum):
    PASS = "pass"      # proved, bounded, killed: what the command asks for
    FAIL = "fail"      # the command exits 1 because of it
    XFAIL = "xfail"    # refuted, and the command reports it as an answer (a finding)
    ERROR = "error"    # no verdict: unknown, timeout, vacuous (the command exits 2)


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    verdict: Verdict
    status: str                          # the command's own word: proved, refuted, killed, ...
    time_ms: float | None = None
    reason: str | None = None            # why no verdict, or why a refutation is expected
    invariant: str | None = None         # the invariant: a SARIF rule
    refuted: bool = False                # a counterexample exists: a SARIF result
    trace: Trace | None = None           # the mmap call that refutes it, when computed
    details: tuple[str, ...] = ()        # the counterexample (or other notes), plain text lines


@dataclasses.dataclass(frozen=True)
class Group:
    name: str
    items: tuple["Group | Case", ...]
    own: Verdict | None = None           # when the group's verdict is not its items' worst

    @property
    def verdict(self) -> Verdict:
        if self.own is not None:
            return self.own
        vs = {i.verdict for i in self.items}
        for v in (Verdict.FAIL, Verdict.ERROR):
            if v in vs:
                return v
        return Verdict.PASS

    def cases(self) -> Iterable[Case]:
        for i in self.items:
            yield from (i.cases() if isinstance(i, Group) else (i,))


@dataclasses.dataclass(frozen=True)
class Run:
    command: str
    groups: tuple[Group, ...]
    exit_code: int
    rules: dict[str, Any]                # invariant id -> its registered invariant

    def cases(self) -> Iterable[Case]:
        for g in self.groups:
            yield from g.cases()


def plain(draw: Callable[[Console], None]) -> tuple[str, ...]:
    """What a text renderer prints, as plain lines (no colour, no wrapping)."""
    buf = io.StringIO()
    con = Console(file=buf, width=400, no_color=True, highlight=False, soft_wrap=True,
                  emoji=False, markup=False)
    draw(con)
    return tuple(line.rstrip() for line in buf.getvalue().splitlines() if line.strip())


def _rules(ids: Iterable[str]) -> dict[str, Any]:
    """The invariants (one call, or sequences) by id: statement, formula_text, protects."""
    from proofs import INVARIANTS
    from proofs.sequences import SEQ_INVARIANTS
    out = {}
    for i in ids:
        inv = INVARIANTS.get(i) or SEQ_INVARIANTS.get(i)
        if inv is not None:
            out[i] = inv
    return out


def _nest(cases: Iterable[tuple[str, str, Case]]) -> tuple[Group, ...]:
    """(outer, inner, case) triples as outer groups of inner groups, in first-seen order."""
    tree: dict[str, dict[str, list[Case]]] = {}
    for outer, inner, case in cases:
        tree.setdefault(outer, {}).setdefault(inner, []).append(case)
    return tuple(Group(o, tuple(Group(i, tuple(cs)) for i, cs in inner.items()))
                 for o, inner in tree.items())


def obligation(r: ObligationResult, refuted: Verdict = Verdict.FAIL,
               why: str | None = None) -> Case:
    """One obligation; a refutation is ``refuted`` (``FAIL``, or ``XFAIL`` with ``why``)."""
    from verify.render.text import obligation_trace
    ob = r.obligation
    if r.status is Status.PROVED:
        return Case(ob.id, Verdict.PASS, r.status.value, r.time_ms, invariant=ob.invariant)
    if r.status is Status.REFUTED:
        lines = (plain(lambda con: obligation_trace(con, r, r.counterexample, "counterexample"))
                 if r.counterexample else ())
        return Case(ob.id, refuted, r.status.value, r.time_ms, why, ob.invariant, True,
                    r.counterexample, lines)
    return Case(ob.id, Verdict.ERROR, r.status.value, r.time_ms, r.reason, ob.invariant)


def suite(result) -> Run:
    """``verify prove`` (``SuiteResult``): design, then invariant, then obligations."""
    rs = result.results
    groups = _nest((r.obligation.design, r.obligation.invariant, obligation(r)) for r in rs)
    return Run("prove", groups, result.exit_code, _rules(r.obligation.invariant for r in rs))


def matrix(result) -> Run:
    """``verify matrix``: every refuted cell is a finding (XFAIL); traces where computed."""
    traced = {r.obligation: r for r in result.counterexamples}
    why = "the matrix records refutations as findings; `verify prove` gives the verdict"
    groups = _nest((r.obligation.design, r.obligation.invariant,
                    obligation(traced.get(r.obligation, r), Verdict.XFAIL, why))
                   for r in result.results)
    return Run("matrix", groups, result.exit_code, _rules(result.invariants))


def mutation(result) -> Run:
    """``verify mutate``: the baseline's obligations, then one group per mutant whose
    cases are the invariants (killed, survived); a mutant passes when killed."""
    from models.mutants import MUTANTS
    from verify.mutation import Kill
    base = _nest((result.base, r.obligation.invariant, obligation(r)) for r in result.baseline)
    mutants = []
    for m in result.mutants:
        cases = []
        for inv in result.invariants:
            c = result.cell(m, inv)
            if c.verdict is Kill.KILLED:
                cases.append(Case(f"{m}/{inv}", Verdict.PASS, "killed", invariant=inv, refuted=True,
                                  reason=f"refuted on {c.by[0]}, {c.by[1]}-bit"))
            elif c.verdict is Kill.SURVIVED:
                cases.append(Case(f"{m}/{inv}", Verdict.PASS, "survived", invariant=inv))
            else:
                cases.append(Case(f"{m}/{inv}", Verdict.ERROR, "unknown", invariant=inv,
                                  reason="no verdict on some configuration"))
        killers = result.killers(m)
        own = (Verdict.PASS if killers else
               Verdict.ERROR if any(c.verdict is Verdict.ERROR for c in cases) else Verdict.FAIL)
        if not killers and own is Verdict.FAIL:
            cases.append(Case(f"{m}/survives", Verdict.FAIL, "survived",
                              reason=f"no invariant kills {m}: {MUTANTS[m].summary}"))
        mutants.append(Group(m, tuple(cases), own))
    groups = (Group("baseline", base), Group("mutants", tuple(mutants)))
    return Run("mutate", groups, result.exit_code, _rules(result.invariants))


def timeline(tl) -> Run:
    """``verify history``: one group per version (a cell per invariant; a refuted cell is
    the expected answer, XFAIL), then one case per finding: found exactly where the
    kernel's history puts it, or not (FAIL)."""
    from models.history.bugs import FINDINGS
    groups = []
    for v in tl.versions:
        cases = []
        for i in tl.invariants:
            c = tl.cell(v, i)
            name = f"{v}/{i}"
            if c.status is Status.PROVED:
                cases.append(Case(name, Verdict.PASS, c.status.value, invariant=i))
            elif c.status is Status.REFUTED:
                why = (f"known: {', '.join(c.findings)}" if c.findings else
                       "refuted; no recorded finding explains it")
                cases.append(Case(name, Verdict.XFAIL, c.status.value, reason=why, invariant=i,
                                  refuted=True, details=(f"trace: {c.command}",)))
            else:
                cases.append(Case(name, Verdict.ERROR, c.status.value, reason=c.reason,
                                  invariant=i))
        groups.append(Group(v, tuple(cases)))
    wrong = {m.split(":", 1)[0]: m for m in tl.mismatches()}
    findings = []
    for f in FINDINGS:
        if not set(f.invariants) <= set(tl.invariants):
            continue
        where = ", ".join(tl.found.get(f.id, ())) or "none"
        if f.id in wrong:
            findings.append(Case(f.id, Verdict.FAIL, "misplaced", reason=wrong[f.id]))
        else:
            findings.append(Case(f.id, Verdict.PASS, "as recorded", reason=f"found in: {where}",
                                 details=(f.title,)))
    groups.append(Group("findings", tuple(findings)))
    return Run("history", tuple(groups), tl.exit_code, _rules(tl.invariants))


def sequences(run) -> Run:
    """``verify check-seq``: design, then invariant, then one case per space x word x config."""
    from verify.render.seq import sequence
    from verify.transition import SeqStatus
    triples = []
    for r in run.results:
        c = r.context
        name = f"{r.prop}[{c['design']},{c['space']},{c['word_size']}-bit,{c['config']}]"
        if r.status in (SeqStatus.PROVED, SeqStatus.BOUNDED):
            why = f"no violation up to {r.depth} calls" if r.status is SeqStatus.BOUNDED else None
            case = Case(name, Verdict.PASS, r.status.value, r.time_ms, why, r.prop)
        elif r.status is SeqStatus.REFUTED:
            last = r.trace.steps[-1] if r.trace and r.trace.steps else None
            lines = plain(lambda con: sequence(con, r, r.trace)) if r.trace else ()
            case = Case(name, Verdict.FAIL, r.status.value, r.time_ms, None, r.prop, True,
                        last.call if last is not None else None, lines)
        else:
            case = Case(name, Verdict.ERROR, r.status.value, r.time_ms, r.reason, r.prop)
        triples.append((c["design"], r.prop, case))
    return Run("check-seq", _nest(triples), run.exit_code, _rules(r.prop for r in run.results))


EXPLAIN_VERDICT = {"impossible": Verdict.PASS, "possible": Verdict.FAIL,
                   "unknown": Verdict.ERROR}


def explanations(x) -> Run:
    """``verify explain``: one case per explanation (a query, or the invariant on one
    configuration), in a group per design and invariant.  Explained (or proved) passes,
    possible (refuted: nothing to explain) fails, unknown is an error; the rules are the
    case's details."""
    from verify.render.query import explanation
    triples = []
    for e in x.explanations:
        name = (f"{e.invariant}[{e.design},{e.word_size}-bit,{e.config}]" if e.invariant else
                f"{e.question} [{e.word_size}-bit, {e.config or 'any reachable configuration'}]")
        case = Case(name, EXPLAIN_VERDICT[e.status], e.verdict or e.status, e.time_ms,
                    e.reason, e.invariant, e.invariant is not None and e.status == "possible",
                    details=plain(lambda con, e=e: explanation(con, e)))
        triples.append((e.design, e.invariant or "query", case))
    return Run("explain", _nest(triples), x.exit_code, _rules([x.invariant] if x.invariant else []))


def replay(run) -> Run:
    """``verify replay``: one case per key of the scenario's ``expect`` (met passes, not
    met fails; the first that fails carries the replay as its details), in a group named
    after the file.  A scenario without ``expect`` checks nothing: one passing case says so."""
    from verify.render.query import replayed
    r = run.replayed
    s = r.scenario
    if s.expect is None:
        cases = (Case("replayed", Verdict.PASS, "replayed",
                      reason="the scenario has no expect block: nothing checked"),)
    else:
        seen = {k: (want, got) for k, want, got in r.mismatches}
        first = next((k for k in s.expect if k in seen), None)
        trace = plain(lambda con: replayed(con, r))
        cases = tuple(Case(k, Verdict.FAIL, "not met", reason=f"expected {seen[k][0]!r}, saw "
                           f"{seen[k][1]!r}", details=trace if k == first else ()) if k in seen
                      else Case(k, Verdict.PASS, "met") for k in s.expect)
    return Run("replay", (Group(s.source, cases),), r.exit_code, {})
