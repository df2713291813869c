"""Invariant 2 (check-accepts-exactly-valid) three ways, side by side:

* Z3 proves it for every input, on each word size;
* C enumerates all 2^32 int overrides through check_mmap_action of the override
  fixture tree (tests/trees/override, with the harness and stubs of tests/c,
  CONFIG_MMU), compiled with gcc -O2 -m64 and -m32;
* Python over a sample, extrapolated to 2^32: the C expression written in
  Python, and the model's own concrete replay (verify.replay).

The C count must be exactly the Z3-proved range {0} u [-4095, -1] (4096 values).
Times are wall clock and CPU; ratios use CPU time (other work on the machine
affects wall time, not CPU time).
"""
from __future__ import annotations

import pathlib
import resource
import shutil
import subprocess
import tempfile
import time

from verify.engine import prove
from verify.replay import replay
from verify.results import Status

ROOT = pathlib.Path(__file__).resolve().parent.parent
HARNESS = ROOT / "tests" / "c"
TREE = ROOT / "tests" / "trees" / "override"
SOURCE = ROOT / "benchmarks" / "c" / "enumerate.c"
INT_MIN, INT_MAX = -(1 << 31), (1 << 31) - 1
MAX_ERRNO = 4095
PY_SAMPLE = 1 << 20
REPLAY_SAMPLE = 256
FOLDING_GUARD = ("loop bounds from the command line; each result through an empty "
                 "asm volatile(\"\" :: \"r\"(err) : \"memory\"); counts printed and checked; "
                 "ns/value reported (a folded loop would be far below 1 ns)")


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def build(word: int, out: pathlib.Path) -> pathlib.Path:
    exe = out / f"enumerate-{word}"
    cmd = ["gcc", f"-m{word}", "-O2", "-std=gnu11", "-DCONFIG_MMU", '-DHARNESS_DESIGN="override"',
           f"-I{TREE / 'include'}", f"-I{HARNESS / 'stubs'}", f"-I{HARNESS}",
           f'-DTREE_UTIL_C="{TREE / "mm" / "util.c"}"', "-DHARNESS_OVERRIDE_FIELD=error_override",
           str(SOURCE), "-o", str(exe)]
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    return exe


def enumerate_c(exe: pathlib.Path) -> dict:
    cpu0, t0 = children_cpu(), time.perf_counter()
    p = subprocess.run([str(exe), str(INT_MIN), str(INT_MAX)], check=True, capture_output=True,
                       text=True)
    wall, cpu = time.perf_counter() - t0, children_cpu() - cpu0
    accepted, einval, other, warned, lo, hi = (int(x) for x in p.stdout.split())
    return {"values": 1 << 32, "accepted": accepted, "rejected_einval": einval, "other": other,
            "warned": warned, "min_accepted": lo, "max_accepted": hi, "wall_s": wall, "cpu_s": cpu,
            "ns_per_value": cpu / (1 << 32) * 1e9,
            "matches_proved_range": (accepted == MAX_ERRNO + 1 and lo == -MAX_ERRNO and hi == 0
                                     and einval == (1 << 32) - accepted and other == 0
                                     and warned == einval)}


def z3_proof(word: int) -> dict:
    cpu0, t0 = time.process_time(), time.perf_counter()
    r = prove(["check-accepts-exactly-valid"], word_sizes=[word])
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return {"obligations": len(r.results), "proved": r.count(Status.PROVED) == len(r.results),
            "wall_s": wall, "cpu_s": cpu, "solver_s": r.solver_ms / 1e3}


def python_sample(word: int) -> dict:
    """The C expression in Python: (unsigned long)override, then `x && !IS_ERR_VALUE(x)`."""
    mask = (1 << word) - 1
    limit = -MAX_ERRNO & mask
    step = (1 << 32) // PY_SAMPLE
    cpu0, t0 = time.process_time(), time.perf_counter()
    accepted = 0
    for i in range(PY_SAMPLE):
        v = INT_MIN + i * step
        x = v & mask
        if not (x and x < limit):
            accepted += 1
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return {"sample": PY_SAMPLE, "wall_s": wall, "cpu_s": cpu,
            "extrapolated_cpu_s": cpu * (1 << 32) / PY_SAMPLE}


