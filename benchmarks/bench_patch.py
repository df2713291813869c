"""`verify patch` with one patch, and a `git bisect run verify source` walk-through.
Targets (issue 17): `verify patch` with one patch < 3 s end to end; the bisect
walk-through over its commits < 15 s.  Both on the project's fixture trees."""
from __future__ import annotations

import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from benchmarks import measure
from benchmarks.source_tree import FIXTURES

RUNS = 3
ROOT = pathlib.Path(__file__).resolve().parent.parent
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid",
       "-c", "commit.gpgsign=false"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
RETURNS = "\tif (!err || is_compat)\n\t\treturn err;\n"
UNMAPS = "\tif (!err)\n\t\treturn err;\n"
# The bisect: the first commit where the CVE-2026-53373 invariant breaks, among these
# edits of the override tree (a reworded comment is an unrelated commit).
COMMITS = [("reword", "hence is_compat", "so is_compat"), ("unmap", RETURNS, UNMAPS),
           ("reword again", "so is_compat", "thus is_compat"),
           ("reword once more", "thus is_compat", "therefore is_compat")]


def git(repo: pathlib.Path, *args: str) -> str:
    return subprocess.run(GIT + list(args), cwd=repo, check=True, capture_output=True, text=True,
                          env=ENV).stdout


def edit(repo: pathlib.Path, old: str, new: str, message: str) -> None:
    path = repo / "mm" / "util.c"
    path.write_text(path.read_text().replace(old, new, 1))
    git(repo, "commit", "-qam", message)


def repository(tmp: pathlib.Path) -> pathlib.Path:
    repo = tmp / "linux"
    shutil.copytree(FIXTURES / "override", repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the override design")
    for message, old, new in COMMITS:
        edit(repo, old, new, message)
    return repo


def main() -> dict:
    figures: dict = {"runs": RUNS}
    with tempfile.TemporaryDirectory(prefix="bench-patch-") as t:
        tmp = pathlib.Path(t)
        repo = repository(tmp)
        patch = tmp / "0001-unmap.patch"
        patch.write_text(git(repo, "format-patch", "-1", "--stdout", "HEAD~2"))
        tree = tmp / "plain"
        shutil.copytree(FIXTURES / "override", tree)
        runs = [measure.run_cpu([sys.executable, "-m", "verify", "patch", str(patch), "--tree",
                                 str(tree)]) for _ in range(RUNS)]
        wall = statistics.median(r[0] for r in runs)
        figures["patch"] = {"wall_s_median": round(wall, 3), "target_s": 3.0, "met": wall < 3.0,
                            "cpu_s_median": round(statistics.median(r[3] for r in runs), 3),
                            "exit_code": runs[-1][1],
                            "peak_rss_mib": round(max(r[2] for r in runs), 1)}
        assert runs[-1][1] == 1, runs            # the patch breaks no-unmap-detached
        walls, steps = [], 0
        for _ in range(RUNS):
            git(repo, "bisect", "start", "HEAD", "HEAD~4")
            t0 = time.perf_counter()
            out = git(repo, "bisect", "run", sys.executable, "-m", "verify", "source",
                      "-i", "no-unmap-detached")
            walls.append(time.perf_counter() - t0)
            steps = out.count("\nrunning ") + out.startswith("running ")
            assert "is the first bad commit" in out and "unmap\n" in out, out
            git(repo, "bisect", "reset")
        wall = statistics.median(walls)
        figures["bisect"] = {"commits": len(COMMITS) + 1, "steps": steps,
                             "wall_s_median": round(wall, 3), "target_s": 15.0, "met": wall < 15}
    figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    p, b = figures["patch"], figures["bisect"]
    print(f"{'verify patch (one patch)':34} {p['wall_s_median']:.3f} s wall, {p['cpu_s_median']:.3f} "
          f"s CPU (target < 3 s: {'met' if p['met'] else 'NOT met'}; {p['peak_rss_mib']} MiB)")
    print(f"{'git bisect run verify source':34} {b['wall_s_median']:.3f} s for {b['commits']} "
          f"commits, {b['steps']} steps (target < 15 s: {'met' if b['met'] else 'NOT met'})")
    print(f"{'load average (1 min) at the end':34} {figures['load_average_1min']}")
    return figures
