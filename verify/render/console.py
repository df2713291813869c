"""The rich console used by every text renderer."""
from __future__ import annotations

import os
import sys
from typing import TextIO

from rich.console import Console


DEFAULT_WIDTH = 80   # output that is not a terminal, without $COLUMNS


def piped_width() -> int:
    """The width of output that is not a terminal: ``$COLUMNS`` when it is a number of at
    least 20, else ``DEFAULT_WIDTH``."""
    text = os.environ.get("COLUMNS", "")
    return int(text) if text.isdigit() and int(text) >= 20 else DEFAULT_WIDTH


def console(stderr: bool = False, file: TextIO | None = None) -> Console:
    """A console on ``file`` (default stdout, or stderr)."""
    stream = file if file is not None else sys.stderr if stderr else sys.stdout
    tty = stream.isatty() if hasattr(stream, "isatty") else False
    width = None if tty else piped_width()
    return Console(file=stream, width=width, highlight=False, soft_wrap=not tty,
                   no_color=not tty or "NO_COLOR" in os.environ)
