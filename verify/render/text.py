"""Text rendering: tables of results and counterexample traces.

``render`` is the ``text`` format: the result's own renderer (named in
``verify.render.formats.RESULTS``) drawn on a console over the stream.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from rich.text import Text

from models.config import config
from models.outcome import TRACE_FIELDS
from proofs import INVARIANTS
from verify.render.console import console
from verify.results import ObligationResult, Status, SuiteResult, Trace

STYLE = {Status.PROVED: "green", Status.REFUTED: "red", Status.UNKNOWN: "yellow",
         Status.VACUOUS: "yellow"}
KIND_MARK = {"call": "call", "warn": "WARN", "lock": "lock", "unmap": "unmap", "return": "ret",
             "step": ""}
LABEL_WIDTH = 36   # step labels are padded to the longest, up to this
KIND_STYLE = {"warn": "bold yellow", "lock": "cyan", "unmap": "magenta", "return": "bold"}


def render(result: Any, out: TextIO, **options: Any) -> None:
    from verify.render.formats import text_renderer
    text_renderer(result)(console(out), result, **options)


def suite(con, result: SuiteResult, show_witness: bool = False) -> None:
    # One design: named once above the table, so that a long one (source:PATH) leaves the
    # invariant column whole.  Names never wrap; a configuration's note may.
    designs = {r.obligation.design for r in result.results}
    one = designs.pop() if len(designs) == 1 else None
    cols = ("invariant", "word", "config", "status", "ms") if one else \
        ("invariant", "design", "word", "config", "status", "ms")
    from rich.table import Table   # loaded by the commands that print a table
    table = Table(title=None, show_lines=False, header_style="bold")
    for col in cols:
        table.add_column(col, justify="right" if col in ("word", "ms") else "left",
                         no_wrap=col != "config", min_width=12 if col == "config" else None)
    for r in result.results:
        ob = r.obligation
        cfg = ob.config if ob.in_scope else f"{ob.config} (outside scope)"
        if not config(ob.config).reachable:
            cfg = f"{ob.config} (latent: unreachable)"
        row = [ob.invariant] + ([] if one else [ob.design]) + [
            str(ob.word_size), cfg, Text(r.status.value, style=STYLE[r.status]),
            f"{r.time_ms:.1f}"]
        table.add_row(*row)
    if one:
        con.print(Text(f"design: {one}", style="bold"))
    con.print(table)
    for r in result.results:
        if r.status is Status.REFUTED:
            obligation_trace(con, r, r.counterexample, "counterexample")
        elif r.status in (Status.UNKNOWN, Status.VACUOUS):
            con.print(Text(f"{r.status.value}: {r.obligation.id}: {r.reason}", style="yellow"))
        elif show_witness and r.witness:
            obligation_trace(con, r, r.witness, "witness (the assumptions are satisfiable)")
    counts = ", ".join(f"{result.count(s)} {s.value}" for s in Status)
    wrapped(con, "", f"{len(result.results)} obligations: {counts}; solver "
            f"{result.solver_ms / 1e3:.2f} s, wall {result.wall_ms / 1e3:.2f} s ({result.solver} "
            f"{result.solver_version})".split())


def obligation_trace(con, r: ObligationResult, trace: Trace, what: str) -> None:
    inv = INVARIANTS.get(r.obligation.invariant)
    con.print()
    con.print(Text(f"{r.obligation.id}: {r.status.value}", style=f"bold {STYLE[r.status]}"))
    if inv:
        wrapped(con, "  invariant: ", inv.statement.split())
        wrapped(con, "  formula:   ", inv.formula_text.split())
        for part in r.fails:
            wrapped(con, "  fails:     ", part.split())
        if r.reads:
            wrapped(con, "  reads:     ", [f"{k}={v}" for k, v in r.reads])
        if not config(r.obligation.config).reachable:
            con.print(f"  configuration {r.obligation.config}: {config(r.obligation.config).note}")
        elif not r.obligation.in_scope and inv.outside_scope:
            con.print(f"  outside the invariant's scope: {inv.outside_scope}")
    con.print(f"  {what}:")
    render_trace(con, trace, indent="    ")


def render_trace(con, trace: Trace, indent: str = "") -> None:
    """The mmap call step by step, one line a step, values as C prints them."""
    shown = trace.shown
    inputs = [f"{k[3:]}={v}" for k, v in shown.items() if k.startswith("in.")]
    con.print(f"{indent}design={trace.design} word_size={trace.word_size}")
    wrapped(con, f"{indent}inputs: ", inputs)
    width = min(max((len(st.label) for st in trace.steps), default=0), LABEL_WIDTH)
    for n, st in enumerate(trace.steps, 1):
        line = Text(f"{indent}{n:>2}. ")
        line.append(f"{KIND_MARK.get(st.kind, ''):<5} ", style=KIND_STYLE.get(st.kind, ""))
        words = [(f"{k}={v}", "") for k, v in st.values.items()]
        if len(st.label) <= width:
            line.append(f"{st.label:<{width}}")
        else:                                     # a long label flows like the values
            words = [(w, "") for w in st.label.split()] + words
            line.append(words.pop(0)[0])
        if st.cite:
            words.append((f"[{st.cite}]", "dim"))
        under = " " * (len(indent) + 10)          # continuation lines start under the label
        sep = "  " if len(st.label) <= width else " "
        for word, style in words:
            if len(line) + len(sep) + len(word) > con.width and line.plain.strip():
                con.print(line, crop=False)
                line, sep = Text(under), ""
            line.append(sep)
            line.append(word, style=style)
            sep = " "
        con.print(line, crop=False)
    wrapped(con, f"{indent}outcome: ", [f"{k}={shown[k]}" for k in TRACE_FIELDS if k in shown])
    warnings = trace.outcome.get("warnings") or []
    wrapped(con, f"{indent}warnings: ", (", ".join(warnings) if warnings else "none").split())


def wrapped(con, head: str, words: list[str]) -> None:
    """``head`` and ``words`` in lines that fit the console, continuation lines indented
    under the first word (a word is never split, so each stays one ``name=value``)."""
    width = max(con.width, len(head) + 20)
    line = head
    for w in words:
        if line.strip() and line != head and len(line) + 1 + len(w) > width:
            con.print(line, markup=False, highlight=False, crop=False)
            line = " " * len(head) + w
        else:
            line = f"{line}{'' if line == head else ' '}{w}"
    con.print(line, markup=False, highlight=False, crop=False)


def listing(con, result) -> None:
    """``verify list`` (``verify.catalog.Listing``): one table per registry."""
    from rich.table import Table
    data = result.data
    t = Table(title="invariants", header_style="bold", show_lines=True)
    t.add_column("id", no_wrap=True)
    t.add_column("statement")
    t.add_column("scope")
    for i in data["invariants"]:
        t.add_row(i["id"], i["statement"], ", ".join(i["scope"]))
    con.print(t)
    t = Table(title="sequence invariants (verify check-seq)", header_style="bold", show_lines=True)
    t.add_column("id", no_wrap=True)
    t.add_column("statement")
    t.add_column("scope")
    for i in data.get("sequence_invariants", []):
        t.add_row(i["id"], i["statement"], ", ".join(i["scope"]))
    con.print(t)
    t = Table(title="designs", header_style="bold")
    t.add_column("name", no_wrap=True)
    t.add_column("what")
    for d in data["designs"]:
        t.add_row(d["name"], f"{d['title']}: {d['summary']}")
    con.print(t)
    t = Table(title="configurations", header_style="bold")
    t.add_column("name", no_wrap=True)
    t.add_column("meaning")
    for c in data["configs"]:
        t.add_row(c["name"], c["description"])
    con.print(t)
    con.print(f"{len(data['mutants'])} mutants (broken variants for the mutation check): "
              + ", ".join(m["name"] for m in data["mutants"]))


def lines(con, text: str) -> None:
    """Plain text, byte for byte (no markup, no wrapping, tabs kept), and a newline."""
    con.file.write(text + "\n")


def exported(con, result) -> None:
    """``verify export`` (``verify.commands.export_cmd.Exported``): one line."""
    n, proofs = len(result.files), result.proofs
    lines(con, f"wrote {n} SMT-LIB2 files to {result.directory}: {proofs} proof queries "
               f"(unsat = proved) and {n - proofs} vacuity queries (sat = not vacuous)")


def docs_run(con, run) -> None:
    """``verify docs`` (``verify.commands.docs_cmd.DocsRun``): the differences found, or
    the pages written, and the timings file."""
    secs = run.time_ms / 1e3
    if run.check:
        for d in run.differences:
            lines(con, f"{Path(run.root) / d.path}: {d.kind}")
            if d.diff:
                con.file.write(d.diff)
        if not run.differences:
            lines(con, f"{run.root}: {run.pages} pages up to date ({secs:.1f} s)")
    else:
        lines(con, f"wrote {len(run.written)} of {run.pages} pages to {run.root} "
                   f"({run.pages - len(run.written)} unchanged; {run.obligations} obligations, "
                   f"{secs:.1f} s)")
    if run.timings:
        lines(con, f"wrote the run's times to {run.timings}")
