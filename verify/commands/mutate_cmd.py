"""``verify mutate``: the mutation kill matrix."""
from __future__ import annotations

import sys

import click

from verify.cli import cli
from verify.commands.options import format_opt, jobs_opt, timeout_opt, word_opt
from verify.mutation import mutate
from verify.render.formats import render


@cli.command("mutate")
@click.option("--mutant", "-m", "mutants", multiple=True, metavar="NAME",
              help="Mutant (repeatable; default: all). `verify list` names them.")
@click.option("--invariant", "-i", "invariants", multiple=True, metavar="ID",
              help="Invariant (repeatable; default: all).")
@word_opt
@format_opt
@timeout_opt
@jobs_opt
def mutate_cmd(mutants, invariants, word_sizes, fmt, timeout_ms, jobs) -> int:
    """Run every invariant against every mutant of the current design (a plausible kernel bug
    each) and print the kill matrix, the kill rate, the surviving mutants and, per invariant,
    the mutants only it kills.

    A mutant is killed when an invariant is refuted on it in some configuration of the
    invariant's scope.  The unmutated design is proved on the same obligations.  Exit 0 when
    every mutant is killed, 1 when one survives (or the unmutated design fails), 2 when a
    verdict is unknown.
    """
    result = mutate(mutants, invariants, [int(w) for w in word_sizes], jobs, timeout_ms)
    return render(result, fmt, sys.stdout)
