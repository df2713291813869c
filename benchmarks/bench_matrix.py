"""The full design x invariant x configuration x word matrix (``verify matrix``) and
the mutation kill matrix (``verify mutate``).  Target (issue 3): each under 5 s on
this machine (2 cores), obligations that share a model solved on one solver with
push/pop.  Measured in process (``matrix()`` / ``mutate()``) with one worker and
with one worker per core, and end to end as a fresh ``verify`` process."""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time

from verify.matrix import matrix
from verify.workers import default_jobs
from verify.mutation import mutate

RUNS = 3


def _cpu() -> float:
    """CPU seconds of this process and its reaped children (the worker processes)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _median(fn) -> tuple[float, float, object]:
    """Median wall seconds, median CPU seconds, last result."""
    times, cpu, out = [], [], None
    for _ in range(RUNS):
        t0, c0 = time.perf_counter(), _cpu()
        out = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(_cpu() - c0)
    return statistics.median(times), statistics.median(cpu), out


def _cli(*args: str) -> tuple[float, int]:
    times, rc = [], 0
    for _ in range(RUNS):
        t0 = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "verify", *args], capture_output=True)
        times.append(time.perf_counter() - t0)
        rc = p.returncode
    return statistics.median(times), rc


def main() -> dict:
    jobs = default_jobs()
    load = os.getloadavg()[0]
    m1, m1_cpu, mres = _median(lambda: matrix(jobs=1))
    mn, mn_cpu, _ = _median(lambda: matrix(jobs=jobs))
    u1, u1_cpu, ures = _median(lambda: mutate(jobs=1))
    un, un_cpu, _ = _median(lambda: mutate(jobs=jobs))
    m_cli, m_rc = _cli("matrix")
    u_cli, u_rc = _cli("mutate")
    assert mres.exit_code == 0 and ures.exit_code == 0, "every cell must have a verdict"
    figures = {
        "designs": len(mres.designs),
        "matrix_obligations": len(mres.results),
        "matrix_s_1_worker": round(m1, 3),
        "matrix_s_all_workers": round(mn, 3),
        "matrix_cpu_s_1_worker": round(m1_cpu, 3), "matrix_cpu_s_all_workers": round(mn_cpu, 3),
        "matrix_cli_s": round(m_cli, 3), "matrix_cli_exit": m_rc,
        "mutate_obligations": ures.obligations,
        "mutants": len(ures.mutants), "invariants": len(ures.invariants),
        "kill_rate": ures.kill_rate,
        "mutate_s_1_worker": round(u1, 3),
        "mutate_s_all_workers": round(un, 3),
        "mutate_cpu_s_1_worker": round(u1_cpu, 3), "mutate_cpu_s_all_workers": round(un_cpu, 3),
        "mutate_cli_s": round(u_cli, 3), "mutate_cli_exit": u_rc,
        "workers": jobs, "runs": RUNS, "load_average_at_start": round(load, 2),
    }
    print(f"{'load average at start':36} {load:.2f}   (wall times assume an idle machine)")
    print(f"{'design matrix obligations':36} {figures['matrix_obligations']} "
          f"({len(mres.designs)} designs x {len(mres.invariants)} invariants x "
          f"{len(mres.configs)} configs x {len(mres.words)} words)")
    print(f"{'  matrix(), 1 worker':36} {m1:.3f} s   cpu {m1_cpu:.3f} s")
    print(f"{f'  matrix(), {jobs} workers':36} {mn:.3f} s   cpu {mn_cpu:.3f} s   (target < 5 s)")
    print(f"{'  `verify matrix` end to end':36} {m_cli:.3f} s   exit {m_rc}")
    print(f"{'mutation obligations':36} {ures.obligations} "
          f"({len(ures.mutants)} mutants + baseline x {len(ures.invariants)} invariants)")
    print(f"{'  mutate(), 1 worker':36} {u1:.3f} s   cpu {u1_cpu:.3f} s")
    print(f"{f'  mutate(), {jobs} workers':36} {un:.3f} s   cpu {un_cpu:.3f} s   (target < 5 s)")
    print(f"{'  `verify mutate` end to end':36} {u_cli:.3f} s   exit {u_rc}")
    print(f"{'kill rate':36} {ures.kill_rate:.0%}")
    return figures
