"""BMC time by depth (1..30) and k-induction time per sequence invariant.

The address-space model of the current design (``override``, 64-bit, CONFIG_MMU=y)
with every in-scope sequence invariant.  One incremental BMC run to depth 30: the
time at which depth d is done is the time of a BMC run to depth d.  Wall and CPU
time are both recorded (CPU time is less disturbed by other load on the machine).
Growth: the exponent b of the least-squares fit t ~ c * d^b over depths 5..30
(quadratic is b = 2) and the ratio t(30) / t(15) (quadratic: 4).  The plot goes to
docs/images/bmc-depth.png.
"""
from __future__ import annotations

import math
import os
import pathlib
import time

from proofs.sequences import SEQ_INVARIANTS, system
from verify import catalog
from verify.bmc import bmc
from verify.kinduction import kinduction
from verify.transition import SeqStatus

DESIGN, WORD, CONFIG = "override", 64, "mmu"
MAX_DEPTH = 30
PLOT = pathlib.Path(__file__).resolve().parent.parent / "docs" / "images" / "bmc-depth.png"


def fit_exponent(depths: list[int], times: list[float]) -> float:
    xs = [math.log(d) for d in depths]
    ys = [math.log(t) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def run_bmc() -> tuple[list[dict], list[str]]:
    ts = system(catalog.design(DESIGN), WORD, CONFIG)
    props = [i.prop() for i in SEQ_INVARIANTS.values() if CONFIG in i.scope]
    rows: list[dict] = []
    w0, c0 = time.perf_counter(), time.process_time()

    def at(d: int, _ms: float) -> None:
        if d:
            rows.append({"depth": d, "wall_s": time.perf_counter() - w0,
                         "cpu_s": time.process_time() - c0})

    results = bmc(ts, props, MAX_DEPTH, on_depth=at)
    return rows, [r.status.value for r in results]


def run_kinduction() -> list[dict]:
    out = []
    for inv in SEQ_INVARIANTS.values():
        for config in inv.scope:
            ts = system(catalog.design(DESIGN), WORD, config)
            w0, c0 = time.perf_counter(), time.process_time()
            r = kinduction(ts, inv.prop(), 10)
            out.append({"invariant": inv.id, "config": config, "status": r.status.value,
                        "k": r.depth if r.status is SeqStatus.PROVED else None,
                        "wall_s": time.perf_counter() - w0, "cpu_s": time.process_time() - c0})
    return out


def plot(rows: list[dict], exponent: float, load: float) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    depths = [r["depth"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
    ax.plot(depths, [r["wall_s"] for r in rows], "o-", ms=3,
            label=f"wall time (load average {load:.1f} on {os.cpu_count()} CPUs)")
    ax.plot(depths, [r["cpu_s"] for r in rows], "s-", ms=3, label="CPU time")
    ref = rows[-1]["cpu_s"]
    ax.plot(depths, [ref * (d / depths[-1]) ** 2 for d in depths], ":", color="grey",
            label="quadratic through the last CPU point")
    ax.axhline(20, color="red", lw=0.8, ls="--", label="20 s budget at depth 30")
    ax.set_xlabel("BMC depth (mmap/munmap calls per sequence)")
    ax.set_ylabel("seconds to check every depth up to d")
    ax.set_title(f"Incremental BMC, {DESIGN}, {WORD}-bit, {CONFIG}: growth exponent {exponent:.2f}")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    PLOT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(PLOT)
    plt.close(fig)


def main() -> dict:
    load = os.getloadavg()[0]
    rows, statuses = run_bmc()
    tail = [r for r in rows if r["depth"] >= 5]
    exp_cpu = fit_exponent([r["depth"] for r in tail], [r["cpu_s"] for r in tail])
    exp_wall = fit_exponent([r["depth"] for r in tail], [r["wall_s"] for r in tail])
    by_depth = {r["depth"]: r for r in rows}
    ratio = by_depth[30]["cpu_s"] / by_depth[15]["cpu_s"]
    print(f"BMC of {len(statuses)} sequence invariants, {DESIGN}, {WORD}-bit, {CONFIG}: {statuses}; "
          f"load average {load:.1f} on {os.cpu_count()} CPUs")
    print(f"{'depth':>5} {'wall s':>8} {'cpu s':>8}")
    for r in rows:
        print(f"{r['depth']:>5} {r['wall_s']:>8.2f} {r['cpu_s']:>8.2f}")
    print(f"growth exponent (fit over depths 5..30): cpu {exp_cpu:.2f}, wall {exp_wall:.2f} "
          f"(quadratic = 2); t(30)/t(15) cpu = {ratio:.2f} (quadratic = 4)")
    kind = run_kinduction()
    print(f"\n{'invariant':<30} {'config':<6} {'status':<8} {'k':>2} {'wall s':>7} {'cpu s':>7}")
    for r in kind:
        print(f"{r['invariant']:<30} {r['config']:<6} {r['status']:<8} {r['k'] or '-':>2} "
              f"{r['wall_s']:>7.2f} {r['cpu_s']:>7.2f}")
    plot(rows, exp_cpu, load)
    print(f"\nplot: {PLOT}")
    return {
        "design": DESIGN, "word_size": WORD, "config": CONFIG, "bmc_statuses": statuses,
        "load_average_at_start": round(load, 2),
        "bmc": [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
                for r in rows],
        "growth_exponent_cpu": round(exp_cpu, 3), "growth_exponent_wall": round(exp_wall, 3),
        "ratio_30_over_15_cpu": round(ratio, 3),
        "depth30_wall_s": round(by_depth[30]["wall_s"], 3),
        "depth30_cpu_s": round(by_depth[30]["cpu_s"], 3),
        "kinduction": [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
                       for r in kind],
        "kinduction_max_wall_s": round(max(r["wall_s"] for r in kind), 3),
    }
