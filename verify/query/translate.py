"""Give a parsed query its meaning: a Z3 Boolean over one session's terms.

Sorts and how they mix:

* ``int`` is 32-bit two's complement, ``unsigned long`` the word size; ``<``
  ``<=`` ``>`` ``>=`` and ``>>`` are signed on ``int`` and unsigned on
  ``unsigned long``, as in C; ``u<`` ``s<`` (and friends) force one or the other.
* A number literal takes the sort of the other operand and must fit in it
  (``-1`` fits both; ``0xffffffff`` fits an ``int`` as its bit pattern).
* ``int`` and ``unsigned long`` never mix silently: write ``(unsigned long)ret``
  (sign extension, as C converts) or ``(int)user_ret`` (truncation).
* ``type`` compares with action type names (``MMAP_REMAP_PFN``) or numbers;
  ``path`` with ``normal`` or ``compat``, by ``==`` and ``!=`` only.
"""
from __future__ import annotations

import dataclasses

import lark
import z3

from models.cdefs import (INT_BITS, int_to_ulong, is_err_value, is_errno_number,
                          is_valid_errno, is_zero_or_errno)
from models.inputs import in_enum
from models.errno import ERRNO
from models import DESIGNS
from models.inputs import ACTION_TYPES, INPUT_BY_NAME
from verify.cformat import ConstantTooLarge, c_constant
from verify.engine import Session
from verify.query import names
from verify.query.errors import QueryError
from verify.query.grammar import parse

WIDE = {"int", "ulong", "type"}          # bit-vector kinds
# Left-associative binary operators (left operand first, right operand last) and
# unary operators (operand last): chains of them are walked in a loop.
BINARY = {"or_", "and_", "bor", "bxor", "band", "shl", "shr", "add", "sub", "mul"}
UNARY = {"not_", "neg", "inv", "cast"}
# How deeply a query may nest through parentheses and function calls (a chain such as
# `a or b or ...` or `1 + 2 + ...` counts as one level, however long).
MAX_NESTING = 100
C_NAME = {"int": "int", "ulong": "unsigned long", "type": "action type", "bool": "condition",
          "path": "path", "lit": "number", "typelit": "action type name", "pathlit": "path name"}


def a_(kind: str) -> str:
    """``a condition``, ``an int``."""
    word = C_NAME[kind]
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


@dataclasses.dataclass(frozen=True)
class Val:
    kind: str                      # bool int ulong type path | lit typelit pathlit
    term: z3.ExprRef | None = None
    value: int | None = None       # for the *lit kinds
    col: int = 1
    text: str = ""


