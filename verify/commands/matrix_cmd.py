"""``verify matrix``: every invariant on every design, configuration and word size."""
from __future__ import annotations

import sys

import click

from verify.cli import cli
from models.config import CONFIGS
from verify.commands.options import format_opt, jobs_opt, timeout_opt, word_opt
from verify.matrix import matrix
from verify.render.formats import render


# The matrix's own defaults: every design and every configuration (not prove's).
design_opt = click.option(
    "--design", "-d", "designs", multiple=True, metavar="NAME",
    help="Kernel design (repeatable; default: every design, history versions included). "
         "`verify list` names them.")
config_opt = click.option(
    "--config", "-c", "configs", multiple=True, metavar="NAME",
    help=f"Configuration: {', '.join(CONFIGS)} (repeatable; default: all of them, inside and "
         "outside each invariant's scope).")


@cli.command("matrix")
@click.option("--invariant", "-i", "invariants", multiple=True, metavar="ID",
              help="Invariant (repeatable; default: all).")
@design_opt
@word_opt
@config_opt
@format_opt
@timeout_opt
@jobs_opt
@click.option("--traces", is_flag=True,
              help="For each refuted design x invariant, show one counterexample as a trace.")
def matrix_cmd(invariants, designs, word_sizes, configs, fmt, timeout_ms, jobs, traces) -> int:
    """The design x invariant x configuration matrix, on both word sizes.

    Runs every invariant on every design (default: all designs) and every configuration
    (default: all, inside and outside each invariant's scope).  Refuted cells are findings
    about a design, so the exit code is 0 when every cell has a verdict and 2 when one is
    unknown or vacuous.  `verify prove --design NAME` gives the pass/fail verdict of one design.
    """
    result = matrix(designs, invariants, configs, [int(w) for w in word_sizes], jobs, timeout_ms,
                    traces=traces)
    return render(result, fmt, sys.stdout)
