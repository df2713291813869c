"""The invariant docs as Markdown pages, rendered from a ``DocRun`` with Jinja2.

``pages(run)`` returns ``{relative path: text}``; nothing is written here.
The pages hold nothing that changes from run to run without the model changing
(times, the date, the Z3 version): a second run rewrites nothing.  Those values
are ``timings(run)``, a page of their own that ``verify docs --timings FILE``
writes.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import jinja2

from models import DEFAULT_DESIGN
from models.inputs import INPUT_BY_NAME, INPUTS
from models.outcome import TRACE_FIELDS
from models.rules import Rule
from verify.docs.collect import Core, DocRun
from verify.docs.links import cite_md, definitions
from verify.results import ObligationResult, Status, Trace

TEMPLATES = Path(__file__).parent / "templates"
INDEX = "invariants.md"
HISTORY = "history.md"
DRIVERS = "drivers.md"

SYMBOL = {Status.PROVED: "✓", Status.REFUTED: "✗", Status.UNKNOWN: "?", Status.VACUOUS: "∅"}
OUTCOME_KEYS = TRACE_FIELDS


def md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def sentence(text: str) -> str:
    """A registry phrase as a sentence: capital first letter, final full stop."""
    text = text.strip()
    if not text:
        return text
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


@dataclasses.dataclass(frozen=True)
class Counterexample:
    """The counterexample of one refuted combination, shared by the designs and
    word sizes whose counterexample is the same call (same inputs, same steps)."""
    invariant: str
    config: str
    members: tuple[tuple[str, int], ...]    # (design, word size), in the run's order
    in_scope: bool
    trace: Trace
    design: str            # whose call ``trace`` is (the command reproduces it)
    word: int

    @property
    def designs(self) -> list[str]:
        return list(dict.fromkeys(d for d, _ in self.members))

    def words(self, design: str) -> list[int]:
        return [w for d, w in self.members if d == design]

    @property
    def where(self) -> list[tuple[str, str]]:
        """(design, word sizes as text) for the heading."""
        return [(d, "- and ".join(str(w) for w in self.words(d)) + "-bit") for d in self.designs]

    @property
    def command(self) -> str:
        return f"verify prove -i {self.invariant} -d {self.design} -w {self.word} -c {self.config}"

    @property
    def inputs(self) -> str:
        return " ".join(f"{k[3:]}={v}" for k, v in self.trace.shown.items() if k.startswith("in."))

    @property
    def outcome(self) -> str:
        shown = self.trace.shown
        out = " ".join(f"{k}={shown[k]}" for k in OUTCOME_KEYS if k in shown)
        warnings = self.trace.outcome.get("warnings") or []
        return out + (f" warnings={','.join(warnings)}" if warnings else "")


class View:
    """What the templates read: the run, and questions about it."""

    def __init__(self, run: DocRun, default_design: str) -> None:
        self.run = run
        names = [d.name for d in run.designs]
        self.default = run.designs[names.index(default_design)] if default_design in names \
            else run.designs[0]
        self.others = [d for d in run.designs if d is not self.default]
        self.config_order = {c.name: n for n, c in enumerate(run.configs)}

    def results(self, inv: str, design: str, config: str) -> list[ObligationResult]:
        return [self.run.result(inv, design, w, config) for w in self.run.words]

    def cell(self, inv: str, design: str, config: str) -> str:
        """Status symbol on both word sizes (one symbol when they agree);
        in parentheses outside the invariant's claimed scope."""
        rs = self.results(inv, design, config)
        marks = {SYMBOL[r.status] for r in rs}
        text = marks.pop() if len(marks) == 1 else \
            " ".join(f"{r.obligation.word_size}:{SYMBOL[r.status]}" for r in rs)
        return text if rs[0].obligation.in_scope else f"({text})"

    def glance(self, inv: str, design: str) -> str:
        """The claimed scope at a glance: ✓ when all of it is proved; ✗ alone when
        every configuration of it is refuted on both word sizes; otherwise the
        configurations (and word sizes) that are not proved."""
        bad, scope = [], 0
        for c in self.run.configs:
            rs = self.results(inv, design, c.name)
            if not rs[0].obligation.in_scope:
                continue
            scope += 1
            failed = [r for r in rs if r.status is not Status.PROVED]
            if failed:
                words = "" if len(failed) == len(rs) else \
                    f" ({', '.join(str(r.obligation.word_size) for r in failed)}-bit)"
                bad.append((SYMBOL[failed[0].status], f"{c.name}{words}"))
        if not bad:
            return SYMBOL[Status.PROVED]
        marks = " ".join(sorted({m for m, _ in bad}))
        everywhere = len(bad) == scope and all(not n.endswith("-bit)") for _, n in bad)
        if marks == SYMBOL[Status.REFUTED] and everywhere:
            return marks
        return marks + " " + ", ".join(n for _, n in bad)

    def proof_ms(self, inv: str, design: str, in_scope: bool = True) -> float:
        return sum(r.time_ms for (i, d, _, _), r in self.run.results.items()
                   if i == inv and d == design and r.obligation.in_scope == in_scope)

    def counterexamples(self, inv: str, in_scope: bool) -> list[Counterexample]:
        """The refuted combinations of ``inv`` (inside or outside its claimed scope),
        per configuration, those with the same call shown once."""
        out: list[Counterexample] = []
        for c in self.run.configs:
            groups: dict[tuple, list[ObligationResult]] = {}
            for d in self.run.designs:
                for r in self.results(inv, d.name, c.name):
                    if r.status is not Status.REFUTED or r.obligation.in_scope != in_scope:
                        continue
                    t = r.counterexample
                    key = (tuple(sorted((k, v) for k, v in t.inputs.items()
                                        if v != INPUT_BY_NAME[k].default)),
                           tuple((s.label, s.cite, tuple(s.values.items())) for s in t.steps),
                           tuple((k, t.shown[k]) for k in OUTCOME_KEYS if k in t.shown and
                                 k != "user_ret"))
                    groups.setdefault(key, []).append(r)
            for rs in groups.values():
                # shown: the call of the design that reads the most inputs (unread inputs
                # are at their defaults in the others), on the widest word
                rep = max(reversed(rs), key=lambda r: (len(r.counterexample.inputs),
                                                       r.obligation.word_size))
                members = tuple((r.obligation.design, r.obligation.word_size) for r in rs)
                out.append(Counterexample(inv, c.name, members, in_scope, rep.counterexample,
                                          rep.obligation.design, rep.obligation.word_size))
        return out

    def cores(self, inv: str, design: str) -> dict[tuple[int, str], Core]:
        return {(w, c): core for (i, d, w, c), core in self.run.cores.items()
                if i == inv and d == design}

    def rules_used(self, inv: str, design: str) -> list[tuple[Rule, dict[str, str]]]:
        """Rules in the unsat cores of the proved, in-scope obligations of
        ``design``: each rule with, per configuration, the word sizes it was used on."""
        used: dict[Rule, dict[str, list[int]]] = {}
        for (w, c), core in self.cores(inv, design).items():
            for r in core.rules:
                used.setdefault(r, {}).setdefault(c, []).append(w)
        order = {r: n for n, r in enumerate(self.design(design).rules())}
        rows = []
        for r in sorted(used, key=lambda r: (order.get(r, len(order)), r.name)):
            cells = {}
            for c, ws in used[r].items():
                cells[c] = "✓" if len(ws) == len(self.run.words) else \
                    ", ".join(f"{w}-bit" for w in sorted(ws))
            rows.append((r, cells))
        return rows

    def core_notes(self, inv: str, design: str) -> dict[str, list[str]]:
        """Per kind of note, the obligations ("config, N-bit") it applies to:
        assumptions the proof needed, an empty core, a core not shown minimal."""
        notes: dict[str, list[str]] = {}
        for (w, c), core in sorted(self.cores(inv, design).items(),
                                   key=lambda kv: (self.config_order[kv[0][1]], kv[0][0])):
            where = f"{c} {w}-bit"
            if not core.rules:
                notes.setdefault("no rule", []).append(where)
            if not core.minimal:
                notes.setdefault("not minimal", []).append(where)
            for a in core.assumptions:
                notes.setdefault(f"assumption `{a}`", []).append(where)
        return notes

    def design(self, name: str):
        return next(d for d in self.run.designs if d.name == name)

    def proved_in_scope(self, inv: str, design: str) -> list[str]:
        return [c.name for c in self.run.configs
                if all(r.status is Status.PROVED and r.obligation.in_scope
                       for r in self.results(inv, design, c.name))]

    def inputs_read(self, design) -> list[str]:
        return [v.name for v in INPUTS if design.reads(v)]

    def count(self, status: Status | None = None) -> int:
        return sum(1 for r in self.run.results.values() if status is None or r.status is status)


