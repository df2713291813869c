"""``verify list``: the invariants, designs and configurations."""
from __future__ import annotations

import sys

from verify.cli import cli
from verify.commands.options import format_opt
from verify.catalog import Listing, describe
from verify.render.formats import render


@cli.command("list")
@format_opt(result="verify.catalog:Listing")
def list_cmd(fmt: str) -> int:
    """List the invariants (with their scope), the designs and the configurations."""
    return render(Listing(describe()), fmt, sys.stdout)
