"""`verify source` on a kernel tree of real size (benchmarks/source_tree.py: the override
fixture tree amid thousands of lines of generated C).  Targets (issue 13): reading,
executing and proving the whole suite < 2 s end to end; `--against` one design < 1 s;
`--identify` over every design and history version < 3 s.  Each is a fresh process."""
from __future__ import annotations

import os
import pathlib
import statistics
import sys
import tempfile

from benchmarks import measure
from benchmarks.source_tree import FIXTURES, build

RUNS = 3
COMMANDS = {   # name -> (extra arguments, target seconds, expected exit code)
    "source": ((), 2.0, 0),
    "against": (("--against", "override"), 1.0, 0),
    "identify": (("--identify",), 3.0, 0),
}


def timed(tree: pathlib.Path, args: tuple[str, ...]) -> dict:
    runs = [measure.run_cpu([sys.executable, "-m", "verify", "source", "--tree", str(tree),
                             *args]) for _ in range(RUNS)]
    return {"wall_s_median": round(statistics.median(r[0] for r in runs), 3),
            "cpu_s_median": round(statistics.median(r[3] for r in runs), 3),
            "exit_code": runs[-1][1], "peak_rss_mib": round(max(r[2] for r in runs), 1)}


def main() -> dict:
    figures: dict = {"runs": RUNS}
    with tempfile.TemporaryDirectory(prefix="bench-source-") as tmp:
        tree = pathlib.Path(tmp) / "linux"
        lines = build(tree)
        figures["tree_lines"] = lines
        print(f"{'benchmark tree':34} " + ", ".join(f"{k} {v}" for k, v in lines.items()))
        for name, (args, target, want) in COMMANDS.items():
            big = timed(tree, args)
            small = timed(FIXTURES / "override", args)
            figures[name] = {"big": big, "fixture": small, "target_s": target,
                             "met": big["wall_s_median"] < target}
            assert big["exit_code"] == want and small["exit_code"] == want, (name, big, small)
            label = f"verify source {' '.join(args)}".strip()
            print(f"{label:34} {big['wall_s_median']:.3f} s wall, {big['cpu_s_median']:.3f} s CPU "
                  f"(target < {target} s: {'met' if figures[name]['met'] else 'NOT met'}; "
                  f"fixture tree {small['wall_s_median']:.3f} s; {big['peak_rss_mib']} MiB)")
    figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    print(f"{'load average (1 min) at the end':34} {figures['load_average_1min']}")
    return figures
