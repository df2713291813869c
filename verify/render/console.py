"""The rich console used by every text renderer."""
from __future__ import annotations

import os
import sys
from typing import TextIO

from rich.console import Console


def console(stderr: bool = False, file: TextIO | None = None) -> Console:
    """A console on ``file`` (default stdout, or stderr)."""
    stream = file if file is not None else sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    width = None if tty else int(os.environ.get("COLUMNS", "140"))
    return Console(file=stream, width=width, highlight=False, soft_wrap=not tty,
                   no_color=not tty or "NO_COLOR" in os.environ)
