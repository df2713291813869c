"""JSON output: one document, the result's ``to_dict()``."""
from __future__ import annotations

import json
from typing import Any, TextIO


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=False)


def render(result: Any, out: TextIO, **_: Any) -> None:
    out.write(dumps(result.to_dict()) + "\n")
