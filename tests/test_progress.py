"""Long runs show rich's progress bar on stderr, only on a terminal."""
from __future__ import annotations

import io
import sys
import time

import pytest

from verify import progress as progress_mod
from verify.workers import starmap


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def slow_square(x: int) -> int:
    time.sleep(0.05)
    return x * x


def test_nothing_is_drawn_when_stderr_is_not_a_terminal(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(progress_mod, "DELAY_S", 0.0)
    assert starmap(slow_square, [(i,) for i in range(4)], 1) == ([0, 1, 4, 9], 1)
    assert err.getvalue() == ""


def test_a_bar_is_drawn_on_a_terminal_once_the_run_is_long(monkeypatch):
    err = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(progress_mod, "DELAY_S", 0.0)
    assert starmap(slow_square, [(i,) for i in range(6)], 1, label="squares") == (
        [0, 1, 4, 9, 16, 25], 1)
    assert "squares" in err.getvalue()


def test_a_short_run_draws_nothing_even_on_a_terminal(monkeypatch):
    err = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", err)
    with progress_mod.progress("quick", 3) as advance:
        advance(3)
    assert err.getvalue() == ""


def test_check_seq_draws_on_a_terminal_and_keeps_stdout_clean(monkeypatch, capsys):
    from verify.commands.check_seq_cmd import check_seq
    err = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(progress_mod, "DELAY_S", 0.0)
    results = check_seq(["failed-vma-never-mapped"], depth=3, word_sizes=[64])
    assert results and "sequences checked" in err.getvalue()
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("args", [["check-seq", "-k", "2", "-w", "64"],
                                  ["history", "-w", "64", "-i", "ret-valid-errno"]])
def test_piped_runs_print_no_progress(cli, args):
    rc, out, err = cli(*args)
    assert rc in (0, 1) and err == ""
