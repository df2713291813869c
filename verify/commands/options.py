"""Options shared by several subcommands."""
from __future__ import annotations

import click

from models.config import CONFIGS

json_opt = click.option("--json", "as_json", is_flag=True, help="Print JSON for machines instead of text.")
design_opt = click.option(
    "--design", "-d", "designs", multiple=True, metavar="NAME",
    help="Kernel design to check (repeatable; default: override). `verify list` names them.")
word_opt = click.option(
    "--word-size", "-w", "word_sizes", multiple=True, type=click.Choice(["32", "64"]),
    help="Width of unsigned long (repeatable; default: both).")
config_opt = click.option(
    "--config", "-c", "configs", multiple=True, metavar="NAME",
    help=f"Configuration: {', '.join(CONFIGS)}, or all (repeatable; default: the configurations "
         "where each invariant is claimed to hold).")
timeout_opt = click.option(
    "--timeout-ms", type=click.IntRange(min=1), default=10_000, show_default=True,
    help="Solver time limit per check; a timeout is reported as unknown, never as a pass.")
jobs_opt = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
                        help="Worker processes, one (design, word size) model each "
                             "(default: one per core).")
