"""Scenario files: one mmap call with every input fixed, replayed through the model.

A scenario is a JSON (or TOML) document; ``docs/scenarios.md`` describes it::

    {"description": "...", "design": "override", "word_size": 64,
     "inputs": {"mmu": true, "compat": false, "type": "MMAP_REMAP_PFN",
                "override": "-EAGAIN", "complete_err": "-ENOMEM", ...},
     "expect": {"returned": "-EAGAIN", "vma_mapped": false, ...}}

Every witness the query language finds is a scenario (``document``); files are
read and written by ``verify.scenario_file``, whose ``emit_test`` turns one into
a pytest regression test.  Replay is ``verify.replay.replay``: the same model the proofs use, evaluated concretely.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from models import DESIGNS
from models.cdefs import PAGE_SHIFT
from models.config import CONFIGS, Config
from models.errno import ERRNO
from models.inputs import ACTION_TYPES, INPUT_BY_NAME
from models.outcome import EXPECT_FIELDS, FIELDS
from verify import catalog
from verify.cformat import c_constant, c_int
from verify.errors import UnknownName, UsageError
from verify.replay import broken_assumptions, complete_inputs, replay
from proofs.registry import Assumption
from verify.results import Trace

FORMAT = "mmap-action-scenario/1"
TOP_KEYS = ("format", "description", "design", "word_size", "inputs", "expect")
# What ``expect`` may check, and what an emitted test asserts: the result, the
# outcome fields marked ``expect`` (models.outcome.FIELDS), the pages unmapped, the warnings.
EXPECT_KEYS = ("returned", *EXPECT_FIELDS, "unmapped_len_pages", "warnings")


@dataclasses.dataclass(frozen=True)
class Scenario:
    design: str
    word_size: int
    inputs: dict[str, int | bool]          # every input the design reads, validated
    expect: dict[str, Any] | None = None   # outcome the file promises (subset of EXPECT_KEYS)
    description: str = ""
    source: str = "scenario"               # where it came from, for messages

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"format": FORMAT}
        if self.description:
            doc["description"] = self.description
        doc |= {"design": self.design, "word_size": self.word_size, "inputs": dict(self.inputs)}
        if self.expect is not None:
            doc["expect"] = dict(self.expect)
        return doc


@dataclasses.dataclass(frozen=True)
class Replayed:
    scenario: Scenario
    trace: Trace
    outcome: dict[str, Any]                      # outcome_of(trace)
    mismatches: tuple[tuple[str, Any, Any], ...]  # (key, expected, seen)
    broken: tuple[Assumption, ...] = ()          # proof assumptions the inputs break

    @property
    def exit_code(self) -> int:
        return 1 if self.mismatches else 0

    @property
    def config(self) -> Config:
        """The configuration the scenario's inputs pick (CONFIG_MMU and the path)."""
        mmu, compat = bool(self.trace.inputs["mmu"]), bool(self.trace.inputs["compat"])
        return next(c for c in CONFIGS.values() if (c.mmu, c.compat) == (mmu, compat))

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario.document(), "config": self.config.name,
                "reachable": self.config.reachable, "outcome": self.outcome,
                "broken_assumptions": [{"id": a.id, "statement": a.statement}
                                       for a in self.broken],
                "steps": [dataclasses.asdict(s) for s in self.trace.steps],
                "expectations": None if self.scenario.expect is None else {
                    "met": not self.mismatches,
                    "mismatches": [{"key": k, "expected": e, "seen": s}
                                   for k, e, s in self.mismatches]}}


# -- outcome ------------------------------------------------------------------
def outcome_of(trace: Trace) -> dict[str, Any]:
    """The outcome of a replayed call, as ``verify replay --json`` prints it."""
    o = trace.outcome
    out: dict[str, Any] = {"returned": o["ret"], "returned_c": c_int(o["ret"])}
    for f in FIELDS:
        if f.name != "ret":
            out[f.name] = hex(o[f.name]) if f.kind == "ulong" else o[f.name]
        if f.name == "unmap_len":
            out["unmapped_len_pages"] = o["unmap_len"] >> PAGE_SHIFT if o["unmapped"] else 0
    out["warnings"] = list(o["warnings"])
    return out


def expected_of(trace: Trace) -> dict[str, Any]:
    """The part of the outcome a scenario's ``expect`` records."""
    out = outcome_of(trace)
    return {k: out[k] for k in EXPECT_KEYS}


def document(trace: Trace, description: str = "") -> dict[str, Any]:
    """A witness or counterexample as a scenario document, its outcome as ``expect``."""
    return Scenario(trace.design, trace.word_size, dict(trace.inputs), expected_of(trace),
                    description).document()


