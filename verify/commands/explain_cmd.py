"""``verify explain``: the model rules that make a query impossible or an invariant hold."""
from __future__ import annotations

import click

from verify.cli import cli
from verify.commands.options import json_opt
from verify.commands.query_cmd import (assume_opt, one_config_opt, one_design_opt, one_word_opt,
                                       settings, timeout_opt)
from verify.errors import EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN, UsageError
from verify.render import json_out
from verify.render.console import console
from verify.render.query import explanation

EXIT = {"impossible": EXIT_PROVED, "possible": EXIT_REFUTED, "unknown": EXIT_UNKNOWN}


@cli.command("explain")
@click.argument("expr", required=False)
@click.option("--invariant", "-i", "invariant", metavar="ID", default=None,
              help="Explain why this invariant holds (on --config, or on each configuration of its "
                   "scope) instead of a query.")
@one_design_opt
@one_word_opt
@one_config_opt
@assume_opt
@json_opt
@timeout_opt
def explain_cmd(expr, invariant, design, word, config, assume, as_json, timeout_ms) -> int:
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
    if as_json:
        json_out.emit(exps[0].to_dict() if expr else [e.to_dict() for e in exps])
    else:
        con = console()
        for i, e in enumerate(exps):
            if i:
                con.print()
            explanation(con, e)
    return max(EXIT[e.status] for e in exps)
