"""JSON output: one document on stdout."""
from __future__ import annotations

import json
import sys
from typing import Any


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=False)


def emit(data: Any) -> None:
    sys.stdout.write(dumps(data) + "\n")
