"""The timeline of `verify history`, cell by cell, and each known bug found exactly in the
versions whose code has it."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from models.history import VERSION_NAMES
from models.history.bugs import FINDINGS, KNOWN_BUGS
from verify.errors import UnknownName, UsageError
from verify.history import timeline
from verify.results import Status

COLUMNS = ("ret-valid-errno", "check-accepts-exactly-valid", "unmap-on-failure",
           "mapped-on-success", "override-only-errors", "unlock-before-unmap",
           "rmap-lock-balanced", "no-unmap-detached", "warn-only-on-driver-bug", "devmem-eagain",
           "action-done-or-failed", "no-uninit-call", "resources-released",
           "success-means-mapped")
# "ok": proved; otherwise the findings (models/history/bugs.py) that refute the cell.
EXPECTED = {
    "v-ac0a3fc":  "B6,S1  F1  B5  B6  B6,F1  B1  ok  B2  B6  ok  B6  ok  B4  B6",
    "v-mmnew-v2": "B6,S1  F1  B5  B6  B6,F1  B1  ok  B2  B6  ok  B6  B3  B4  B6",
    "v-f96e1d5":  "B6,S1  F1  ok  ok  B6,F1  ok  ok  B2  B6  ok  B6  ok  B4  ok",
    "v-382c0f2":  "B6,S1  F1  ok  B6  B6,F1  ok  ok  B2  B6  ok  B6  ok  B4  B6",
    "v-c50ca15":  "B6,S1  F1  ok  B6  B6,F1  ok  ok  B2  B6  ok  B6  ok  B4  B6",
    "v-619eab2":  "B6,S1  F1  ok  B6  B6,F1  ok  ok  ok  B6  ok  B6  ok  B4  B6",
    "v-7.0.y":    "B6,S1  F1  ok  ok  B6,F1  ok  ok  B2  B6  ok  B6  ok  B4  ok",
    "v-override": "ok     ok  ok  ok  ok     ok  ok  ok  ok  ok  ok  ok  ok  ok",
}
CELLS = [(v, inv, want) for v, row in EXPECTED.items() for inv, want in zip(COLUMNS, row.split())]
# Where the code read puts each known bug (models/history/bugs.py records the same).
BUG_VERSIONS = {
    "B1": ("v-ac0a3fc", "v-mmnew-v2"),
    "B2": ("v-ac0a3fc", "v-mmnew-v2", "v-f96e1d5", "v-382c0f2", "v-c50ca15", "v-7.0.y"),
    "B3": ("v-mmnew-v2",),
    "B4": VERSION_NAMES[:-1],
    "B5": ("v-ac0a3fc", "v-mmnew-v2"),
    "B6": VERSION_NAMES[:-1],
}


@pytest.fixture(scope="module")
def tl():
    return timeline(invariants=COLUMNS)


def test_rows_are_the_versions_in_order(tl):
    assert tl.versions == tuple(EXPECTED) == VERSION_NAMES
    assert tl.word_sizes == (32, 64) and tl.invariants == COLUMNS


@pytest.mark.parametrize("version,inv,want", CELLS, ids=[f"{v}-{i}" for v, i, _ in CELLS])
def test_cell(tl, version, inv, want):
    c = tl.cell(version, inv)
    if want == "ok":
        assert c.status is Status.PROVED, (c.status, c.findings, c.command)
    else:
        assert c.status is Status.REFUTED
        assert set(c.findings) == set(want.split(",")), c.command
        assert c.config and c.word_size in (32, 64)
        assert c.command == (f"verify prove --design {version} --invariant {inv} "
                             f"--config {c.config} --word-size {c.word_size}")


@pytest.mark.parametrize("bug", [b.id for b in KNOWN_BUGS])
def test_known_bug_found_exactly_where_the_code_has_it(tl, bug):
    assert tl.found[bug] == BUG_VERSIONS[bug]
    assert {b.id: b.versions for b in KNOWN_BUGS}[bug] == BUG_VERSIONS[bug]


def test_six_known_bugs_and_no_mismatch(tl):
    assert [b.id for b in KNOWN_BUGS] == ["B1", "B2", "B3", "B4", "B5", "B6"]
    assert tl.mismatches() == [] and tl.exit_code == 0


def test_each_refuted_cell_names_one_known_bug_at_most(tl):
    """Each invariant says one thing: no refuted cell mixes two known bugs, and every
    refuted cell is explained by some finding."""
    kinds = {f.id: f.kind for f in FINDINGS}
    for (version, inv), c in tl.cells.items():
        if c.status is Status.REFUTED:
            assert c.findings, (version, inv)
            assert sum(kinds[f] == "bug" for f in c.findings) <= 1, (version, inv, c.findings)


def test_each_bug_appears_and_disappears_at_its_commits(tl):
    """The first version with the bug and the first without it after that."""
    order = list(VERSION_NAMES)
    mainline = [v for v in order if v not in ("v-mmnew-v2", "v-7.0.y")]
    first_fixed = {"B1": "v-f96e1d5", "B2": "v-619eab2", "B4": "v-override",
                   "B5": "v-f96e1d5", "B6": "v-override"}
    for bug, fixed in first_fixed.items():
        have = [v for v in mainline if v in tl.found[bug]]
        assert have[0] == "v-ac0a3fc"
        assert mainline[mainline.index(have[-1]) + 1] == fixed, bug


def test_a_wrong_record_is_a_mismatch_and_exit_1(tl, monkeypatch):
    import dataclasses
    import models.history.bugs as bugs
    import verify.history as history
    wrong = tuple(dataclasses.replace(f, versions=("v-override",)) if f.id == "B3" else f
                  for f in bugs.FINDINGS)
    monkeypatch.setattr(history, "FINDINGS", wrong)
    assert tl.mismatches() == ["B3: expected in ['v-override'], found in ['v-mmnew-v2']"]
    assert tl.exit_code == 1


def test_to_dict_carries_cells_findings_and_links(tl):
    doc = tl.to_dict()
    assert [v["name"] for v in doc["versions"]] == list(VERSION_NAMES)
    assert len(doc["cells"]) == len(VERSION_NAMES) * len(COLUMNS)
    cell = next(c for c in doc["cells"]
                if c["version"] == "v-ac0a3fc" and c["invariant"] == "unlock-before-unmap")
    assert cell["status"] == "refuted" and cell["findings"] == ["B1"]
    assert cell["trace"].startswith("verify prove --design v-ac0a3fc")
    assert cell["anchor"] == "#v-ac0a3fc--unlock-before-unmap"
    assert {f["id"] for f in doc["findings"]} == {f.id for f in FINDINGS}


def test_one_version_one_word():
    t = timeline(["v-619eab2"], ["no-unmap-detached", "unlock-before-unmap"], [64], jobs=1)
    assert t.cell("v-619eab2", "no-unmap-detached").status is Status.PROVED
    assert t.obligations == 6 and t.jobs == 1   # 2 invariants x 3 reachable configs


@pytest.mark.parametrize("kwargs,kind", [
    ({"versions": ["v-nope"]}, UnknownName), ({"invariants": ["nope"]}, UnknownName),
    ({"word_sizes": [16]}, UsageError), ({"timeout_ms": 0}, UsageError), ({"jobs": 0}, UsageError),
])
def test_bad_arguments(kwargs, kind):
    with pytest.raises(kind):
        timeline(**kwargs)


def run(*args):
    p = subprocess.run([sys.executable, "-m", "verify", *args], capture_output=True, text=True,
                       env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
    return p.returncode, p.stdout, p.stderr


def test_cli_json_one_column():
    rc, out, err = run("history", "--json", "-i", "no-uninit-call", "-w", "64")
    assert rc == 0, err
    doc = json.loads(out)
    refuted = [c["version"] for c in doc["cells"] if c["status"] == "refuted"]
    assert refuted == ["v-mmnew-v2"]


def test_cli_text_shows_table_legend_and_commands():
    rc, out, err = run("history", "-i", "unlock-before-unmap", "-i", "no-unmap-detached")
    assert rc == 0, err
    assert "v-ac0a3fc" in out and "B1 rmap-lock self-deadlock" in out
    assert "verify prove --design v-f96e1d5 --invariant no-unmap-detached --config mmu-compat" in out


@pytest.mark.parametrize("args,needle", [
    (["history", "--version", "v-nope"], "unknown version 'v-nope'"),
    (["history", "-i", "nope"], "unknown invariant 'nope'"),
    (["history", "-j", "0"], "jobs must be at least 1"),
])
def test_cli_bad_input_is_one_line_exit_64(args, needle):
    rc, out, err = run(*args)
    assert rc == 64 and needle in err and len(err.strip().splitlines()) == 1


def test_markdown_page_links_each_refuted_cell(tl):
    from verify.docs.pages import history_page
    page = history_page(tl)
    assert page.count("\n| [`v-") == len(VERSION_NAMES)
    assert "[B1](#v-ac0a3fc--unlock-before-unmap)" in page
    assert '<a id="v-ac0a3fc--unlock-before-unmap"></a>' in page
    refuted = sum(1 for c in tl.cells.values() if c.status is Status.REFUTED)
    assert page.count('<a id="') == refuted
