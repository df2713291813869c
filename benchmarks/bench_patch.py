"""`verify patch` with one patch (a fixture mutant), and docs/bisect.md's walk-through.
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
# The patch: the compat path unmaps again (CVE-2026-53373).  The bisect: docs/bisect.md's
# walk-through, one commit per fixture tree in history order, for the commit that fixed it.
HISTORY = ("hooks-2025", "hooks", "error-filter", "override")


def git(repo: pathlib.Path, *args: str) -> str:
    return subprocess.run(GIT + list(args), cwd=repo, check=True, capture_output=True, text=True,
                          env=ENV).stdout


def repository(tmp: pathlib.Path) -> pathlib.Path:
    repo = tmp / "linux"
    repo.mkdir()
    git(repo, "init", "-q")
    for name in HISTORY:
        for p in repo.iterdir():
            if p.name != ".git":
                shutil.rmtree(p) if p.is_dir() else p.unlink()
        shutil.copytree(FIXTURES / name, repo, dirs_exist_ok=True)
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", f"the {name} design")
    return repo


def main() -> dict:
    figures: dict = {"runs": RUNS}
    with tempfile.TemporaryDirectory(prefix="bench-patch-") as t:
        tmp = pathlib.Path(t)
        repo = repository(tmp)
        patch = FIXTURES / "mutants" / "compat-unmaps.patch"
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
            git(repo, "bisect", "start", "--term-old=broken", "--term-new=fixed")
            git(repo, "bisect", "fixed", "HEAD")
            git(repo, "bisect", "broken", f"HEAD~{len(HISTORY) - 1}")
            t0 = time.perf_counter()
            out = git(repo, "bisect", "run", sys.executable, "-m", "verify", "source",
                      "-i", "no-unmap-detached", "--find-fix")
            walls.append(time.perf_counter() - t0)
            steps = out.count("\nrunning ") + out.startswith("running ")
            assert "is the first fixed commit" in out and "the hooks design" in out, out
            git(repo, "bisect", "reset")
        wall = statistics.median(walls)
        figures["bisect"] = {"commits": len(HISTORY), "steps": steps,
                             "wall_s_median": round(wall, 3), "target_s": 15.0, "met": wall < 15}
    figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    p, b = figures["patch"], figures["bisect"]
    print(f"{'verify patch (one patch)':34} {p['wall_s_median']:.3f} s wall, {p['cpu_s_median']:.3f} "
          f"s CPU (target < 3 s: {'met' if p['met'] else 'NOT met'}; {p['peak_rss_mib']} MiB)")
    print(f"{'git bisect run verify source':34} {b['wall_s_median']:.3f} s for {b['commits']} "
          f"commits, {b['steps']} steps (target < 15 s: {'met' if b['met'] else 'NOT met'})")
    print(f"{'load average (1 min) at the end':34} {figures['load_average_1min']}")
    return figures
