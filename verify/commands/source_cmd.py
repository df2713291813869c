"""``verify source``: prove the suite on the C of a kernel tree."""
from __future__ import annotations

import click

from verify.cli import cli
from verify.commands.equiv_opts import against_opt, equivalence, identify_opt
from verify.commands.prove_cmd import proof_options, run
from verify.errors import VerifierError


def read_tree(tree: str):
    """The tree's design (read and run once, so that C it cannot judge fails here) and the
    line that says what was read and what stays the model."""
    from models.source import ENVIRONMENT, PREFIX, load_tree
    d = load_tree(tree, f"{PREFIX}{tree}")
    return d, f"read {', '.join(d.tree.paths_read)} from {tree}; {ENVIRONMENT}"


@cli.command("source")
@click.option("--tree", "tree", default=".", show_default=True, metavar="DIR",
              help="The kernel tree to read (mm/util.c, mm/internal.h, include/linux/mm_types.h, "
                   "include/linux/err.h).")
@proof_options
@against_opt
@identify_opt
@click.option("--find-fix", "find_fix", is_flag=True,
              help="For `git bisect run` looking for the commit that fixed an invariant: exit 0 "
                   "when it is refuted, 1 when it holds (start the bisect with "
                   "--term-old=broken --term-new=fixed; docs/bisect.md).")
def source_cmd(tree, invariants, word_sizes, configs, fmt, timeout_ms, witness, solver, against,
               identify, find_fix) -> int:
    """Prove the invariants on the C of a kernel tree, read with tree-sitter.

    The tree's mmap_action_prepare, mmap_action_complete, mmap_action_finish, compat_vma_mmap
    and the helpers they call are run symbolically; their callers (mm/vma.c __mmap_region, the
    compat caller) stay the project's model.  Same table, JSON and exit codes as `verify
    prove`, and `--design source:DIR` gives the same design to every other command.  C the
    front end does not read (a loop, goto, inline asm, an unknown callee or macro, a missing
    function or file) is a one-line error `file:line: ...` and exit 125, never a proof; a
    missing tree directory exits 66.

    Under `git bisect run` (a bisect in progress in the current directory's repository):
    0 holds, 1 refuted, 125 the revision cannot be judged (C not read, no mmap_action code, no
    verdict), 128 anything else, which stops the bisect (a tree outside the checkout being
    bisected, a misspelt invariant).
    """
    from verify import bisect
    top = bisect.bisecting()
    if top is None and not find_fix:
        return _source(tree, invariants, word_sizes, configs, fmt, timeout_ms, witness, solver,
                       against, identify)
    try:
        if top is not None:
            bisect.check_tree(tree, top)
        code = _source(tree, invariants, word_sizes, configs, fmt, timeout_ms, witness, solver,
                       against, identify)
    except VerifierError as e:
        click.echo(f"verify: error: {e}", err=True)
        code = e.exit_code
    return bisect.exit_code(code, find_fix)


def _source(tree, invariants, word_sizes, configs, fmt, timeout_ms, witness, solver, against,
            identify) -> int:
    design, note = read_tree(tree)
    if against or identify:
        return equivalence(design, against, identify, invariants=invariants,
                           word_sizes=word_sizes, configs=configs, fmt=fmt, timeout_ms=timeout_ms,
                           witness=witness, solver=solver, note=note)
    return run(invariants, [design.name], word_sizes, configs, fmt, timeout_ms, witness, solver,
               note)
