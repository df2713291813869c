"""``verify export --smt2 DIR``: standalone SMT-LIB2 files, one per query, that
give Z3's verdicts when read back from disk; one-line errors for a bad DIR."""
from __future__ import annotations

import subprocess
import sys

import pytest

from verify.backends import backend
from verify.engine import prove
from verify.results import Status


def run(*args):
    p = subprocess.run([sys.executable, "-m", "verify", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def test_export_writes_two_standalone_files_per_obligation(tmp_path):
    d = tmp_path / "smt"
    rc, out, err = run("export", "--smt2", str(d), "-i", "ret-valid-errno", "-c", "all")
    assert rc == 0, err
    files = sorted(p.name for p in d.iterdir())
    assert len(files) == 2 * 2 * 4          # (proof, vacuity) x 2 word sizes x 4 configs
    assert "ret-valid-errno__override__64bit__nommu-normal.smt2" in files
    assert "ret-valid-errno__override__32bit__mmu-compat__vacuity.smt2" in files
    for name in files:
        text = (d / name).read_text()
        assert "(set-logic QF_BV)" in text and text.rstrip().endswith("(check-sat)")
        assert ("unsat: the invariant holds" in text) != name.endswith("__vacuity.smt2")
    assert "wrote 16 SMT-LIB2 files" in out


@pytest.mark.parametrize("design", ["override", "hooks"])
def test_a_script_is_what_a_solver_holding_its_assertions_prints(design):
    """The text is made without a solver; it is, line for line, what ``Solver.to_smt2``
    prints for one holding the model's definitions and the query, in that order."""
    import z3
    from models.config import CONFIGS
    from proofs import INVARIANTS
    from verify import catalog
    from verify.backends.smtlib import prepared, scripts, standard
    from verify.engine import Session
    session = Session(catalog.design(design), 32)
    inv, config = INVARIANTS["unmap-on-failure"], CONFIGS["mmu-normal"]
    defs, memo = prepared(session)
    q = session.queries(inv, config)
    for script, query in zip(scripts(session, inv, config), (q.vacuity, q.refutation)):
        s = z3.SolverFor("QF_BV")
        s.add(*defs, *[standard(c, memo) for c in query])
        body = [ln for ln in s.to_smt2().splitlines() if not ln.startswith("; benchmark")]
        assert script.text.splitlines()[-len(body):] == body


def test_exported_files_read_from_disk_give_z3s_verdicts(tmp_path):
    rc, _, err = run("export", "--smt2", str(tmp_path), "-i", "ret-valid-errno",
                     "-i", "unmap-on-failure", "-c", "all", "-w", "32")
    assert rc == 0, err
    z3_suite = prove(["ret-valid-errno", "unmap-on-failure"], word_sizes=[32], configs=["all"])
    z3text = backend("z3")
    verdicts = {Status.PROVED: "unsat", Status.REFUTED: "sat"}
    for r in z3_suite.results:
        ob = r.obligation
        stem = f"{ob.invariant}__{ob.design}__{ob.word_size}bit__{ob.config}"
        assert z3text.check((tmp_path / f"{stem}.smt2").read_text(), 10_000).status == \
            verdicts[r.status]
        assert z3text.check((tmp_path / f"{stem}__vacuity.smt2").read_text(), 10_000).status == "sat"
    assert {r.status for r in z3_suite.results} == {Status.PROVED, Status.REFUTED}


@pytest.mark.parametrize("make,expect", [
    (lambda p: (p / "f.smt2").write_text("x") and p / "f.smt2", "is a file, not a directory"),
    (lambda p: p / "missing" / "deeper", "does not exist"),
], ids=["dir-is-a-file", "parent-missing"])
def test_bad_directory_is_a_one_line_usage_error(tmp_path, make, expect):
    rc, out, err = run("export", "--smt2", str(make(tmp_path)))
    assert rc == 64 and expect in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unknown_invariant_fails_before_creating_the_directory(tmp_path):
    rc, _, err = run("export", "--smt2", str(tmp_path / "out"), "-i", "no-such")
    assert rc == 64 and "unknown invariant 'no-such'" in err
    assert not (tmp_path / "out").exists()


def test_smt2_option_is_required():
    rc, _, err = run("export")
    assert rc == 64 and "--smt2" in err
