"""JSON output: one document, the result's ``to_dict()``."""
from __future__ import annotations

import json
import sys
from typing import Any, TextIO


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=False)


def emit(data: Any) -> None:
    sys.stdout.write(dumps(data) + "\n")


def render(result: Any, out: TextIO, **_: Any) -> None:
    out.write(dumps(result.to_dict()) + "\n")
