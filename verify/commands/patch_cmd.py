"""``verify patch``: what a patch series changes in the proofs of a kernel tree."""
from __future__ import annotations

import sys

import click

from verify.cli import cli
from verify.commands.options import format_opt, timeout_opt


@cli.command("patch")
@click.argument("patches", nargs=-1, required=True, metavar="PATCH...")
@click.option("--tree", "tree", default=".", show_default=True, metavar="DIR",
              help="The kernel tree the patches apply to; it is never modified.")
@format_opt
@timeout_opt
def patch_cmd(patches, tree, fmt, timeout_ms) -> int:
    """Apply PATCH... (git format-patch files, or an mbox holding a series, in order) to a
    copy of the files `verify source` reads from DIR, with `git apply` when DIR is a git
    checkout and `patch -p1` otherwise, then prove the suite and identify the version before
    and after.  Prints the invariants newly refuted (with the counterexample at the patched
    file:line), newly proved and unchanged, and the version identified before and after.

    Exit 0 nothing newly refuted, 1 an invariant newly refuted, 2 an obligation without a
    verdict after the patches; 3 a patch does not apply to the tree; 4 the patches change
    no file `verify source` reads; 65 a PATCH is not a patch (a binary file, no diff in it,
    an mbox with no patch); 66 a PATCH or DIR is missing; 125 C the front end cannot read.
    """
    from verify.patch import check
    from verify.render.formats import render
    return render(check(patches, tree, timeout_ms), fmt, sys.stdout)
