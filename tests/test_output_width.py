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
