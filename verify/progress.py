"""Progress of a long run: rich's progress bar on stderr, only when stderr is a terminal,
and only once the run has taken ``DELAY_S`` (a short run shows nothing).  The bar is
transient: it is gone when the run ends, so the output is the same with or without it."""
from __future__ import annotations

import contextlib
import sys
import threading
from typing import Callable, Iterator

DELAY_S = 2.0


def on_terminal() -> bool:
    err = sys.stderr
    return bool(getattr(err, "isatty", None)) and err.isatty()


@contextlib.contextmanager
def progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """``with progress("matrix", n) as advance: ... advance(1) ...``"""
    if total < 1 or not on_terminal():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn)
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=Console(file=sys.stderr, emoji=False), transient=True)
    task = bar.add_task(label, total=total)
    timer = threading.Timer(DELAY_S, bar.start)
    timer.daemon = True
    timer.start()
    try:
        yield lambda n=1: bar.advance(task, n)
    finally:
        timer.cancel()
        timer.join()
        bar.stop()
