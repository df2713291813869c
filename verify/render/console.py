"""The rich console used by every text renderer, over the stream it is given."""
from __future__ import annotations

import os
from typing import TextIO

from rich.console import Console


DEFAULT_WIDTH = 80   # output that is not a terminal, without $COLUMNS


def piped_width() -> int:
    """The width of output that is not a terminal: ``$COLUMNS`` when it is a number of at
    least 20, else ``DEFAULT_WIDTH``."""
    text = os.environ.get("COLUMNS", "")
    return int(text) if text.isdigit() and int(text) >= 20 else DEFAULT_WIDTH


def console(stream: TextIO) -> Console:
    """A console writing to ``stream``: a terminal's width and colours, or plain text of
    ``piped_width()`` columns.  Text is printed as given: never ``:name:`` as an emoji."""
    tty = stream.isatty() if hasattr(stream, "isatty") else False
    width = None if tty else piped_width()
    return Console(file=stream, width=width, highlight=False, emoji=False, soft_wrap=not tty,
                   no_color=not tty or "NO_COLOR" in os.environ)
