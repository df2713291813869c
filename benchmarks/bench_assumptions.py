"""`verify assumptions`: every invariant x every one of its assumptions, each searched on the
designs until one shows it needed, with its counterexample simplified.
Target (issue 14): under 3 s in process (the search and its traces)."""
from __future__ import annotations

import os
import statistics
import sys

from benchmarks import measure
from verify.necessity import necessity

RUNS = 3


def main() -> dict:
    walls, result = [], None
    for _ in range(RUNS):
        result = necessity()
        walls.append(result.wall_ms / 1e3)
        assert result.exit_code == 0, [(n.invariant, n.assumption, n.status) for n in result.needs]
    runs = [measure.run([sys.executable, "-m", "verify", "assumptions", "--json"])
            for _ in range(RUNS)]
    figures = {
        "pairs": len(result.needs),
        "designs_searched": len({d for n in result.needs for d in n.searched}),
        "in_process_s_median": round(statistics.median(walls), 3),
        "end_to_end_s_median": round(statistics.median(r[0] for r in runs), 3),
        "end_to_end_exit_code": runs[-1][1],
        "peak_rss_mib": round(max(r[2] for r in runs), 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "runs": RUNS,
    }
    print(f"{'(invariant, assumption) pairs':36} {figures['pairs']}")
    print(f"{'necessity(), in process':36} {figures['in_process_s_median']:.3f} s   (target < 3 s)")
    print(f"{'`verify assumptions` end to end':36} {figures['end_to_end_s_median']:.3f} s")
    print(f"{'load average (1 min) at the end':36} {figures['load_average_1min']}")
    return figures
