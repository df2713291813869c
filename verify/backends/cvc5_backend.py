"""cvc5 through its Python package: parse the script, run its commands."""
from __future__ import annotations

import time

from verify.backends.base import SAT, UNKNOWN, UNSAT, Answer, Backend, input_value
from verify.errors import SolverError


class Cvc5(Backend):
    name = "cvc5"

    def __init__(self) -> None:
        try:
            import cvc5
        except ImportError as e:  # the [solvers] extra is not installed
            raise SolverError("cvc5 is not installed; pip install 'mmap-action-verifier[solvers]'") from e
        self.cvc5 = cvc5

    def version(self) -> str:
        tm = self.cvc5.TermManager()
        v = self.cvc5.Solver(tm).getVersion()
        return v.decode() if isinstance(v, bytes) else str(v)

    def check(self, script: str, timeout_ms: int) -> Answer:
        cvc5 = self.cvc5
        t0 = time.perf_counter()
        tm = cvc5.TermManager()
        slv = cvc5.Solver(tm)
        slv.setOption("produce-models", "true")
        slv.setOption("tlimit-per", str(int(timeout_ms)))
        sm = cvc5.SymbolManager(tm)
        parser = cvc5.InputParser(slv, sm)
        parser.setStringInput(cvc5.InputLanguage.SMT_LIB_2_6, script, "obligation")
        result = None
        try:
            while True:
                cmd = parser.nextCommand()
                if cmd.isNull():
                    break
                out = cmd.invoke(slv, sm)
                if cmd.getCommandName() == "check-sat":    # not toString: it prints the term
                    result = out.strip()
        except RuntimeError as e:
            raise SolverError(f"cvc5 could not run the obligation: {e}") from e
        ms = (time.perf_counter() - t0) * 1e3
        if result == UNSAT:
            return Answer(UNSAT, ms=ms)
        if result != SAT:
            return Answer(UNKNOWN, reason=f"cvc5 answered {result or 'nothing'}", ms=ms)
        values = {}
        for term in sm.getDeclaredTerms():
            val = slv.getValue(term)
            raw = val.getBooleanValue() if term.getSort().isBoolean() else \
                int(val.getBitVectorValue(10))
            iv = input_value(str(term), raw)
            if iv:
                values[iv[0]] = iv[1]
        return Answer(SAT, values, ms=ms)
