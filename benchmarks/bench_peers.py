"""``verify`` beside two peers, CrossHair and Hypothesis, on the same four questions
(``benchmarks/peers/questions.py``), end to end: each answer is one fresh process.

First the peers' rendering of the model (``benchmarks/peers/semantics.py``, plain
Python) is compared with ``verify replay`` on a seeded sample of scenarios; nothing is
timed unless they agree everywhere.  Then one interleaved run: REPS rounds, each asking
every question of every tool in turn, so that a busy spell of the machine hits all of
them alike; the figures are medians of wall time (and of the child's CPU time, which a
shared machine disturbs less).  Last, every witness or counterexample a peer reports is
replayed with ``verify replay FILE --json`` and must show what the question asked.
"""
from __future__ import annotations

import inspect
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

from benchmarks.measure import tool_env as env
from benchmarks.peers import check, crosshair_targets
from benchmarks.peers.questions import QUESTIONS, Question

REPS = int(os.environ.get("PEERS_REPS", "3"))
SAMPLE = 150                  # scenarios per design and word size for the rendering check
CROSSHAIR_BUDGET_S = int(os.environ.get("PEERS_CROSSHAIR_S", "20"))       # --per_condition_timeout (CPU seconds)
PY = sys.executable

# What each tool cannot say about these questions, whatever its speed.
LIMITS = {
    "verify": "nothing here: word size, configuration and a step-by-step trace are part of "
              "the model; a proof covers every input",
    "crosshair": "no fixed-width integers (unsigned long emulated modulo 2**64 in the "
                 "rendering); no trace of the kernel path, only the arguments; one word size "
                 "and the configurations as two booleans per rendering; a proof only when every "
                 "path is explored within the budget",
    "hypothesis": "random search: a pass is no proof; no fixed-width integers (ranges and "
                  "page alignment written into the strategies); no trace; one word size and "
                  "the configurations as a sampled pair of booleans per rendering",
}


def timed(cmd: list[str]) -> tuple[float, float, int, str]:
    """(wall s, CPU s of the child, exit code, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                         env=env())
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.stdout.close()
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status), out


def commands(q: Question) -> dict[str, list[str]]:
    fn = crosshair_targets.TARGETS[q.id].__name__
    return {
        "verify": [PY, "-m", "verify", *q.verify_args],
        "crosshair": [PY, "-m", "crosshair", "check", "--report_all", "--analysis_kind", "PEP316",
                      "--per_condition_timeout", str(CROSSHAIR_BUDGET_S),
                      f"benchmarks.peers.crosshair_targets.{fn}"],
        "hypothesis": [PY, "-m", "benchmarks.peers.hypothesis_run", q.slug],
    }


def crosshair_answer(q: Question, rc: int, out: str) -> tuple[str, dict | None]:
    """CrossHair's exit code: 0 nothing found, 1 a condition failed; anything else (2: it
    could not run, say) is no answer at all and is shown as such, never as a search."""
    import ast
    if rc not in (0, 1):
        return f"exit {rc}", None
    m = re.search(r"error: false when calling \w+\((.*)\) \(which returns", out)
    if m:
        names = inspect.signature(crosshair_targets.TARGETS[q.id]).parameters
        values = ast.literal_eval(f"({m.group(1)},)")
        return ("witness" if q.kind == "witness" else "refuted"), dict(zip(names, values))
    if "Confirmed over all paths" in out:
        return ("impossible" if q.kind == "witness" else "proved"), None
    return "no counterexample (budget spent)", None


def answer(tool: str, q: Question, rc: int, out: str) -> tuple[str, dict | None]:
    if tool == "verify":
        if q.kind == "witness":   # exit 0 either way: the question was answered
            m = re.search(r"^(witness|impossible|unknown)\b", out, re.M)
            return (m.group(1) if m and rc == 0 else f"exit {rc}"), None
        return {0: "proved", 1: "refuted"}.get(rc, f"exit {rc}"), None
    if tool == "crosshair":
        return crosshair_answer(q, rc, out)
    doc = json.loads(out)
    return doc["answer"], doc["inputs"]


def replays(q: Question, inputs: dict) -> bool:
    """Does ``verify replay`` of the peer's inputs show what the question asked?"""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "scenario.json")
        with open(path, "w") as f:
            json.dump({"design": q.design, "word_size": q.word, "inputs": inputs}, f)
        p = subprocess.run([PY, "-m", "verify", "replay", path, "--json"], capture_output=True,
                           text=True, env=env())
    if p.returncode not in (0, 1):
        return False
    seen = json.loads(p.stdout)["outcome"]
    ret, unmapped = seen["returned"], seen["unmapped"]
    c = check.call(q.design, q.word, inputs)
    agrees = c.ret == ret and c.unmapped == unmapped
    return agrees and (q.holds(c) if q.kind == "witness" else not q.holds(c))


