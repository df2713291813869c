"""Run one command and measure it alone: wall time, exit code, and its own peak RSS
(``os.wait4`` gives the rusage of that child only; ``RUSAGE_CHILDREN`` would also count
every earlier child of the benchmark process)."""
from __future__ import annotations

import os
import subprocess
import time


def tool_env() -> dict:
    """This environment without PYTHONDONTWRITEBYTECODE: an installed tool runs from bytecode,
    and so do the processes measured."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(cmd: list[str]) -> tuple[float, int, float]:
    """(wall seconds, exit code, peak RSS in MiB) of ``cmd``."""
    return run_cpu(cmd)[:3]


def run_cpu(cmd: list[str], **popen) -> tuple[float, int, float, float]:
    """(wall seconds, exit code, peak RSS in MiB, CPU seconds: user + system) of ``cmd``.
    On a shared machine the CPU time is the figure other processes disturb least.
    ``popen``: further arguments of ``subprocess.Popen`` (its output goes nowhere unless
    ``stdout`` says where)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, **{"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, **popen})
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, p.returncode, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
