"""The symbolic executor: runs the C functions of a tree into a ``models.path.Path``.

Functions defined in the files read are inlined (their ``#ifdef CONFIG_MMU``
arms chosen per configuration: a function defined in both arms runs each under
``inp.mmu`` / ``!inp.mmu``); macros defined there are expanded from their text
(each argument evaluated once); kernel macros with a meaning are
``models.source.kmacros``; any other callee must be in the table
``models.source.callees``.  Each call is a trace step labelled with the tree's
``file:line`` and each function a ``Rule`` citing it.
"""
from __future__ import annotations

import re

import tree_sitter
import z3

from models.errno import ERRNO
from models.path import Path
from models.rules import Rule
from models.source import cvalues as cv
from models.source import kmacros
from models.source.callees import CALLEES
from models.source.cvalues import INT, VOID, CType, CVal
from models.source.declare import declarator, specifier
from models.source.errors import SourceError
from models.source.expr import ExprMixin
from models.source.memory import Callback, Memory, Stale
from models.source.parse import CFile, Cond, Definition, parse_expression
from models.source.stmt import Frame, StmtMixin

# Functions whose run the model observes (models/design.py INITIAL_STATE: check_ran, check_ret).
PROBES = {"check_mmap_action": ("check_ran", "check_ret")}
MAX_DEPTH = 24


def memory_of(p: Path, inputs, tree) -> Memory:
    """The one ``Memory`` of a symbolic call, kept with its ``Path``."""
    mem = vars(p).get("_c_memory")
    if mem is None:
        mem = vars(p)["_c_memory"] = Memory(p, inputs, tree.layouts)
        mem.fresh = 0
    return mem


