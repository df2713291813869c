"""Values shown as C would print them: ``-EAGAIN``, ``0xfffffffffffff000``."""
from __future__ import annotations

from models.errno import NAME_OF
from models.inputs import TYPE_NAME

# Outcome and step values that hold an action type rather than a number.
TYPE_KEYS = {"type"}


def c_int(n: int) -> str:
    if -4095 <= n <= -1 and -n in NAME_OF:
        return f"-{NAME_OF[-n]}"
    return str(n)


def c_ulong(n: int) -> str:
    return hex(n)


def c_type(n: int) -> str:
    return TYPE_NAME.get(n, f"{n} (not in enum mmap_action_type)")


def c_bool(b: bool) -> str:
    return "true" if b else "false"


def show(name: str, value: int | bool, kind: str) -> str:
    """``kind`` is "bool", "int", "type" or "ulong"."""
    if kind == "bool":
        return c_bool(bool(value))
    if kind == "type" or name in TYPE_KEYS:
        return c_type(int(value))
    if kind == "ulong":
        return c_ulong(int(value))
    return c_int(int(value))
