"""Bitwuzla through its Python package: its parser runs the script."""
from __future__ import annotations

import time

from verify.backends.base import SAT, UNKNOWN, UNSAT, Answer, Backend, input_value
from verify.errors import SolverError


class Bitwuzla(Backend):
    name = "bitwuzla"

    def __init__(self) -> None:
        try:
            import bitwuzla
        except ImportError as e:
            raise SolverError("bitwuzla is not installed; "
                              "pip install 'mmap-action-verifier[solvers]'") from e
        self.bz = bitwuzla

    def version(self) -> str:
        import importlib.metadata
        return importlib.metadata.version("bitwuzla")

    def check(self, script: str, timeout_ms: int) -> Answer:
        bz = self.bz
        t0 = time.perf_counter()
        tm = bz.TermManager()
        opts = bz.Options()
        opts.set(bz.Option.PRODUCE_MODELS, True)
        opts.set(bz.Option.TIME_LIMIT_PER, int(timeout_ms))
        parser = bz.Parser(tm, opts)
        try:
            # parse_only: the script's (check-sat) is not run by the parser; we run it.
            parser.parse(script, True, False)
        except bz.BitwuzlaException as e:
            raise SolverError(f"bitwuzla could not parse the obligation: {e}") from e
        solver = parser.bitwuzla()
        r = solver.check_sat()
        ms = (time.perf_counter() - t0) * 1e3
        if r == bz.Result.UNSAT:
            return Answer(UNSAT, ms=ms)
        if r != bz.Result.SAT:
            return Answer(UNKNOWN, reason=f"bitwuzla answered {r}", ms=ms)
        values = {}
        for f in parser.get_declared_funs():
            val = solver.get_value(f)
            raw = val.value() if f.sort().is_bool() else int(val.value(10))
            iv = input_value(f.symbol(), raw)
            if iv:
                values[iv[0]] = iv[1]
        return Answer(SAT, values, ms=ms)
