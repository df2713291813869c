"""The whole proof suite: every invariant x both word sizes x every in-scope
configuration of the current design.  Targets (issue 2): under 1 s of solver
time, under 3 s end to end (a fresh ``verify prove`` process) on 2 cores."""
from __future__ import annotations

import os
import statistics
import sys

from benchmarks import measure
from verify import prove

RUNS = 5


def end_to_end() -> tuple[float, int, float]:
    """Median wall seconds of a fresh `verify prove` process, its exit code, peak RSS (MiB)."""
    runs = [measure.run([sys.executable, "-m", "verify", "prove"]) for _ in range(RUNS)]
    return (statistics.median(r[0] for r in runs), runs[-1][1], max(r[2] for r in runs))


def main() -> dict:
    solver, wall, n = [], [], 0
    for _ in range(RUNS):
        r = prove()
        solver.append(r.solver_ms / 1e3)
        wall.append(r.wall_ms / 1e3)
        n = len(r.results)
        assert r.exit_code == 0, "the suite must prove on the current design"
    e2e, rc, peak = end_to_end()
    figures = {
        "obligations": n,
        "solver_s_median": round(statistics.median(solver), 3),
        "in_process_wall_s_median": round(statistics.median(wall), 3),
        "end_to_end_s_median": round(e2e, 3),
        "end_to_end_exit_code": rc,
        "peak_rss_mib": round(peak, 1),
        "runs": RUNS,
        "cpus": os.cpu_count(),
    }
    print(f"{'obligations':32} {n}")
    print(f"{'solver time (median of 5)':32} {figures['solver_s_median']:.3f} s   (target < 1 s)")
    print(f"{'prove() wall, in process':32} {figures['in_process_wall_s_median']:.3f} s")
    print(f"{'`verify prove` end to end':32} {figures['end_to_end_s_median']:.3f} s   (target < 3 s)")
    print(f"{'peak RSS of verify prove':32} {figures['peak_rss_mib']} MiB")
    return figures
