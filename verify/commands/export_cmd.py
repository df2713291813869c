"""``verify export --smt2 DIR``: every proof obligation as standalone SMT-LIB2."""
from __future__ import annotations

import dataclasses
import os
import pathlib
import sys
from typing import Any

import click

from verify import catalog
from verify.defaults import DEFAULT_DESIGN
from verify.backends.smtlib import scripts
from verify.cli import cli
from verify.commands.options import config_opt, design_opt, format_opt, nonempty, word_opt
from verify.engine import Session, plan
from verify.errors import UsageError
from verify.render.formats import render


def output_dir(path: str) -> pathlib.Path:
    """DIR, created if missing; a one-line error when it cannot be used."""
    d = pathlib.Path(path)
    if d.exists() and not d.is_dir():
        raise UsageError(f"{path} is a file, not a directory; give a directory for the .smt2 files")
    if not d.exists():
        if not d.parent.is_dir():
            raise UsageError(f"cannot create {path}: its parent {d.parent} does not exist; "
                             "create it first or choose another directory")
        try:
            d.mkdir()
        except OSError as e:
            raise UsageError(f"cannot create {path}: {e.strerror}; choose another directory") from e
    if not os.access(d, os.W_OK):
        raise UsageError(f"{path} is not writable; choose another directory")
    return d


def export(directory: str, invariants=(), designs=(), word_sizes=(), configs=()) -> list[dict]:
    """Write the vacuity and proof script of every planned obligation; return the index."""
    invs = catalog.invariants(list(invariants))
    ds = [catalog.design(n) for n in (list(designs) or [DEFAULT_DESIGN])]
    ws = catalog.word_sizes(word_sizes)
    cfgs = catalog.configs(list(configs))
    out = output_dir(directory)
    sessions: dict[tuple[str, int], Session] = {}
    index = []
    for d, w, inv, c in plan(invs, ds, ws, cfgs):
        if (d.name, w) not in sessions:
            sessions[(d.name, w)] = Session(d, w)
        for sc in scripts(sessions[(d.name, w)], inv, c):
            (out / sc.name).write_text(sc.text)
            index.append({"file": str(out / sc.name), "kind": sc.kind, "invariant": inv.id,
                          "design": d.name, "word_size": w, "config": c.name,
                          "expect": "sat" if sc.kind == "vacuity" else "unsat when proved"})
    return index


@dataclasses.dataclass(frozen=True)
class Exported:
    """What ``verify export`` reports: the directory as given and the index of the files
    written (``export()``)."""
    directory: str
    files: tuple[dict[str, Any], ...]
    exit_code = 0

    @property
    def proofs(self) -> int:
        return sum(1 for e in self.files if e["kind"] == "proof")

    def to_dict(self) -> dict[str, Any]:
        return {"directory": self.directory, "files": list(self.files)}


@cli.command("export")
@click.option("--smt2", "directory", required=True, metavar="DIR", callback=nonempty,
              help="Directory for the .smt2 files (created if missing).")
@click.option("--invariant", "-i", "invariants", multiple=True, metavar="ID",
              help="Invariant to export (repeatable; default: all).")
@design_opt
@word_opt
@config_opt
@format_opt(result="verify.commands.export_cmd:Exported")
def export_cmd(directory, invariants, designs, word_sizes, configs, fmt) -> int:
    """Write every proof obligation as a standalone SMT-LIB2 file that any solver can run.

    Per obligation two files, named <invariant>__<design>__<word>bit__<config>.smt2 (the proof:
    unsat means proved, sat gives a counterexample) and ...__vacuity.smt2 (sat means the
    assumptions can hold; unsat means a proof would be vacuous).  Each ends in (check-sat).
    """
    index = export(directory, invariants, designs, [int(w) for w in word_sizes], configs)
    return render(Exported(directory, tuple(index)), fmt, sys.stdout)
