"""Values shown as C would print them: ``-EAGAIN``, ``0xfffffffffffff000``, and
integer constants read as C reads them."""
from __future__ import annotations

from models.cdefs import is_errno_number
from models.errno import NAME_OF
from models.inputs import TYPE_NAME

# Outcome and step values that hold an action type rather than a number.
TYPE_KEYS = {"type"}


def c_int(n: int) -> str:
    if is_errno_number(n) and -n in NAME_OF:
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


class ConstantTooLarge(ValueError):
    """An integer constant wider than any C type the model has."""


# No C type here is wider than 64 bits; a constant needs room for one arithmetic step.
MAX_CONSTANT_BITS = 128


def c_constant(digits: str) -> int:
    """An unsigned C integer constant without suffix: ``0x..`` hex, ``0..`` octal, else
    decimal (C11 6.4.4.1).  ``ValueError`` says what is wrong, in C's words;
    ``ConstantTooLarge`` when it is wider than ``MAX_CONSTANT_BITS``."""
    significant = digits[2:] if digits[:2] in ("0x", "0X") else digits
    significant = significant.lstrip("0")
    if len(significant) > MAX_CONSTANT_BITS // 3 + 1:      # read no more digits than can fit
        raise ConstantTooLarge(_too_large(len(digits)))
    n = _c_constant(digits)
    if n >= 1 << MAX_CONSTANT_BITS:
        raise ConstantTooLarge(_too_large(len(digits)))
    return n


def _too_large(length: int) -> str:
    return (f"a constant of {length} digits is larger than any C integer type here "
            "(unsigned long has at most 64 bits: 18446744073709551615, 0xffffffffffffffff)")


def _c_constant(digits: str) -> int:
    if digits[:2] in ("0x", "0X") and len(digits) > 2:
        return int(digits[2:], 16)
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(f"{digits!r} is not an integer constant")
    if len(digits) > 1 and digits[0] == "0":
        bad = next((c for c in digits if c in "89"), None)
        if bad:
            raise ValueError(f"invalid digit '{bad}' in octal constant {digits} "
                             "(a leading 0 makes a C constant octal)")
        return int(digits, 8)
    return int(digits)