def validate() -> dict:
    counts = {}
    for design in ("override", "hooks"):
        for word in (32, 64):
            bad = check.mismatches(design, word, check.sample(design, word, SAMPLE))
            if bad:
                i, a, b = bad[0]
                raise SystemExit(f"peers: the rendering disagrees with verify replay on "
                                 f"{design} {word}-bit: {i}: {a} != {b}")
            counts[f"{design}-{word}"] = SAMPLE
    for qid, fn in crosshair_targets.TARGETS.items():
        names = tuple(inspect.signature(fn).parameters)
        if inspect.getdoc(fn) != crosshair_targets.contract(qid, names):
            raise SystemExit(f"peers: the CrossHair contract of {fn.__name__} is stale")
    return counts


def require_peers() -> None:
    """Both peers must be importable here: a missing one would otherwise time an import error."""
    import importlib.util
    missing = [m for m in ("crosshair", "hypothesis") if importlib.util.find_spec(m) is None]
    if missing:
        raise SystemExit(f"peers: {', '.join(missing)} not installed; install the bench extra "
                         f"(pip install -e '.[bench]', which `make bench` does)")


def main() -> dict:
    require_peers()
    checked = validate()
    print(f"rendering = verify replay on {sum(checked.values())} scenarios "
          f"({', '.join(checked)}): 0 mismatches")
    tools = ("verify", "crosshair", "hypothesis")
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    answers: dict[tuple[str, str], set] = {}
    found: dict[tuple[str, str], dict] = {}
    for _ in range(REPS):
        for q in QUESTIONS.values():
            for tool, cmd in commands(q).items():
                wall, cpu, rc, out = timed(cmd)
                a, inputs = answer(tool, q, rc, out)
                runs.setdefault((q.id, tool), []).append((wall, cpu))
                answers.setdefault((q.id, tool), set()).add(a)
                if inputs:
                    found[(q.id, tool)] = inputs
    replayed = {f"{qid} / {tool}": replays(QUESTIONS[qid], inputs)
                for (qid, tool), inputs in found.items()}
    rows = []
    for q in QUESTIONS.values():
        base = statistics.median(w for w, _ in runs[(q.id, "verify")])
        base_cpu = statistics.median(c for _, c in runs[(q.id, "verify")])
        for tool in tools:
            wall = statistics.median(w for w, _ in runs[(q.id, tool)])
            cpu = statistics.median(c for _, c in runs[(q.id, tool)])
            rows.append({"question": q.id, "kind": q.kind, "tool": tool,
                         "answer": " / ".join(sorted(answers[(q.id, tool)])),
                         "median_s": round(wall, 3), "median_cpu_s": round(cpu, 3),
                         "ratio_to_verify": round(wall / base, 2),
                         "cpu_ratio_to_verify": round(cpu / base_cpu, 2),
                         "command": " ".join(commands(q)[tool][1:])})
    print(f"{'question':34} {'tool':10} {'wall s':>7} {'cpu s':>7} {'x verify':>8}  answer")
    for r in rows:
        print(f"{r['question']:34} {r['tool']:10} {r['median_s']:7.2f} {r['median_cpu_s']:7.2f} "
              f"{r['ratio_to_verify']:8.1f}  {r['answer']}")
    for k, ok in replayed.items():
        print(f"verify replay of the inputs {k} found: {'shows it' if ok else 'DOES NOT show it'}")
    faster = [f"{r['tool']} on {r['question']}" for r in rows
              if r["tool"] != "verify" and r["ratio_to_verify"] < 1]
    print("a peer faster than verify: " + (", ".join(faster) if faster else "none"))
    return {"reps": REPS, "crosshair_budget_s": CROSSHAIR_BUDGET_S,
            "rendering_checked_scenarios": checked, "rows": rows,
            "peer_findings_replayed": replayed, "peer_faster": faster, "limits": LIMITS,
            "load_average_at_end": list(os.getloadavg())}
