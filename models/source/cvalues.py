"""C values as Z3 terms: integer types, conversions and operators by C's rules.

``int`` is 32 bits, ``long`` and pointers are one word (32 or 64, the ILP32 and
LP64 Linux ABIs), as in ``models.cdefs``.  Conversions follow C11 6.3: integer
promotion, the usual arithmetic conversions (which depend on the word size:
``long`` cannot hold every ``unsigned int`` at 32 bits), sign extension of a
signed source, truncation to a narrower type (modulo, as gcc does).  A
``_Bool`` is a Z3 Bool; any other scalar is a bit-vector.  A pointer is a word
plus, when the front end knows it, what it points to (``target``).
"""
from __future__ import annotations

import dataclasses
from typing import Any

import z3

from models.cdefs import INT_BITS


@dataclasses.dataclass(frozen=True)
class CType:
    name: str                 # as C spells it
    kind: str                 # int | bool | ptr | struct | void | opaque
    bits: int | None = None   # integer width; None: one word (long, pointers)
    signed: bool = False
    rank: int = 0             # integer conversion rank (C11 6.3.1.1)
    tag: str = ""             # struct: its tag; ptr: the pointee's struct tag (or "")
    field_width: int | None = None   # a bit-field's width

    def width(self, word: int) -> int:
        return word if self.bits is None else self.bits

    @property
    def is_int(self) -> bool:
        return self.kind in ("int", "bool")

    @property
    def scalar(self) -> bool:
        return self.kind in ("int", "bool", "ptr", "opaque")


BOOL = CType("_Bool", "bool", 1, False, 0)
CHAR = CType("char", "int", 8, True, 1)
UCHAR = CType("unsigned char", "int", 8, False, 1)
SHORT = CType("short", "int", 16, True, 2)
USHORT = CType("unsigned short", "int", 16, False, 2)
INT = CType("int", "int", INT_BITS, True, 3)
UINT = CType("unsigned int", "int", INT_BITS, False, 3)
LONG = CType("long", "int", None, True, 4)
ULONG = CType("unsigned long", "int", None, False, 4)
LLONG = CType("long long", "int", 64, True, 5)
ULLONG = CType("unsigned long long", "int", 64, False, 5)
VOID = CType("void", "void")
OPAQUE = CType("(opaque)", "opaque", None)

# Kernel typedefs of integer types (include/linux/types.h, include/uapi/asm-generic/int-ll64.h).
TYPEDEFS: dict[str, CType] = {
    "size_t": ULONG, "ssize_t": LONG, "pgoff_t": ULONG, "uintptr_t": ULONG, "loff_t": LLONG,
    "u8": UCHAR, "u16": USHORT, "u32": UINT, "u64": ULLONG, "s8": CHAR, "s16": SHORT,
    "s32": INT, "s64": LLONG, "bool": BOOL, "_Bool": BOOL, "gfp_t": UINT, "vm_flags_t": ULONG,
}


def pointer(tag: str = "") -> CType:
    return CType(f"struct {tag} *" if tag else "void *", "ptr", None, False, 0, tag)


def struct(tag: str) -> CType:
    return CType(f"struct {tag}", "struct", tag=tag)


@dataclasses.dataclass
class CVal:
    """A C value: its type and its Z3 term (Bool for ``_Bool``, else a bit-vector)."""
    type: CType
    term: Any
    target: Any = None        # a pointer's pointee, a struct lvalue's object, when known
    cond: Any = None          # for 0/1 results of comparisons: the Bool they stand for


def const(ctype: CType, value: int, word: int) -> CVal:
    if ctype.kind == "bool":
        return CVal(ctype, z3.BoolVal(bool(value)))
    return CVal(ctype, z3.BitVecVal(value, ctype.width(word)))


def truth(v: CVal) -> z3.BoolRef:
    """The value as a condition: non-zero (C11 6.8.4.1)."""
    if v.cond is not None:
        return v.cond
    if v.type.kind == "bool":
        return v.term
    return v.term != 0


def from_bool(b: z3.BoolRef, word: int) -> CVal:
    """The ``int`` 0 or 1 a comparison or logical operator gives, remembering ``b``."""
    return CVal(INT, z3.If(b, z3.BitVecVal(1, INT_BITS), z3.BitVecVal(0, INT_BITS)), cond=b)


def _resize(term: z3.BitVecRef, signed: bool, width: int) -> z3.BitVecRef:
    have = term.size()
    if have == width:
        return term
    if have > width:
        return z3.Extract(width - 1, 0, term)
    return (z3.SignExt if signed else z3.ZeroExt)(width - have, term)


def convert(v: CVal, to: CType, word: int) -> CVal:
    """C11 6.3.1: ``(to)v``."""
    if to.kind in ("void", "struct") or v.type.kind == "struct":
        return CVal(to, v.term, v.target)
    if to.kind == "bool":
        return CVal(BOOL, truth(v))
    if v.type.kind == "bool":
        term = z3.If(v.term, z3.BitVecVal(1, to.width(word)), z3.BitVecVal(0, to.width(word)))
        return CVal(to, term)
    term = _resize(v.term, v.type.signed, to.width(word))
    if to.field_width is not None and to.field_width < to.width(word):
        term = _resize(_resize(term, False, to.field_width), to.signed, to.width(word))
    target = v.target if to.kind in ("ptr", "opaque") else None
    return CVal(to, term, target)


def plain(t: CType) -> CType:
    """The type of a bit-field's value once read: its declared type."""
    return dataclasses.replace(t, field_width=None) if t.field_width is not None else t


