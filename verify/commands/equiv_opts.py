"""``--against DESIGN`` and ``--identify`` of ``verify source``: translation validation
of the C read from a tree against the hand models (``verify.equivalence``)."""
from __future__ import annotations

import sys

import click

from models.design import Design
from verify import catalog
from verify.errors import UsageError
from verify.render.formats import render

AGAINST_HELP = (
    "Instead of the proofs: prove that the code read gives the same outcome as the hand model "
    "DESIGN for every input both read (every outcome field and WARN, both word sizes, every "
    "configuration; -w and -c narrow it).  Exit 0 equal, 1 they differ (the first differing "
    "input is printed as a replayable scenario), 2 unknown.")
IDENTIFY_HELP = (
    "Instead of the proofs: name every design and history version the code read is equivalent "
    "to, or say none is and show the nearest one's difference.  Exit 0 one is, 1 none is, "
    "2 unknown.")

against_opt = click.option("--against", "against", metavar="DESIGN", default=None,
                           help=AGAINST_HELP)
identify_opt = click.option("--identify", "identify", is_flag=True, help=IDENTIFY_HELP)


def equivalence(design: Design, against: str | None, identify: bool, *, invariants=(),
                word_sizes=(), configs=(), fmt: str = "text", timeout_ms: int = 10_000,
                witness: bool = False, solver: str = "z3", note: str = "") -> int:
    """Run ``--against`` or ``--identify``, render the result, return the exit code.
    ``note`` (what was read) comes first, on stderr in the machine formats."""
    from verify import equivalence as eq
    if against and identify:
        raise UsageError("--against and --identify are two different questions; give one")
    bad = [flag for flag, given in (("--invariant", invariants), ("--witness", witness),
                                    ("--solver", solver != "z3"),
                                    ("--config", configs and identify)) if given]
    if bad:
        what = "--against" if against else "--identify"
        raise UsageError(f"{bad[0]} does not apply to {what}, which compares outcomes "
                         "(every field, every configuration) rather than proving invariants")
    words = [int(w) for w in word_sizes] or None
    if identify:
        result = eq.identify(design, word_sizes=words, timeout_ms=timeout_ms)
    else:
        result = eq.compare(design, catalog.design(against), words, catalog.configs(configs),
                            timeout_ms)
    if note:
        click.echo(note, err=fmt != "text")
    return render(result, fmt, sys.stdout)