def replay_sample(word: int) -> dict:
    base = {"mmu": True, "compat": False, "prepare_err": 0, "type": 0, "hide": False,
            "action_prepare_err": 0, "merged": False, "complete_err": 0, "mapped_err": 0,
            "vm_start": 0x10000, "vm_end": 0x20000}
    replay("override", word, {**base, "override": 0})      # the model is built outside the timing
    step = (1 << 32) // REPLAY_SAMPLE
    cpu0, t0 = time.process_time(), time.perf_counter()
    for i in range(REPLAY_SAMPLE):
        replay("override", word, {**base, "override": INT_MIN + i * step})
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return {"sample": REPLAY_SAMPLE, "wall_s": wall, "cpu_s": cpu,
            "extrapolated_cpu_s": cpu * (1 << 32) / REPLAY_SAMPLE}


def main() -> dict:
    if shutil.which("gcc") is None:
        raise SystemExit("bench_exhaustive needs gcc (and gcc-multilib for -m32)")
    figures: dict = {"folding_guard": FOLDING_GUARD, "words": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for word in (64, 32):
            exe = build(word, pathlib.Path(tmp))
            c = enumerate_c(exe)
            z = z3_proof(word)
            py = python_sample(word)
            rp = replay_sample(word)
            figures["words"][str(word)] = {
                "z3": z, "c": c, "python": py, "replay": rp,
                "ratio_c_over_z3_cpu": c["cpu_s"] / z["cpu_s"],
                "ratio_python_over_z3_cpu": py["extrapolated_cpu_s"] / z["cpu_s"],
                "ratio_replay_over_z3_cpu": rp["extrapolated_cpu_s"] / z["cpu_s"],
                "z3_wins_50x_over_c": c["cpu_s"] / z["cpu_s"] >= 50,
            }
    print(f"{'word':>4} {'method':<34} {'values':>12} {'wall s':>9} {'CPU s':>9} {'x Z3 (CPU)':>11}")
    for word, f in figures["words"].items():
        z, c, py, rp = f["z3"], f["c"], f["python"], f["replay"]
        print(f"{word:>4} {'Z3 proof (' + str(z['obligations']) + ' obligations, all inputs)':<34} "
              f"{'all':>12} {z['wall_s']:9.3f} {z['cpu_s']:9.3f} {1:11.1f}")
        print(f"{word:>4} {'C enumeration, gcc -O2 -m' + word:<34} {c['values']:>12} "
              f"{c['wall_s']:9.2f} {c['cpu_s']:9.2f} {f['ratio_c_over_z3_cpu']:11.1f}")
        print(f"{word:>4} {'Python, C expression (extrap.)':<34} {py['sample']:>12} "
              f"{py['wall_s']:9.2f} {py['extrapolated_cpu_s']:9.0f} "
              f"{f['ratio_python_over_z3_cpu']:11.0f}")
        print(f"{word:>4} {'model replay (extrap.)':<34} {rp['sample']:>12} {rp['wall_s']:9.2f} "
              f"{rp['extrapolated_cpu_s']:9.0f} {f['ratio_replay_over_z3_cpu']:11.0f}")
        print(f"     C: {c['accepted']} accepted in [{c['min_accepted']}, {c['max_accepted']}], "
              f"{c['rejected_einval']} rejected with -EINVAL, {c['warned']} warned, "
              f"{c['ns_per_value']:.2f} ns/value; matches the Z3-proved range "
              f"{{0}} u [-4095,-1]: {c['matches_proved_range']}; Z3 proved: {z['proved']}; "
              f"Z3 wins >= 50x over C: {f['z3_wins_50x_over_c']}")
    print(f"folding guard: {FOLDING_GUARD}")
    return figures
