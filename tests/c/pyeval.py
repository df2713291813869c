"""A quantifier-free bit-vector term of Z3 as a Python function of its constants.

``compile_term(term, names)`` gives ``f(*values) -> int | bool``: ``values`` in the order of
``names`` (a Boolean constant as ``bool``, a bit-vector one as its unsigned value), the
result as Z3's model evaluator gives it (``is_true`` for a Boolean, ``as_long`` for a
bit-vector).  The function is straight-line code, one statement per shared subterm in
dependency order, so each subterm is computed once, as in Z3's evaluator, and a call takes
a few microseconds instead of Z3's few hundred (the C tests evaluate the model on tens of
thousands of scenarios).

Only the operators the designs' terms use are translated, each with its SMT-LIB meaning
on unsigned values (tests/test_pyeval.py checks each against Z3 on random operands);
a term with any other operator raises ``Unsupported``, and the caller keeps Z3.  The
generated code holds only the module's operators, numbers and the variable names it makes
(``a0``, ``t0`` ...): no name or text of the term itself.
"""
from __future__ import annotations

from typing import Callable, Sequence

import z3

from models.cdefs import signed


class Unsupported(Exception):
    """The term has an operator, or a sort, this module does not translate."""


def _shl(a: int, b: int, n: int) -> int:
    return (a << b) & ((1 << n) - 1) if b < n else 0


def _lshr(a: int, b: int, n: int) -> int:
    return a >> b if b < n else 0


def _ashr(a: int, b: int, n: int) -> int:
    return (signed(a, n) >> min(b, n)) & ((1 << n) - 1)


_HELPERS = {"_signed": signed, "_shl": _shl, "_lshr": _lshr, "_ashr": _ashr}

_MASKED = {z3.Z3_OP_BADD: " + ", z3.Z3_OP_BSUB: " - ", z3.Z3_OP_BMUL: " * "}
_BITWISE = {z3.Z3_OP_BAND: " & ", z3.Z3_OP_BOR: " | ", z3.Z3_OP_BXOR: " ^ "}
_UNSIGNED = {z3.Z3_OP_ULEQ: "<=", z3.Z3_OP_ULT: "<", z3.Z3_OP_UGEQ: ">=", z3.Z3_OP_UGT: ">"}
_SIGNED = {z3.Z3_OP_SLEQ: "<=", z3.Z3_OP_SLT: "<", z3.Z3_OP_SGEQ: ">=", z3.Z3_OP_SGT: ">"}
_SHIFTS = {z3.Z3_OP_BSHL: "_shl", z3.Z3_OP_BLSHR: "_lshr", z3.Z3_OP_BASHR: "_ashr"}


class _Node:
    """One subterm read through Z3's C API (the Python API's wrappers, made for every child
    of every node, cost more than the rest of the translation)."""
    __slots__ = ("ctx", "ast", "app", "kind")

    def __init__(self, ctx, ast) -> None:
        self.ctx, self.ast = ctx, ast
        self.app = z3.Z3_to_app(ctx, ast)
        self.kind = z3.Z3_get_decl_kind(ctx, z3.Z3_get_app_decl(ctx, self.app))

    def children(self) -> list:
        return [z3.Z3_get_app_arg(self.ctx, self.app, i)
                for i in range(z3.Z3_get_app_num_args(self.ctx, self.app))]

    def width(self, ast=None) -> int:
        """The width of this bit-vector node, or of ``ast``."""
        return z3.Z3_get_bv_sort_size(self.ctx, z3.Z3_get_sort(
            self.ctx, self.ast if ast is None else ast))

    def is_bv(self) -> bool:
        return z3.Z3_get_sort_kind(self.ctx, z3.Z3_get_sort(self.ctx, self.ast)) == z3.Z3_BV_SORT

    def param(self, i: int) -> int:
        return z3.Z3_get_decl_int_parameter(self.ctx, z3.Z3_get_app_decl(self.ctx, self.app), i)

    def name(self) -> str:
        return z3.Z3_get_symbol_string(self.ctx, z3.Z3_get_decl_name(
            self.ctx, z3.Z3_get_app_decl(self.ctx, self.app)))

    def text(self) -> str:
        return z3.Z3_ast_to_string(self.ctx, self.ast)[:60]


def _sort_ok(ctx, ast) -> bool:
    return z3.Z3_get_sort_kind(ctx, z3.Z3_get_sort(ctx, ast)) in (z3.Z3_BOOL_SORT, z3.Z3_BV_SORT)


