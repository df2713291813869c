"""Text rendering of sequence checks: a table of results, then each counterexample
as a sequence of labelled steps, the state variables a step changed marked '*'
and highlighted, and the kernel path of the call that broke the invariant."""
from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from models.cdefs import PAGE_SHIFT
from proofs.sequences import SEQ_INVARIANTS
from verify.cformat import show
from verify.render.text import render_trace
from verify.transition import SeqResult, SeqStatus, SeqTrace, StateVar

STYLE = {SeqStatus.PROVED: "green", SeqStatus.BOUNDED: "green", SeqStatus.REFUTED: "red",
         SeqStatus.NOT_CLOSED: "yellow", SeqStatus.UNKNOWN: "yellow", SeqStatus.VACUOUS: "yellow"}
PARAM_KIND = {"start": "ulong", "end": "ulong", "type": "type"}


def pages(addrs: Any) -> str:
    """A set of page addresses as half-open ranges: ``[0x10000,0x12000)``."""
    addrs = sorted(addrs)
    if not addrs:
        return "{}"
    runs, lo, prev = [], addrs[0], addrs[0]
    for a in addrs[1:]:
        if a != prev + (1 << PAGE_SHIFT):
            runs.append((lo, prev))
            lo = a
        prev = a
    runs.append((lo, prev))
    return " ".join(f"[{hex(a)},{hex(b + (1 << PAGE_SHIFT))})" for a, b in runs)


def value(var: StateVar, v: Any) -> str:
    if var.kind == "pages":
        return pages(v)
    return show(var.name, v, var.kind)


def param(name: str, v: Any) -> str:
    if isinstance(v, bool):
        return show(name, v, "bool")
    return show(name, v, PARAM_KIND.get(name, "int"))


def results(con, run) -> None:
    """A ``verify check-seq`` run (``SeqRun``): the table, each counterexample, the totals."""
    rs, induction, depth, written, trace_out = (run.results, run.induction, run.depth,
                                                run.written, run.trace_out)
    table = Table(header_style="bold")
    for col in ("invariant", "design", "space", "word", "config", "status", "k" if induction else
                "depth", "ms"):
        table.add_column(col, justify="right" if col in ("word", "k", "depth", "ms") else "left")
    for r in rs:
        c = r.context
        cfg = c["config"] if c.get("in_scope", True) else f"{c['config']} (outside scope)"
        table.add_row(r.prop, c["design"], c["space"], str(c["word_size"]), cfg,
                      Text(r.status.value, style=STYLE[r.status]), str(r.depth), f"{r.time_ms:.0f}")
    con.print(table)
    for r in rs:
        if r.trace is not None:
            sequence(con, r, r.trace)
        elif r.status in (SeqStatus.UNKNOWN, SeqStatus.VACUOUS, SeqStatus.NOT_CLOSED):
            con.print(Text(f"{r.prop}: {r.status.value}: {r.reason}", style="yellow"))
    counts = {s: sum(1 for r in rs if r.status is s) for s in SeqStatus}
    con.print(", ".join(f"{n} {s.value}" for s, n in counts.items() if n) or "nothing checked")
    if not induction and counts[SeqStatus.BOUNDED]:
        con.print(f"bounded: no sequence of up to {depth} calls violates the invariant; this is a "
                  "bounded proof (use --induction for sequences of any length).")
    if trace_out:
        con.print(f"ITF trace of {written[0]} written to {written[1]}" if written else
                  f"no counterexample: {trace_out} not written")


def sequence(con, r: SeqResult, tr: SeqTrace) -> None:
    c = r.context
    inv = SEQ_INVARIANTS.get(r.prop)
    head = (f"{r.prop} [{c['design']}, space {c['space']}, {c['word_size']}-bit, {c['config']}]: "
            f"{r.status.value}")
    con.print()
    con.print(Text(head, style=f"bold {STYLE[r.status]}"))
    if inv:
        con.print(f"  invariant: {inv.statement}")
        con.print(f"  formula:   {inv.formula_text}")
        if not c.get("in_scope", True) and inv.outside_scope:
            con.print(f"  outside the invariant's scope: {inv.outside_scope}")
    if r.reason:
        con.print(f"  {r.reason}")
    con.print(f"  {tr.what}, {len(tr.steps)} step(s)"
              + (f"; fails in state {tr.position}" if tr.position is not None else "") + ":")
    con.print(state_line("  state 0", tr.variables, tr.states[0], ()))
    for st in tr.steps:
        params = " ".join(f"{k}={param(k, v)}" for k, v in st.params.items()
                          if k not in ("start", "end"))
        rng = f"[{hex(st.params['start'])},{hex(st.params['end'])})" if "start" in st.params else ""
        label = Text(f"  step {st.index + 1}: ")
        label.append(f"{st.action} {rng}", style="bold")
        if params:
            label.append(f" {params}")
        if st.result:
            label.append(" -> " + " ".join(f"{k}={param(k, v)}" for k, v in st.result.items()))
        con.print(label)
        con.print(state_line(f"  state {st.index + 1}", tr.variables, tr.states[st.index + 1],
                             st.changed))
    last = tr.steps[-1] if tr.steps else None
    if last is not None and last.call is not None:
        con.print(f"  the call of step {last.index + 1}, through the kernel:")
        render_trace(con, last.call, indent="    ")


def state_line(label: str, variables, state: dict, changed: tuple[str, ...]) -> Text:
    line = Text(f"{label}: ")
    for n, var in enumerate(variables):
        if n:
            line.append("  ")
        mark = "*" if var.name in changed else ""
        line.append(f"{mark}{var.name}={value(var, state[var.name])}",
                    style="bold yellow" if mark else "dim")
    return line
