"""`verify source --against` and `--identify` on the fixture trees (tests/trees/)."""
from __future__ import annotations

import json
import pathlib

import pytest

from mutant_trees import cached, mutant_trees
from tests.test_equivalence import expected_class

TREES = pathlib.Path(__file__).parent / "trees"
DESIGN_TREES = sorted(p.name for p in TREES.iterdir() if (p / "mm" / "util.c").is_file())


def tree(name: str) -> str:
    return str(TREES / name)


@pytest.mark.parametrize("name", DESIGN_TREES)
def test_each_fixture_tree_is_identified_as_its_design_and_no_other(cli, name):
    rc, out, err = cli("source", "--tree", tree(name), "--identify", "--json")
    assert rc == 0, err
    doc = json.loads(out)
    assert set(doc["equivalent"]) == expected_class(name)
    assert doc["design"] == f"source:{tree(name)}"
    assert "read mm/util.c" in err          # what was read goes to stderr in JSON mode


def test_identify_text_names_the_version(cli):
    rc, out, _ = cli("source", "--tree", tree("override"), "--identify")
    assert rc == 0
    assert "this tree is override, error-filter, v-override" in out


def test_against_its_own_design_is_equal(cli):
    rc, out, _ = cli("source", "--tree", tree("override"), "--against", "override")
    assert rc == 0
    assert "against override: equal" in out


def test_against_another_design_prints_a_replayable_scenario(cli, tmp_path):
    rc, out, _ = cli("source", "--tree", tree("override"), "--against", "zero-extend", "--json")
    assert rc == 1
    doc = json.loads(out)
    first = doc["first_difference"]
    assert {(c["word_size"], c["config"]) for c in doc["cells"] if c["status"] == "differ"} == \
        {(64, "mmu-normal"), (64, "mmu-compat")}
    assert first["fields"]["ret"] == {"a": "0", "b": "-EINVAL"}
    path = tmp_path / "first.json"
    path.write_text(json.dumps(first["scenario"]))
    rc, out, _ = cli("replay", str(path), "--json")
    assert rc == 0                                       # the tree's outcome, as `expect` says
    assert json.loads(out)["outcome"]["returned"] == 0
    rc, out, _ = cli("source", "--tree", tree("override"), "--against", "zero-extend")
    assert rc == 1 and '"format": "mmap-action-scenario/1"' in out


def test_against_narrowed_to_a_word_size_and_configuration(cli):
    rc, out, _ = cli("source", "--tree", tree("override"), "--against", "zero-extend",
                     "-w", "32", "-c", "mmu-normal", "--json")
    assert rc == 0                       # 32-bit: no widening happens
    assert [(c["word_size"], c["config"]) for c in json.loads(out)["cells"]] == [(32, "mmu-normal")]


@pytest.mark.parametrize("args, says", [
    (("--against", "override", "--identify"), "two different questions"),
    (("--against", "override", "-i", "ret-valid-errno"), "--invariant does not apply"),
    (("--identify", "-c", "mmu-normal"), "--config does not apply"),
    (("--against", "nosuch"), "nosuch"),
])
def test_bad_usage_is_one_line_and_64(cli, args, says):
    rc, out, err = cli("source", "--tree", tree("override"), *args)
    assert rc == 64 and says in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", ["ktap", "junit", "sarif"])
def test_ci_formats_carry_the_verdict(cli, fmt):
    rc, out, _ = cli("source", "--tree", tree("override"), "--against", "hooks", "--format", fmt)
    assert rc == 1 and out.strip()


MUTANTS = mutant_trees()
# The one mutant tree that is not its model mutant: the patch stops io_remap_pfn_range_prepare
# delegating, while simple_ioremap_prepare (a callee outside the files read) still delegates;
# the model mutant `not-delegated` stops both.
NOT_THE_MODEL_MUTANT = {"not-delegated"}


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_every_mutant_tree_is_told_apart_from_its_base(cli, name):
    m = MUTANTS[name]
    tree = cached(name)
    rc, out, _ = cli("source", "--tree", str(tree), "--against", m.base, "--json")
    doc = json.loads(out)
    assert rc == 1 and doc["status"] == "differ"
    assert doc["first_difference"]["fields"] and doc["first_difference"]["scenario"]["inputs"]
    if m.model is not None:              # None: a C-only mutant with no model counterpart
        rc, out, _ = cli("source", "--tree", str(tree), "--against", m.model, "--json")
        assert (rc == 0) == (name not in NOT_THE_MODEL_MUTANT), json.loads(out)