def _expression(t: _Node, args: list[str], children: list) -> str:
    """The Python expression of one node over its children's variables ``args``."""
    k = t.kind
    n = t.width() if t.is_bv() else 0
    mask = (1 << n) - 1
    if k == z3.Z3_OP_TRUE:
        return "True"
    if k == z3.Z3_OP_FALSE:
        return "False"
    if k == z3.Z3_OP_BNUM:
        return z3.Z3_get_numeral_string(t.ctx, t.ast)
    if k == z3.Z3_OP_ITE:
        return f"({args[1]} if {args[0]} else {args[2]})"
    if k == z3.Z3_OP_AND:
        return "(" + " and ".join(args) + ")"
    if k == z3.Z3_OP_OR:
        return "(" + " or ".join(args) + ")"
    if k == z3.Z3_OP_NOT:
        return f"(not {args[0]})"
    if k == z3.Z3_OP_IMPLIES:
        return f"((not {args[0]}) or {args[1]})"
    if k == z3.Z3_OP_XOR:
        return f"({args[0]} != {args[1]})"
    if k == z3.Z3_OP_EQ:
        return "(" + " == ".join(args) + ")" if len(args) == 2 else \
            "(" + " and ".join(f"{args[0]} == {a}" for a in args[1:]) + ")"
    if k == z3.Z3_OP_DISTINCT:
        return f"(len({{{', '.join(args)}}}) == {len(args)})"
    if k in _MASKED:
        return f"(({_MASKED[k].join(args)}) & {mask})"
    if k in _BITWISE:
        return f"({_BITWISE[k].join(args)})"
    if k == z3.Z3_OP_BNOT:
        return f"({args[0]} ^ {mask})"
    if k == z3.Z3_OP_BNEG:
        return f"((-{args[0]}) & {mask})"
    if k in _UNSIGNED:
        return f"({args[0]} {_UNSIGNED[k]} {args[1]})"
    if k in _SIGNED:
        m = t.width(children[0])
        return f"(_signed({args[0]}, {m}) {_SIGNED[k]} _signed({args[1]}, {m}))"
    if k in _SHIFTS:
        return f"{_SHIFTS[k]}({args[0]}, {args[1]}, {n})"
    if k == z3.Z3_OP_CONCAT:
        out, shift = [], n
        for a, child in zip(args, children):
            shift -= t.width(child)
            out.append(f"({a} << {shift})" if shift else a)
        return "(" + " | ".join(out) + ")"
    if k == z3.Z3_OP_EXTRACT:
        hi, lo = t.param(0), t.param(1)
        return f"(({args[0]} >> {lo}) & {(1 << (hi - lo + 1)) - 1})"
    if k == z3.Z3_OP_ZERO_EXT:
        return args[0]
    if k == z3.Z3_OP_SIGN_EXT:
        m = t.width(children[0])
        high = mask ^ ((1 << m) - 1)
        return f"(({args[0]} | {high}) if {args[0]} >> {m - 1} else {args[0]})"
    raise Unsupported(f"operator {t.name()} ({t.text()})")


def constants(term: z3.ExprRef) -> set[str]:
    """The names of the uninterpreted constants ``term`` reads (each shared subterm once)."""
    ctx = term.ctx.ref()
    seen: set[int] = set()
    names: set[str] = set()
    todo = [term.as_ast()]
    while todo:
        ast = todo.pop()
        key = z3.Z3_get_ast_id(ctx, ast)
        if key in seen or z3.Z3_get_ast_kind(ctx, ast) != z3.Z3_APP_AST:
            continue
        seen.add(key)
        node = _Node(ctx, ast)
        children = node.children()
        if node.kind == z3.Z3_OP_UNINTERPRETED and not children:
            names.add(node.name())
        todo.extend(children)
    return names


def compile_term(term: z3.ExprRef, names: Sequence[str]) -> Callable[..., int | bool]:
    """``term`` as a Python function of the constants ``names`` (see the module's doc).
    Raises ``Unsupported`` for a term this module cannot translate, among them a term that
    reads a constant not in ``names``."""
    if not (z3.is_bool(term) or z3.is_bv(term)):
        raise Unsupported(f"sort {term.sort()}")
    ctx = term.ctx.ref()
    ident = lambda a: z3.Z3_get_ast_id(ctx, a)  # noqa: E731
    params = {name: f"a{i}" for i, name in enumerate(names)}
    var: dict[int, str] = {}
    lines: list[str] = []
    todo: list[tuple[object, list | None]] = [(term.as_ast(), None)]
    while todo:                          # post-order over the DAG, each node once
        ast, children = todo.pop()
        key = ident(ast)
        if key in var:
            continue
        if z3.Z3_get_ast_kind(ctx, ast) not in (z3.Z3_APP_AST, z3.Z3_NUMERAL_AST) \
                or not _sort_ok(ctx, ast):
            raise Unsupported(f"term {z3.Z3_ast_to_string(ctx, ast)[:60]}")
        node = _Node(ctx, ast)
        if node.kind == z3.Z3_OP_UNINTERPRETED:
            name = node.name()
            if z3.Z3_get_app_num_args(ctx, node.app) or name not in params:
                raise Unsupported(f"constant {name} is not an input")
            var[key] = params[name]
            continue
        if children is None:
            children = node.children()
            todo.append((ast, children))
            todo.extend((c, None) for c in reversed(children) if ident(c) not in var)
            continue
        var[key] = f"t{len(lines)}"
        lines.append(f"    {var[key]} = {_expression(node, [var[ident(c)] for c in children], children)}")
    body = "\n".join(lines + [f"    return {var[ident(term.as_ast())]}"])
    source = f"def evaluate({', '.join(params.values())}):\n{body}\n"
    namespace = dict(_HELPERS)
    exec(compile(source, "<compiled term>", "exec"), namespace)   # our own generated code
    return namespace["evaluate"]
