"""``verify list``: the invariants, designs and configurations."""
from __future__ import annotations

from verify.cli import cli
from verify.commands.options import json_opt
from verify.render import json_out, text
from verify.catalog import describe as listing


@cli.command("list")
@json_opt
def list_cmd(as_json: bool) -> int:
    """List the invariants (with their scope), the designs and the configurations."""
    data = listing()
    if as_json:
        json_out.emit(data)
    else:
        text.listing(data)
    return 0
