"""``verify prove``: run the proof obligations."""
from __future__ import annotations

import sys

import click

from verify.cli import cli
from verify.commands.options import config_opt, design_opt, format_opt, timeout_opt, word_opt
from verify.engine import prove
from verify.render.formats import render

invariant_opt = click.option(
    "--invariant", "-i", "invariants", multiple=True, metavar="ID",
    help="Invariant to prove (repeatable; default: all). `verify list` names them.")
witness_opt = click.option("--witness", is_flag=True, help="Also show, for each proved obligation, "
                           "the witness that its assumptions are satisfiable.")
solver_opt = click.option(
    "--solver", type=click.Choice(["z3", "cvc5", "bitwuzla"]), default="z3", show_default=True,
    help="SMT solver; cvc5 and bitwuzla run each obligation as SMT-LIB2 text (as `verify export "
         "--smt2` writes it) and replay their models in Z3.")


def proof_options(fn):
    """The options of `verify prove` other than --design (`verify source` takes them too)."""
    for opt in reversed((invariant_opt, word_opt, config_opt, format_opt, timeout_opt, witness_opt,
                         solver_opt)):
        fn = opt(fn)
    return fn


def run(invariants, designs, word_sizes, configs, fmt, timeout_ms, witness, solver,
        note: str = "") -> int:
    """Prove, render, return the exit code.  ``note`` (what was read) comes first: on stdout
    in text, on stderr in the machine formats, whose output stays that of `verify prove`."""
    result = prove(invariants, designs, [int(w) for w in word_sizes], configs, timeout_ms,
                   solver=solver)
    if note:
        click.echo(note, err=fmt != "text")
    return render(result, fmt, sys.stdout, show_witness=witness)


@cli.command("prove")
@design_opt
@proof_options
def prove_cmd(invariants, designs, word_sizes, configs, fmt, timeout_ms, witness, solver) -> int:
    """Prove invariants on every requested design x word size x configuration.

    Each obligation is first checked for vacuity (its assumptions must be satisfiable), then
    proved.  A refuted obligation prints its counterexample as a step-by-step trace of the mmap
    call.  Exit 0 when all are proved, 1 when any is refuted, 2 when any is unknown or vacuous.
    """
    return run(invariants, designs, word_sizes, configs, fmt, timeout_ms, witness, solver)
