"""``verify vars``: the names a query can use."""
from __future__ import annotations

import sys

from verify.cli import cli
from verify.commands.options import format_opt
from verify.commands.query_cmd import one_design_opt, one_word_opt
from verify.query import names
from verify.query.settings import Settings
from verify.render.formats import render


@cli.command("vars")
@one_design_opt
@one_word_opt
@format_opt(result="verify.query.names:Vocabulary")
def vars_cmd(design, word, fmt) -> int:
    """List the query variables with their types and meaning, the constants and the operators."""
    st = Settings(design, int(word)).validate()
    vs = names.visible(st.session())
    return render(names.Vocabulary(design, int(word), vs), fmt, sys.stdout)
