"""Worker processes for the commands that solve one model per (design, word size).

Each worker builds its own Z3 models: a Z3 context cannot be shared between
processes, and forking after the parent built none keeps start-up cheap.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Sequence

from verify.errors import UsageError


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


def starmap(fn: Callable[..., Any], args: Sequence[tuple], jobs: int | None
            ) -> tuple[list[Any], int]:
    """``[fn(*a) for a in args]`` in order, in forked workers when more than one is
    wanted and the platform can fork; also returns the number of workers used
    (1: in this process)."""
    n = worker_count(jobs, len(args))
    if n == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(*a) for a in args], 1
    with multiprocessing.get_context("fork").Pool(n) as pool:
        return pool.starmap(fn, args, chunksize=1), n
