"""``verify check-seq``: invariants over sequences of mmap and munmap calls.

``check_seq()`` computes (returns ``SeqResult``s, never prints); the command
renders them (a ``SeqRun``) and, with ``--trace-out``, writes the first
counterexample as ITF.
"""
from __future__ import annotations

import dataclasses
import sys
from typing import Any, Sequence

import click

from models.space_mutants import SPACES
from proofs.sequences import SEQ_CONFIGS, SEQ_INVARIANTS, SeqInvariant, system
from verify import catalog, itf
from verify.bmc import bmc
from verify.cli import cli
from verify.commands.options import format_opt, nonempty, word_opt
from verify.defaults import DEFAULT_DESIGN, SEQ_TIMEOUT_MS
from verify.errors import UnknownName, UsageError
from verify.kinduction import kinduction
from verify.progress import progress
from verify.render.formats import render
from verify.transition import SeqResult, exit_code

DEFAULT_DEPTH = 10
MAX_DEPTH = 200


def resolve(ids: Sequence[str]) -> list[SeqInvariant]:
    for i in ids:
        if i not in SEQ_INVARIANTS:
            raise UnknownName("sequence invariant", i, SEQ_INVARIANTS)
    return [SEQ_INVARIANTS[i] for i in ids] if ids else list(SEQ_INVARIANTS.values())


def check_seq(invariants: Sequence[str] = (), designs: Sequence[str] = (), space: str = "kernel",
              word_sizes: Sequence[int] = (), configs: Sequence[str] = (),
              depth: int = DEFAULT_DEPTH, induction: bool = False,
              timeout_ms: int = SEQ_TIMEOUT_MS) -> list[SeqResult]:
    """BMC to ``depth`` (or k-induction with k up to ``depth``) of each requested sequence
    invariant on each design x word size x configuration (default: the invariant's scope)."""
    if not 1 <= depth <= MAX_DEPTH:
        raise UsageError(f"depth {depth} is out of range; use 1..{MAX_DEPTH}")
    if space not in SPACES:
        raise UnknownName("address-space variant", space, SPACES)
    for c in configs:
        if c not in SEQ_CONFIGS:
            raise UnknownName("sequence config", c, SEQ_CONFIGS)
    invs = resolve(invariants)
    ds = [catalog.design(n) for n in (designs or [DEFAULT_DESIGN])]
    ws = catalog.word_sizes(word_sizes)
    out: list[SeqResult] = []
    runs = [(d, w, c, [i for i in invs if (c in configs if configs else c in i.scope)])
            for d in ds for w in ws for c in SEQ_CONFIGS]
    runs = [r for r in runs if r[3]]
    steps = sum(len(todo) if induction else depth + 1 for *_, todo in runs)
    with progress("sequences checked", steps) as advance:
        for d, w, c, todo in runs:
            ts = system(d, w, c, space)
            ctx = lambda i: {"design": d.name, "space": space, "word_size": w, "config": c,  # noqa: E731
                             "in_scope": c in i.scope}
            if induction:
                found = []
                for i in todo:
                    found.append(kinduction(ts, i.prop(), depth, timeout_ms))
                    advance(1)
            else:
                seen = [0]

                def on_depth(j: int, _ms: float) -> None:
                    advance(j + 1 - seen[0])
                    seen[0] = j + 1
                found = bmc(ts, [i.prop() for i in todo], depth, timeout_ms, on_depth=on_depth)
                advance(depth + 1 - seen[0])
            for i, r in zip(todo, found):
                out.append(SeqResult(r.prop, r.method, r.status, r.depth, r.time_ms, r.trace,
                                     r.witness, r.reason, ctx(i)))
    return out


@dataclasses.dataclass(frozen=True)
class SeqRun:
    """What ``verify check-seq`` reports: the results, how they were checked, and the ITF
    file written (``written``: (invariant, path)) or asked for (``trace_out``)."""
    results: tuple[SeqResult, ...]
    induction: bool
    depth: int
    written: tuple[str, str] | None = None
    trace_out: str | None = None

    @property
    def exit_code(self) -> int:
        return exit_code(list(self.results))

    def to_dict(self) -> dict[str, Any]:
        return {"results": [r.to_dict() for r in self.results], "exit_code": self.exit_code,
                "trace_out": self.trace_out if self.written else None}


HELP_EXIT = ("Exit codes: 0 every invariant proved (--induction) or, without --induction, no "
             "violation in any sequence up to --depth calls (a bounded proof, reported as "
             "'bounded'); 1 a sequence violates an invariant; 2 the solver gave up, a run was "
             "vacuous, or k-induction did not close within --depth (never a pass); 64 bad usage; "
             "74 the --trace-out file cannot be written.")


@cli.command("check-seq", epilog=HELP_EXIT)
@click.option("--invariant", "-i", "invariants", multiple=True, metavar="ID",
              help=f"Sequence invariant (repeatable; default: all): {', '.join(SEQ_INVARIANTS)}.")
@click.option("--design", "-d", "designs", multiple=True, metavar="NAME",
              help="Design or mutant whose mmap call is the transition (repeatable; default: "
                   "override). `verify list` names them.")
@click.option("--space", default="kernel", show_default=True, metavar="NAME",
              help=f"Address-space layer: {', '.join(SPACES)} (the others are broken variants).")
@word_opt
@click.option("--config", "-c", "configs", multiple=True, metavar="NAME",
              help="mmu or nommu (CONFIG_MMU for the whole sequence; repeatable; default: where "
                   "each invariant is claimed to hold).")
@click.option("--depth", "-k", type=int, default=DEFAULT_DEPTH, show_default=True,
              help=f"Calls per sequence for BMC; with --induction, the largest k tried (1..{MAX_DEPTH}).")
@click.option("--induction", is_flag=True,
              help="Prove for sequences of any length by k-induction; reports the k that closed "
                   "the proof, or the counterexample to induction.")
@format_opt
@click.option("--trace-out", metavar="FILE", callback=nonempty,
              help="Write the first counterexample (or counterexample to induction) as ITF JSON.")
@click.option("--timeout-ms", type=click.IntRange(min=1), default=SEQ_TIMEOUT_MS, show_default=True,
              help="Solver time limit per check; a timeout is reported as unknown, never a pass.")
def check_seq_cmd(invariants, designs, space, word_sizes, configs, depth, induction, fmt,
                  trace_out, timeout_ms) -> int:
    """Check invariants over sequences of mmap (normal and compat path) and munmap calls.

    The state is an address space (a window of pages, each mapped or not, with the flags of
    its VMA), the rmap lock and the last result; each mmap is the one-call model of the
    design.  Without --induction this is bounded model checking: 'bounded' means no sequence
    of up to --depth calls violates the invariant (a bounded proof, not one for every
    length).  A violation prints the sequence step by step, the state variables each step
    changed marked with '*'.
    """
    if trace_out:
        itf.check_writable(trace_out)
    results = check_seq(invariants, designs, space, [int(w) for w in word_sizes], configs, depth,
                        induction, timeout_ms)
    written = None
    if trace_out:
        first = next((r for r in results if r.trace is not None), None)
        if first is not None:
            itf.write(itf.to_itf(first.trace, meta=dict(first.context)), trace_out)
            written = (first.prop, trace_out)
    return render(SeqRun(tuple(results), induction, depth, written, trace_out), fmt, sys.stdout)
