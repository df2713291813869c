"""``verify explain``: the model rules that make a query impossible or an invariant hold."""
from __future__ import annotations

import sys

import click

from verify.cli import cli
from verify.commands.options import format_opt
from verify.commands.query_cmd import (assume_opt, one_config_opt, one_design_opt, one_word_opt,
                                       settings, timeout_opt)
from verify.errors import UsageError
from verify.explain import Explained
from verify.render.formats import render


@cli.command("explain")
@click.argument("expr", required=False)
@click.option("--invariant", "-i", "invariant", metavar="ID", default=None,
              help="Explain why this invariant holds (on --config, or on each configuration of its "
                   "scope) instead of a query.")
@one_design_opt
@one_word_opt
@one_config_opt
@assume_opt
@format_opt(result="verify.explain:Explained")
@timeout_opt
def explain_cmd(expr, invariant, design, word, config, assume, fmt, timeout_ms) -> int:
    """Name the model rules that make EXPR impossible (or an invariant hold).

    An unsat core over one literal per kernel rule, minimised by deletion; each rule is shown
    with the kernel file and function it encodes.  Exit 0 when explained, 1 when EXPR is
    possible (or the invariant is refuted: nothing to explain), 2 on unknown.
    """
    if (expr is None) == (invariant is None):
        raise UsageError("give either a query (verify explain 'unmapped and ret == 0') or "
                         "--invariant ID, not both or neither")
    if invariant and assume:
        raise UsageError("--assume applies to queries; an invariant brings its own assumptions")
    st = settings(design, word, config, assume, 1, timeout_ms)
    exps = st.explain_invariant(invariant) if invariant else [st.explain(expr)]
    return render(Explained(tuple(exps), invariant), fmt, sys.stdout)
