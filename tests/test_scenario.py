"""Scenario files: reading, validation with one-line errors, replay, emitted tests."""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

from verify.errors import InputFileError, UsageError
from verify.scenario import EXPECT_KEYS, from_doc, run
from verify.scenario_file import emit_test, load

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.*"))


def base(**inputs):
    doc = {"design": "override", "word_size": 64, "inputs": {
        "mmu": True, "compat": False, "prepare_err": 0, "type": 1, "override": -11,
        "hide": False, "action_prepare_err": 0, "merged": False, "complete_err": -12,
        "mapped_err": 0, "vm_start": 0x10000, "vm_end": 0x14000}}
    doc["inputs"].update(inputs)
    return doc


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_replay_and_meet_their_expectations(path):
    r = run(load(path))
    assert r.scenario.expect and r.mismatches == ()
    assert r.trace.steps and r.outcome["returned"] == r.trace.outcome["ret"]


def test_symbolic_values_read_like_c():
    s = from_doc(base(type="MMAP_REMAP_PFN", override="-EAGAIN", vm_end="0x14000"))
    assert s.inputs["type"] == 1 and s.inputs["override"] == -11 and s.inputs["vm_end"] == 0x14000
    assert from_doc(base(override="-013")).inputs["override"] == -11       # octal, as in C
    assert from_doc(base(path="compat", compat=True)).inputs["compat"] is True


def test_outcome_has_the_promised_fields():
    r = run(from_doc(base()))
    o = r.outcome
    assert o["returned"] == -11 and o["returned_c"] == "-EAGAIN"
    assert o["vma_mapped"] is False and o["unmapped_len_pages"] == 4 and o["warnings"] == []
    assert set(EXPECT_KEYS) <= set(o)
    assert r.to_dict()["steps"]


def test_a_wrong_expectation_is_reported():
    doc = base()
    doc["expect"] = {"returned": "-ENOMEM", "unmapped": True}
    r = run(from_doc(doc))
    assert r.mismatches == (("returned", -12, -11),) and r.exit_code == 1


@pytest.mark.parametrize("change,needle", [
    (lambda d: d["inputs"].pop("mmu"), "does not set input 'mmu'"),
    (lambda d: d["inputs"].update(overide=0), "unknown input 'overide'; did you mean 'override'"),
    (lambda d: d["inputs"].update(override=1 << 31), "out of range for int"),
    (lambda d: d["inputs"].update(vm_end=-1), "out of range for unsigned long"),
    (lambda d: d["inputs"].update(override="-EAGIAN"), "did you mean 'EAGAIN'"),
    (lambda d: d["inputs"].update(mmu="yes"), "must be true or false"),
    (lambda d: d["inputs"].update(prepare_err="-08"), "invalid digit '8' in octal constant 08"),
    (lambda d: d["inputs"].update(path="sideways"), "path must be"),
    (lambda d: d["inputs"].update(path="compat"), "contradicts compat"),
    (lambda d: d.update(word_size=16), "word_size must be 32 or 64"),
    (lambda d: d.update(design="hookz"), "unknown design 'hookz'"),
    (lambda d: d.update(desing="x"), "unknown key 'desing'"),
    (lambda d: d.pop("inputs"), "has no 'inputs'"),
    (lambda d: d.update(expect={"retruned": 0}), "unknown expect key 'retruned'"),
    (lambda d: d.update(format="other/9"), "format"),
    (lambda d: d["inputs"].update(error_hook_ret=1), "does not read input 'error_hook_ret'"),
], ids=["missing-input", "unknown-input", "int-range", "ulong-range", "errno-typo", "bool-type", "octal-digit",
        "bad-path", "path-vs-compat", "word-size", "unknown-design", "unknown-key", "no-inputs",
        "expect-key", "format", "unread-input"])
def test_bad_scenarios_are_one_line_usage_errors(change, needle):
    doc = base()
    change(doc)
    with pytest.raises(UsageError) as e:
        from_doc(doc, "s.json")
    assert needle in str(e.value) and "\n" not in str(e.value) and str(e.value).startswith("s.json")


def test_missing_file_and_malformed_json(tmp_path):
    with pytest.raises(InputFileError, match="does not exist"):
        load(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"design": "override",\n "word_size": 64,,}')
    with pytest.raises(UsageError, match=r"bad.json:2:\d+: not valid JSON"):
        load(bad)
    toml = tmp_path / "bad.toml"
    toml.write_text("design = \n")
    with pytest.raises(UsageError, match="not valid TOML"):
        load(toml)


def test_emitted_test_passes_now_and_fails_when_the_outcome_changes(tmp_path):
    src = ROOT / "examples" / "devmem-remap-failure.json"
    test = emit_test(run(load(src)), tmp_path, str(src))
    assert test.name == "test_devmem_remap_failure.py"
    code = test.read_text()
    assert "def test_devmem_remap_failure" in code and "EXPECTED" in code
    ok = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
                        capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # Tamper with the recorded outcome: the regression test must catch it.
    test.write_text(code.replace("'returned': -11", "'returned': -12"))
    bad = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 1 and "returned" in bad.stdout


def test_emit_test_refuses_a_non_python_path(tmp_path):
    with pytest.raises(UsageError, match=".py file or a directory"):
        emit_test(run(from_doc(base())), tmp_path / "x.txt", "s.json")


def test_saved_witness_round_trips(tmp_path):
    from verify.scenario import document
    from verify.scenario_file import save
    r = run(from_doc(base()))
    p = save(tmp_path / "w.json", document(r.trace, "round trip"))
    again = run(load(p))
    assert again.mismatches == () and again.outcome == r.outcome
    assert json.loads(p.read_text())["description"] == "round trip"
