"""`verify replay FILE [--json] [--emit-test PATH]`."""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys



ROOT = pathlib.Path(__file__).resolve().parents[1]
DEVMEM = ROOT / "examples" / "devmem-remap-failure.json"


def test_replay_text_shows_trace_outcome_and_expectations(cli):
    rc, out, err = cli("replay", str(DEVMEM))
    assert rc == 0, err
    assert "remap_pfn_range_complete" in out and "ret=-ENOMEM" in out
    assert "returned -EAGAIN (-11)" in out and "unmapped 4 pages" in out
    assert "expectations met" in out


def test_replay_json_outcome(cli):
    rc, out, _ = cli("replay", "--json", str(DEVMEM))
    doc = json.loads(out)
    o = doc["outcome"]
    assert rc == 0
    assert o["returned"] == -11 and o["vma_mapped"] is False and o["unmapped_len_pages"] == 4
    assert o["warnings"] == [] and doc["steps"] and doc["expectations"]["met"] is True


def test_unmet_expectation_exits_one(tmp_path, cli):
    doc = json.loads(DEVMEM.read_text())
    doc["expect"]["returned"] = "-ENOMEM"
    f = tmp_path / "s.json"
    f.write_text(json.dumps(doc))
    rc, out, _ = cli("replay", str(f))
    assert rc == 1 and "NOT met" in out and "returned: expected -12, saw -11" in out


def test_malformed_scenario_exits_64(tmp_path, cli):
    f = tmp_path / "s.json"
    f.write_text("{not json")
    rc, _, err = cli("replay", str(f))
    assert rc == 64 and "not valid JSON" in err and len(err.strip().splitlines()) == 1


def test_emit_test_writes_a_passing_regression(tmp_path, cli):
    target = tmp_path / "test_devmem.py"
    rc, out, err = cli("replay", str(DEVMEM), "--emit-test", str(target))
    assert rc == 0, err
    assert f"wrote {target}" in out
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(target)],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0 and "1 passed" in p.stdout


def test_a_scenario_in_the_unreachable_configuration_is_labelled_latent(cli):
    rc, out, _ = cli("replay", str(ROOT / "examples" / "nommu-positive-override.toml"))
    assert rc == 0 and "nommu-normal is not reachable in the kernel" in out
    rc, out, _ = cli("replay", "--json", str(ROOT / "examples" / "nommu-positive-override.toml"))
    doc = json.loads(out)
    assert doc["config"] == "nommu-normal" and doc["reachable"] is False
    rc, out, _ = cli("replay", "--json", str(ROOT / "examples" / "compat-raw-error.json"))
    doc = json.loads(out)
    assert rc == 0 and doc["reachable"] is True and doc["config"].endswith("compat")
