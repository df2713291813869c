"""``verify assumptions``: is each assumption of each invariant needed?"""
from __future__ import annotations

import sys

import click

from verify.cli import cli
from verify.commands.options import format_opt, timeout_opt, word_opt
from verify.necessity import necessity
from verify.render.formats import render


@cli.command("assumptions")
@click.option("--invariant", "-i", "invariants", multiple=True, metavar="ID",
              help="Invariant (repeatable; default: all). `verify list` names them.")
@click.option("--assumption", "-a", "assumptions", multiple=True, metavar="ID",
              help="Only this assumption of each invariant (repeatable).")
@click.option("--design", "-d", "designs", multiple=True, metavar="NAME",
              help="Design to search, in order (repeatable; default: override, then every "
                   "other design).")
@word_opt
@format_opt
@timeout_opt
def assumptions_cmd(invariants, assumptions, designs, word_sizes, fmt, timeout_ms) -> int:
    """For each invariant and each of its assumptions: does the invariant still hold
    without it?  Where it does not, the counterexample shows what the assumption rules
    out (for a driver's contract: what the kernel does when a driver breaks it).

    The designs are searched in order until one shows the assumption needed.
    Exit 0 when every assumption is needed, 1 when one is not (it narrows the proof
    and buys nothing), 2 when a solver answer was unknown.
    """
    result = necessity(invariants, assumptions, designs, [int(w) for w in word_sizes],
                       timeout_ms)
    return render(result, fmt, sys.stdout)
