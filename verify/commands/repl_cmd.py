"""``verify repl``: an interactive shell for queries and explanations."""
from __future__ import annotations

import pathlib
import sys

import click

from verify.cli import cli
from verify.commands.query_cmd import (assume_opt, one_config_opt, one_design_opt, one_word_opt,
                                       settings)
from verify.repl import Repl, file_history, history_path, prompt_session


@cli.command("repl")
@one_design_opt
@one_word_opt
@one_config_opt
@assume_opt
@click.option("--history", "history", metavar="FILE", default=None,
              help=f"History file (default {history_path()}); 'none' keeps no history.")
def repl_cmd(design, word, config, assume, history) -> int:
    """Interactive shell: type queries, switch design, word size and configuration, show and
    save witnesses, explain impossible queries.  The model stays built between questions.

    With a terminal: line editing, history, tab completion of names, errno names and
    commands.  Without one (a pipe), lines are read plainly, one query or command each, and
    the exit code is the worst of the lines: 0 when every line was answered, 2 when one was
    unknown, 64 when one was malformed, 74 when a file could not be written.  A --history FILE
    that cannot be used is an error before the prompt.
    """
    st = settings(design, word, config, assume)
    interactive = sys.stdin.isatty()
    path = None if history == "none" else pathlib.Path(history) if history else history_path()
    hist = file_history(path, explicit=history is not None) if interactive or history else None
    repl = Repl(st)
    if not interactive:
        return repl.loop_plain(sys.stdin)
    return repl.loop(prompt_session(repl, hist))
