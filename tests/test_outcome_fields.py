"""The outcome table (models.outcome.FIELDS) is the one list of outcome fields:
the query language, traces, the docs, scenario files and the C comparison read it."""
from __future__ import annotations

from pathlib import Path

import z3

from models.inputs import INPUTS
from models.outcome import C_FIELDS, EXPECT_FIELDS, FIELDS, TRACE_FIELDS
from verify.query import names
from verify.scenario import EXPECT_KEYS, outcome_of
from verify.replay import replay

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_field_is_a_query_variable_of_its_kind(get_session):
    s = get_session("override", 64)
    vs = names.variables(s)
    for f in FIELDS:
        assert vs[f.name].source == "outcome" and vs[f.name].kind == f.kind
        t = names.term(s, f.name)
        assert z3.is_bool(t) == (f.kind == "bool")
        if f.kind != "bool":
            assert t.size() == (32 if f.kind == "int" else 64)


def test_a_trace_and_a_replay_carry_every_field():
    inputs = {v.name: v.default for v in INPUTS if v.designs == "all"}
    inputs |= {"mmu": True, "vm_start": 0x10000, "vm_end": 0x20000, "mapped_err": -12}
    tr = replay("override", 64, inputs)
    assert set(f.name for f in FIELDS) <= set(tr.outcome)
    assert set(TRACE_FIELDS) <= set(tr.shown)
    out = outcome_of(tr)
    assert all(k in out for k in EXPECT_KEYS) and out["unmapped"] is True


def test_the_fields_each_invariant_is_about_are_shown_compared_and_expectable():
    assert {"unlock_unheld", "rmap_held_at_end"} <= set(C_FIELDS)
    assert {"leaked", "uninit_call", "unlock_unheld"} <= set(TRACE_FIELDS) & set(EXPECT_FIELDS)


def test_docs_counterexamples_show_the_field_they_are_about():
    assert "leaked=true" in (DOCS / "invariants" / "resources-released.md").read_text()
    assert "uninit_call=true" in (DOCS / "invariants" / "no-uninit-call.md").read_text()
