"""Help that matches behaviour: matrix defaults, explain -i wording, make targets."""
from __future__ import annotations

import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_matrix_help_gives_the_defaults_it_uses(cli):
    rc, out, _ = cli("matrix", "--help")
    assert rc == 0
    flat = " ".join(out.split())
    assert "default: every design" in flat and "default: all of them" in flat
    assert "default: override" not in flat and "where each invariant is claimed" not in flat


def test_matrix_runs_every_design_by_default():
    from models import DESIGNS
    from verify.matrix import matrix
    r = matrix(None, ["ret-valid-errno"], ["mmu-normal"], [64], 1, 10_000)
    assert {c.obligation.design for c in r.results} == set(DESIGNS)


@pytest.mark.parametrize("design, verdict", [("override", "proved:"), ("hooks", "refuted:")])
def test_explain_invariant_says_proved_or_refuted(cli, design, verdict):
    rc, out, _ = cli("explain", "-i", "mapped-on-success", "-d", design, "-c", "mmu-normal")
    assert verdict in out
    assert "possible: there is an execution" not in out and "impossible because" not in out


def test_explain_invariant_json_has_the_verdict(cli):
    import json
    rc, out, _ = cli("explain", "-i", "mapped-on-success", "-d", "hooks", "-c", "mmu-normal",
                     "--json")
    (doc,) = json.loads(out)
    assert doc["verdict"] == "refuted" and doc["invariant"] == "mapped-on-success"


def test_vars_describes_leaked_and_uninit_call(cli):
    rc, out, _ = cli("vars")
    lines = {ln.split()[0]: ln for ln in out.splitlines() if ln.startswith("  ")}
    for name in ("leaked", "uninit_call"):
        assert ".py" not in lines[name] and len(lines[name].split()) > 6


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_make_prove_installs_only_what_proving_needs():
    prove = subprocess.run(["make", "-n", "-B", "prove"], cwd=ROOT, capture_output=True, text=True).stdout
    test = subprocess.run(["make", "-n", "-B", "test"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "[test]" not in prove and "ensure-debian-packages" not in prove
    assert "pip install -q -e ." in prove
    assert "[test]" in test and "ensure-debian-packages" in test


def test_the_debian_package_script_says_what_it_installs():
    text = (ROOT / "scripts" / "ensure-debian-packages").read_text()
    assert 'echo "installing the Debian package gcc-multilib' in text
