"""What every solver backend answers for one SMT-LIB2 script."""
from __future__ import annotations

import dataclasses
import re

from models.cdefs import signed
from models.inputs import INPUT_BY_NAME
from verify.errors import SolverError

SAT, UNSAT, UNKNOWN = "sat", "unsat", "unknown"
_SYMBOL = re.compile(r"^\|?([^|]*)\|?$")


@dataclasses.dataclass(frozen=True)
class Answer:
    status: str                                   # sat | unsat | unknown
    values: dict[str, int | bool] | None = None   # sat: the call's inputs (signed ints)
    reason: str | None = None                     # unknown: why
    ms: float = 0.0


class Backend:
    """Runs one SMT-LIB2 script (ending in ``(check-sat)``) with a time limit."""
    name = ""

    def version(self) -> str:
        raise NotImplementedError

    def check(self, script: str, timeout_ms: int) -> Answer:
        raise NotImplementedError


def input_value(symbol: str, raw: int | bool) -> tuple[str, int | bool] | None:
    """(input name, Python value) for a declared constant that is one of the call's
    inputs, else None.  ints and enum types are signed 32-bit; ulongs unsigned."""
    name = _SYMBOL.match(symbol).group(1)
    var = INPUT_BY_NAME.get(name)
    if var is None:
        return None
    if var.kind == "bool":
        if not isinstance(raw, bool):
            raise SolverError(f"solver gave {raw!r} for Bool input {name}")
        return name, raw
    n = int(raw)
    return name, signed(n) if var.kind in ("int", "type") else n
