"""A counterexample says which conjunct of the invariant fails and shows the fields the
formula reads; other solvers' counterexamples are simplified like Z3's; saved scenarios
write values as C does."""
from __future__ import annotations

import json

import pytest

from verify.conjuncts import split_top, unparen


def test_split_top_respects_parentheses():
    assert split_top("a && (b && c) && d", "&&") == ["a", "b && c", "d"]
    assert unparen("((a -> b))") == "a -> b" and unparen("(a) && (b)") == "(a) && (b)"


def test_check_accepts_exactly_valid_on_hooks_names_check_ran_and_check_ret(cli):
    rc, out, _ = cli("prove", "-d", "hooks", "-i", "check-accepts-exactly-valid", "-w", "64",
                     "-c", "mmu-normal")
    flat = " ".join(out.split())
    assert rc == 1
    assert "fails: check_ran" in flat
    assert "check_ran=false" in flat and "check_ret=" in flat


def test_the_failing_conjuncts_are_false_and_listed_in_json(cli):
    rc, out, _ = cli("prove", "-d", "hooks", "-i", "mapped-on-success", "-w", "64", "-c",
                     "mmu-normal", "--json")
    (ob,) = json.loads(out)["obligations"]
    assert ob["fails"] == ["vma_mapped", "!unmapped"]
    assert ob["reads"]["vma_mapped"] == "false" and ob["reads"]["unmapped"] == "true"


def test_a_proved_obligation_has_no_failing_part(cli):
    rc, out, _ = cli("prove", "-i", "mapped-on-success", "-w", "64", "-c", "mmu-normal", "--json")
    (ob,) = json.loads(out)["obligations"]
    assert ob["status"] == "proved" and "fails" not in ob


@pytest.mark.parametrize("solver", ["cvc5", "bitwuzla"])
def test_other_solvers_counterexamples_are_simplified_like_z3s(cli, solver):
    pytest.importorskip(solver)
    args = ["prove", "-d", "hooks", "-i", "mapped-on-success", "-w", "64", "-c", "mmu-normal",
            "--json"]
    _, z3_out, _ = cli(*args)
    rc, other, err = cli(*args, "--solver", solver)
    assert rc == 1, err
    z3_cex = json.loads(z3_out)["obligations"][0]["counterexample"]
    cex = json.loads(other)["obligations"][0]["counterexample"]
    assert cex["scenario"]["inputs"] == z3_cex["scenario"]["inputs"]


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_saved_scenarios_write_values_as_c_does(cli, tmp_path, suffix):
    p = tmp_path / f"w{suffix}"
    rc, _, err = cli("query", "ret == -ENOMEM and unmapped", "--save", str(p))
    assert rc == 0, err
    text = p.read_text()
    assert "MMAP_NOTHING" in text and "0x10000" in text and '"-ENOMEM"' in text
    rc, out, err = cli("replay", str(p))
    assert rc == 0 and "expectations met" in out, err