class Translator:
    def __init__(self, session: Session, text: str) -> None:
        self.s = session
        self.text = text
        self.vars = names.variables(session)
        self.used: list[str] = []     # variables the query names, in order
        self.warnings: list[str] = []

    # -- helpers -------------------------------------------------------------
    def err(self, col: int, problem: str, hint: str = "") -> QueryError:
        return QueryError(self.text, col, problem, hint)

    def where(self, node) -> tuple[int, str]:
        if isinstance(node, lark.Token):
            return node.column, str(node)
        m = node.meta
        if getattr(m, "empty", True):
            return 1, self.text
        return m.column, self.text[m.start_pos:m.end_pos]

    def width(self, kind: str) -> int:
        return self.s.word if kind == "ulong" else INT_BITS

    def lit_to(self, v: Val, kind: str, other: Val) -> Val:
        w = self.width(kind)
        if not -(1 << (w - 1)) <= v.value <= (1 << w) - 1:
            raise self.err(v.col, f"{v.text} does not fit in {C_NAME[kind]} ({w} bits) to compare "
                                  f"with {other.text!r}",
                           "use a value in range, or cast the other side")
        return Val(kind, z3.BitVecVal(v.value % (1 << w), w), None, v.col, v.text)

    def need_bool(self, v: Val) -> z3.BoolRef:
        if v.kind == "bool":
            return v.term
        example = f"{v.text} != 0" if v.kind in WIDE | {"lit"} else f"{v.text} == ..."
        raise self.err(v.col, f"{v.text!r} is {a_(v.kind)}, not a condition",
                       f"compare it, e.g. '{example}'")

    def need_bits(self, v: Val, what: str) -> None:
        if v.kind in ("bool", "path", "pathlit"):
            raise self.err(v.col, f"{v.text!r} is {a_(v.kind)}; {what} needs a number")
        if v.kind in ("type", "typelit"):
            raise self.err(v.col, f"{v.text!r} is an action type; {what} is not defined on it",
                           "compare it with == or != (e.g. 'type == MMAP_REMAP_PFN')")

    def unify(self, a: Val, b: Val, op: str) -> tuple[Val, Val]:
        """Bring two numeric operands to one sort, or explain why they do not mix."""
        if a.kind in ("lit", "typelit") and b.kind in ("lit", "typelit"):
            return a, b
        if a.kind in ("lit", "typelit"):
            b2, a2 = self.unify(b, a, op)
            return a2, b2
        # a is a term
        if b.kind == "typelit":
            if a.kind != "type":
                raise self.err(b.col, f"{b.text} is an action type name, but {a.text!r} is "
                                      f"{a_(a.kind)}", "compare action type names with 'type'")
            return a, Val("type", z3.BitVecVal(b.value, INT_BITS), None, b.col, b.text)
        if b.kind == "lit":
            return a, self.lit_to(b, a.kind, a)
        if a.kind == b.kind:
            return a, b
        if {a.kind, b.kind} == {"int", "type"}:
            raise self.err(b.col, f"{a.text!r} and {b.text!r}: an action type combined with an int",
                           "compare 'type' with an action type name or a number")
        i, u = (a, b) if a.kind == "int" else (b, a)
        if {a.kind, b.kind} == {"int", "ulong"}:
            raise self.err(b.col, f"{a.text!r} ({C_NAME[a.kind]}) and {b.text!r} "
                                  f"({C_NAME[b.kind]}) have different sizes and signedness",
                           f"write (unsigned long){i.text} to convert as C does (sign extension), "
                           f"or (int){u.text} to truncate")
        raise self.err(b.col, f"{a.text!r} ({C_NAME[a.kind]}) and {b.text!r} "
                              f"({C_NAME[b.kind]}) cannot be combined with {op!r}")

    # -- the walk ------------------------------------------------------------
    def run(self, tree) -> z3.BoolRef:
        v = self.visit(tree)
        if v.kind != "bool":
            self.need_bool(v)
        return v.term

    def visit(self, node) -> Val:
        """Chains of one operator (``a or b or ...``, ``1 + 2 - 3 ...``, ``not not x``)
        are walked in a loop, not by recursion, so their length is not limited by
        Python's stack; only nesting through parentheses is (``MAX_NESTING``)."""
        if node.data in BINARY:
            return self._chain(node)
        if node.data in UNARY:
            return self._unary_chain(node)
        col, text = self.where(node)
        fn = getattr(self, f"t_{node.data}")
        return fn(node, col, text)

    def _chain(self, node) -> Val:
        spine = []
        while node.data in BINARY:
            spine.append(node)
            node = node.children[0]
        acc = self.visit(node)
        for n in reversed(spine):
            col, text = self.where(n)
            acc = getattr(self, f"t_{n.data}")(acc, self.visit(n.children[-1]), col, text)
        return acc

    def _unary_chain(self, node) -> Val:
        spine = []
        while node.data in UNARY:
            spine.append(node)
            node = node.children[-1]
        acc = self.visit(node)
        for n in reversed(spine):
            col, text = self.where(n)
            acc = getattr(self, f"t_{n.data}")(n, acc, col, text)
        return acc

    def t_name(self, node, col, text) -> Val:
        name = str(node.children[0])
        if name in self.vars:
            var = self.vars[name]
            if var.source == "input" and not self.s.design.reads(INPUT_BY_NAME[name]):
                readers = [d.name for d in DESIGNS.values() if d.reads(INPUT_BY_NAME[name])]
                raise self.err(col, f"design {self.s.design.name!r} does not read the input {name!r}",
                               f"choose a design that does with --design ({', '.join(readers)})"
                               if readers else "no design reads it")
            if name not in self.used:
                self.used.append(name)
            return Val(var.kind, names.term(self.s, name), None, col, name)
        if name in ERRNO:
            return Val("lit", None, ERRNO[name], col, name)
        if name in ACTION_TYPES:
            return Val("typelit", None, ACTION_TYPES[name], col, name)
        if name in names.PATHS:
            return Val("pathlit", None, int(names.PATHS[name]), col, name)
        known = list(self.vars) + list(ERRNO) + list(ACTION_TYPES) + list(names.PATHS)
        import difflib   # only for a wrong name
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
        hint = (f"did you mean {', '.join(repr(c) for c in close)}?" if close
                else "`verify vars` lists the names")
        if name in names.FUNCTIONS:
            hint = f"{name} is a function: {names.FUNCTIONS[name]}"
        raise self.err(col, f"unknown name {name!r}", hint)

    def t_number(self, node, col, text) -> Val:
        """Integer constants as C reads them: 0x... hex, 0... octal, else decimal."""
        digits = str(node.children[0]).rstrip("uUlL")
        try:
            return Val("lit", None, c_constant(digits), col, text)
        except ConstantTooLarge as e:
            raise self.err(col, str(e), "no variable can equal it; use a value in range") from None
        except ValueError as e:
            raise self.err(col, str(e), "drop the leading 0 for a decimal number") from None

    def t_true(self, node, col, text) -> Val:
        return Val("bool", z3.BoolVal(True), None, col, text)

    def t_false(self, node, col, text) -> Val:
        return Val("bool", z3.BoolVal(False), None, col, text)

    def t_neg(self, node, v, col, text) -> Val:
        self.need_bits(v, "'-'")
        if v.kind == "lit":
            return Val("lit", None, -v.value, col, text)
        return Val(v.kind, -v.term, None, col, text)

    def t_inv(self, node, v, col, text) -> Val:
        self.need_bits(v, "'~'")
        if v.kind == "lit":
            return Val("lit", None, ~v.value, col, text)
        return Val(v.kind, ~v.term, None, col, text)

    def t_cast(self, node, v, col, text) -> Val:
        to = "int" if node.children[0].data == "int_t" else "ulong"
        self.need_bits(v, "a cast")
        w = self.width(to)
        if v.kind == "lit":
            n = v.value % (1 << w)
            return Val(to, z3.BitVecVal(n, w), None, col, text)
        if to == "ulong":
            term = int_to_ulong(v.term, self.s.word) if v.kind == "int" else v.term
        else:
            term = z3.Extract(INT_BITS - 1, 0, v.term) if v.term.size() > INT_BITS else v.term
        return Val(to, term, None, col, text)

    def _arith(self, a: Val, b: Val, col, text, op: str) -> Val:
        for v in (a, b):
            self.need_bits(v, f"{op!r}")
        if op in ("<<", ">>"):
            self._shift_count(a, b, op)
        a, b = self.unify(a, b, op)
        if a.kind == "lit":
            n = {"+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y,
                 "&": lambda x, y: x & y, "|": lambda x, y: x | y, "^": lambda x, y: x ^ y,
                 "<<": lambda x, y: x << y, ">>": lambda x, y: x >> y}[op](a.value, b.value)
            return Val("lit", None, n, col, text)
        x, y = a.term, b.term
        t = {"+": lambda: x + y, "-": lambda: x - y, "*": lambda: x * y, "&": lambda: x & y,
             "|": lambda: x | y, "^": lambda: x ^ y, "<<": lambda: x << y,
             ">>": lambda: x >> y if a.kind == "int" else z3.LShR(x, y)}[op]()
        return Val(a.kind, t, None, col, text)

    def _shift_count(self, a: Val, b: Val, op: str) -> None:
        """A constant shift count that C leaves undefined (C11 6.5.7): an error between two
        constants (there is no value to give), otherwise a warning, as a compiler gives."""
        if b.kind != "lit":
            return
        n = b.value
        if a.kind == "lit":
            if not 0 <= n < 64:
                raise self.err(b.col, f"shift count {n} is outside 0..63",
                               "C leaves such a shift undefined")
            return
        if a.kind not in ("int", "ulong"):
            return
        w = self.width(a.kind)
        if not (n < 0 or n >= w):
            return
        zero = op == "<<" or a.kind == "ulong"
        result = "0" if zero else f"0 or -1 (the sign of {a.text})"
        if n < 0:
            self.warnings.append(
                f"column {b.col}: shift count {n} is negative: undefined in C; the model shifts "
                f"{a.text} by its bit pattern {hex(n % (1 << w))}, giving {result}")
        else:
            self.warnings.append(
                f"column {b.col}: shift count {n} >= width of {C_NAME[a.kind]} ({w} bits): "
                f"undefined in C; the model gives {result}")

    def t_add(self, a, b, c, t): return self._arith(a, b, c, t, "+")
    def t_sub(self, a, b, c, t): return self._arith(a, b, c, t, "-")
    def t_mul(self, a, b, c, t): return self._arith(a, b, c, t, "*")
    def t_band(self, a, b, c, t): return self._arith(a, b, c, t, "&")
    def t_bor(self, a, b, c, t): return self._arith(a, b, c, t, "|")
    def t_bxor(self, a, b, c, t): return self._arith(a, b, c, t, "^")
    def t_shl(self, a, b, c, t): return self._arith(a, b, c, t, "<<")
    def t_shr(self, a, b, c, t): return self._arith(a, b, c, t, ">>")

    def t_compare(self, node, col, text) -> Val:
        left, tok, right = node.children
        op = str(tok)
        a, b = self._path_side(left, right), self._path_side(right, left)
        if "path" in (a.kind, b.kind) or "pathlit" in (a.kind, b.kind):
            return self._compare_eq(a, b, op, tok, {"path", "pathlit"}, col, text)
        if "bool" in (a.kind, b.kind):
            return self._compare_eq(a, b, op, tok, {"bool"}, col, text)
        a, b = self.unify(a, b, op)
        force = op[0] if op[0] in "us" else ""
        rel = op[1:] if force else op
        if a.kind == "lit" or a.kind == "typelit":
            py = {"==": a.value == b.value, "!=": a.value != b.value, "<": a.value < b.value,
                  "<=": a.value <= b.value, ">": a.value > b.value, ">=": a.value >= b.value}[rel]
            return Val("bool", z3.BoolVal(py), None, col, text)
        x, y = a.term, b.term
        if rel == "==":
            t = x == y
        elif rel == "!=":
            t = x != y
        else:
            unsigned = force == "u" or (not force and a.kind == "ulong")
            fn = {"<": (z3.ULT, lambda p, q: p < q), "<=": (z3.ULE, lambda p, q: p <= q),
                  ">": (z3.UGT, lambda p, q: p > q), ">=": (z3.UGE, lambda p, q: p >= q)}[rel]
            t = fn[0](x, y) if unsigned else fn[1](x, y)
        return Val("bool", t, None, col, text)

    def _path_side(self, node, other) -> Val:
        """``compat``/``normal`` next to ``path`` are the path names, not the input."""
        if (node.data == "name" and str(node.children[0]) in names.PATHS
                and other.data == "name" and str(other.children[0]) == "path"):
            col, text = self.where(node)
            return Val("pathlit", None, int(names.PATHS[text]), col, text)
        return self.visit(node)

    def _compare_eq(self, a, b, op, tok, kinds, col, text) -> Val:
        if op not in ("==", "!="):
            kind = a.kind if a.kind in kinds else b.kind
            raise self.err(tok.column, f"{op!r} does not apply to {a_(kind)}", "use == or !=")
        for v in (a, b):
            if v.kind not in kinds:
                other = a if v is b else b
                raise self.err(v.col, f"{v.text!r} is {a_(v.kind)} but {other.text!r} is "
                                      f"{a_(other.kind)}",
                               "compare path with normal or compat" if "path" in kinds
                               else "compare conditions with conditions")
        x = a.term if a.term is not None else z3.BoolVal(bool(a.value))
        y = b.term if b.term is not None else z3.BoolVal(bool(b.value))
        return Val("bool", x == y if op == "==" else x != y, None, col, text)

    def _logic(self, fn, col, text, *vals: Val) -> Val:
        return Val("bool", fn(*[self.need_bool(v) for v in vals]), None, col, text)

    def t_and_(self, a, b, c, t): return self._logic(z3.And, c, t, a, b)
    def t_or_(self, a, b, c, t): return self._logic(z3.Or, c, t, a, b)
    def t_not_(self, n, v, c, t): return self._logic(z3.Not, c, t, v)

    def t_implies(self, node, col, text) -> Val:
        """Right-associative: ``a implies b implies c`` is ``a implies (b implies c)``."""
        spine = []
        while node.data == "implies":
            spine.append(node)
            node = node.children[-1]
        acc = self.visit(node)
        for n in reversed(spine):
            c, t = self.where(n)
            acc = self._logic(z3.Implies, c, t, self.visit(n.children[0]), acc)
        return acc

    def t_cond(self, node, col, text) -> Val:
        """C's ``c ? a : b``: both branches of one sort (a number takes the other's)."""
        c = self.need_bool(self.visit(node.children[0]))
        a, b = self.visit(node.children[1]), self.visit(node.children[2])
        if a.kind == "bool" or b.kind == "bool":
            return Val("bool", z3.If(c, self.need_bool(a), self.need_bool(b)), None, col, text)
        for v in (a, b):
            self.need_bits(v, "'?:'")
        a, b = self.unify(a, b, "?:")
        if a.kind == "lit":       # both numbers: an int, as in C
            a, b = self.lit_to(a, "int", a), self.lit_to(b, "int", b)
        return Val(a.kind, z3.If(c, a.term, b.term), None, col, text)

    def t_in_enum(self, node, col, text) -> Val:
        """``type in enum mmap_action_type``: one of the enum's values."""
        v, enum = self.visit(node.children[0]), str(node.children[1])
        if enum != "mmap_action_type":
            raise self.err(col, f"unknown enum {enum!r}", "the enum is mmap_action_type")
        if v.kind not in ("type", "int"):
            raise self.err(v.col, f"{v.text!r} is {a_(v.kind)}; 'in enum' takes the action type "
                                  "or an int", "write 'type in enum mmap_action_type'")
        return Val("bool", in_enum(v.term), None, col, text)

    def t_not_in_enum(self, node, col, text) -> Val:
        v = self.t_in_enum(node, col, text)
        return Val("bool", z3.Not(v.term), None, col, text)

    def t_call(self, node, col, text) -> Val:
        fname, arg = node.children
        fname = str(fname)
        if fname not in names.FUNCTIONS:
            import difflib
            close = difflib.get_close_matches(fname, list(names.FUNCTIONS), n=2, cutoff=0.5)
            raise self.err(col, f"unknown function {fname!r}",
                           f"did you mean {', '.join(map(repr, close))}?" if close
                           else f"functions: {', '.join(names.FUNCTIONS)}")
        v = self.visit(arg)
        self.need_bits(v, fname)
        if fname == "valid":
            if v.kind == "lit":
                return Val("bool", z3.BoolVal(v.value == 0 or is_errno_number(v.value)), None,
                           col, text)
            if v.kind != "int":
                raise self.err(v.col, f"valid takes an int, {v.text!r} is {a_(v.kind)}")
            return Val("bool", is_zero_or_errno(v.term), None, col, text)
        if fname == "is_errno":
            if v.kind == "lit":
                return Val("bool", z3.BoolVal(is_errno_number(v.value)), None, col, text)
            if v.kind != "int":
                raise self.err(v.col, f"is_errno takes an int, {v.text!r} is {a_(v.kind)}",
                               f"use IS_ERR_VALUE({v.text}) for unsigned long")
            return Val("bool", is_valid_errno(v.term), None, col, text)
        # IS_ERR_VALUE
        if v.kind == "lit":
            v = self.lit_to(v, "ulong", v)
        x = int_to_ulong(v.term, self.s.word) if v.kind == "int" else v.term
        return Val("bool", is_err_value(x), None, col, text)