def trace_inputs(trace) -> str:
    """A trace's inputs as the text renderer's ``inputs:`` line writes them."""
    return " ".join(f"{k[3:]}={v}" for k, v in trace.shown.items() if k.startswith("in."))


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             undefined=jinja2.StrictUndefined, autoescape=False,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(cell=md_cell, cite=cite_md, sentence=sentence, trace_inputs=trace_inputs)
    env.globals.update(Status=Status, SYMBOL=SYMBOL)
    return env


def history_page(timeline) -> str:
    """The version x invariant timeline (``verify.history.Timeline``) as a page."""
    from models import DESIGNS
    from models.history.bugs import FINDINGS
    from verify.render.history import KIND
    return _tidy(environment().get_template("history.md.j2").render(
        tl=timeline, designs=DESIGNS, findings=FINDINGS, kind=KIND))


def drivers_page(necessity) -> str:
    """What drivers must guarantee: the contracts on driver code that nothing in mm
    checks, each with the counterexample of ``verify assumptions`` that shows it needed."""
    from proofs.assumptions import ASSUMPTIONS
    driver = [a for a in ASSUMPTIONS.values() if a.party == "driver"]
    needs = {a.id: [n for n in necessity.needs if n.assumption == a.id] for a in driver}
    return _tidy(environment().get_template("drivers.md.j2").render(
        contracts=driver, needs=needs, all=ASSUMPTIONS))


