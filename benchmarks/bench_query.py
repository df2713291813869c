"""Queries and explanations after start-up.  Target (issue 5): each answers in under
100 ms on this machine once the model is built; the REPL keeps the model between
questions.  Measured per question: median and worst of RUNS repetitions."""
from __future__ import annotations

import io
import resource
import statistics
import time

RUNS = 5
TARGET_MS = 100.0

QUERIES = [
    "ret == -ENOMEM and type == MMAP_REMAP_PFN and override == -EAGAIN and prepare_err == 0",
    "unmapped and ret == 0",
    "ret > 0",
    "ret > 0 and mmu",
    "lock_held_at_unmap",
    "unmapped and unmap_len >> 12 == 3 and ret == -EINVAL",
    "path == compat and ret != 0 and unmapped",
    "warned and override == 0 and type == MMAP_REMAP_PFN",
]
EXPLAIN = ["unmapped and ret == 0", "ret > 0 and mmu", "lock_held_at_unmap",
           "path == compat and ret != 0 and unmapped"]


def timed(fn) -> tuple[float, float]:
    """(median ms, worst ms) of RUNS calls."""
    ms = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ms), max(ms)


def main() -> dict:
    t0 = time.perf_counter()
    from models.config import CONFIGS
    from proofs import INVARIANTS
    from verify.query.settings import Settings
    from verify.repl import Repl
    imported = time.perf_counter()
    st = Settings().validate()
    st.session()
    built = time.perf_counter()
    rows: list[tuple[str, str, float, float]] = []
    for q in QUERIES:
        answer = st.ask(q).answer
        rows.append(("query", f"{q} -> {answer}", *timed(lambda: st.ask(q))))
    st5 = Settings(count=5).validate()
    rows.append(("query --all 5", "ret != 0 and override != 0", *timed(lambda: st5.ask(
        "ret != 0 and override != 0"))))
    for q in EXPLAIN:
        rows.append(("explain", q, *timed(lambda: st.explain(q))))
    s = st.session()
    from verify.explain import explain_invariant
    for inv in INVARIANTS.values():
        for c in inv.scope:
            rows.append(("explain -i", f"{inv.id} [{c}]",
                         *timed(lambda: explain_invariant(s, inv, CONFIGS[c]))))
    repl = Repl(Settings(), io.StringIO())
    rows.append(("repl line", "unmapped and ret == 0", *timed(
        lambda: repl.handle("unmapped and ret == 0"))))
    rows.append(("repl line", "ret == -EAGAIN (witness, rendered)", *timed(
        lambda: repl.handle("ret == -EAGAIN"))))
    sweep = explain_sweep()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    single = [r for r in rows if r[0] != "query --all 5"]
    over = [r for r in single if r[3] > TARGET_MS]
    print(f"start-up: imports {(imported - t0) * 1e3:.0f} ms, model built "
          f"{(built - imported) * 1e3:.0f} ms (design override, 64-bit)")
    print(f"{'kind':14} {'median ms':>9} {'worst ms':>9}  question")
    for kind, what, med, worst in rows:
        flag = "  > target" if worst > TARGET_MS and kind != "query --all 5" else ""
        print(f"{kind:14} {med:9.1f} {worst:9.1f}  {what[:90]}{flag}")
    medians = [r[2] for r in single]
    print(f"{len(single)} questions: median of medians {statistics.median(medians):.1f} ms, "
          f"worst {max(r[3] for r in single):.1f} ms; {len(over)} over {TARGET_MS:.0f} ms; "
          f"peak RSS {peak:.0f} MiB")
    print(f"explain -i on every design, word size and invariant scope, once each: "
          f"{sweep['count']} explanations, median {sweep['median_ms']:.1f} ms, worst "
          f"{sweep['worst_ms']:.1f} ms ({sweep['worst']}); {len(sweep['over_target'])} over "
          f"{TARGET_MS:.0f} ms")
    return {
        "startup_import_ms": round((imported - t0) * 1e3, 1),
        "startup_build_ms": round((built - imported) * 1e3, 1),
        "questions": [{"kind": k, "question": w, "median_ms": round(m, 2), "worst_ms": round(x, 2)}
                      for k, w, m, x in rows],
        "median_of_medians_ms": round(statistics.median(medians), 2),
        "worst_ms": round(max(r[3] for r in single), 2),
        "over_target": [f"{k}: {w}" for k, w, _, x in over],
        "target_ms": TARGET_MS,
        "runs": RUNS,
        "peak_rss_mib": round(peak, 1),
        "explain_sweep": sweep,
    }


def explain_sweep() -> dict:
    """``verify explain -i`` once for every design, word size, invariant and claimed
    configuration (each model built before its questions are timed)."""
    from models import DESIGNS
    from models.cdefs import WORD_SIZES
    from models.config import CONFIGS
    from proofs import INVARIANTS
    from verify.explain import explain_invariant
    from verify.replay import session_for
    rows = []
    for d in DESIGNS:
        for w in WORD_SIZES:
            s = session_for(d, w)
            for inv in INVARIANTS.values():
                for c in inv.scope:
                    e = explain_invariant(s, inv, CONFIGS[c])
                    rows.append((e.time_ms, f"{d} {w}-bit {inv.id} [{c}]"))
    ms = [r[0] for r in rows]
    worst = max(rows)
    return {"count": len(rows), "median_ms": round(statistics.median(ms), 2),
            "worst_ms": round(worst[0], 2), "worst": worst[1],
            "over_target": [w for t, w in rows if t > TARGET_MS]}
