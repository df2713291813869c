"""C statements, executed symbolically (a mixin of ``Executor``).

A function's activation is a ``Frame``: its locals, whether it has returned
(``done``, a condition over the inputs) and its return value so far.  Every
statement runs under "not yet returned, not broken out of the innermost
switch", so an early return or a ``break`` inside an arm needs no control flow
of its own: later statements are guarded off where it happened.  A switch
enters case *i* where its value matches or case *i-1* was entered (fall
through); with no ``default`` and no match nothing runs.  Loops and ``goto``
are outside the subset: an error, never an unrolled guess.
"""
from __future__ import annotations

import tree_sitter
import z3

from models import terms
from models.source import cvalues as cv
from models.source.cvalues import CType, CVal, truth
from models.source.declare import declarator, specifier
from models.source.memory import struct_region
from models.source.parse import Cond, arm_items, branch_conds

SKIPPED = ("comment", ";", "{", "}")
LOOPS = {"for_statement": "a loop (for)", "while_statement": "a loop (while)",
         "do_statement": "a loop (do/while)", "goto_statement": "goto",
         "labeled_statement": "a label (goto target)", "continue_statement": "continue",
         "gnu_asm_expression": "inline asm"}


class Frame:
    def __init__(self, name: str, ret_type: CType) -> None:
        self.name = name
        self.ret_type = ret_type
        self.locals: dict[str, CVal] = {}
        self.done = z3.BoolVal(False)
        self.ret: CVal | None = None
        self.breaks: list[z3.BoolRef] = []

    def has(self, name: str) -> bool:
        return name in self.locals

    def read(self, name: str) -> CVal:
        return self.locals[name]

    def write(self, name: str, v: CVal, ex) -> CVal:
        old = self.locals[name]
        g = ex.p.guard
        new = cv.convert(v, old.type, ex.word) if old.type.kind not in ("struct", "opaque") else v
        if not z3.is_true(g):
            new = cv.merge(g, new, old, ex.word)
        self.locals[name] = CVal(new.type, ex.p.define(f"{self.name}.{name}", new.term), new.target)
        return v

    @property
    def live(self) -> z3.BoolRef:
        stop = terms.Or(self.done, *self.breaks) if self.breaks else self.done
        return z3.Not(stop)


