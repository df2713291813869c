"""Translation validation (verify.equivalence) on the hand designs, history versions and
mutants: what is equivalent to what, and that every difference is a replayable input."""
from __future__ import annotations

import json

import pytest
import z3

from models import DESIGNS
from models.mutants import MUTANTS
from verify import catalog, equivalence
from verify.equivalence import compare, identify
from verify.scenario import from_doc, run

# What the solver finds, understood:
# - error-filter is override with the field renamed; v-override is override plus the
#   history inputs (hugetlbfs no longer uses mmap_prepare, the compat descriptor is
#   zeroed, a VMA allocation failure is the error it is), which pinned to "not read"
#   leave override's behaviour.
# - v-619eab2 is the hooks design plus the history inputs; v-ac0a3fc is hooks-2025 plus them.
# - every other version differs from every design: each fixed or brought a bug the
#   timeline (verify history) shows.
CLASSES = [{"override", "error-filter", "v-override"}, {"hooks", "v-619eab2"},
           {"hooks-2025", "v-ac0a3fc"}]


def expected_class(name: str) -> set[str]:
    return next((c for c in CLASSES if name in c), {name})


@pytest.mark.parametrize("name", list(DESIGNS))
def test_identify_finds_exactly_the_equivalence_class(name):
    ident = identify(DESIGNS[name])
    assert set(ident.equivalent) == expected_class(name)
    assert ident.exit_code == 0 and ident.nearest is None
    for c in ident.comparisons:
        if c.b not in expected_class(name):
            assert c.status == "differ" and c.differing


@pytest.mark.parametrize("name", ["override", "hooks-2025", "v-mmnew-v2"])
def test_a_design_is_equivalent_to_itself_on_every_cell(name):
    c = compare(DESIGNS[name], DESIGNS[name])
    assert c.status == "equal" and c.exit_code == 0
    assert len(c.cells) == 8 and all(x.status == "equal" for x in c.cells)
    assert c.can_differ == () and c.first is None


# Each mutant against the design it breaks.
BASE = {name: "override" for name in MUTANTS} | {
    "compat-desc-not-zeroed": "v-619eab2", "hugetlbfs-prepare-reserves": "v-override"}


@pytest.mark.parametrize("name", list(MUTANTS))
def test_every_mutant_differs_from_its_base(name):
    c = compare(MUTANTS[name], DESIGNS[BASE[name]], fields=False, detail=False)
    assert c.status == "differ" and c.exit_code == 1


def test_an_input_one_design_does_not_read_is_pinned_for_both():
    # The hugetlbfs mutant differs only when the file is on hugetlbfs: an input override
    # does not read, so against override it is pinned to false, and the two agree.
    m, base = MUTANTS["hugetlbfs-prepare-reserves"], DESIGNS["override"]
    c = compare(m, base)
    assert c.status == "equal"
    assert c.pinned["hugetlbfs"] is False and "hugetlbfs" not in c.compared
    h = compare(DESIGNS["override"], DESIGNS["hooks"], fields=False, detail=False)
    assert {"success_hook_set", "error_hook_ret"} <= set(h.pinned)
    assert "override" in h.compared


def test_first_difference_is_a_replayable_scenario_of_each_design():
    c = compare(MUTANTS["zero-extend"], DESIGNS["override"])
    # 32-bit: int and unsigned long are as wide, no extension happens; 64-bit: the override
    # is checked (MMU only) on both paths.
    assert {(x.word_size, x.config) for x in c.differing} == {(64, "mmu-normal"),
                                                               (64, "mmu-compat")}
    d = c.first
    assert (d.word_size, d.config) == (64, "mmu-normal")
    assert {"ret", "WARN in check_mmap_action"} <= set(d.fields) <= set(c.can_differ)
    assert d.fields["ret"] == ("-EINVAL", "0")
    mine = run(from_doc(json.loads(json.dumps(d.scenario))))
    theirs = run(from_doc(d.against))
    assert mine.exit_code == 0 and theirs.exit_code == 0     # each replays to its `expect`
    assert (mine.outcome["returned_c"], theirs.outcome["returned_c"]) == d.fields["ret"]
    assert mine.scenario.inputs == theirs.scenario.inputs
    assert mine.outcome["warnings"] == ["check_mmap_action"] and theirs.outcome["warnings"] == []


def test_every_field_that_can_differ_is_found():
    c = compare(MUTANTS["unmap-one-page"], DESIGNS["override"])
    assert c.can_differ == ("unmap_len",)
    assert {x.config for x in c.differing} == {"mmu-normal", "nommu-normal"}


def test_warnings_are_compared_by_the_function_they_fire_in():
    c = compare(DESIGNS["hooks"], DESIGNS["override"])
    assert "WARN in check_mmap_action" in c.can_differ
    # the error hook's VM_WARN_ON_ONCE: hooks-2025 runs the error hook on the compat path too
    c = compare(DESIGNS["hooks"], DESIGNS["hooks-2025"])
    assert "WARN in mmap_action_finish" in c.can_differ


def test_nearest_has_the_fewest_differing_cells_then_fields():
    ident = identify(MUTANTS["unmap-one-page"])
    assert ident.equivalent == () and ident.exit_code == 1
    near = ident.nearest
    assert near.b == "override" and near.first is not None    # first of the tied class
    for c in ident.comparisons:
        if c.can_differ is not None:
            assert near.distance <= c.distance
        else:
            assert len(c.differing) > near.distance[0]
    doc = ident.to_dict()
    assert doc["nearest"]["b"] == "override" and doc["nearest"]["first_difference"]["scenario"]


def test_unknown_is_never_equal(monkeypatch):
    monkeypatch.setattr(equivalence._Solver, "check",
                        lambda self, *extra: (z3.unknown, None, "canceled"))
    c = compare(DESIGNS["hooks"], DESIGNS["v-619eab2"])
    assert c.status == "unknown" and c.exit_code == 2
    assert all(x.status == "unknown" and x.reason == "canceled" for x in c.cells)
    ident = identify(DESIGNS["hooks"])
    assert ident.exit_code == 2 and "v-619eab2" in ident.unknown
    # a design against itself builds the same terms: equal with no solver at all
    assert ident.equivalent == ("hooks",)


def test_json_documents():
    c = compare(MUTANTS["elvis-swapped"], catalog.design("override")).to_dict()
    assert c["status"] == "differ" and c["exit_code"] == 1 and c["differing_cells"] > 0
    assert c["first_difference"]["against_scenario"]["design"] == "override"
    assert c["first_difference"]["steps"] and c["fields_that_can_differ"]
    json.dumps(c)
    i = identify(DESIGNS["error-filter"]).to_dict()
    assert set(i["equivalent"]) == {"override", "error-filter", "v-override"}
    assert i["nearest"] is None and i["exit_code"] == 0
    json.dumps(i)