class Executor(StmtMixin, ExprMixin):
    def __init__(self, tree, design, p: Path, inputs) -> None:
        self.tree, self.design, self.p, self.inp, self.word = tree, design, p, inputs, p.word
        self.mem = memory_of(p, inputs, tree)
        self.mmu: bool | None = None
        self.frames: list[Frame] = []
        self.files: list[CFile] = []
        self.macro_scopes: list[dict[str, CVal]] = []
        self.last: tuple[CFile, tree_sitter.Node] | None = None   # the statement being run

    # -- context ------------------------------------------------------------------
    @property
    def frame(self) -> Frame:
        return self.frames[-1]

    @property
    def file(self) -> CFile:
        return self.files[-1]

    def where(self, node) -> str:
        return node if isinstance(node, str) else self.file.where(node)

    def snippet(self, node: tree_sitter.Node, limit: int = 60) -> str:
        text = re.sub(r"\s+", " ", self.file.text(node))
        return text if len(text) <= limit else text[:limit - 3] + "..."

    def fail(self, node, what: str):
        raise SourceError(self.where(node), what)

    def opaque(self, ctype: CType, name: str) -> CVal:
        """A value the code cannot know (an indeterminate local, a pure callee's result):
        unconstrained, so the proof ranges over all of them."""
        self.mem.fresh += 1
        sort = z3.BoolSort() if ctype.kind == "bool" else z3.BitVecSort(ctype.width(self.word))
        return CVal(ctype, z3.Const(f"{self.p.prefix}{name}?{self.mem.fresh}", sort))

    def enum_constant(self, name: str, node) -> CVal:
        value = self.tree.enum_value(name)
        if value is None:
            self.fail(node, f"no enumerator {name} in the files read")
        return cv.const(INT, value, self.word)

    # -- names ----------------------------------------------------------------------
    def name_value(self, node: tree_sitter.Node) -> CVal:
        name = self.file.text(node)
        if self.macro_scopes and name in self.macro_scopes[-1]:
            return self.macro_scopes[-1][name]
        if self.frames and self.frame.has(name):
            return self.frame.read(name)
        if self.tree.enum_value(name) is not None:
            return self.enum_constant(name, node)
        k = kmacros.constant(self, name)
        if k is not None:
            return k
        if name == "current":       # include/asm-generic/current.h: the calling task
            return self.mem.pointer_to(self.mem.region("task_struct", "current"))
        if name == "NULL":
            return cv.null(self.word)
        if self.tree.macros(name):
            return self.per_config(name, self.tree.macros(name), node,
                                   lambda d: self.expand(d, None, node))
        if name in ERRNO:           # include/uapi/asm-generic/errno-base.h, errno.h
            return cv.const(INT, ERRNO[name], self.word)
        self.fail(node, f"unknown name `{name}` (not a local, enumerator or macro of the files read)")

    def pick(self, name: str, defs: list[Definition], site) -> Definition | None:
        """The definition for the current configuration; None when the configuration is
        not fixed yet and the definitions differ by CONFIG_MMU (``per_config`` splits)."""
        usable = [d for d in defs if not d.cond.unmodelled()]
        if not usable:
            d = defs[0]
            self.fail(site, f"`{name}` is defined only under {d.cond.unmodelled()} ({d.where}), a "
                            "configuration the model has no axis for")
        if self.mmu is None and {d.cond.mmu() for d in usable} != {None}:
            return None
        matching = [d for d in usable if d.cond.mmu() in (None, self.mmu)]
        if not matching:
            self.fail(site, f"`{name}` has no definition with CONFIG_MMU="
                            f"{'y' if self.mmu else 'n'} in the files read")
        if len(matching) > 1:
            self.fail(site, f"`{name}` is defined more than once "
                            f"({', '.join(d.where for d in matching)})")
        return matching[0]

    def per_config(self, name: str, defs: list[Definition], site, run) -> CVal:
        """Run ``run(definition)`` in each configuration the definitions are split by."""
        d = self.pick(name, defs, site)
        if d is not None:
            return run(d)
        results = []
        for mmu in (True, False):
            with self.p.when(self.inp.mmu if mmu else z3.Not(self.inp.mmu)):
                saved, self.mmu = self.mmu, mmu
                try:
                    results.append(run(self.pick(name, defs, site)))
                finally:
                    self.mmu = saved
        a, b = results
        if a.type.kind == "void":
            return a
        return cv.select(self.inp.mmu, a, b, self.word)

    def config_arm(self, node, cond: Cond, body) -> None:
        for sym, _ in cond.literals:
            if sym != "CONFIG_MMU":
                self.fail(node, f"#if on {sym} inside a function: a configuration the model has "
                                "no axis for")
        if cond.opaque:
            self.fail(node, f"{cond.opaque} inside a function is not read")
        m = cond.mmu()
        if m is None or self.mmu is not None:
            if m is None or m == self.mmu:
                body()
            return
        with self.p.when(self.inp.mmu if m else z3.Not(self.inp.mmu)):
            saved, self.mmu = self.mmu, m
            try:
                body()
            finally:
                self.mmu = saved

    # -- calls ----------------------------------------------------------------------
    def call_expr(self, node: tree_sitter.Node) -> CVal:
        fn = node.child_by_field_name("function")
        arg_nodes = [a for a in node.child_by_field_name("arguments").named_children
                     if a.type != "comment"]
        label = f"{self.where(node)} {self.snippet(node)}"
        if fn.type == "identifier":
            name = self.file.text(fn)
            if name in kmacros.CALL_LIKE:
                return kmacros.kernel_macro(self, name, arg_nodes, node)
            if self.tree.functions(name):
                args = [self.eval(a) for a in arg_nodes]
                return self.per_config(name, self.tree.functions(name), node,
                                       lambda d: self.run_function(d, args, label))
            if self.tree.macros(name):
                args = [self.eval(a) for a in arg_nodes]
                return self.per_config(name, self.tree.macros(name), node,
                                       lambda d: self.expand(d, args, node))
            if name in CALLEES:
                args = [self.eval(a) for a in arg_nodes]
                if len(args) < CALLEES[name].min_args:
                    self.fail(node, f"{name} with {len(args)} arguments: its contract "
                                    f"({CALLEES[name].cite}) reads {CALLEES[name].min_args}")
                return CALLEES[name].effect(self, args, label)
            self.fail(node, f"unknown callee `{name}`: not defined in the files read and not in "
                            "the table of modelled callees (models/source/callees.py)")
        target = self.eval(fn)
        if isinstance(target.target, Callback):
            return self.callback(target.target, arg_nodes, label)
        if isinstance(target.target, Stale):
            return self.stale_callback(target.target.callback, arg_nodes, label)
        self.fail(node, f"call through `{self.snippet(fn)}`, a pointer the front end does not know")

    def callback(self, cb: Callback, arg_nodes, label: str) -> CVal:
        """A driver callback: its result is its input; what it may write through a
        pointer to a local it is passed is unconstrained."""
        values = {}
        for a in arg_nodes:
            v = self.eval(a)
            if isinstance(v.target, tuple) and v.target[0] == "local":
                old = self.frame.read(v.target[1])
                self.frame.write(v.target[1], self.opaque(old.type if old.type.kind != "struct"
                                                          else cv.ULONG, v.target[1]), self)
            elif a.type == "identifier" and v.type.kind == "int":
                values[self.file.text(a)] = v.term
        return CVal(INT, self.p.call(cb.label, self.inp[cb.result], label=label, **values))

    def stale_callback(self, cb: Callback, arg_nodes, label: str) -> CVal:
        """A call through a callback field never initialised: the outcome's ``uninit_call``,
        then the callback's result as for any call (what the model's hook call returns)."""
        p = self.p
        p.set("uninit_call", z3.BoolVal(True))
        p.step(f"{label}: call through an uninitialised pointer", "warn")
        return self.callback(cb, arg_nodes, label)

    def run_function(self, d: Definition, args: list[CVal], label: str) -> CVal:
        if len(self.frames) >= MAX_DEPTH or any(f.name == d.name for f in self.frames):
            self.fail(d.where, f"recursion into {d.name} is outside the C the front end reads")
        f = d.file
        if d.node.has_error:
            self.fail(d.where, f"{d.name}: the C parser could not read this function (a syntax it "
                               "does not know); nothing in it is judged")
        ret_base = specifier(f, d.node.child_by_field_name("type"))
        ret_type = return_type(f, ret_base, d.node.child_by_field_name("declarator"))
        params = self.parameters(d)
        if len(params) != len(args):
            self.fail(label.split(" ")[0], f"{d.name} takes {len(params)} arguments "
                                           f"({d.where}), {len(args)} given")
        frame = Frame(d.name, ret_type)
        for (pname, ptype), a in zip(params, args):
            v = cv.convert(a, ptype, self.word) if ptype.kind not in ("struct", "opaque") else a
            frame.locals[pname] = CVal(v.type, v.term, v.target)
        rule = Rule(f"{d.where}:{d.name}", f.rel, d.name, f"read from the tree at {d.where}")
        self.design.saw_rule(rule)
        self.frames.append(frame)
        self.files.append(f)
        try:
            with self.p.in_rule(rule):
                self.p.step(label)
                self.block(d.node.child_by_field_name("body"))
                ret = frame.ret if frame.ret is not None else (
                    CVal(VOID, z3.BitVecVal(0, 1)) if ret_type.kind == "void"
                    else self.opaque(ret_type, f"{d.name}.noreturn"))
                if ret_type.kind != "void":
                    ret = CVal(ret.type, self.p.define(d.name, z3.simplify(ret.term)), ret.target)
                if d.name in PROBES:
                    ran, value = PROBES[d.name]
                    self.p.set(ran, z3.BoolVal(True))
                    self.p.set(value, cv.convert(ret, INT, self.word).term)
        finally:
            self.frames.pop()
            self.files.pop()
        return ret

    def parameters(self, d: Definition) -> list[tuple[str, CType]]:
        fd = _function_declarator(d.node.child_by_field_name("declarator"))
        out = []
        for prm in fd.child_by_field_name("parameters").named_children:
            if prm.type == "variadic_parameter":
                self.fail(d.file.where(prm), "variadic function is outside the C the front end reads")
            if prm.type != "parameter_declaration":
                continue
            base = specifier(d.file, prm.child_by_field_name("type"))
            decl = prm.child_by_field_name("declarator")
            if decl is None:
                if base.kind == "void":
                    continue
                self.fail(d.file.where(prm), "unnamed parameter")
            out.append(declarator(d.file, base, decl))
        return out

    def expand(self, d: Definition, args: list[CVal] | None, site) -> CVal:
        node = d.node
        value = node.child_by_field_name("value")
        if value is None:
            self.fail(site, f"macro {d.name} ({d.where}) has no value")
        text = d.file.text(value).replace("\\\n", " ")
        names = []
        if node.type == "preproc_function_def":
            names = [d.file.text(c) for c in node.child_by_field_name("parameters").named_children]
            if args is None or len(args) != len(names):
                self.fail(site, f"macro {d.name} ({d.where}) takes {len(names)} arguments")
        elif args is not None:
            self.fail(site, f"macro {d.name} ({d.where}) is not function-like")
        body_file, expr = parse_expression(text, d.file.rel, d.line)
        self.macro_scopes.append(dict(zip(names, args or [])))
        self.files.append(body_file)
        try:
            return self.eval(expr)
        finally:
            self.files.pop()
            self.macro_scopes.pop()

    # -- entry points -----------------------------------------------------------------
    def entry(self, name: str, args: list[CVal]) -> CVal:
        defs = self.tree.functions(name)
        return self.per_config(name, defs, defs[0].where,
                               lambda d: self.run_function(d, args, f"{d.where} {d.name}()"))


def _function_declarator(node):
    while node is not None and node.type != "function_declarator":
        node = node.child_by_field_name("declarator")
    if node is None:
        raise SourceError("?", "function without a parameter list")
    return node


def return_type(f: CFile, base: CType, node) -> CType:
    """The return type of a function: its base type under the declarator's pointers."""
    t = base
    while node is not None and node.type in ("pointer_declarator", "function_declarator",
                                             "parenthesized_declarator", "attributed_declarator"):
        if node.type == "pointer_declarator":
            t = cv.pointer(t.tag if t.kind == "struct" else "")
        node = node.child_by_field_name("declarator") or (
            node.named_children[0] if node.named_children else None)
    return t
