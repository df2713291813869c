"""C expressions, evaluated symbolically (a mixin of ``Executor``).

Operators follow C's rules through ``models.source.cvalues``; ``&&``, ``||``
and ``?:`` evaluate their later operands only where C does (under the path
condition that reaches them), so a call or a warning there is guarded; GNU
``a ?: b`` evaluates ``a`` once.  Anything else is a ``SourceError``.
"""
from __future__ import annotations

import re

import tree_sitter
import z3

from models import terms
from models.errno import ERRNO
from models.source import cvalues as cv
from models.source.cvalues import BOOL, INT, LLONG, LONG, ULLONG, ULONG, CVal, truth
from models.source.declare import type_descriptor
from models.source.memory import Region

UNSUPPORTED = {
    "subscript_expression": "array subscript", "gnu_asm_expression": "inline asm",
    "compound_literal_expression": "compound literal", "initializer_list": "initializer list",
    "statement_expression": "statement expression", "generic_expression": "_Generic",
    "offsetof_expression": "offsetof", "concatenated_string": "string",
}


def literal_type(text: str, word: int) -> tuple:
    """An integer constant's value and type (C11 6.4.4.1: the first type that holds it)."""
    m = re.fullmatch(r"(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)", text)
    if not m:
        return None, 0
    digits, suffix = m.group(1), m.group(2).lower()
    value = int(digits, 16) if digits[:2].lower() == "0x" else int(digits, 8 if digits[0] == "0" and
                                                                     len(digits) > 1 else 10)
    decimal = not digits.startswith("0") or digits == "0"
    unsigned, longs = "u" in suffix, suffix.count("l")
    order = [cv.INT, cv.UINT, LONG, ULONG, LLONG, ULLONG]
    if longs == 1:
        order = order[2:]
    elif longs >= 2:
        order = order[4:]
    if unsigned:
        order = [t for t in order if not t.signed]
    elif decimal:
        order = [t for t in order if t.signed]
    for t in order:
        bits = t.width(word) - (1 if t.signed else 0)
        if value < (1 << bits):
            return t, value
    return order[-1], value


