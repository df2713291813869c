"""The command line as a user meets it: output, JSON, exit codes, one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from verify.cli import main


def run(*args):
    p = subprocess.run([sys.executable, "-m", "verify", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def test_prove_all_in_scope_exits_zero_and_prints_table():
    rc, out, err = run("prove")
    assert rc == 0, err
    assert "unmap-on-failure" in out and "0 refuted" in out and "proved" in out


def test_prove_json_has_the_promised_fields():
    rc, out, _ = run("prove", "--json", "-i", "ret-valid-errno", "-w", "64", "-c", "nommu-normal")
    assert rc == 1
    doc = json.loads(out)
    ob = doc["obligations"][0]
    for key in ("invariant", "design", "word_size", "config", "status", "time_ms"):
        assert key in ob
    assert ob["status"] == "refuted" and ob["word_size"] == 64 and ob["config"] == "nommu-normal"
    cex = ob["counterexample"]
    assert cex["scenario"]["inputs"]["override"] > 0 and cex["steps"]


def test_counterexample_trace_shows_c_values(capsys):
    rc = main(["prove", "-d", "unlock-after-unmap", "-i", "unlock-before-unmap", "-w", "64",
               "-c", "mmu-normal"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "do_munmap" in out and "rmap_held=true" in out and "mm/mmap.c:do_munmap" in out
    assert "-ENOMEM" in out or "-EINVAL" in out


def test_list_json():
    rc, out, _ = run("list", "--json")
    assert rc == 0
    doc = json.loads(out)
    ids = [i["id"] for i in doc["invariants"]]
    assert "ret-valid-errno" in ids and all(i["statement"] for i in doc["invariants"])


@pytest.mark.parametrize("args,needle", [
    (["prove", "-i", "nope"], "unknown invariant 'nope'"),
    (["prove", "-w", "16"], "'16' is not one of"),
    (["prove", "-c", "mmu"], "unknown config 'mmu'"),
    (["prove", "-d", "hookz"], "unknown design 'hookz'"),
    (["prove", "--timeout-ms", "-5"], "--timeout-ms"),
    (["prove", "--bogus"], "No such option"),
    (["frobnicate"], "No such command"),
])
def test_bad_input_is_one_line_exit_64(args, needle):
    rc, out, err = run(*args)
    assert rc == 64
    assert needle in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_help_documents_exit_codes():
    rc, out, _ = run("--help")
    assert rc == 0 and "Exit codes" in out and "64" in out


def test_list_json_names_sequence_invariants_and_unreachable_config():
    rc, out, _ = run("list", "--json")
    doc = json.loads(out)
    assert {"failed-vma-never-mapped", "rmap-released-after-call"} <= {
        s["id"] for s in doc["sequence_invariants"]}
    assert [c["name"] for c in doc["configs"] if not c["reachable"]] == ["nommu-normal"]
