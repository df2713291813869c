"""The test suite's time as ``make test`` runs it (issue 12: under 150 s wall on 2 cores).

Each run is ``python -m pytest -n auto -q -p no:cacheprovider`` in a checkout: its wall time,
the CPU time of pytest and of every process it started (``os.wait4`` counts the
descendants each process waited for: the xdist workers, gcc, the verify processes the
tests start), the count of tests that passed, and the machine's speed just before and
after: the CPU seconds of a fixed pure-Python loop at module level (``speed_loop``), 2.5 s
on the 2-core machine CI runs on when it is idle and up to twice that when it is shared
(the README's figures name it "a pure-Python loop").  A slower suite and a slower machine
are told apart by that figure.

This checkout's suite runs on this interpreter, whose environment must have it installed
(``make test`` does).  ``TESTS_AGAINST=REV`` (a git revision of this repository) runs that
revision's suite too, from a clone and a virtual environment of its own (``pip install -e
'.[test]'``, as its Makefile does), alternately with this checkout's, ``TESTS_RUNS``
rounds (default 1): two trees under the same conditions.  That revision's suite runs as
its README says: with ``-n auto`` when pytest-xdist is in its test extra, else in one
process.
"""
from __future__ import annotations

import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

from benchmarks import measure

ROOT = pathlib.Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("TESTS_RUNS", "1"))
AGAINST = os.environ.get("TESTS_AGAINST", "")
TARGET_WALL_S = 150.0
SUMMARY = re.compile(r"(\d+) passed")
# Module-level names, as a script's loop reads them: the loop the README's figures cite.
LOOP = compile("s = 0\nfor i in range(30_000_000):\n    s += i\n", "<speed loop>", "exec")


def speed_loop() -> float:
    """CPU seconds of a fixed pure-Python loop: how fast the machine runs Python now."""
    t = time.process_time()
    exec(LOOP, {})       # the benchmark's own constant code, no outside text
    return round(time.process_time() - t, 2)


def parallel(tree: pathlib.Path) -> bool:
    return "pytest-xdist" in (tree / "pyproject.toml").read_text()


def run_suite(tree: pathlib.Path, python: str) -> dict:
    """One run of ``tree``'s suite on ``python``, an interpreter whose environment has that
    tree installed."""
    cmd = [python, "-m", "pytest", *(["-n", "auto"] if parallel(tree) else []),
           "-q", "-p", "no:cacheprovider"]
    before, load = speed_loop(), os.getloadavg()[0]
    with tempfile.TemporaryFile("w+") as out:
        wall, code, _, cpu = measure.run_cpu(cmd, cwd=tree, env=measure.tool_env(), stdout=out,
                                             stderr=subprocess.STDOUT)
        out.seek(0)
        tail = out.read().strip().splitlines()[-1:] or [""]
    passed = SUMMARY.search(tail[0])
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=tree,
                            capture_output=True, text=True).stdout.strip()
    return {"commit": commit, "exit_code": code,
            "passed": int(passed.group(1)) if passed else 0, "summary": tail[0],
            "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "speed_loop_s": [before, speed_loop()], "load_before": round(load, 2)}


def clone(rev: str, into: pathlib.Path) -> tuple[pathlib.Path, str]:
    """``rev`` checked out in ``into``, installed in a virtual environment of its own; the
    tree and that environment's interpreter."""
    tree, venv = into / "tree", into / "venv"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(tree)], check=True)
    subprocess.run(["git", "checkout", "-q", rev], cwd=tree, check=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", "-e", f"{tree}[test]"], check=True)
    return tree, python


def main() -> dict:
    runs: dict[str, list[dict]] = {"this": [], "against": []}
    with tempfile.TemporaryDirectory(prefix="bench-tests-") as tmp:
        trees = [("against", *clone(AGAINST, pathlib.Path(tmp)))] if AGAINST else []
        trees.append(("this", ROOT, sys.executable))
        for _ in range(RUNS):
            for name, tree, python in trees:
                r = run_suite(tree, python)
                runs[name].append(r)
                print(f"{name:8} {r['commit']}: {r['summary']}; wall {r['wall_s']} s, CPU "
                      f"{r['cpu_s']} s, speed loop {r['speed_loop_s'][0]} / "
                      f"{r['speed_loop_s'][1]} s, load {r['load_before']}")
    this = runs["this"]
    figures = {
        "command": "python -m pytest -n auto -q -p no:cacheprovider",
        "target_wall_s": TARGET_WALL_S,
        "runs": this,
        "wall_s_median": round(statistics.median(r["wall_s"] for r in this), 1),
        "cpu_s_median": round(statistics.median(r["cpu_s"] for r in this), 1),
        "all_passed": all(r["exit_code"] == 0 and r["passed"] > 0 for r in this),
        "cpus": os.cpu_count(),
    }
    if AGAINST:
        figures["against"] = {"revision": AGAINST, "runs": runs["against"]}
    print(f"this checkout: median wall {figures['wall_s_median']} s (target < {TARGET_WALL_S:.0f} s), "
          f"CPU {figures['cpu_s_median']} s")
    return figures
