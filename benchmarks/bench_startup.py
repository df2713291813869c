"""What a ``verify`` process costs before and around its answer (issue 16).

End to end: the median of REPS runs of each command (interleaved), wall and the child's
CPU time, against the targets.  Then where the time of a query and of one proof goes:
the phases of each in a fresh process (CPU: interpreter start, imports, model build, solve,
render), the modules ``python -X importtime`` charges (grouped by package) and, in this
process, building each design's symbolic model once and taking it again from the
per-process cache.
"""
from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time

from benchmarks import measure
from benchmarks.measure import tool_env as env

REPS = int(os.environ.get("STARTUP_REPS", "7"))
PY = sys.executable
ONE_PROOF = ("prove", "-i", "ret-valid-errno", "-d", "override", "-w", "64", "-c", "mmu-normal")
COMMANDS = [  # (arguments, target in seconds)
    (("--version",), 0.15),
    (("--help",), 0.15),
    (("query", "-d", "hooks", "ret > 0"), 0.25),
    (ONE_PROOF, 0.25),
    (("prove",), 0.6),
]
GROUPS = ("z3", "click", "rich", "lark", "prompt_toolkit", "jinja2", "tree_sitter", "models",
          "proofs", "verify")


def timed(cmd: list[str]) -> tuple[float, float]:
    wall, _, _, cpu = measure.run_cpu(cmd, env=env())
    return wall, cpu


# The steps of `verify query -d hooks 'ret > 0'` and of ONE_PROOF, one phase at a time, in a fresh
# process started as the console script starts (``verify.cli.entry``'s collector settings).
# Each phase's CPU time is printed as JSON on stderr.
PHASES = r"""
import json, os, sys, time
start = time.process_time()            # the interpreter's own start-up
marks = [("python", start)]
def mark(phase):
    marks.append((phase, time.process_time()))
from verify import cli
cli.starting()
cmd = cli.cli.get_command(None, sys.argv[1])     # the command's module and what it imports
cli.started()
mark("imports")
out = open(os.devnull, "w")
if sys.argv[1] == "query":
    from verify.commands.query_cmd import QueryRun, settings
    st = settings("hooks", 64, None, ())
    st.session()
    mark("model build")
    r = st.ask("ret > 0")
    mark("solve")
    from verify.render.formats import render
    render(QueryRun(r, None, ()), "text", out)
else:
    from verify import catalog
    from verify.engine import prove
    from verify.session import symbolic_call
    symbolic_call(catalog.design("override"), 64, True)
    mark("model build")
    result = prove(["ret-valid-errno"], ["override"], [64], ["mmu-normal"])
    mark("solve")
    from verify.render.formats import render
    render(result, "text", out)
mark("render")
sys.stderr.write(json.dumps([("python", start)]
                            + [(p, t - t0) for (p, t), (_, t0) in zip(marks[1:], marks)]))
"""


def phases(what: str) -> dict[str, float]:
    """Median CPU milliseconds of each phase of ``what`` (query or prove) over REPS runs."""
    runs = []
    for _ in range(REPS):
        p = subprocess.run([PY, "-c", PHASES, what], capture_output=True, text=True, env=env(),
                           check=True)
        runs.append(dict(json.loads(p.stderr.splitlines()[-1])))
    return {k: round(statistics.median(r[k] for r in runs) * 1e3, 1) for k in runs[0]}


def import_breakdown(args: tuple[str, ...]) -> dict[str, float]:
    """Milliseconds ``-X importtime`` charges to each top-level package (self times)."""
    p = subprocess.run([PY, "-X", "importtime", "-m", "verify", *args], capture_output=True,
                       text=True, env=env())
    out: dict[str, float] = {}
    for line in p.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if m:
            top = m.group(2).split(".")[0]
            key = top if top in GROUPS else "python and the rest"
            out[key] = out.get(key, 0.0) + int(m.group(1)) / 1e3
    return {k: round(v, 1) for k, v in sorted(out.items(), key=lambda kv: -kv[1])}


def model_building() -> list[dict]:
    from models import DEFAULT_DESIGN
    from verify import catalog
    from verify.session import symbolic_call
    rows = []
    for design in (DEFAULT_DESIGN, "hooks"):
        for inline in (True, False):
            d = catalog.design(design)
            t0 = time.perf_counter()
            symbolic_call(d, 64, inline)
            built = time.perf_counter()
            symbolic_call(d, 64, inline)
            again = time.perf_counter()
            rows.append({"design": design, "word": 64, "inline": inline,
                         "build_ms": round((built - t0) * 1e3, 1),
                         "cached_ms": round((again - built) * 1e3, 3)})
    return rows


def main() -> dict:
    for args, _ in COMMANDS:             # warm the bytecode and the query parser cache
        timed([PY, "-m", "verify", *args])
    runs: dict[tuple, list[tuple[float, float]]] = {args: [] for args, _ in COMMANDS}
    for _ in range(REPS):
        for args, _ in COMMANDS:
            runs[args].append(timed([PY, "-m", "verify", *args]))
    rows = []
    print(f"{'command':62} {'wall s':>7} {'min s':>6} {'cpu s':>6} {'target':>6}")
    for args, target in COMMANDS:
        walls = [w for w, _ in runs[args]]
        cpus = [c for _, c in runs[args]]
        row = {"command": "verify " + " ".join(args), "median_s": round(statistics.median(walls), 3),
               "min_s": round(min(walls), 3), "median_cpu_s": round(statistics.median(cpus), 3),
               "target_s": target}
        rows.append(row)
        print(f"{row['command']:62} {row['median_s']:7.3f} {row['min_s']:6.3f} "
              f"{row['median_cpu_s']:6.3f} {target:6.2f}")
    bare = [timed([PY, "-c", "pass"]) for _ in range(REPS)]   # how loaded the machine is
    python, python_cpu = (statistics.median(x[k] for x in bare) for k in (0, 1))
    print(f"python -c pass: {python:.3f} s wall, {python_cpu:.3f} s CPU (load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    split = {"verify query -d hooks 'ret > 0'": phases("query"),
             "verify " + " ".join(ONE_PROOF): phases("prove")}
    for what, ms in split.items():
        print(f"phases of {what} (CPU ms): " + ", ".join(f"{k} {v:.0f}" for k, v in ms.items())
              + f"; total {sum(ms.values()):.0f}")
    imports = {" ".join(a): import_breakdown(a) for a in (("--version",), ONE_PROOF)}
    for what, groups in imports.items():
        print(f"imports of verify {what}: " + ", ".join(f"{k} {v:.0f} ms" for k, v in groups.items()))
    models = model_building()
    for m in models:
        print(f"model {m['design']} 64-bit {'inline' if m['inline'] else 'named'}: built in "
              f"{m['build_ms']:.1f} ms, from the cache in {m['cached_ms']:.3f} ms")
    return {"reps": REPS, "python_startup_s": round(python, 3),
            "python_startup_cpu_s": round(python_cpu, 3), "commands": rows,
            "phases_cpu_ms": split, "imports_ms": imports, "model_building": models,
            "load_average_at_end": list(os.getloadavg())}
