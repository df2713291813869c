"""``verify check-seq`` as a user meets it: tables, traces, ITF files, exit codes, errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from verify.cli import main
from verify.commands.check_seq_cmd import check_seq
from verify.transition import SeqStatus


def run(*args):
    p = subprocess.run([sys.executable, "-m", "verify", "check-seq", *args], capture_output=True,
                       text=True)
    return p.returncode, p.stdout, p.stderr


def test_bounded_run_says_it_is_bounded(capsys):
    rc = main(["check-seq", "-w", "64", "-k", "2"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "bounded" in out and "bounded proof" in out and "--induction" in out
    assert "refuted" not in out


def test_induction_reports_the_k(capsys):
    rc = main(["check-seq", "-w", "32", "--induction", "-k", "3", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert rc == 0 and doc["exit_code"] == 0
    assert {r["status"] for r in doc["results"]} == {"proved"}
    assert {r["method"] for r in doc["results"]} == {"k-induction"}
    assert all(r["depth"] >= 1 and r["witness"]["steps"] for r in doc["results"])


def test_hooks_counterexample_trace_and_itf_file(tmp_path, capsys):
    out_file = tmp_path / "cex.itf.json"
    rc = main(["check-seq", "-d", "hooks", "-w", "64", "-c", "mmu", "-k", "3",
               "-i", "reported-success-is-mapped", "--trace-out", str(out_file)])
    out = capsys.readouterr().out
    assert rc == 1
    assert "step 1: mmap" in out and "ret=0" in out and "action->error_hook" in out
    assert f"written to {out_file}" in out
    doc = json.loads(out_file.read_text())
    assert doc["#meta"]["format"] == "ITF" and doc["#meta"]["design"] == "hooks"
    assert doc["states"][-1]["mbt::actionTaken"].startswith("mmap")


def test_changed_variables_are_marked(capsys):
    rc = main(["check-seq", "--space", "abort-reattaches", "-w", "32", "-c", "mmu",
               "-i", "prepare-failure-maps-nothing", "-k", "3"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "*mapped=[0x10000," in out and "*last_ret=" in out


def test_no_counterexample_writes_no_file(tmp_path, capsys):
    out_file = tmp_path / "none.json"
    assert main(["check-seq", "-w", "32", "-k", "2", "--trace-out", str(out_file)]) == 0
    assert not out_file.exists() and "not written" in capsys.readouterr().out


def test_too_short_to_meet_the_situation_is_vacuous_not_a_pass(capsys):
    """The window starts empty: a failure over old mappings needs two calls."""
    rc = main(["check-seq", "-w", "32", "-c", "mmu", "-k", "1", "-i", "prepare-failure-maps-nothing"])
    out = capsys.readouterr().out
    assert rc == 2 and "vacuous" in out and "never happens within 1 steps" in out


def test_outside_scope_is_run_on_request():
    """A normal-path invariant asked for on CONFIG_MMU=n runs, out of scope, and is vacuous:
    without an MMU there is no normal mmap() path, so its situation never arises."""
    results = check_seq(["complete-failure-leaves-hole"], ["override"], word_sizes=[64],
                        configs=["nommu"], depth=2)
    (r,) = results
    assert r.status is SeqStatus.VACUOUS and r.context["in_scope"] is False


@pytest.mark.parametrize("args,needle,code", [
    (["-i", "nope"], "unknown sequence invariant 'nope'", 64),
    (["-d", "hookz"], "unknown design 'hookz'", 64),
    (["--space", "kernal"], "unknown address-space variant 'kernal'", 64),
    (["-c", "mmu-normal"], "unknown sequence config 'mmu-normal'", 64),
    (["-k", "0"], "depth 0 is out of range", 64),
    (["-k", "x"], "'x' is not a valid integer", 64),
    (["--trace-out", "/no/such/dir/t.json"], "directory '/no/such/dir' does not exist", 74),
    (["--trace-out", "/tmp"], "is a directory", 74),
], ids=["invariant", "design", "space", "config", "depth-0", "depth-nan", "trace-dir-missing",
        "trace-is-dir"])
def test_bad_input_is_one_line_and_an_exit_code(args, needle, code):
    rc, out, err = run(*args)
    assert rc == code
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_help_documents_bounded_and_exit_codes():
    rc, out, _ = run("--help")
    assert rc == 0
    assert "bounded" in out and "k-induction did not close" in out and "--trace-out" in out


def test_timeout_exits_2(capsys):
    rc = main(["check-seq", "-w", "64", "-c", "mmu", "-k", "2", "--timeout-ms", "1"])
    out = capsys.readouterr().out
    assert rc == 2 and "unknown" in out and "timeout" in out