# -- reading ------------------------------------------------------------------
def _number(text: str, name: str, where: str) -> int:
    s = text.strip()
    neg = s.startswith("-")
    body = s[1:].strip() if neg else s
    if body in ERRNO:
        return -ERRNO[body] if neg else ERRNO[body]
    if body in ACTION_TYPES and not neg:
        return ACTION_TYPES[body]
    if re.fullmatch(r"0[xX][0-9a-fA-F]+|[0-9]+", body):
        try:
            n = c_constant(body)
        except ValueError as e:
            raise UsageError(f"{where}: {name} = {text!r}: {e}") from None
        return -n if neg else n
    import difflib   # only for a wrong value
    close = difflib.get_close_matches(body, list(ERRNO) + list(ACTION_TYPES), n=2, cutoff=0.6)
    hint = f"did you mean {', '.join(repr(c) for c in close)}?" if close else \
        "write a number (-11, 0x10000), an errno (\"-EAGAIN\") or an action type (\"MMAP_REMAP_PFN\")"
    raise UsageError(f"{where}: {name} = {text!r} is not a value; {hint}")


def _value(name: str, value: Any, where: str) -> Any:
    var = INPUT_BY_NAME[name]
    if var.kind != "bool" and isinstance(value, str):
        return _number(value, name, where)
    return value


def from_doc(doc: Any, where: str = "scenario") -> Scenario:
    """Validate a scenario document; raise a one-line ``UsageError`` naming the problem."""
    if not isinstance(doc, dict):
        raise UsageError(f"{where}: a scenario is an object with design, word_size and inputs")
    for key in doc:
        if key not in TOP_KEYS:
            raise UsageError(f"{where}: {UnknownName('key', key, TOP_KEYS)}")
    if doc.get("format", FORMAT) != FORMAT:
        raise UsageError(f"{where}: format {doc['format']!r} is not {FORMAT!r}")
    for key in ("design", "word_size", "inputs"):
        if key not in doc:
            raise UsageError(f"{where}: the scenario has no {key!r}; see docs/scenarios.md")
    design = doc["design"]
    if not isinstance(design, str):
        raise UsageError(f"{where}: design must be a name such as \"override\", not {design!r}")
    try:
        catalog.design(design)
    except UsageError as e:
        raise UsageError(f"{where}: {e}") from None
    word = doc["word_size"]
    if type(word) is not int or word not in (32, 64):
        raise UsageError(f"{where}: word_size must be 32 or 64, not {word!r}")
    raw = doc["inputs"]
    if not isinstance(raw, dict):
        raise UsageError(f"{where}: inputs must be an object mapping input names to values")
    raw = dict(raw)
    if "path" in raw:
        path = raw.pop("path")
        if path not in ("normal", "compat"):
            raise UsageError(f"{where}: path must be \"normal\" or \"compat\", not {path!r}")
        if "compat" in raw and raw["compat"] != (path == "compat"):
            raise UsageError(f"{where}: path = {path!r} contradicts compat = {raw['compat']!r}; "
                             "give one of them")
        raw["compat"] = path == "compat"
    d = catalog.design(design)
    for name in raw:
        if name not in INPUT_BY_NAME:
            raise UsageError(f"{where}: {UnknownName('input', name, INPUT_BY_NAME)}")
        if not d.reads(INPUT_BY_NAME[name]):
            readers = [x.name for x in DESIGNS.values() if x.reads(INPUT_BY_NAME[name])]
            raise UsageError(f"{where}: design {design!r} does not read input {name!r}; remove it, "
                             f"or choose a design that does ({', '.join(readers) or 'none'})")
    values = {k: _value(k, v, where) for k, v in raw.items()}
    try:
        inputs = complete_inputs(design, word, values)
    except UsageError as e:
        raise UsageError(f"{where}: {e}") from None
    inputs = {k: v for k, v in inputs.items() if d.reads(INPUT_BY_NAME[k])}
    expect = doc.get("expect")
    if expect is not None:
        expect = _expect(expect, where)
    desc = doc.get("description", "")
    if not isinstance(desc, str):
        raise UsageError(f"{where}: description must be a string")
    return Scenario(design, word, inputs, expect, desc, where)


def _expect(expect: Any, where: str) -> dict[str, Any]:
    if not isinstance(expect, dict):
        raise UsageError(f"{where}: expect must be an object with keys from {', '.join(EXPECT_KEYS)}")
    out = {}
    for k, v in expect.items():
        if k not in EXPECT_KEYS:
            raise UsageError(f"{where}: {UnknownName('expect key', k, EXPECT_KEYS)}")
        if k == "returned" and isinstance(v, str):
            v = _number(v, "expect.returned", where)
        if k == "warnings" and not (isinstance(v, list) and all(isinstance(w, str) for w in v)):
            raise UsageError(f"{where}: expect.warnings must be a list of warning names")
        out[k] = v
    return out


# -- replay -------------------------------------------------------------------
def run(s: Scenario) -> Replayed:
    trace = replay(s.design, s.word_size, s.inputs)
    seen = outcome_of(trace)
    bad = tuple((k, v, seen[k]) for k, v in (s.expect or {}).items()
                if (sorted(v) if k == "warnings" else v) != (sorted(seen[k]) if k == "warnings"
                                                            else seen[k]))
    return Replayed(s, trace, seen, bad, broken_assumptions(s.design, s.word_size, s.inputs))
