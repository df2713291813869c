"""The design x invariant x configuration x word matrix (``verify matrix``)."""
from __future__ import annotations

import json

import pytest

from models import DESIGNS
from models.config import CONFIGS
from proofs import INVARIANTS
from verify.errors import UnknownName, UsageError
from verify.matrix import Group, matrix, solve
from verify.cli import main
from verify.results import Status


# The designs of issue 3; the history versions have tests of their own.
DESIGNS_HERE = ("override", "error-filter", "hooks", "hooks-2025")


@pytest.fixture(scope="module")
def full():
    return matrix(designs=DESIGNS_HERE)


def test_default_matrix_covers_every_registered_design():
    r = matrix(invariants=["no-unmap-detached"], word_sizes=[32], configs=["mmu-compat"])
    assert set(r.designs) == set(DESIGNS)


def test_full_matrix_covers_every_cell_with_a_verdict(full):
    assert set(full.invariants) == set(INVARIANTS)
    assert len(full.results) == len(DESIGNS_HERE) * len(INVARIANTS) * len(CONFIGS) * 2
    assert full.count(Status.UNKNOWN) == full.count(Status.VACUOUS) == 0
    assert full.exit_code == 0


@pytest.mark.parametrize("design", ["override", "error-filter"])
def test_current_designs_prove_every_invariant_in_scope(full, design):
    for inv in full.invariants:
        for c in INVARIANTS[inv].scope:
            for w in full.words:
                assert full.status(design, inv, c, w) is Status.PROVED, (inv, c, w)


def test_error_filter_has_the_same_matrix_as_override(full):
    for inv in full.invariants:
        for c in full.configs:
            for w in full.words:
                assert full.status("error-filter", inv, c, w) is full.status("override", inv, c, w)


@pytest.mark.parametrize("inv,configs", [
    ("ret-valid-errno", ("mmu-normal", "mmu-compat", "nommu-compat")),
    ("mapped-on-success", ("mmu-normal", "nommu-normal")),
])
@pytest.mark.parametrize("design", ["hooks", "hooks-2025"])
def test_hook_designs_refute_what_the_issue_expects(full, design, inv, configs):
    for c in configs:
        for w in full.words:
            assert full.status(design, inv, c, w) is Status.REFUTED, (c, w)


@pytest.mark.parametrize("design,want", [("hooks", Status.PROVED), ("hooks-2025", Status.REFUTED)])
def test_only_the_first_ordering_leaves_a_failed_vma_mapped(full, design, want):
    """unmap-on-failure says one thing: hooks-2025 returns a success hook's error with the
    VMA mapped (B5); hooks unmaps on every error."""
    for w in full.words:
        assert full.status(design, "unmap-on-failure", "mmu-normal", w) is want, w


@pytest.mark.parametrize("inv,refuted_on", [
    ("unlock-before-unmap", {"mmu-normal", "nommu-normal"}),
    ("no-unmap-detached", {"mmu-compat", "nommu-compat"}),
    ("rmap-lock-balanced", set()),
])
def test_hooks_2025_bugs_are_where_the_fixes_say(full, inv, refuted_on):
    for c in full.configs:
        for w in full.words:
            want = Status.REFUTED if c in refuted_on else Status.PROVED
            assert full.status("hooks-2025", inv, c, w) is want, (c, w)


def test_parallel_and_serial_runs_agree():
    groups = [Group(d, 32, (("unmap-on-failure", tuple(CONFIGS)), ("ret-valid-errno", ("mmu-normal",))))
              for d in ("hooks", "override", "hooks-2025")]
    serial, one = solve(groups, jobs=1)
    parallel, two = solve(groups, jobs=2)
    assert (one, two) == (1, 2)
    assert [[(r.obligation, r.status) for r in g] for g in serial] == \
        [[(r.obligation, r.status) for r in g] for g in parallel]


def test_traces_give_one_counterexample_per_refuted_design_invariant():
    r = matrix(designs=["hooks"], invariants=["ret-valid-errno", "no-unmap-detached"],
               word_sizes=[64], traces=True)
    assert [c.obligation.invariant for c in r.counterexamples] == ["ret-valid-errno"]
    cex = r.counterexamples[0].counterexample
    assert cex.design == "hooks" and cex.steps[-1].label == "mmap returns"


def test_json_document(capsys):
    rc = main(["matrix", "--json", "-d", "hooks", "-i", "ret-valid-errno", "-w", "64"])
    doc = json.loads(capsys.readouterr().out)
    assert rc == 0 and doc["exit_code"] == 0
    assert doc["cells"]["hooks"]["ret-valid-errno"]["mmu-normal"]["64"] == "refuted"
    assert doc["summary"]["total"] == len(CONFIGS)


def test_text_marks_cells_outside_scope(capsys):
    assert main(["matrix", "-d", "override", "-i", "ret-valid-errno", "-w", "32"]) == 0
    out = capsys.readouterr().out
    assert "(REFUTED)" in out and "proved" in out and "obligations" in out


@pytest.mark.parametrize("args,needle", [
    (["-d", "hookz"], "unknown design 'hookz'"),
    (["-c", "mmu"], "unknown config 'mmu'"),
    (["-i", "nope"], "unknown invariant 'nope'"),
    (["--jobs", "0"], "--jobs"),
])
def test_bad_input_is_one_line_and_exit_64(capsys, args, needle):
    assert main(["matrix", *args]) == 64
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_api_rejects_bad_values():
    with pytest.raises(UnknownName):
        matrix(designs=["nope"])
    with pytest.raises(UsageError):
        solve([Group("override", 32, ())], jobs=0)