def promote(t: CType) -> CType:
    """Integer promotion (C11 6.3.1.1p2): every type of rank below ``int`` becomes ``int``,
    and so does a bit-field narrower than ``int`` (its values all fit)."""
    if t.field_width is not None and t.field_width < INT_BITS:
        return INT
    if t.kind == "bool" or (t.kind == "int" and t.rank < INT.rank):
        return INT
    if t.kind in ("ptr", "opaque"):
        return ULONG
    return t


def common(a: CType, b: CType, word: int) -> CType:
    """The usual arithmetic conversions (C11 6.3.1.8) of two promoted integer types."""
    a, b = promote(a), promote(b)
    if a == b:
        return a
    if a.signed == b.signed:
        return a if a.rank >= b.rank else b
    s, u = (a, b) if a.signed else (b, a)
    if u.rank >= s.rank:
        return u
    if s.width(word) > u.width(word):
        return s
    return {INT.rank: UINT, LONG.rank: ULONG, LLONG.rank: ULLONG}[s.rank]


ARITH = {"+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y,
         "&": lambda x, y: x & y, "|": lambda x, y: x | y, "^": lambda x, y: x ^ y}
SIGNED_CMP = {"<": lambda x, y: x < y, "<=": lambda x, y: x <= y,
              ">": lambda x, y: x > y, ">=": lambda x, y: x >= y}
UNSIGNED_CMP = {"<": z3.ULT, "<=": z3.ULE, ">": z3.UGT, ">=": z3.UGE}


def binary(op: str, a: CVal, b: CVal, word: int) -> CVal:
    """``a op b`` for the arithmetic, bitwise, shift and comparison operators."""
    if op in ("<<", ">>"):
        t = promote(a.type)
        x = convert(a, t, word).term
        n = _resize(convert(b, promote(b.type), word).term, False, x.size())
        return CVal(t, x << n if op == "<<" else (x >> n if t.signed else z3.LShR(x, n)))
    if op in ("==", "!=") and (a.type.kind == "bool" and b.type.kind == "bool"):
        eq = a.term == b.term
        return from_bool(eq if op == "==" else z3.Not(eq), word)
    t = common(a.type, b.type, word)
    x, y = convert(a, t, word).term, convert(b, t, word).term
    if op in ARITH:
        return CVal(t, ARITH[op](x, y))
    if op in ("/", "%"):
        # Z3's signed division and remainder truncate toward zero, as C11 6.5.5 does.
        if op == "/":
            return CVal(t, x / y if t.signed else z3.UDiv(x, y))
        return CVal(t, z3.SRem(x, y) if t.signed else z3.URem(x, y))
    if op == "==":
        return from_bool(x == y, word)
    if op == "!=":
        return from_bool(x != y, word)
    cmp = SIGNED_CMP if t.signed else UNSIGNED_CMP
    return from_bool(cmp[op](x, y), word)


def unary(op: str, a: CVal, word: int) -> CVal:
    if op == "!":
        return from_bool(z3.Not(truth(a)), word)
    t = promote(a.type)
    x = convert(a, t, word).term
    if op == "-":
        return CVal(t, -x)
    if op == "~":
        return CVal(t, ~x)
    return CVal(t, x)            # unary +


def select(c: z3.BoolRef, a: CVal, b: CVal, word: int) -> CVal:
    """``c ? a : b`` with both arms brought to their common type (C11 6.5.15)."""
    if a.type.kind == "bool" and b.type.kind == "bool":
        return CVal(BOOL, z3.If(c, a.term, b.term))
    if a.type.kind in ("ptr", "opaque") or b.type.kind in ("ptr", "opaque"):
        t = a.type if a.type.kind == "ptr" else b.type
        x, y = convert(a, t, word), convert(b, t, word)
        return CVal(t, z3.If(c, x.term, y.term), join_targets(a, b))
    t = common(a.type, b.type, word)
    return CVal(t, z3.If(c, convert(a, t, word).term, convert(b, t, word).term))


def merge(c: z3.BoolRef, new: CVal, old: CVal | None, word: int) -> CVal:
    """The value of a variable after ``if (c) var = new``: ``new`` where ``c`` holds."""
    if old is None:
        return new
    new = convert(new, old.type, word)
    if old.type.kind == "bool":
        return CVal(old.type, z3.If(c, new.term, old.term))
    # An indeterminate pointer (INDETERMINATE) takes the object assigned to it: dereferencing it
    # where it was not assigned would be undefined behaviour (C11 6.3.2.1p2).
    return CVal(old.type, z3.If(c, new.term, old.term), join_targets(new, old))


def is_null(v: CVal) -> bool:
    return v.target is NULL_TARGET or (
        v.target is None and z3.is_bv_value(v.term) and v.term.as_long() == 0)


def join_targets(a: CVal, b: CVal):
    """What a pointer that is ``a`` or ``b`` points to: their common object.  NULL and an
    indeterminate pointer join anything: neither may be dereferenced, so where the pointer
    is used it is the other one."""
    if a.target is b.target or is_null(b) or b.target is INDETERMINATE:
        return NULL_TARGET if a.target is None and is_null(a) else a.target
    if is_null(a) or a.target is INDETERMINATE:
        return b.target
    return None


NULL_TARGET = "null"


def null(word: int) -> CVal:
    return CVal(pointer(), z3.BitVecVal(0, word), NULL_TARGET)


INDETERMINATE = "indeterminate"
