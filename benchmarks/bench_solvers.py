"""The proof suite on Z3, cvc5 and Bitwuzla, side by side, in one run.

Two suites: the default one (`verify prove`: design override, every invariant on
its own configurations, both word sizes) and the same on every configuration
(`-c all`, which adds the refuted, out-of-scope obligations).  Z3 runs in
process on the model; cvc5 and Bitwuzla run each obligation's SMT-LIB2 export
(vacuity query, then proof query) and their sat answers are replayed in Z3.
The export alone is timed too, since it is part of the other solvers' time.
"""
from __future__ import annotations

import time

from verify import catalog
from verify.backends.smtlib import scripts
from verify.engine import Session, plan, prove
from verify.results import Status

SOLVERS = ("z3", "cvc5", "bitwuzla")
SUITES = {"default": [], "all-configs": ["all"]}


def export_time(configs: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    sessions: dict = {}
    n = 0
    for d, w, inv, c in plan(catalog.invariants([]), [catalog.design("override")], [32, 64],
                             catalog.configs(configs)):
        s = sessions.setdefault(w, Session(d, w))
        n += len(scripts(s, inv, c))
    return time.perf_counter() - t0, n


def main() -> dict:
    figures: dict = {"suites": {}}
    print(f"{'suite':<12} {'solver':<22} {'obligations':>11} {'proved':>6} {'refuted':>7} "
          f"{'unknown':>7} {'wall s':>8} {'solver s':>9}")
    for suite, configs in SUITES.items():
        rows = {}
        verdicts = {}
        for solver in SOLVERS:
            t0 = time.perf_counter()
            r = prove(configs=configs, solver=solver)
            wall = time.perf_counter() - t0
            verdicts[solver] = [x.status for x in r.results]
            rows[solver] = {
                "version": r.solver_version, "obligations": len(r.results),
                "proved": r.count(Status.PROVED), "refuted": r.count(Status.REFUTED),
                "unknown": r.count(Status.UNKNOWN), "vacuous": r.count(Status.VACUOUS),
                "wall_s": wall, "solver_s": r.solver_ms / 1e3}
            row = rows[solver]
            print(f"{suite:<12} {solver + ' ' + r.solver_version:<22} {row['obligations']:>11} "
                  f"{row['proved']:>6} {row['refuted']:>7} {row['unknown']:>7} {wall:8.2f} "
                  f"{row['solver_s']:9.2f}")
        exp_s, files = export_time(configs)
        print(f"{suite:<12} {'(SMT-LIB2 export only)':<22} {files // 2:>11} {'':>6} {'':>7} "
              f"{'':>7} {exp_s:8.2f}")
        same = all(v == verdicts["z3"] for v in verdicts.values())
        print(f"{suite:<12} same verdict on every obligation: {same}")
        figures["suites"][suite] = {"solvers": rows, "export_s": exp_s, "export_files": files,
                                    "same_verdicts": same,
                                    "ratio_wall_vs_z3": {s: rows[s]["wall_s"] / rows["z3"]["wall_s"]
                                                         for s in SOLVERS}}
    return figures
