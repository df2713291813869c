"""``verify vars``: the names a query can use."""
from __future__ import annotations

from verify.cli import cli
from verify.commands.options import json_opt
from verify.commands.query_cmd import one_design_opt, one_word_opt
from verify.query import names
from verify.query.settings import Settings
from verify.render import json_out
from verify.render.console import console
from verify.render.query import variables

@cli.command("vars")
@one_design_opt
@one_word_opt
@json_opt
def vars_cmd(design, word, as_json) -> int:
    """List the query variables with their types and meaning, the constants and the operators."""
    st = Settings(design, int(word)).validate()
    s = st.session()
    vs = names.visible(s)
    if as_json:
        json_out.emit({
            "design": design, "word_size": int(word),
            "variables": [{"name": v.name, "type": v.kind, "from": v.source, "meaning": v.meaning}
                          for v in vs.values()],
            "constants": names.constants(), "functions": names.FUNCTIONS,
            "operators": list(names.OPERATORS),
            "assumptions": {a.id: a.statement for a in names.ASSUMPTIONS.values()},
        })
    else:
        variables(console(), vs, names.constants(), names.FUNCTIONS, design)
    return 0
