"""Output for people fits 80 columns when piped without $COLUMNS, and follows $COLUMNS."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def no_columns(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)


def longest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@pytest.mark.parametrize("args", [
    ["vars"], ["vars", "-d", "hooks"],
    ["query", "ret == -ENOMEM and unmapped"],
    ["prove", "-d", "hooks", "-i", "unmap-on-failure", "-w", "64", "-c", "mmu-normal"],
    ["replay", "examples/hooks-positive-error-hook.json"],
])
def test_fits_80_columns(cli, args, monkeypatch):
    import pathlib
    monkeypatch.chdir(pathlib.Path(__file__).resolve().parents[1])
    rc, out, err = cli(*args)
    assert rc in (0, 1), err
    assert longest(out) <= 80, max(out.splitlines(), key=len)


def test_history_table_fits_80_columns(cli):
    rc, out, err = cli("history", "-w", "64")
    table = out.split("invariants: ")[0]
    assert "B6S1" in table and longest(table) <= 80


def test_piped_output_follows_columns(cli, monkeypatch):
    rc, out80, _ = cli("vars")
    monkeypatch.setenv("COLUMNS", "160")
    rc, out160, _ = cli("vars")
    assert 80 < longest(out160) <= 160 and len(out160.splitlines()) < len(out80.splitlines())


def test_trace_lines_wrap_one_name_value_per_word(cli):
    rc, out, _ = cli("query", "ret == -ENOMEM and unmapped")
    lines = out.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("inputs:"))
    assert lines[start + 1].startswith(" " * len(lines[start].split("inputs:")[0] + "inputs: "))
    assert all("=" in w for ln in lines[start:start + 2] for w in ln.split()[1 if ln is lines[start] else 0:])


@pytest.mark.parametrize("args", [
    ["prove", "-d", "v-7.0.y", "-d", "hooks", "-c", "nommu-normal"],
    ["source", "--tree", "tests/trees/override"],
])
def test_proof_tables_never_cut_a_name_at_80_columns(cli, args, monkeypatch):
    """Invariant and design names are whole (a configuration's note may wrap); one design is
    named once above the table instead of in a column."""
    import pathlib

    from proofs import INVARIANTS
    monkeypatch.chdir(pathlib.Path(__file__).resolve().parents[1])
    rc, out, err = cli(*args)
    assert rc in (0, 1), err
    rows = [ln for ln in out.splitlines() if ln.startswith("│")]
    assert rows and "…" not in "".join(rows)
    if args[0] == "source":       # one design: no design column, room left for the times
        assert longest("\n".join(rows)) <= 80
    named = {ln.split("│")[1].strip() for ln in rows} - {""}
    assert named <= set(INVARIANTS) and named
    if args[0] == "source":
        assert "design: source:tests/trees/override" in out
