"""Run the benchmarks: ``python -m benchmarks [topic ...]``.

With more than one topic, each runs in a process of its own: a topic's process keeps what it
built (Z3 terms, the per-process model cache), and a child started from a large process
reports that process's peak RSS as its own (Linux keeps the high-water mark across exec), so
topics run one after another in one process would measure one another."""
from __future__ import annotations

import importlib
import json
import pathlib
import pkgutil
import platform
import sys
import time

import benchmarks

RESULTS = pathlib.Path(__file__).parent / "results"


def topics() -> list[str]:
    return sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules(benchmarks.__path__)
                  if m.name.startswith("bench_"))


def main(argv: list[str]) -> int:
    known = topics()
    wanted = argv or known
    for t in wanted:
        if t not in known:
            print(f"benchmarks: error: unknown topic {t!r}; known: {', '.join(known)}", file=sys.stderr)
            return 64
    RESULTS.mkdir(exist_ok=True)
    if len(wanted) > 1:
        import subprocess
        for t in wanted:
            rc = subprocess.call([sys.executable, "-m", "benchmarks", t])
            if rc:
                return rc
        return 0
    for t in wanted:
        mod = importlib.import_module(f"benchmarks.bench_{t}")
        print(f"== {t}")
        figures = mod.main()
        figures["_machine"] = {"python": platform.python_version(), "cpus": __import__("os").cpu_count(),
                               "date": time.strftime("%Y-%m-%d")}
        (RESULTS / f"{t}.json").write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
