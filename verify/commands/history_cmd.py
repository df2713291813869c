"""``verify history``: the timeline of mmap_action versions x invariants."""
from __future__ import annotations

import sys

import click

from verify.cli import cli
from verify.commands.options import format_opt, timeout_opt, word_opt
from verify.history import timeline
from verify.render.formats import render


@cli.command("history")
@word_opt
@click.option("--invariant", "-i", "invariants", multiple=True, metavar="ID",
              help="Invariant column (repeatable; default: all). `verify list` names them.")
@click.option("--version", "versions", multiple=True, metavar="NAME",
              help="Version row, e.g. v-ac0a3fc (repeatable; default: every version in order).")
@click.option("--jobs", "-j", type=int, default=None,
              help="Worker processes (default: one per core).")
@click.option("--no-commands", is_flag=True, help="Leave out the list of refuted cells.")
@format_opt
@timeout_opt
def history_cmd(word_sizes, invariants, versions, jobs, no_commands, fmt, timeout_ms) -> int:
    """Every historical version of mmap_action against every invariant.

    Each cell is proved or refuted over both word sizes and every configuration of the
    invariant's scope; a refuted cell names the known bug (or other finding) whose scenario
    refutes it, and the `verify prove` command that prints its counterexample trace.
    Exit 0 when every finding is where the kernel history puts it, 1 when one is not
    (found in a version that should not have it, or missed), 2 when a cell is unknown.
    """
    tl = timeline(versions, invariants, [int(w) for w in word_sizes], timeout_ms, jobs)
    return render(tl, fmt, sys.stdout, show_commands=not no_commands)
