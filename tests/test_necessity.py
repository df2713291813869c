"""`verify assumptions`: every assumption is needed by some invariant, and shown to be
by a counterexample; nothing here is a recorded verdict."""
from __future__ import annotations

import json

import pytest

from models.cdefs import MAX_ERRNO
from proofs import INVARIANTS
from proofs.assumptions import ASSUMPTIONS, BASE, CALLEE_RESULTS, CONTRACTS
from verify.cli import main
from verify.engine import prove
from verify.errors import UnknownName, UsageError
from verify.necessity import NEEDED, NOT_NEEDED, NOT_PROVED, necessity
from verify.replay import replay
from verify.results import Status


@pytest.fixture(scope="module")
def result():
    return necessity()


def errno_range(v: int) -> bool:
    return v == 0 or -MAX_ERRNO <= v <= -1


def test_every_assumption_is_needed_by_some_invariant(result):
    needed = {n.assumption for n in result.needs if n.status == NEEDED}
    assert needed == set(ASSUMPTIONS), set(ASSUMPTIONS) - needed
    assert result.unneeded == [] and result.exit_code == 0


def test_every_listed_assumption_of_every_invariant_is_needed(result):
    pairs = {(i.id, a.id) for i in INVARIANTS.values() for a in i.assumptions}
    assert {(n.invariant, n.assumption) for n in result.needs} == pairs
    assert all(n.status == NEEDED for n in result.needs), \
        [(n.invariant, n.assumption, n.status) for n in result.needs if n.status != NEEDED]


def test_each_callee_contract_is_its_own_assumption():
    assert len(CONTRACTS) == len({a.id for a in CONTRACTS}) == 8
    assert set(CONTRACTS) <= set(BASE)
    assert all(a.produced_by for a in CONTRACTS)
    assert {a.id for a in CONTRACTS if a.party == "driver"} == {
        "mmap-prepare-returns-errno", "mapped-returns-errno"}


@pytest.mark.parametrize("word", [32, 64])
def test_every_invariant_is_proved_on_override_with_all_its_contracts(word):
    suite = prove(word_sizes=[word])
    assert {r.obligation.invariant for r in suite.results} == set(INVARIANTS)
    assert all(r.status is Status.PROVED for r in suite.results)


def test_each_counterexample_breaks_its_assumption_and_replays(result):
    for n in result.needs:
        cex = n.counterexample
        assert cex is not None and cex.steps[-1].label == "mmap returns"
        assert n.config in INVARIANTS[n.invariant].scope
        again = replay(**cex.scenario())
        assert again.outcome == cex.outcome, (n.invariant, n.assumption)


@pytest.mark.parametrize("contract,inp", [
    ("mmap-prepare-returns-errno", "prepare_err"), ("mapped-returns-errno", "mapped_err"),
    ("remap-pfn-range-prepare-returns-errno", "action_prepare_err"),
    ("simple-ioremap-prepare-returns-errno", "action_prepare_err"),
    ("map-kernel-pages-prepare-returns-errno", "action_prepare_err"),
    ("remap-pfn-range-complete-returns-errno", "complete_err"),
    ("map-kernel-pages-complete-returns-errno", "complete_err"),
])
def test_a_callee_outside_its_contract_makes_mmap_return_a_non_error(result, contract, inp):
    n = next(n for n in result.needs if n.assumption == contract)
    assert n.invariant == "ret-valid-errno" and n.design == "override"
    cex = n.counterexample
    assert not errno_range(cex.inputs[inp])
    assert cex.outcome["ret"] == cex.inputs[inp]          # returned as it is


def test_mapped_returning_positive_is_an_address_with_the_vma_gone(get_session):
    """What the driver contract says: if ->mapped returns a positive value, mmap returns it
    (an address, to its callers) and the VMA is gone."""
    import z3
    from models.config import CONFIGS
    s = get_session("override", 64)
    o, i = s.outcome, s.inputs
    others = [a.formula(o) for a in BASE if a.id != "mapped-returns-errno"]
    called = z3.And(CONFIGS["mmu-normal"].constrain(i), o.vma_created, i.mapped_err > 0, i.override == 0,
                    z3.Or(*[z3.And(src.ran, src.value == i.mapped_err)
                            for src in o.path.sources if src.name == "vm_ops->mapped"]))
    assert s.check(called, *others)[0] == z3.sat
    assert s.check(called, *others, z3.Or(o.ret != i.mapped_err, o.vma_mapped))[0] == z3.unsat


def test_a_failed_do_munmap_leaves_an_error_and_a_mapped_vma(result):
    n = next(n for n in result.needs if n.assumption == "munmap-succeeds")
    assert n.invariant == "unmap-on-failure"
    cex = n.counterexample
    assert cex.inputs["munmap_err"] != 0 and cex.outcome["ret"] != 0
    assert cex.outcome["vma_mapped"] is True and cex.outcome["unmapped"] is False


def test_an_assumption_no_invariant_needs_is_reported_and_exits_one(monkeypatch):
    import dataclasses
    import proofs.registry as registry
    inv = INVARIANTS["rmap-lock-balanced"]
    padded = dataclasses.replace(inv, assumptions=CALLEE_RESULTS[:1])
    monkeypatch.setitem(registry.INVARIANTS, "rmap-lock-balanced", padded)
    r = necessity(["rmap-lock-balanced"], designs=["override"], word_sizes=[64])
    assert [n.status for n in r.needs] == [NOT_NEEDED] and r.exit_code == 1


def test_an_invariant_refuted_anyway_is_not_proved():
    r = necessity(["ret-valid-errno"], ["mapped-returns-errno"], ["hooks"], [64])
    assert [n.status for n in r.needs] == [NOT_PROVED] and r.exit_code == 1


@pytest.mark.parametrize("kwargs,kind", [
    ({"invariants": ["nope"]}, UnknownName), ({"assumptions": ["nope"]}, UnknownName),
    ({"designs": ["nope"]}, UnknownName), ({"word_sizes": [16]}, UsageError),
    ({"timeout_ms": 0}, UsageError),
])
def test_bad_arguments(kwargs, kind):
    with pytest.raises(kind):
        necessity(**kwargs)


def test_cli_json(capsys):
    rc = main(["assumptions", "-i", "unmap-on-failure", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert rc == 0 == doc["exit_code"]
    assert [n["assumption"] for n in doc["needs"]] == ["munmap-succeeds", "vma-well-formed"]
    assert doc["needs"][0]["counterexample"]["scenario"]["inputs"]["munmap_err"] != 0


def test_cli_text_and_bad_name(capsys):
    assert main(["assumptions", "-i", "devmem-eagain"]) == 0
    out = capsys.readouterr().out
    assert "devmem-config" in out and "counterexample" in out
    assert main(["assumptions", "-a", "nope"]) == 64
    assert "unknown assumption 'nope'" in capsys.readouterr().err


def test_the_drivers_page_lists_each_driver_contract_with_its_counterexample(result):
    from verify.docs.pages import drivers_page
    page = drivers_page(result)
    driver = [a for a in ASSUMPTIONS.values() if a.party == "driver"]
    assert len(driver) == 2
    for a in driver:
        section = page.split(f"## `{a.id}`")[1].split("\n## ")[0]
        assert a.broken in section and "| call vm_ops->mapped |" in section or \
            "| call f_op->mmap_prepare |" in section
        assert f"verify assumptions -i ret-valid-errno -a {a.id}" in section
