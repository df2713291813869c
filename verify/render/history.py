"""Text rendering of the version x invariant timeline (``verify history``)."""
from __future__ import annotations

from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from models import DESIGNS
from models.history.bugs import FINDINGS
from verify.history import Timeline
from verify.render.text import wrapped
from verify.results import Status

KIND = {"bug": "known bug", "finding": "found by the verifier", "absent": "not a bug"}


def cell_text(tl: Timeline, version: str, inv: str) -> Text:
    c = tl.cell(version, inv)
    if c.status is Status.PROVED:
        return Text("ok", style="green")
    if c.status is Status.REFUTED:
        return Text(" ".join(c.findings) or "x", style="red")
    return Text(c.status.value, style="yellow")


def wide_table(tl: Timeline) -> Table:
    table = Table(header_style="bold", title="versions (rows) x invariants (columns, numbered "
                  "below): ok = proved; otherwise the findings that refute it")
    table.add_column("version", no_wrap=True)
    table.add_column("date", no_wrap=True)
    for n, _ in enumerate(tl.invariants, 1):
        table.add_column(str(n), justify="center", no_wrap=True)
    for v in tl.versions:
        d = DESIGNS[v]
        label = v if d.tree == "mainline" else f"{v} ({d.tree})"
        table.add_row(label, d.date, *[cell_text(tl, v, i) for i in tl.invariants])
    return table


def narrow_table(tl: Timeline) -> Table:
    """The same cells for a narrow terminal: no borders, no date column (the versions are in
    date order), findings without spaces (``B6S1``)."""
    table = Table(header_style="bold", box=None, padding=(0, 1, 0, 0), pad_edge=False,
                  title="versions x invariants (numbered below): ok = proved, else the findings")
    table.add_column("version", no_wrap=True)
    for n, _ in enumerate(tl.invariants, 1):
        table.add_column(str(n), justify="center", no_wrap=True)
    for v in tl.versions:
        cells = [cell_text(tl, v, i) for i in tl.invariants]
        for c in cells:
            c.plain = c.plain.replace(" ", "")
        table.add_row(v, *cells)
    return table


def timeline(con, tl: Timeline, show_commands: bool = True) -> None:
    table = wide_table(tl)
    natural = Measurement.get(con, con.options.update(max_width=10_000), table).maximum
    if natural > con.width:
        table = narrow_table(tl)
        con.print(table)
        wrapped(con, "dates: ", ", ".join(f"{v} {DESIGNS[v].date}"
                                          + ("" if DESIGNS[v].tree == "mainline"
                                             else f" ({DESIGNS[v].tree})")
                                          for v in tl.versions).split())
    else:
        con.print(table)
    wrapped(con, "invariants: ", "; ".join(f"{n} {i}" for n, i in enumerate(tl.invariants, 1)).split())
    con.print()
    for f in FINDINGS:
        where = ", ".join(tl.found.get(f.id, ())) or "none"
        span = f" ({f.introduced} -> {f.fixed})" if f.introduced else f" (until {f.fixed})"
        con.print(Text(f"{f.id}", style="bold") + f" {f.title} [{KIND[f.kind]}]{span}")
        con.print(f"    found in: {where}")
        con.print(f"    scenario: {f.scenario_text}; caught by: {', '.join(f.invariants)}")
        if f.note:
            con.print(f"    note: {f.note}")
    if show_commands:
        con.print()
        con.print("refuted cells (the command prints the counterexample trace):")
        for v in tl.versions:
            for i in tl.invariants:
                c = tl.cell(v, i)
                if c.status is Status.REFUTED:
                    con.print(f"  {v:<11} {i:<28} {' '.join(c.findings) or '-':<8} {c.command}")
                elif c.status is not Status.PROVED:
                    con.print(Text(f"  {v:<11} {i:<28} {c.status.value}: {c.reason}",
                                   style="yellow"))
    for m in tl.mismatches():
        con.print(Text(f"mismatch: {m}", style="bold red"))
    con.print(f"{len(tl.versions)} versions x {len(tl.invariants)} invariants, word sizes "
              f"{'/'.join(map(str, tl.word_sizes))}: {tl.obligations} obligations, "
              f"{tl.wall_ms / 1e3:.2f} s on {tl.jobs} process(es)")