class ExprMixin:
    def eval(self, node: tree_sitter.Node) -> CVal:
        t = node.type
        f = self.file
        if t == "parenthesized_expression":
            return self.eval(node.named_children[-1])
        if t == "number_literal":      # tree-sitter keeps a leading minus in the literal
            text = f.text(node)
            ctype, value = literal_type(text.lstrip("-+").strip(), self.word)
            if ctype is None:
                self.fail(node, f"number `{text}` is not read")
            v = cv.const(ctype, value, self.word)
            return cv.unary("-", v, self.word) if text.startswith("-") else v
        if t == "char_literal":
            text = f.text(node)
            if len(text) == 3:
                return cv.const(INT, ord(text[1]), self.word)
            return cv.const(INT, {"'\\0'": 0, "'\\n'": 10}.get(text, 0), self.word)
        if t in ("true", "false"):
            return cv.const(BOOL, t == "true", self.word)
        if t == "null":
            return cv.null(self.word)
        if t == "string_literal":
            return CVal(cv.pointer(), z3.BitVecVal(1 << 8, self.word))
        if t == "identifier":
            return self.name_value(node)
        if t == "unary_expression":
            op = f.text(node.child_by_field_name("operator"))
            return cv.unary(op, self.eval(node.child_by_field_name("argument")), self.word)
        if t == "binary_expression":
            return self.binary_expr(node)
        if t == "conditional_expression":
            return self.conditional(node)
        if t == "assignment_expression":
            return self.assign(node)
        if t == "update_expression":
            return self.update(node)
        if t == "call_expression":
            return self.call_expr(node)
        if t == "field_expression":
            r, field = self.field_loc(node)
            return self.mem.read(r, field, self.where(node))
        if t == "pointer_expression":
            op = node.children[0].type
            arg = node.child_by_field_name("argument")
            if op == "&":
                return self.address_of(arg)
            return self.star(self.eval(arg), node)
        if t == "cast_expression":
            to = type_descriptor(f, node.child_by_field_name("type"))
            return cv.convert(self.eval(node.child_by_field_name("value")), to, self.word)
        if t == "sizeof_expression":
            return self.opaque(ULONG, "sizeof")
        if t == "comma_expression":
            self.eval(node.child_by_field_name("left"))
            return self.eval(node.child_by_field_name("right"))
        self.fail(node, f"{UNSUPPORTED.get(t, t.replace('_', ' '))} `{self.snippet(node)}` is "
                        "outside the C the front end reads")

    # -- operators ----------------------------------------------------------------
    def binary_expr(self, node: tree_sitter.Node) -> CVal:
        op = self.file.text(node.child_by_field_name("operator"))
        left = self.eval(node.child_by_field_name("left"))
        right_node = node.child_by_field_name("right")
        if op in ("&&", "||"):
            a = truth(left)
            with self.p.when(a if op == "&&" else z3.Not(a)):
                b = truth(self.eval(right_node))
            return cv.from_bool(terms.And(a, b) if op == "&&" else terms.Or(a, b), self.word)
        right = self.eval(right_node)
        if op in ("==", "!=") and (left.type.kind == "ptr" or right.type.kind == "ptr"):
            eq = cv.convert(left, ULONG, self.word).term == cv.convert(right, ULONG, self.word).term
            return cv.from_bool(eq if op == "==" else z3.Not(eq), self.word)
        return cv.binary(op, left, right, self.word)

    def conditional(self, node: tree_sitter.Node) -> CVal:
        cond = self.eval(node.child_by_field_name("condition"))
        c = truth(cond)
        then_node = node.child_by_field_name("consequence")
        if then_node is None:                       # GNU a ?: b
            a = cond
        else:
            with self.p.when(c):
                a = self.eval(then_node)
        with self.p.when(z3.Not(c)):
            b = self.eval(node.child_by_field_name("alternative"))
        return cv.select(c, a, b, self.word)

    # -- places ---------------------------------------------------------------------
    def field_loc(self, node: tree_sitter.Node) -> tuple[Region, str]:
        arg = node.child_by_field_name("argument")
        field = self.file.text(node.child_by_field_name("field"))
        base = self.eval(arg)
        op = self.file.text(node.child_by_field_name("operator"))
        if op == "->":
            return self.deref(base, node), field
        if base.type.kind != "struct" or not isinstance(base.target, Region):
            self.fail(node, f"`{self.snippet(arg)}` is not a struct the front end knows")
        return base.target, field

    def deref(self, ptr: CVal, node) -> Region:
        if not isinstance(ptr.target, Region):
            self.fail(node, "a pointer to an object the front end does not know is dereferenced")
        return ptr.target

    def star(self, ptr: CVal, node) -> CVal:
        if isinstance(ptr.target, Region):
            return CVal(cv.struct(ptr.target.tag), z3.BitVecVal(0, self.word), ptr.target)
        if isinstance(ptr.target, tuple):           # a local's address
            return self.frame.read(ptr.target[1])
        self.fail(node, "`*` of a pointer the front end does not know")

    def address_of(self, arg: tree_sitter.Node) -> CVal:
        if arg.type == "field_expression":
            r, field = self.field_loc(arg)
            v = self.mem.read(r, field, self.where(arg))
            if isinstance(v.target, Region) and v.type.kind == "struct":
                return self.mem.pointer_to(v.target)
            return CVal(cv.pointer(), self.opaque(ULONG, f"&{field}").term, ("field", r, field))
        if arg.type == "identifier":
            name = self.file.text(arg)
            v = self.frame.read(name) if self.frame.has(name) else None
            if v is None:
                self.fail(arg, f"address of `{name}`, which is not a local")
            if v.type.kind == "struct" and isinstance(v.target, Region):
                return self.mem.pointer_to(v.target)
            return CVal(cv.pointer(), self.opaque(ULONG, f"&{name}").term, ("local", name))
        if arg.type == "parenthesized_expression":
            return self.address_of(arg.named_children[-1])
        self.fail(arg, f"address of `{self.snippet(arg)}` is not read")

    def assign(self, node: tree_sitter.Node) -> CVal:
        op = self.file.text(node.child_by_field_name("operator"))
        left = node.child_by_field_name("left")
        value = self.rvalue(node.child_by_field_name("right"))
        if op != "=":
            value = cv.binary(op[:-1], self.eval(left), value, self.word)
        return self.store(left, value)

    def update(self, node: tree_sitter.Node) -> CVal:
        arg = node.child_by_field_name("argument")
        op = self.file.text(node.child_by_field_name("operator"))
        old = self.eval(arg)
        new = cv.binary("+" if op == "++" else "-", old, cv.const(INT, 1, self.word), self.word)
        self.store(arg, new)
        return new if node.children[0].type in ("++", "--") else old

    def store(self, left: tree_sitter.Node, value: CVal) -> CVal:
        if left.type == "identifier":
            return self.frame.write(self.file.text(left), value, self)
        if left.type == "field_expression":
            r, field = self.field_loc(left)
            return self.mem.write(r, field, value, self.where(left))
        if left.type == "parenthesized_expression":
            return self.store(left.named_children[-1], value)
        if left.type == "pointer_expression" and left.children[0].type == "*":
            ptr = self.eval(left.child_by_field_name("argument"))
            if isinstance(ptr.target, tuple) and ptr.target[0] == "local":
                return self.frame.write(ptr.target[1], value, self)
        self.fail(left, f"assignment to `{self.snippet(left)}` is not read")

    def rvalue(self, node: tree_sitter.Node) -> CVal:
        """A value returned or assigned; ``-EXXX`` written in the code is an error source."""
        v = self.eval(node)
        name = self.errno_literal(node)
        if name:
            self.p.fail(f"{self.frame.name}: {self.snippet(node)}", cv.convert(v, INT, self.word).term,
                        label=f"{self.where(node)} {self.snippet(node)}")
        return v

    def errno_literal(self, node: tree_sitter.Node) -> str:
        while node.type == "parenthesized_expression":
            node = node.named_children[-1]
        if node.type == "unary_expression" and self.file.text(node.child_by_field_name("operator")) == "-":
            arg = node.child_by_field_name("argument")
            if arg.type == "identifier" and self.file.text(arg) in ERRNO and not self.frame.has(
                    self.file.text(arg)):
                return self.file.text(arg)
        return ""

