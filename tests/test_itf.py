"""ITF export: the shape Apalache and Quint write, and a faithful round trip."""
from __future__ import annotations

import json

import pytest

from proofs.sequences import SEQ_INVARIANTS, system
from verify import catalog, itf
from verify.bmc import bmc
from verify.errors import OutputFileError


@pytest.fixture(scope="module")
def cex():
    (r,) = bmc(system(catalog.design("override"), 64, "mmu", "abort-reattaches"),
               [SEQ_INVARIANTS["prepare-failure-maps-nothing"].prop()], 3)
    return r.trace


def test_document_has_meta_vars_and_indexed_states(cex):
    doc = itf.to_itf(cex, meta={"design": "override"})
    assert doc["#meta"]["format"] == "ITF" and doc["#meta"]["design"] == "override"
    assert doc["#meta"]["format-description"].startswith("https://apalache")
    assert doc["vars"][:5] == ["mapped", "failed", "hidden", "rmap_held", "last_ret"]
    assert [s["#meta"]["index"] for s in doc["states"]] == list(range(len(cex.states)))
    for state in doc["states"]:
        assert set(doc["vars"]) <= set(state)
    json.loads(json.dumps(doc))                         # plain JSON


def test_values_are_encoded_as_itf(cex):
    doc = itf.to_itf(cex)
    s1 = doc["states"][1]
    assert "#set" in s1["mapped"] and all("#bigint" in p for p in s1["mapped"]["#set"])
    assert isinstance(s1["rmap_held"], bool) and "#bigint" in s1["last_ret"]
    assert doc["states"][0][itf.ACTION] == "init"
    assert s1[itf.ACTION] == cex.steps[0].action
    assert s1[itf.PICKS]["start"] == {"#bigint": str(cex.steps[0].params["start"])}
    assert s1["#meta"]["changed"] == list(cex.steps[0].changed)


def test_round_trip(cex):
    states = itf.states_of(itf.to_itf(cex))
    for decoded, original in zip(states, cex.states):
        for name, value in original.items():
            assert decoded[name] == value


@pytest.mark.parametrize("value,encoded", [
    (-12, {"#bigint": "-12"}), (True, True), ("mmap", "mmap"),
    (frozenset({2, 1}), {"#set": [{"#bigint": "1"}, {"#bigint": "2"}]}),
    ({"a": 1}, {"a": {"#bigint": "1"}}),
], ids=["negative-int", "bool", "string", "set", "record"])
def test_encode_decode(value, encoded):
    assert itf.encode(value) == encoded
    assert itf.decode(encoded) == value


def test_unwritable_paths_are_refused_before_solving(tmp_path):
    with pytest.raises(OutputFileError, match="does not exist"):
        itf.check_writable(str(tmp_path / "no" / "such" / "t.json"))
    with pytest.raises(OutputFileError, match="is a directory"):
        itf.check_writable(str(tmp_path))
    itf.check_writable(str(tmp_path / "ok.json"))      # writable: no error
