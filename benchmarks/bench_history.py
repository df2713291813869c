"""`verify history`: every historical version x every invariant x both word sizes.
Target (issue 8): under 10 s end to end (a fresh `verify history` process) on 2 cores."""
from __future__ import annotations

import os
import statistics
import sys

from benchmarks import measure
from verify.history import timeline

RUNS = 3


def end_to_end() -> tuple[float, int, float]:
    """Median wall seconds of a fresh `verify history --json`, its exit code, peak RSS (MiB)."""
    runs = [measure.run([sys.executable, "-m", "verify", "history", "--json"])
            for _ in range(RUNS)]
    return statistics.median(r[0] for r in runs), runs[-1][1], max(r[2] for r in runs)


def main() -> dict:
    walls, serial = [], []
    tl = None
    for _ in range(RUNS):
        tl = timeline()
        walls.append(tl.wall_ms / 1e3)
        assert tl.exit_code == 0, tl.mismatches()
    for _ in range(RUNS):
        serial.append(timeline(jobs=1).wall_ms / 1e3)
    e2e, rc, peak = end_to_end()
    figures = {
        "versions": len(tl.versions),
        "invariants": len(tl.invariants),
        "cells": len(tl.cells),
        "obligations": tl.obligations,
        "jobs": tl.jobs,
        "in_process_s_median": round(statistics.median(walls), 3),
        "in_process_one_job_s_median": round(statistics.median(serial), 3),
        "end_to_end_s_median": round(e2e, 3),
        "end_to_end_exit_code": rc,
        "peak_rss_mib": round(peak, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "runs": RUNS,
    }
    print(f"{'versions x invariants (cells)':36} {figures['versions']} x {figures['invariants']}"
          f" ({figures['cells']})")
    print(f"{'obligations (both word sizes)':36} {figures['obligations']}")
    print(f"{'timeline(), in process':36} {figures['in_process_s_median']:.3f} s on "
          f"{figures['jobs']} processes")
    print(f"{'timeline(), one process':36} {figures['in_process_one_job_s_median']:.3f} s")
    print(f"{'`verify history` end to end':36} {figures['end_to_end_s_median']:.3f} s   "
          f"(target < 10 s; exit {rc})")
    print(f"{'peak RSS of verify history':36} {figures['peak_rss_mib']} MiB")
    print(f"{'load average (1 min) at the end':36} {figures['load_average_1min']}")
    return figures
