"""The generated invariant docs: complete, true to the proofs, deterministic,
and the committed copy in docs/ is what ``verify docs`` generates."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from models import DESIGNS
from models.config import CONFIGS
from models.inputs import INPUT_BY_NAME
from proofs import INVARIANTS
from verify.cli import main
from verify.docs import collect, diagram, files, pages
from verify.engine import Session
from verify import catalog
from verify.results import Status

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def run() -> collect.DocRun:
    return collect.collect()


@pytest.fixture(scope="module")
def timeline():
    from verify.history import timeline
    return timeline()


@pytest.fixture(scope="module")
def needs():
    from verify.necessity import necessity
    return necessity()


@pytest.fixture(scope="module")
def generated(run, timeline, needs) -> dict[str, str]:
    return pages.pages(run, timeline=timeline, necessity=needs)


def test_committed_docs_are_the_generated_docs(generated):
    diffs = files.compare(DOCS, generated)
    report = "\n".join(f"{d.path}: {d.kind}\n{d.diff}" for d in diffs)
    assert not diffs, f"docs/ is out of date; run 'verify docs' and commit docs/\n{report}"


def test_a_page_per_invariant_and_per_design(generated):
    assert set(generated) == {pages.INDEX, pages.HISTORY, pages.DRIVERS} | \
        {f"invariants/{i}.md" for i in INVARIANTS} | {f"designs/{d}.md" for d in DESIGNS}


def test_history_page_is_the_timeline(generated, timeline):
    page = generated[pages.HISTORY]
    assert "[B1](#v-ac0a3fc--unlock-before-unmap)" in page
    refuted = sum(1 for c in timeline.cells.values() if c.status is Status.REFUTED)
    assert page.count('<a id="') == refuted


def test_every_obligation_is_in_the_docs(run):
    assert len(run.results) == len(INVARIANTS) * len(DESIGNS) * 2 * len(CONFIGS)
    assert all(r.status in (Status.PROVED, Status.REFUTED) for r in run.results.values())


@pytest.mark.parametrize("design", list(DESIGNS))
def test_glance_matrix_agrees_with_the_engine(run, get_session, design):
    """Each index cell, computed from the doc run, against the engine asked afresh."""
    view = pages.View(run, "override")
    for inv in INVARIANTS.values():
        refuted = [c for c in inv.scope for w in (32, 64) if get_session(design, w).obligation(
            inv, CONFIGS[c], simplify=False, traces=False).status is Status.REFUTED]
        cell = view.glance(inv.id, design)
        if set(refuted) == set(inv.scope) and len(refuted) == 2 * len(inv.scope):
            assert cell == "✗", (inv.id, cell)
        elif refuted:
            assert cell.startswith("✗ ") and all(c in cell for c in refuted), (inv.id, cell)
        else:
            assert cell == "✓", (inv.id, cell)


def set_inputs(trace):
    """The inputs a trace sets to other than their default (the unread ones are defaults)."""
    return {k: v for k, v in trace.inputs.items() if v != INPUT_BY_NAME[k].default}


def test_every_refuted_combination_has_its_counterexample(run, generated):
    view = pages.View(run, "override")
    shown = {}
    for inv in INVARIANTS:
        page = generated[f"invariants/{inv}.md"]
        for in_scope in (True, False):
            for cx in view.counterexamples(inv, in_scope):
                assert f"reproduce: `{cx.command}`" in page
                for design, word in cx.members:
                    shown[(inv, design, word, cx.config)] = cx
    for key, r in run.results.items():
        if r.status is Status.REFUTED:
            cx = shown[key]
            assert cx.in_scope == r.obligation.in_scope
            assert set_inputs(cx.trace) == set_inputs(r.counterexample), key
            assert [s.label for s in cx.trace.steps] == [s.label for s in r.counterexample.steps]
        else:
            assert key not in shown


def test_counterexample_table_shows_the_trace(generated):
    page = generated["invariants/unlock-before-unmap.md"]
    section = page.split("## What goes wrong without it")[1].split("## Findings")[0]
    assert "[`hooks-2025`](../designs/hooks-2025.md) 32- and 64-bit" in section
    assert "reproduce: `verify prove -i unlock-before-unmap -d " in section
    assert re.search(r"\| \d+ \| unmap do_munmap \| .*rmap_held=true", section)
    assert "outcome: `ret=" in section and "lock_held_at_unmap=true" in section


def test_rules_the_proof_used_come_from_the_unsat_core(run, generated):
    assert run.explained
    core = run.cores[("unlock-before-unmap", "override", 64, "mmu-normal")]
    assert {r.name for r in core.rules} == {"maybe_rmap_unlock_action", "do_munmap"}
    page = generated["invariants/unlock-before-unmap.md"]
    rules = page.split("## Rules the proof used")[1].split("## What goes wrong")[0]
    assert "`maybe_rmap_unlock_action` | [`maybe_rmap_unlock_action`][fn:maybe_rmap_unlock_action]" \
        in rules


def test_kernel_functions_link_to_the_source(generated):
    page = generated["invariants/check-accepts-exactly-valid.md"]
    assert "[`check_mmap_action`][fn:check_mmap_action] ([`mm/util.c`][src:mm/util.c])" in page
    assert "[fn:check_mmap_action]: https://elixir.bootlin.com/linux/latest/C/ident/" \
           "check_mmap_action" in page
    assert "[src:mm/util.c]: https://git.kernel.org/" in page
    for text in generated.values():   # every reference used is defined
        for label in set(re.findall(r"\]\[((?:fn|src):[^\]]+)\]", text)):
            assert f"\n[{label}]: https://" in text


def test_pages_hold_no_run_values_the_timings_page_does(run, timeline, generated):
    """Times, the date and the Z3 version change from run to run: none is in a page."""
    for path, text in generated.items():
        assert not re.search(r"\d ms\b", text), path
        assert run.date not in text and f"Z3 {run.z3_version}" not in text, path
    t = pages.timings(run, timeline, 1234.0)
    assert run.date in t and f"Z3 {run.z3_version}" in t and "wall 1.2 s" in t
    assert all(f"`{inv.id}`" in t for inv in run.invariants)


def test_generation_is_deterministic(run):
    """A second run gives the same pages, byte for byte."""
    again = collect.collect([DESIGNS["override"]], jobs=1)
    names = {"override"}
    subset = collect.DocRun(
        run.invariants, again.designs, run.words, run.configs,
        {k: r for k, r in run.results.items() if k[1] in names},
        {k: c for k, c in run.cores.items() if k[1] in names},
        {k: g for k, g in run.diagrams.items() if k in names}, run.z3_version, run.date,
        run.explained)
    assert pages.pages(subset) == pages.pages(again)


def test_a_second_run_with_no_change_rewrites_nothing(tmp_path, capsys):
    """Two real runs (new proofs, new times): the second writes no page and leaves every
    file as the first left it; the times go to the --timings file only."""
    out = tmp_path / "docs"
    assert main(["docs", "--design", "hooks", "--out", str(out),
                 "--timings", str(tmp_path / "t1.md")]) == 0
    first = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*.md")}
    assert first and "wrote 0 of" not in capsys.readouterr().out
    assert main(["docs", "--design", "hooks", "--out", str(out),
                 "--timings", str(tmp_path / "t2.md")]) == 0
    assert f"wrote 0 of {len(first)} pages" in capsys.readouterr().out
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*.md")} == first
    assert (tmp_path / "t1.md").read_text() != (tmp_path / "t2.md").read_text()


# ---- the state machine ------------------------------------------------------

def test_diagram_comes_from_the_model():
    """The compat path of override never unmaps (is_compat returns first); the
    mutant that drops that return reaches do_munmap on the compat path."""
    good = diagram.build(Session(DESIGNS["override"], 64))
    bad = diagram.build(Session(catalog.design("compat-unmaps"), 64))

    def compat_unmap(g):
        return any(n.lane == "compat" and n.label == "do_munmap" for n in g.nodes)
    assert not compat_unmap(good) and compat_unmap(bad)
    assert any(n.lane == "compat" and n.label == "do_munmap" for n in good.unreachable)


@pytest.mark.parametrize("design", ["override", "hooks"])
def test_diagram_is_the_same_on_both_word_sizes(design):
    """The docs draw the 64-bit machine; the word size changes values, not the path
    (checked where it matters most: the IS_ERR_VALUE check of override)."""
    d = DESIGNS[design]
    g32, g64 = diagram.build(Session(d, 32)), diagram.build(Session(d, 64))
    assert (g32.nodes, g32.edges) == (g64.nodes, g64.edges)


def test_mermaid_is_well_formed(run):
    text = run.diagrams["override"].mermaid()
    assert text.startswith("flowchart TD\n")
    ids = set(re.findall(r"^\s+(s\d+)[\[\(\{]", text, re.M)) | {"start", "finish"}
    for src, dst in re.findall(r"^\s+(\w+) -->(?:\|[^|]*\|)? (\w+)$", text, re.M):
        assert src in ids and dst in ids
    assert "start -->|compat|" in text and "start -->|normal|" in text
    assert text.count("subgraph") == 2 and text.count("\n    end") == 2


# ---- files and the command ------------------------------------------------

def test_compare_sees_every_change(tmp_path, generated):
    files.write(tmp_path, generated)
    assert files.compare(tmp_path, generated) == []
    assert files.write(tmp_path, generated) == []     # nothing to rewrite
    index = tmp_path / pages.INDEX
    index.write_text(index.read_text().replace("✓", "✗", 1))
    (tmp_path / "invariants" / "gone.md").write_text("old\n")
    (tmp_path / "designs" / "override.md").unlink()
    kinds = {(d.path, d.kind) for d in files.compare(tmp_path, generated)}
    assert kinds == {(pages.INDEX, "changed"), ("invariants/gone.md", "stale"),
                     ("designs/override.md", "missing")}


def test_write_removes_stale_pages_only(tmp_path, generated):
    (tmp_path / "invariants").mkdir()
    (tmp_path / "invariants" / "gone.md").write_text("old\n")
    (tmp_path / "scenarios.md").write_text("not ours\n")
    files.write(tmp_path, generated)
    assert not (tmp_path / "invariants" / "gone.md").exists()
    assert (tmp_path / "scenarios.md").read_text() == "not ours\n"


@pytest.fixture
def cached_run(monkeypatch, run, timeline, needs):
    """The CLI on this module's doc run, history timeline and assumptions, computed once."""
    import verify.history
    import verify.necessity
    monkeypatch.setattr(collect, "collect", lambda *a, **k: run)
    monkeypatch.setattr(verify.history, "timeline", lambda *a, **k: timeline)
    monkeypatch.setattr(verify.necessity, "necessity", lambda *a, **k: needs)


