"""`verify query`, `verify vars`, `verify explain` as a user meets them."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from models import DESIGNS
from verify.cli import main


def subprocess_run(*args):
    p = subprocess.run([sys.executable, "-m", "verify", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def test_query_prints_the_witness_as_a_trace(capsys):
    rc = main(["query", "type == MMAP_REMAP_PFN and override == -EAGAIN and complete_err == -ENOMEM "
               "and path == normal and mmu and prepare_err == 0"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "witness: ret=-EAGAIN" in out and "remap_pfn_range_complete" in out
    munmap = next(r for r in DESIGNS["override"].rules() if r.name == "do_munmap")
    assert "ret=-ENOMEM" in out and "do_munmap" in out and f"[{munmap.cite}]" in out


def test_impossible_query_exits_zero_and_says_so(capsys):
    rc = main(["query", "unmapped and ret == 0"])
    out = capsys.readouterr().out
    assert rc == 0 and "impossible" in out and "verify explain" in out


def test_query_json_witnesses_are_scenarios_that_replay(tmp_path, cli):
    rc, out, err = cli("query", "--json", "--all", "3", "-d", "hooks", "ret > 0")
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["answer"] == "witness" and len(doc["witnesses"]) == 3
    for i, w in enumerate(doc["witnesses"]):
        assert w["design"] == "hooks" and w["expect"]["returned"] > 0
        f = tmp_path / f"w{i}.json"
        f.write_text(json.dumps(w))
        rc, rout, rerr = cli("replay", "--json", str(f))
        assert rc == 0, rerr
        assert json.loads(rout)["outcome"]["returned"] == w["expect"]["returned"]


def test_query_json_impossible(cli):
    rc, out, _ = cli("query", "--json", "-w", "32", "-c", "mmu-normal", "ret > 0")
    doc = json.loads(out)
    assert rc == 0 and doc["answer"] == "impossible" and doc["witnesses"] == []
    assert doc["word_size"] == 32 and doc["config"] == "mmu-normal"


def test_query_save_writes_scenarios(tmp_path, capsys):
    f = tmp_path / "w.json"
    assert main(["query", "ret == -EINVAL", "--all", "2", "--save", str(f)]) == 0
    assert f.exists() and (tmp_path / "w-2.json").exists()
    assert main(["replay", str(f)]) == 0


@pytest.mark.parametrize("args,code,needle", [
    (["query", "ret == = 0"], 64, "column 8"),
    (["query", "retn == 0"], 64, "did you mean 'ret'"),
    (["query", "ret == user_ret"], 64, "(unsigned long)ret"),
    (["query", "ret == 0", "-d", "hookz"], 64, "unknown design"),
    (["query", "ret == 0", "-c", "mmu"], 64, "unknown config"),
    (["query", "ret == 0", "-a", "sane"], 64, "unknown assumption"),
    (["query", "ret == 0", "--all", "0"], 64, "--all"),
    (["explain"], 64, "give either a query"),
    (["explain", "ret == 0", "-i", "ret-valid-errno"], 64, "not both"),
    (["explain", "-i", "nope"], 64, "unknown invariant"),
    (["explain", "ret =="], 64, "ends too early"),
    (["replay", "/nonexistent/s.json"], 66, "does not exist"),
], ids=["syntax", "unknown-name", "mixed-sorts", "design", "config", "assumption", "count",
        "explain-nothing", "explain-both", "explain-invariant", "explain-syntax", "replay-missing"])
def test_bad_input_is_one_line_with_the_right_exit_code(args, code, needle, cli):
    rc, out, err = cli(*args)
    assert rc == code, (out, err)
    assert needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_explain_names_rules_with_kernel_sources(capsys):
    rc = main(["explain", "unmapped and ret == 0"])
    out = capsys.readouterr().out
    assert rc == 0 and "mm/util.c:mmap_action_finish" in out and "apply_override" in out


def test_explain_a_possible_query_exits_one(capsys):
    assert main(["explain", "ret == -EAGAIN"]) == 1
    assert "possible" in capsys.readouterr().out


def test_explain_invariant_json(cli):
    rc, out, _ = cli("explain", "--json", "-i", "unlock-before-unmap", "-c", "mmu-normal")
    assert rc == 0
    (doc,) = json.loads(out)
    assert doc["status"] == "impossible"
    assert {r["rule"] for r in doc["rules"]} == {"maybe_rmap_unlock_action", "do_munmap"}
    assert all(r["kernel"] and "verified" in r for r in doc["rules"])


def test_explain_invariant_refuted_outside_its_scope_exits_one(cli):
    rc, _, _ = cli("explain", "-i", "ret-valid-errno", "-c", "nommu-normal")
    assert rc == 1


def test_vars_lists_names_types_and_constants(cli):
    rc, out, _ = cli("vars", "--json", "-d", "hooks")
    doc = json.loads(out)
    by = {v["name"]: v for v in doc["variables"]}
    assert rc == 0 and by["ret"]["type"] == "int" and by["user_ret"]["type"] == "ulong"
    assert by["error_hook_ret"]["from"] == "input" and by["path"]["type"] == "path"
    assert doc["constants"]["errno"]["EAGAIN"] == 11
    assert "MMAP_REMAP_PFN" in doc["constants"]["action types"]
    rc, out, _ = cli("vars")
    assert "error_hook_ret" not in out and "warned_check_mmap_action" in out


def test_the_console_entry_point_reports_errors_the_same_way():
    rc, out, err = subprocess_run("query", "ret == = 0")
    assert rc == 64 and "column 8" in err and len(err.strip().splitlines()) == 1


HARD = ("vm_start * vm_end == 0xC0FFEE1B0B7A3D45 and vm_start u> 1 and vm_end u> 1 "
        "and vm_start u< 0x100000000 and vm_end u< 0x100000000")


def test_a_timeout_answers_unknown_exit_2_and_is_not_kept(cli):
    rc, out, _ = cli("query", "--json", "--timeout-ms", "1", "-a", "none", HARD)
    doc = json.loads(out)
    assert rc == 2 and doc["answer"] == "unknown" and doc["reason"]
    rc, out, _ = cli("explain", "--timeout-ms", "1", "-a", "none", HARD)
    assert rc == 2 and "unknown" in out
    # The shared model is left with its normal time limit.
    rc, out, _ = cli("query", "--json", "unmapped and ret == 0")
    assert rc == 0 and json.loads(out)["answer"] == "impossible"


def test_the_default_context_is_the_reachable_configurations(cli):
    rc, out, _ = cli("query", "ret > 0")
    assert rc == 0 and "any reachable (mmu-normal, mmu-compat, nommu-compat)" in " ".join(out.split())
    assert "impossible" in out
    rc, out, _ = cli("query", "--json", "-c", "nommu-normal", "ret > 0")
    doc = json.loads(out)
    assert rc == 0 and doc["answer"] == "witness" and doc["config"] == "nommu-normal"
