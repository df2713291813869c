"""C types and macros of the kernel, as Z3 bit-vector terms.

Sorts are named like the C types they stand for.  ``int`` is 32 bits on every
Linux ABI; ``unsigned long`` is the word size (32 or 64), a parameter of every
model and proof.
"""
from __future__ import annotations

import z3

from models import terms
from models.errno import ERRNO

INT_BITS = 32
WORD_SIZES = (32, 64)

# include/uapi/asm-generic/... and include/linux/err.h
MAX_ERRNO = 4095
# arch/*/include/asm/page.h: 4 KiB pages on every architecture modelled here.
PAGE_SHIFT = 12


def int_t() -> z3.BitVecSortRef:
    """``int``: 32-bit two's complement."""
    return z3.BitVecSort(INT_BITS)


def ulong_t(word: int) -> z3.BitVecSortRef:
    """``unsigned long``: one machine word."""
    check_word(word)
    return z3.BitVecSort(word)


def check_word(word: int) -> None:
    if word not in WORD_SIZES:
        raise ValueError(f"word size must be 32 or 64, not {word!r}")


def int_val(v: int) -> z3.BitVecNumRef:
    return z3.BitVecVal(v, INT_BITS)


def ulong_val(v: int, word: int) -> z3.BitVecNumRef:
    return z3.BitVecVal(v, word)


def errno(name: str) -> z3.BitVecNumRef:
    """``-ENAME`` as an ``int``."""
    return int_val(-ERRNO[name])


def int_to_ulong(x: z3.BitVecRef, word: int) -> z3.BitVecRef:
    """C conversion ``(unsigned long)(int)x``: sign extension (C11 6.3.1.3), the
    identity when ``unsigned long`` is 32 bits wide."""
    return z3.SignExt(word - INT_BITS, x) if word > INT_BITS else x


def ulong_to_int(x: z3.BitVecRef) -> z3.BitVecRef:
    """``(int)(unsigned long)x``: truncation to the low 32 bits (as gcc does)."""
    return z3.Extract(INT_BITS - 1, 0, x) if x.size() > INT_BITS else x


def signed(n: int, bits: int = INT_BITS) -> int:
    """The two's complement reading of the ``bits``-bit unsigned value ``n``."""
    return n - (1 << bits) if n >= 1 << (bits - 1) else n


def c_value(val: z3.ExprRef, kind: str) -> int | bool:
    """A concrete Z3 value as the C value of its kind: ``bool``; ``int`` and ``type``
    (an ``int`` holding an enum) signed; ``ulong`` unsigned."""
    return z3.is_true(val) if kind == "bool" else c_number(val.as_long(), kind)


def c_number(n: int, kind: str) -> int | bool:
    """The bits ``n`` of a value of ``kind`` as ``c_value`` reads them (a bool as 0 or 1)."""
    if kind == "bool":
        return bool(n)
    return signed(n) if kind in ("int", "type") else n


def is_err_value(x: z3.BitVecRef) -> z3.BoolRef:
    """include/linux/err.h ``IS_ERR_VALUE(x)``: true when ``x``, read as an unsigned long,
    is one of the top ``MAX_ERRNO`` values of the word (an unsigned comparison with
    ``-MAX_ERRNO``)."""
    return z3.UGE(x, z3.BitVecVal(-MAX_ERRNO, x.size()))


def elvis(a: z3.BitVecRef, b: z3.BitVecRef) -> z3.BitVecRef:
    """GNU C ``a ?: b``: ``a`` if it is non-zero, else ``b`` (``a`` evaluated once)."""
    return terms.If(a != 0, a, b)


def is_valid_errno(x: z3.BitVecRef) -> z3.BoolRef:
    """An ``int`` that is a negated errno: -MAX_ERRNO..-1."""
    return terms.And(x >= -MAX_ERRNO, x <= -1)


def is_errno_number(n: int) -> bool:
    """The same rule on a Python ``int``: -MAX_ERRNO..-1."""
    return -MAX_ERRNO <= n <= -1


def is_zero_or_errno(x: z3.BitVecRef) -> z3.BoolRef:
    return terms.Or(x == 0, is_valid_errno(x))