class StmtMixin:
    def block(self, node: tree_sitter.Node) -> None:
        self.stmts(node.named_children)

    def stmts(self, nodes) -> None:
        for child in nodes:
            if child.type in SKIPPED:
                continue
            live = z3.simplify(self.frame.live)
            if z3.is_false(live):
                return
            if z3.is_true(live):
                self.statement(child)
            else:
                with self.p.when(live):
                    self.statement(child)

    def statement(self, node: tree_sitter.Node) -> None:
        self.last = (self.file, node)
        t = node.type
        if t == "compound_statement":
            self.block(node)
        elif t == "expression_statement":
            if node.named_children:
                self.eval(node.named_children[0])
        elif t == "declaration":
            self.declaration(node)
        elif t == "return_statement":
            self.return_(node)
        elif t == "if_statement":
            self.if_(node)
        elif t == "switch_statement":
            self.switch(node)
        elif t == "break_statement":
            if not self.frame.breaks:
                self.fail(node, "break outside a switch (loops are outside the subset)")
            self.frame.breaks[-1] = terms.Or(self.frame.breaks[-1], self.p.guard)
        elif t in ("preproc_ifdef", "preproc_if", "preproc_elif", "preproc_else"):
            self.preproc(node)
        elif t == "comment":
            return
        elif t in LOOPS:
            self.fail(node, f"{LOOPS[t]} is outside the C the front end reads")
        else:
            self.fail(node, f"statement `{self.snippet(node)}` is outside the C the front end reads")

    def declaration(self, node: tree_sitter.Node) -> None:
        base = specifier(self.file, node.child_by_field_name("type"))
        for d in node.children_by_field_name("declarator"):
            name, ctype = declarator(self.file, base, d)
            if ctype.kind == "struct":
                self.struct_local(name, ctype, d)
                continue
            value = d.child_by_field_name("value") if d.type == "init_declarator" else None
            if value is not None:
                v = cv.convert(self.rvalue(value), ctype, self.word) \
                    if ctype.kind != "opaque" else self.eval(value)
                self.frame.locals[name] = CVal(v.type, self.p.define(f"{self.frame.name}.{name}",
                                                                     v.term), v.target)
            else:   # an indeterminate value: any value (C11 6.7.9p10)
                v = self.opaque(ctype if ctype.kind != "opaque" else cv.ULONG,
                                f"{self.frame.name}.{name}.uninit")
                v.target = cv.INDETERMINATE if ctype.kind == "ptr" else None
                self.frame.locals[name] = v

    def struct_local(self, name: str, ctype: CType, d: tree_sitter.Node) -> None:
        """``struct T x;`` is indeterminate until written; ``struct T x = { .f = v, .a.b = w }``
        is zero but for the fields named (C11 6.7.9p21)."""
        v = struct_region(self.mem, ctype.tag, self.frame.name)
        self.frame.locals[name] = v
        init = d.child_by_field_name("value") if d.type == "init_declarator" else None
        if init is None:
            return
        if init.type != "initializer_list":
            self.fail(init, f"struct {name} initialised from `{self.snippet(init)}` is not read")
        self.mem.zero(v.target, self.where(init))
        for item in init.named_children:
            if item.type == "comment":
                continue
            if item.type != "initializer_pair":
                self.fail(item, "an initializer without a .field designator is not read")
            fields = [self.file.text(x.named_children[0]) for x in
                      item.children_by_field_name("designator")]
            if not fields or any(x.type != "field_designator" for x in
                                 item.children_by_field_name("designator")):
                self.fail(item, "an array designator is not read")
            region = v.target
            for f in fields[:-1]:
                region = self.mem.read(region, f, self.where(item)).target
            self.mem.write(region, fields[-1], self.rvalue(item.child_by_field_name("value")),
                           self.where(item))

    def return_(self, node: tree_sitter.Node) -> None:
        f = self.frame
        if node.named_children:
            v = self.rvalue(node.named_children[0])
            if f.ret_type.kind != "void":
                v = cv.convert(v, f.ret_type, self.word)
                f.ret = v if f.ret is None else cv.merge(self.p.guard, v, f.ret, self.word)
        f.done = terms.Or(f.done, self.p.guard) if not z3.is_true(self.p.guard) else z3.BoolVal(True)

    def if_(self, node: tree_sitter.Node) -> None:
        c = truth(self.eval(node.child_by_field_name("condition")))
        with self.p.when(c):
            self.statement(node.child_by_field_name("consequence"))
        alt = node.child_by_field_name("alternative")
        if alt is not None:
            with self.p.when(z3.Not(c)):
                for s in alt.named_children:        # else_clause -> its statement
                    self.statement(s)

    def switch(self, node: tree_sitter.Node) -> None:
        value = self.eval(node.child_by_field_name("condition"))
        t = cv.promote(value.type)
        x = cv.convert(value, t, self.word).term
        cases = [c for c in node.child_by_field_name("body").named_children
                 if c.type == "case_statement"]
        matches = []
        for c in cases:
            v = c.child_by_field_name("value")
            matches.append(None if v is None else x == cv.convert(self.eval(v), t, self.word).term)
        explicit = [m for m in matches if m is not None]
        no_match = z3.Not(terms.Or(*explicit)) if explicit else z3.BoolVal(True)
        self.frame.breaks.append(z3.BoolVal(False))
        entered = z3.BoolVal(False)
        for c, m in zip(cases, matches):
            entered = terms.Or(entered, no_match if m is None else m)
            body = [s for s in c.named_children if s.id != (c.child_by_field_name("value") or c).id]
            with self.p.when(entered):
                self.stmts(body)
        self.frame.breaks.pop()

    def preproc(self, node: tree_sitter.Node) -> None:
        """``#ifdef CONFIG_MMU`` / ``#else`` inside a body: each arm under its configuration."""
        inner, other = branch_conds(self.file, node, Cond())
        self.config_arm(node, inner, lambda: self.stmts(arm_items(node)))
        alt = node.child_by_field_name("alternative")
        if alt is None:
            return
        if alt.type != "preproc_else":
            self.fail(alt, "#elif inside a function body is outside the C the front end reads")
        self.config_arm(alt, other, lambda: self.stmts(alt.named_children))