def test_cli_writes_then_checks(tmp_path, capsys, cached_run):
    assert main(["docs", "--out", str(tmp_path)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert main(["docs", "--check", "--out", str(tmp_path)]) == 0
    (tmp_path / pages.INDEX).write_text("edited\n")
    assert main(["docs", "--check", "--out", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert f"{tmp_path / pages.INDEX}: changed" in captured.out
    assert "run 'verify docs --out" in captured.err


@pytest.mark.parametrize("args,code,needle", [
    (["--check", "--out", "{tmp}/missing"], 66, "no docs folder at"),
    (["--out", "{tmp}/file"], 64, "is a file; give a folder"),
    (["--out", "{tmp}/file/docs"], 64, "cannot write the docs to"),
    (["--design", "hookz"], 64, "unknown design 'hookz'"),
], ids=["check-missing-folder", "out-is-a-file", "out-unwritable", "unknown-design"])
def test_cli_bad_input_is_one_line(tmp_path, capsys, cached_run, args, code, needle):
    (tmp_path / "file").write_text("x")
    argv = ["docs"] + [a.format(tmp=tmp_path) for a in args]
    rc = main(argv)
    err = capsys.readouterr().err
    assert rc == code and needle in err and len(err.strip().splitlines()) == 1


def test_status_matrix_for_the_readme(run):
    text = pages.status_matrix(run)
    assert text.splitlines()[0].startswith("| invariant | [`override`](docs/designs/override.md)")
    assert "[`unmap-on-failure`](docs/invariants/unmap-on-failure.md)" in text
    assert len(text.splitlines()) == 2 + len(INVARIANTS)
