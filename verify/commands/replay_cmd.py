"""``verify replay``: run one scenario file concretely through the model."""
from __future__ import annotations

import dataclasses
import sys
from typing import Any

import click

from verify.cli import cli
from verify.commands.options import format_opt, nonempty
from verify.render.formats import render
from verify.scenario import Replayed, run
from verify.scenario_file import emit_test, load


@dataclasses.dataclass(frozen=True)
class ReplayRun:
    """What ``verify replay`` reports: the replay, and the regression test written with
    ``--emit-test`` (``emitted``)."""
    replayed: Replayed
    emitted: str | None = None

    @property
    def exit_code(self) -> int:
        return self.replayed.exit_code

    def to_dict(self) -> dict[str, Any]:
        doc = self.replayed.to_dict()
        if self.emitted:
            doc["emitted_test"] = self.emitted
        return doc


@cli.command("replay")
@click.argument("file")
@format_opt(result="verify.commands.replay_cmd:ReplayRun")
@click.option("--emit-test", "emit", metavar="PATH", default=None, callback=nonempty,
              help="Also write a pytest regression test (a .py file, or a directory for "
                   "test_<scenario>.py) that replays the scenario and asserts today's outcome.")
def replay_cmd(file, fmt, emit) -> int:
    """Replay the scenario FILE (JSON or TOML, see docs/scenarios.md): every input of one
    mmap call fixed, evaluated through the same model the proofs use.

    Prints the trace and the outcome.  Exit 0 when replayed (and the file's `expect` block, if
    any, is met), 1 when the outcome differs from `expect`, 64 for a malformed scenario,
    66 when FILE is missing.  With --format ktap or junit, each key of `expect` is a test.
    """
    r = run(load(file))
    written = emit_test(r, emit, file) if emit else None
    return render(ReplayRun(r, str(written) if written else None), fmt, sys.stdout)