@dataclasses.dataclass(frozen=True)
class Query:
    """A translated query: its text, its condition and the variables it names."""
    text: str
    condition: z3.BoolRef
    names: tuple[str, ...]
    warnings: tuple[str, ...] = ()   # what C leaves undefined, as a compiler would warn


def nesting(tree: lark.Tree) -> tuple[int, lark.Tree]:
    """How deeply ``tree`` nests, counting a chain of operators as one level (as
    ``Translator.visit`` walks it), and its deepest node."""
    deepest, where = 0, tree
    stack = [(tree, 1)]
    while stack:
        node, d = stack.pop()
        if d > deepest:
            deepest, where = d, node
        kids = [c for c in node.children if isinstance(c, lark.Tree)]
        for i, c in enumerate(kids):
            same = ((node.data in BINARY and i == 0 and c.data in BINARY)
                    or (node.data in UNARY and c is kids[-1] and c.data in UNARY)
                    or (node.data == "implies" and c is kids[-1] and c.data == "implies"))
            stack.append((c, d if same else d + 1))
    return deepest, where


def translate(session: Session, text: str) -> Query:
    """Parse and translate ``text``; raise ``QueryError`` (one line, with a column)."""
    tree = parse(text)
    depth, node = nesting(tree)
    if depth > MAX_NESTING:
        col = getattr(node.meta, "column", 1) if not getattr(node.meta, "empty", True) else 1
        raise QueryError(text, col, f"the query nests {depth} levels deep (at most {MAX_NESTING})",
                         "drop the inner parentheses, or split it into several queries")
    t = Translator(session, text)
    cond = t.run(tree)
    return Query(text, cond, tuple(t.used), tuple(t.warnings))
