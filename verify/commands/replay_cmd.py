"""``verify replay``: run one scenario file concretely through the model."""
from __future__ import annotations

import click

from verify.cli import cli
from verify.commands.options import json_opt, nonempty
from verify.render import json_out
from verify.render.console import console
from verify.render.query import replayed
from verify.scenario import run
from verify.scenario_file import emit_test, load


@cli.command("replay")
@click.argument("file")
@json_opt
@click.option("--emit-test", "emit", metavar="PATH", default=None, callback=nonempty,
              help="Also write a pytest regression test (a .py file, or a directory for "
                   "test_<scenario>.py) that replays the scenario and asserts today's outcome.")
def replay_cmd(file, as_json, emit) -> int:
    """Replay the scenario FILE (JSON or TOML, see docs/scenarios.md): every input of one
    mmap call fixed, evaluated through the same model the proofs use.

    Prints the trace and the outcome.  Exit 0 when replayed (and the file's `expect` block, if
    any, is met), 1 when the outcome differs from `expect`, 64 for a malformed scenario,
    66 when FILE is missing.
    """
    r = run(load(file))
    written = emit_test(r, emit, file) if emit else None
    if as_json:
        doc = r.to_dict()
        if written:
            doc["emitted_test"] = str(written)
        json_out.emit(doc)
    else:
        con = console()
        replayed(con, r)
        if written:
            con.print(f"wrote {written} (run it with `python -m pytest {written}`)")
    return r.exit_code
