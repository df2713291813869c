"""Z3 on the exported text: the same script the other solvers read (for
``verify export`` round trips and as the reference in tests)."""
from __future__ import annotations

import time

import z3

from verify.backends.base import SAT, UNKNOWN, UNSAT, Answer, Backend, input_value


class Z3Text(Backend):
    name = "z3"

    def version(self) -> str:
        return z3.get_version_string()

    def check(self, script: str, timeout_ms: int) -> Answer:
        t0 = time.perf_counter()
        s = z3.SolverFor("QF_BV")
        s.set("timeout", int(timeout_ms))
        s.from_string(script)
        r = s.check()
        ms = (time.perf_counter() - t0) * 1e3
        if r == z3.unsat:
            return Answer(UNSAT, ms=ms)
        if r != z3.sat:
            return Answer(UNKNOWN, reason=s.reason_unknown(), ms=ms)
        m = s.model()
        values = {}
        for d in m.decls():
            if d.arity() != 0:
                continue
            v = m[d]
            raw = z3.is_true(v) if z3.is_bool(v) else v.as_long()
            iv = input_value(d.name(), raw)
            if iv:
                values[iv[0]] = iv[1]
        return Answer(SAT, values, ms=ms)
