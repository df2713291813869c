"""A replayed scenario that breaks the proofs' assumptions says which one."""
from __future__ import annotations

import json
import pathlib

import pytest

EXAMPLE = pathlib.Path(__file__).parent.parent / "examples" / "compat-raw-error.json"


def scenario(tmp_path, **inputs) -> str:
    doc = json.loads(EXAMPLE.read_text())
    doc["inputs"].update(inputs)
    doc.pop("expect", None)
    p = tmp_path / "s.json"
    p.write_text(json.dumps(doc))
    return str(p)


@pytest.mark.parametrize("inputs, broken", [
    ({"vm_start": "0x20000", "vm_end": "0x10000"}, "vma-well-formed"),
    ({"vm_start": "0x10001"}, "vma-well-formed"),
    ({"vm_start": "0x10000", "vm_end": "0x10000"}, "vma-well-formed"),
    ({"prepare_err": 5}, "mmap-prepare-returns-errno"),
    ({"mapped_err": -5000}, "mapped-returns-errno"),
])
def test_breaking_scenarios_warn_naming_the_assumption(cli, tmp_path, inputs, broken):
    path = scenario(tmp_path, **inputs)
    rc, out, err = cli("replay", path)
    assert rc == 0, err
    assert f"warning: the inputs break the proofs' assumption {broken}" in out
    rc, out, _ = cli("replay", path, "--json")
    assert [a["id"] for a in json.loads(out)["broken_assumptions"]] == [broken]


def test_a_scenario_within_the_assumptions_does_not_warn(cli):
    rc, out, _ = cli("replay", str(EXAMPLE))
    assert rc == 0 and "break the proofs' assumption" not in out
    rc, out, _ = cli("replay", str(EXAMPLE), "--json")
    assert json.loads(out)["broken_assumptions"] == []
