"""Nothing but a one-line error reaches the user: every command that asks a solver,
with a 1 ms time limit and with each design, ends without a traceback, and a
solver that gave up makes the exit code 2 (unknown), never 0 or 1."""
from __future__ import annotations

import pytest

from models import DESIGNS

ONE_MS = ["--timeout-ms", "1"]
PER_DESIGN = {
    "prove": ["prove", *ONE_MS],
    "matrix": ["matrix", "-j", "1", *ONE_MS],
    "check-seq": ["check-seq", "-k", "2", *ONE_MS],
    "query": ["query", "unmapped and ret == 0", *ONE_MS],
    "explain": ["explain", "unmapped and ret == 0", *ONE_MS],
    "explain-invariant": ["explain", "-i", "unmap-on-failure", *ONE_MS],
}
# The docs of one design take seconds even when every check gives up: the designs whose
# docs once ended in a traceback (a counterexample or an explanation that timed out).
DOCS_DESIGNS = ("hooks", "v-c50ca15", "v-7.0.y")
ONCE = {
    "history": ["history", "-j", "1", *ONE_MS],
    "mutate": ["mutate", "-j", "1", "-w", "64", *ONE_MS],
}


def check(rc: int, out: str, err: str) -> None:
    assert "Traceback" not in out + err
    assert rc in (0, 1, 2), (rc, err)
    assert len(err.strip().splitlines()) <= 1, err
    if rc != 2:
        assert "unknown" not in out.lower() and "timeout" not in (out + err).lower(), (rc, out)


@pytest.mark.parametrize("design", list(DESIGNS))
@pytest.mark.parametrize("command", list(PER_DESIGN))
def test_a_timeout_is_unknown_on_every_design(cli, command, design):
    check(*cli(*PER_DESIGN[command], "-d", design))


@pytest.mark.parametrize("design", DOCS_DESIGNS)
def test_docs_with_a_timeout(cli, tmp_path, design):
    rc, out, err = cli("docs", "--out", str(tmp_path), "-d", design, *ONE_MS)
    check(rc, out, err)
    assert rc == 2 and "unknown" in err


@pytest.mark.parametrize("command", list(ONCE))
def test_a_timeout_is_unknown_without_a_design(cli, command):
    rc, out, err = cli(*ONCE[command])
    check(rc, out, err)
    assert rc == 2
