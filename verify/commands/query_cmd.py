"""``verify query``: ask the model whether some mmap call satisfies a condition.

The command computes a ``QueryRun`` (the answer and the witness files written)
and renders it with ``verify.render.formats.render``."""
from __future__ import annotations

import dataclasses
import pathlib
import sys
from typing import TYPE_CHECKING, Any

import click

from verify.cli import cli
from verify.commands.options import format_opt, nonempty
from verify.defaults import DEFAULT_DESIGN, DEFAULT_TIMEOUT_MS
from verify.errors import EXIT_REFUTED
from verify.query.names import ASSUMPTIONS
from verify.query.settings import Settings
from verify.render.formats import render

if TYPE_CHECKING:
    from verify.query.ask import QueryResult

# Options of the query-like commands: one design, one word size, at most one config.
one_design_opt = click.option("--design", "-d", default=DEFAULT_DESIGN, show_default=True,
                              metavar="NAME", help="Kernel design (`verify list` names them).")
one_word_opt = click.option("--word-size", "-w", "word", type=click.Choice(["32", "64"]),
                            default="64", show_default=True, help="Width of unsigned long.")
one_config_opt = click.option(
    "--config", "-c", default=None, metavar="NAME",
    help="Pin CONFIG_MMU and the path (mmu-normal, mmu-compat, nommu-compat; nommu-normal is unreachable in the kernel); "
         "default: any reachable configuration (the query may narrow it with mmu or path).")
assume_opt = click.option(
    "--assume", "-a", "assume", multiple=True, metavar="ID",
    help=f"Environment assumption (repeatable): {', '.join(ASSUMPTIONS)}; 'base' (the default) "
         "= every callee contract + munmap-succeeds + vma-well-formed, as the proofs assume; "
         "'none' for the bare model.")
timeout_opt = click.option("--timeout-ms", type=click.IntRange(min=1), default=None,
                           help=f"Solver time limit per check (default {DEFAULT_TIMEOUT_MS}); a "
                                "timeout answers unknown.")


@dataclasses.dataclass(frozen=True)
class QueryRun:
    """What ``verify query`` reports: the answer, and with ``--save FILE`` (``save_to``)
    the scenario files written (``saved``), none when there is no witness."""
    result: QueryResult
    save_to: str | None = None
    saved: tuple[str, ...] = ()

    @property
    def nothing_saved(self) -> bool:
        return bool(self.save_to) and not self.result.witnesses

    @property
    def exit_code(self) -> int:
        if self.nothing_saved and self.result.answer == "impossible":
            return EXIT_REFUTED
        return self.result.exit_code

    def to_dict(self) -> dict[str, Any]:
        doc = self.result.to_dict()
        if self.save_to:
            doc["saved"] = list(self.saved)
        return doc


def settings(design, word, config, assume, count=1, timeout_ms=None) -> Settings:
    return Settings(design, int(word), config, tuple(assume) or ("base",), count,
                    timeout_ms).validate()


@cli.command("query")
@click.argument("expr")
@one_design_opt
@one_word_opt
@one_config_opt
@assume_opt
@click.option("--all", "count", type=click.IntRange(1, 100), default=1, metavar="N",
              help="Up to N distinct witnesses (differing in path, result or a named input).")
@click.option("--save", "save_to", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              callback=nonempty,
              help="Save the witness as a scenario file for `verify replay` (with --all: FILE, "
                   "FILE-2, ...): TOML for a .toml name, JSON otherwise.  Exit 1 when there is "
                   "no witness to save.")
@format_opt(result="verify.commands.query_cmd:QueryRun")
@timeout_opt
def query_cmd(expr, design, word, config, assume, count, save_to, fmt, timeout_ms) -> int:
    """Is there an mmap call where EXPR holds?  Prints a witness or "impossible".

    EXPR is a condition over the model's variables (`verify vars` lists them), e.g.
    'ret == -ENOMEM and type == MMAP_REMAP_PFN' or 'unmapped and ret == 0'.  A witness is
    the whole mmap call, step by step, values as C prints them.  Exit 0 when answered
    (witness or impossible), 1 with --save when the query is impossible (nothing is saved),
    2 when the solver answered unknown, 64 for a malformed query, 74 when FILE cannot be written.
    """
    st = settings(design, word, config, assume, count, timeout_ms)
    r = st.ask(expr)
    saved = []
    if save_to and r.witnesses:
        from verify.scenario import document     # scenario files: only with --save
        from verify.scenario_file import save
        base = pathlib.Path(save_to)
        for i, t in enumerate(r.witnesses, 1):
            p = base if i == 1 else base.with_name(f"{base.stem}-{i}{base.suffix}")
            saved.append(str(save(p, document(t, description=f"witness of: {expr}"))))
    run = QueryRun(r, save_to, tuple(saved))
    code = render(run, fmt, sys.stdout)
    if run.nothing_saved:
        why = "the query is impossible" if r.answer == "impossible" else "the answer is unknown"
        click.echo(f"verify: nothing saved to {save_to}: {why}, so there is no witness", err=True)
    return code