def pages(run: DocRun, default_design: str = DEFAULT_DESIGN, timeline=None,
          necessity=None) -> dict[str, str]:
    """Every page of the docs, keyed by its path relative to the docs folder;
    with a ``timeline`` of ``verify history``, its page too; with the ``necessity``
    of ``verify assumptions``, the drivers' page and each contract's counterexample."""
    env = environment()
    view = View(run, default_design)
    out = {INDEX: env.get_template("index.md.j2").render(v=view, run=run)}
    if timeline is not None:
        out[HISTORY] = history_page(timeline)
    if necessity is not None:
        out[DRIVERS] = drivers_page(necessity)
    for inv in run.invariants:
        needs = {n.assumption: n for n in necessity.needs if n.invariant == inv.id} \
            if necessity is not None else {}
        out[f"invariants/{inv.id}.md"] = env.get_template("invariant.md.j2").render(
            v=view, run=run, inv=inv, needs=needs)
    for d in run.designs:
        out[f"designs/{d.name}.md"] = env.get_template("design.md.j2").render(
            v=view, run=run, design=d, diagram=run.diagrams[d.name])
    return {path: _tidy(text) for path, text in out.items()}


def timings(run: DocRun, timeline=None, wall_ms: float | None = None,
            default_design: str = DEFAULT_DESIGN) -> str:
    """The run-dependent values of a run: date, Z3 version, proof times."""
    return _tidy(environment().get_template("timings.md.j2").render(
        v=View(run, default_design), run=run, timeline=timeline, wall_ms=wall_ms))


def status_matrix(run: DocRun, prefix: str = "docs/", default_design: str = DEFAULT_DESIGN) -> str:
    """The status-at-a-glance table alone, its links relative to the folder
    above the docs (``prefix``): what the README shows."""
    template = environment().from_string(
        '{% import "_macros.j2" as m %}{{ m.glance(v, prefix ~ "invariants/", prefix ~ "designs/") }}')
    return template.render(v=View(run, default_design), prefix=prefix).strip() + "\n"


def _tidy(text: str) -> str:
    """At most one blank line in a row, the link definitions at the end."""
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    refs = definitions(text)
    return text + ("\n" + "\n".join(refs) + "\n" if refs else "")
