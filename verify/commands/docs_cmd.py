"""``verify docs``: generate the invariant docs, or check the committed ones."""
from __future__ import annotations

import time
from pathlib import Path

import click

from verify import catalog
from verify.cli import cli
from verify.commands.options import nonempty, timeout_opt
from verify.errors import EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN, OutputFileError
from verify.results import Status


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
def docs_cmd(out: str, check: bool, designs: tuple[str, ...], timings: str | None,
             timeout_ms: int) -> int:
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
    run = collect.collect(ds, timeout_ms)
    tl = nec = None
    if ds is None:      # the whole registry: the history timeline and the assumptions too
        from verify.history import timeline
        from verify.necessity import necessity
        tl = timeline(timeout_ms=timeout_ms)
        nec = necessity(timeout_ms=timeout_ms)
    text = pages.pages(run, timeline=tl, necessity=nec)
    secs = time.perf_counter() - t0
    if check:
        diffs = files.compare(root, text)
        for d in diffs:
            click.echo(f"{root / d.path}: {d.kind}")
            if d.diff:
                click.echo(d.diff, nl=False)
        if diffs:
            click.echo(f"verify: {len(diffs)} page(s) in {root} differ from the generated docs; "
                       f"run 'verify docs --out {root}' and commit the result", err=True)
            return EXIT_REFUTED
        click.echo(f"{root}: {len(text)} pages up to date ({secs:.1f} s)")
    else:
        written = files.write(root, text)
        click.echo(f"wrote {len(written)} of {len(text)} pages to {root} "
                   f"({len(text) - len(written)} unchanged; {len(run.results)} obligations, "
                   f"{secs:.1f} s)")
    if timings:
        path = Path(timings)
        try:
            path.write_text(pages.timings(run, tl, secs * 1e3), encoding="utf-8")
        except OSError as e:
            raise OutputFileError(f"cannot write --timings {path}: {e.strerror or e}") from None
        click.echo(f"wrote the run's times to {path}")
    bad = [r for r in run.results.values() if r.status in (Status.UNKNOWN, Status.VACUOUS)]
    if bad:
        click.echo(f"verify: {len(bad)} obligation(s) unknown or vacuous, first "
                   f"{bad[0].obligation.id}: {bad[0].reason}", err=True)
        return EXIT_UNKNOWN
    return EXIT_PROVED
