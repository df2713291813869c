"""``verify docs``: generate the invariant docs, or check the committed ones.

The command computes a ``DocsRun`` (pages written or differences found, the
obligations without a verdict) and renders it with ``verify.render.formats.render``."""
from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path
from typing import Any

import click

from verify import catalog
from verify.cli import cli
from verify.commands.options import format_opt, nonempty, timeout_opt
from verify.errors import EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN, OutputFileError
from verify.render.formats import render
from verify.results import Status


@dataclasses.dataclass(frozen=True)
class DocsRun:
    """What ``verify docs`` reports: ``pages`` generated into ``root``; with ``check``,
    the ``differences`` (``verify.docs.files.Difference``) between them and the files,
    else the pages ``written``; the ``timings`` file written; and the obligations that
    had no verdict (``unsettled``: id, status, reason)."""
    root: str
    check: bool
    pages: int
    obligations: int
    time_ms: float
    written: tuple[str, ...] = ()
    differences: tuple[Any, ...] = ()
    timings: str | None = None
    unsettled: tuple[tuple[str, str, str | None], ...] = ()

    @property
    def exit_code(self) -> int:
        if self.check and self.differences:
            return EXIT_REFUTED
        return EXIT_UNKNOWN if self.unsettled else EXIT_PROVED

    def to_dict(self) -> dict[str, Any]:
        return {"out": self.root, "check": self.check, "pages": self.pages,
                "written": list(self.written),
                "differences": [{"path": d.path, "kind": d.kind, "diff": d.diff}
                                for d in self.differences],
                "obligations": self.obligations, "time_ms": round(self.time_ms, 3),
                "timings": self.timings,
                "unknown_or_vacuous": [{"id": i, "status": s, "reason": r}
                                       for i, s, r in self.unsettled],
                "exit_code": self.exit_code}


@cli.command("docs")
@click.option("--out", "out", default="docs", show_default=True, metavar="DIR", callback=nonempty,
              help="Folder of the docs: DIR/invariants.md, DIR/history.md, DIR/invariants/*.md, "
                   "DIR/designs/*.md.")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when the docs in DIR differ from the generated ones, "
                   "listing the differences.")
@click.option("--design", "-d", "designs", multiple=True, metavar="NAME",
              help="Design to document (repeatable; default: every registered design).")
@click.option("--timings", metavar="FILE", default=None,
              help="Also write the run's proof times, Z3 version and date to FILE (Markdown); "
                   "the pages themselves hold none of them, so a second run rewrites nothing.")
@timeout_opt
@format_opt(result="verify.commands.docs_cmd:DocsRun")
def docs_cmd(out: str, check: bool, designs: tuple[str, ...], timings: str | None,
             timeout_ms: int, fmt: str) -> int:
    """Generate the invariant docs from the registry and the proofs.

    For each invariant: its statement, formula, assumptions and kernel functions, its status on
    every design x word size x configuration, the rules each proof used, and
    the counterexample of every refuted combination.  An index with the status matrix, and one
    page per design with its mmap path as a state machine (Mermaid), drawn from the model, and
    the version x invariant timeline of `verify history` (when no --design filter is given).
    Only the pages whose text changed are written.

    Exit 0 when written (or, with --check, up to date), 1 when --check finds a difference,
    2 when an obligation was unknown or vacuous.
    """
    from verify.docs import collect, files, pages
    t0 = time.perf_counter()
    ds = [catalog.design(n) for n in designs] or None
    root = Path(out)
    if not check:
        files.check_writable(root, Path(timings) if timings else None)
    run = collect.collect(ds, timeout_ms)
    tl = nec = None
    if ds is None:      # the whole registry: the history timeline and the assumptions too
        from verify.history import timeline
        from verify.necessity import necessity
        tl = timeline(timeout_ms=timeout_ms)
        nec = necessity(timeout_ms=timeout_ms)
    text = pages.pages(run, timeline=tl, necessity=nec)
    secs = time.perf_counter() - t0
    unsettled = tuple((r.obligation.id, r.status.value, r.reason)
                      for r in run.results.values()
                      if r.status in (Status.UNKNOWN, Status.VACUOUS))
    done = DocsRun(str(root), check, len(text), len(run.results), secs * 1e3,
                   unsettled=unsettled)
    if check:
        done = dataclasses.replace(done, differences=tuple(files.compare(root, text)))
    else:
        done = dataclasses.replace(done, written=tuple(files.write(root, text)))
    if timings and not done.differences:
        path = Path(timings)
        try:
            path.write_text(pages.timings(run, tl, secs * 1e3), encoding="utf-8")
        except OSError as e:
            render(done, fmt, sys.stdout)      # what was done before the failure
            raise OutputFileError(f"cannot write --timings {path}: {e.strerror or e}") from None
        done = dataclasses.replace(done, timings=str(path))
    code = render(done, fmt, sys.stdout)
    if done.check and done.differences:
        click.echo(f"verify: {len(done.differences)} page(s) in {root} differ from the "
                   f"generated docs; run 'verify docs --out {root}' and commit the result",
                   err=True)
    elif unsettled:
        click.echo(f"verify: {len(unsettled)} obligation(s) unknown or vacuous, first "
                   f"{unsettled[0][0]}: {unsettled[0][2]}", err=True)
    return code
