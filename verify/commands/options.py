"""Options shared by several subcommands."""
from __future__ import annotations

import functools

import click

from models.config import CONFIGS
from verify.defaults import DEFAULT_DESIGN, DEFAULT_TIMEOUT_MS

def nonempty(ctx: click.Context, param: click.Parameter, value):
    """Refuse an empty path (``--out ''``), which would otherwise mean the current directory."""
    if value is not None and not str(value).strip():
        raise click.BadParameter("the path is empty; give a file or directory name", ctx, param)
    return value


design_opt = click.option(
    "--design", "-d", "designs", multiple=True, metavar="NAME",
    help=f"Kernel design to check (repeatable; default: {DEFAULT_DESIGN}). `verify list` names them.")
word_opt = click.option(
    "--word-size", "-w", "word_sizes", multiple=True, type=click.Choice(["32", "64"]),
    help="Width of unsigned long (repeatable; default: both).")
config_opt = click.option(
    "--config", "-c", "configs", multiple=True, metavar="NAME",
    help=f"Configuration: {', '.join(CONFIGS)}, or all (repeatable; default: the configurations "
         "where each invariant is claimed to hold).")
timeout_opt = click.option(
    "--timeout-ms", type=click.IntRange(min=1), default=DEFAULT_TIMEOUT_MS, show_default=True,
    help="Solver time limit per check; a timeout is reported as unknown, never as a pass.")
jobs_opt = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
                        help="Worker processes, one (design, word size) model each "
                             "(default: one per core).")


def format_opt(f=None, *, result: str | None = None):
    """``--format NAME`` (``verify.render.formats.FORMATS``) and ``--json``, its alias for
    ``--format json``: the command receives ``fmt``.  Every command has it and renders its
    result with ``verify.render.formats.render``.  ``result`` (``module:Class``, a line of
    ``RESULTS``) limits the names to the formats that result takes; without it, every
    format.  ``@format_opt`` or ``@format_opt(result=...)``."""
    from verify.render.formats import DEFAULT_FORMAT, FORMATS, kind

    if f is None:
        return functools.partial(format_opt, result=result)
    names = kind(result).formats if result else tuple(FORMATS)

    @functools.wraps(f)
    def command(*args, fmt: str | None, as_json: bool, **kwargs):
        if as_json and fmt not in (None, "json"):
            raise click.UsageError(f"--json and --format {fmt} contradict each other; give one")
        return f(*args, fmt="json" if as_json else fmt or DEFAULT_FORMAT, **kwargs)

    command = click.option("--json", "as_json", is_flag=True,
                           help="Same as --format json.")(command)
    listed = ", ".join(f"{n} ({FORMATS[n].summary})" for n in names)
    return click.option("--format", "fmt", type=click.Choice(list(names)), default=None,
                        metavar="NAME",
                        help=f"Output format (default {DEFAULT_FORMAT}): {listed}.")(command)
