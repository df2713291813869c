"""Worker processes for the commands that solve one model per (design, word size).

Each worker builds its own Z3 models: a Z3 context cannot be shared between
processes, and forking after the parent built none keeps start-up cheap.
"""
from __future__ import annotations

import functools
import multiprocessing
import os
from typing import Any, Callable, Sequence

from verify.errors import UsageError
from verify.progress import progress


def default_jobs() -> int:
    """One worker per core this process may run on."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


def worker_count(jobs: int | None, tasks: int) -> int:
    """``jobs`` (default: one per core), at most one per task and at least 1."""
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise UsageError(f"jobs must be at least 1, not {jobs}")
    return max(1, min(jobs, tasks))


def _apply(fn: Callable[..., Any], a: tuple) -> Any:
    return fn(*a)


def starmap(fn: Callable[..., Any], args: Sequence[tuple], jobs: int | None,
            label: str = "models solved") -> tuple[list[Any], int]:
    """``[fn(*a) for a in args]`` in order, in forked workers when more than one is
    wanted and the platform can fork; also returns the number of workers used
    (1: in this process).  A long run shows its progress on a terminal's stderr."""
    n = worker_count(jobs, len(args))
    with progress(label, len(args)) as advance:
        if n == 1 or "fork" not in multiprocessing.get_all_start_methods():
            out = []
            for a in args:
                out.append(fn(*a))
                advance(1)
            return out, 1
        with multiprocessing.get_context("fork").Pool(n) as pool:
            out = []
            for r in pool.imap(functools.partial(_apply, fn), args, chunksize=1):
                out.append(r)
                advance(1)
            return out, n
