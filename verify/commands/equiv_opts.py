"""``--against DESIGN`` and ``--identify``: translation validation of a design (the C
read from a tree by ``verify source``) against the hand models (verify.equivalence)."""
from __future__ import annotations

import click

from models.design import Design
from verify import catalog
from verify.render import json_out
from verify.render.console import console

AGAINST_HELP = (
    "Instead of the proofs: prove that the code read gives the same outcome as the hand model "
    "DESIGN for every input both read (every outcome field and WARN, both word sizes, every "
    "configuration).  Exit 0 equal, 1 they differ (the first differing input is printed as a "
    "replayable scenario), 2 unknown.")
IDENTIFY_HELP = (
    "Instead of the proofs: name every design and history version the code read is equivalent "
    "to, or none and the nearest one's difference.  Exit 0 one is, 1 none is, 2 unknown.")

against_opt = click.option("--against", "against", metavar="DESIGN", default=None,
                           help=AGAINST_HELP)
identify_opt = click.option("--identify", "identify", is_flag=True, help=IDENTIFY_HELP)


def run_against(design: Design, against: str, as_json: bool, timeout_ms: int,
                about: dict | None = None) -> int:
    from verify.equivalence import compare
    from verify.render.equiv import comparison
    c = compare(design, catalog.design(against), timeout_ms=timeout_ms)
    if as_json:
        json_out.emit(({"tree": about} if about else {}) | c.to_dict())
    else:
        con = console()
        if about:
            con.print(about["text"])
        comparison(con, c)
    return c.exit_code


def run_identify(design: Design, as_json: bool, timeout_ms: int,
                 about: dict | None = None) -> int:
    from verify.equivalence import identify
    from verify.render.equiv import identification
    i = identify(design, timeout_ms=timeout_ms)
    if as_json:
        json_out.emit(({"tree": about} if about else {}) | i.to_dict())
    else:
        con = console()
        if about:
            con.print(about["text"])
        identification(con, i)
    return i.exit_code
