"""Reading kernel C files with tree-sitter: an index of what they define.

Why tree-sitter (and its C grammar) rather than libclang: it reads kernel C as
it is, without preprocessing, so ``WARN_ON_ONCE``, ``VM_WARN_ON_ONCE``,
``IS_ERR_VALUE`` or ``unlikely`` stay names the front end gives their kernel
meaning, ``#ifdef CONFIG_MMU`` stays a node whose two arms are both read, and
no kernel configuration, include path or compiler flags are needed; every node
carries its line.  libclang would preprocess first: the macros would be gone
and one configuration would be compiled at a time.

Only the top level is indexed (functions, macros, structs, enums, with the
preprocessor condition each sits under); a function body is read only when
the symbolic executor reaches it, so unrelated code need not be understood.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path as FsPath

import tree_sitter
import tree_sitter_c

from models.source.errors import SourceError

LANGUAGE = tree_sitter.Language(tree_sitter_c.language())
_PARSER = tree_sitter.Parser(LANGUAGE)

# The configuration symbols the model has an axis for (models/config.py: Config.mmu).
MODELLED_CONFIGS = ("CONFIG_MMU",)


@dataclasses.dataclass(frozen=True)
class Cond:
    """The preprocessor condition a definition sits under: literals ``(symbol, defined)``,
    or ``opaque`` text the front end cannot decide."""
    literals: tuple[tuple[str, bool], ...] = ()
    opaque: str = ""

    def mmu(self) -> bool | None:
        """True/False when it requires CONFIG_MMU=y/n, None when it does not depend on it."""
        for sym, pos in self.literals:
            if sym == "CONFIG_MMU":
                return pos
        return None

    def unmodelled(self) -> str:
        """A configuration dependency the model has no axis for ("" if none)."""
        if self.opaque:
            return self.opaque
        for sym, pos in self.literals:
            if sym.startswith("CONFIG_") and sym not in MODELLED_CONFIGS:
                return ("" if pos else "!") + sym
        return ""

    def add(self, sym: str, pos: bool) -> "Cond":
        return Cond(self.literals + ((sym, pos),), self.opaque)


@dataclasses.dataclass
class CFile:
    rel: str                  # path in the tree, e.g. "mm/util.c"
    src: bytes
    root: tree_sitter.Node

    def text(self, node: tree_sitter.Node) -> str:
        return self.src[node.start_byte:node.end_byte].decode("utf-8", "replace")

    def where(self, node: tree_sitter.Node) -> str:
        return f"{self.rel}:{node.start_point[0] + 1}"


@dataclasses.dataclass
class Definition:
    name: str
    file: CFile
    node: tree_sitter.Node    # function_definition, preproc_def, struct_specifier, enumerator ...
    cond: Cond

    @property
    def line(self) -> int:
        return self.node.start_point[0] + 1

    @property
    def where(self) -> str:
        return self.file.where(self.node)


@dataclasses.dataclass
class Index:
    """Everything defined at the top level of the files read, by name."""
    files: dict[str, CFile] = dataclasses.field(default_factory=dict)
    functions: dict[str, list[Definition]] = dataclasses.field(default_factory=dict)
    macros: dict[str, list[Definition]] = dataclasses.field(default_factory=dict)
    structs: dict[str, list[Definition]] = dataclasses.field(default_factory=dict)
    enumerators: dict[str, Definition] = dataclasses.field(default_factory=dict)


def parse_bytes(rel: str, src: bytes) -> CFile:
    return CFile(rel, src, _PARSER.parse(src).root_node)


def read_file(root: FsPath, rel: str) -> CFile:
    path = root / rel
    try:
        src = path.read_bytes()
    except OSError as e:
        raise SourceError(rel, f"cannot be read ({e.strerror or e}): the front end reads it") from None
    return parse_bytes(rel, src)


def index_files(files: list[CFile]) -> Index:
    idx = Index()
    for f in files:
        idx.files[f.rel] = f
        _walk(idx, f, f.root, Cond())
    return idx


def _ifdef_cond(f: CFile, node: tree_sitter.Node) -> tuple[str, bool]:
    name = f.text(node.child_by_field_name("name"))
    negated = node.children[0].type == "#ifndef"
    return name, not negated


def _if_cond(f: CFile, expr: tree_sitter.Node | None) -> tuple[tuple[tuple[str, bool], ...], str]:
    """``#if`` conditions of the forms ``defined(X)``, ``!defined(X)``, ``X``,
    ``IS_ENABLED(X)`` joined by ``&&``; anything else is opaque."""
    if expr is None:
        return (), "#if"
    t = expr.type
    if t == "parenthesized_expression":
        return _if_cond(f, expr.named_children[0])
    if t == "preproc_defined":
        return ((f.text(expr.named_children[0]), True),), ""
    if t == "identifier":
        return ((f.text(expr), True),), ""
    if t == "call_expression" and f.text(expr.child_by_field_name("function")) == "IS_ENABLED":
        args = expr.child_by_field_name("arguments").named_children
        if len(args) == 1 and args[0].type == "identifier":
            return ((f.text(args[0]), True),), ""
    if t == "unary_expression" and f.text(expr.child_by_field_name("operator")) == "!":
        lits, opaque = _if_cond(f, expr.child_by_field_name("argument"))
        if len(lits) == 1 and not opaque:
            return ((lits[0][0], not lits[0][1]),), ""
    if t == "binary_expression" and f.text(expr.child_by_field_name("operator")) == "&&":
        a, oa = _if_cond(f, expr.child_by_field_name("left"))
        b, ob = _if_cond(f, expr.child_by_field_name("right"))
        return a + b, oa or ob
    return (), f"#if {f.text(expr)}"


def _walk(idx: Index, f: CFile, node: tree_sitter.Node, cond: Cond) -> None:
    for child in node.named_children:
        _item(idx, f, child, cond)


def _item(idx: Index, f: CFile, child: tree_sitter.Node, cond: Cond) -> None:
    t = child.type
    if t in ("preproc_ifdef", "preproc_if", "preproc_elif", "preproc_else"):
        _conditional(idx, f, child, cond)
    elif t == "function_definition":
        name = _declarator_name(f, child.child_by_field_name("declarator"))
        if name:
            idx.functions.setdefault(name, []).append(Definition(name, f, child, cond))
    elif t in ("preproc_def", "preproc_function_def"):
        name = f.text(child.child_by_field_name("name"))
        idx.macros.setdefault(name, []).append(Definition(name, f, child, cond))
    elif t in ("declaration", "type_definition", "struct_specifier", "enum_specifier",
               "union_specifier", "expression_statement"):
        _types(idx, f, child, cond)
    elif t == "linkage_specification":
        _walk(idx, f, child, cond)


def branch_conds(f: CFile, node: tree_sitter.Node, cond: Cond) -> tuple[Cond, Cond]:
    """(the condition of the arm of ``node``, the condition of its #else/#elif)."""
    if node.type == "preproc_else":
        return cond, cond
    if node.type == "preproc_ifdef":
        sym, pos = _ifdef_cond(f, node)
        return cond.add(sym, pos), cond.add(sym, not pos)
    lits, opaque = _if_cond(f, node.child_by_field_name("condition"))
    inner = Cond(cond.literals + lits, cond.opaque or opaque)
    if len(lits) == 1 and not opaque:
        return inner, cond.add(lits[0][0], not lits[0][1])
    return inner, Cond(cond.literals, cond.opaque or f"#else of {opaque or 'a compound #if'}")


def arm_items(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    """The items of a conditional block's own arm (not its condition, not its #else)."""
    skip = {n.id for n in (node.child_by_field_name("name"), node.child_by_field_name("condition"),
                            node.child_by_field_name("alternative")) if n is not None}
    return [c for c in node.named_children if c.id not in skip]


def _conditional(idx: Index, f: CFile, node: tree_sitter.Node, cond: Cond) -> None:
    inner, other = branch_conds(f, node, cond)
    for item in arm_items(node):
        _item(idx, f, item, inner)
    alt = node.child_by_field_name("alternative")
    if alt is not None:
        _conditional(idx, f, alt, other)


def _types(idx: Index, f: CFile, node: tree_sitter.Node, cond: Cond) -> None:
    """Struct definitions and enum constants anywhere inside ``node``."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in ("struct_specifier", "union_specifier") and n.child_by_field_name("body"):
            name = n.child_by_field_name("name")
            if name is not None:
                idx.structs.setdefault(f.text(name), []).append(Definition(f.text(name), f, n, cond))
        if n.type == "enumerator":
            name = f.text(n.child_by_field_name("name"))
            idx.enumerators[name] = Definition(name, f, n, cond)
        stack.extend(n.named_children)


def _declarator_name(f: CFile, decl: tree_sitter.Node | None) -> str:
    while decl is not None:
        if decl.type in ("identifier", "field_identifier"):
            return f.text(decl)
        if decl.type == "function_declarator":
            decl = decl.child_by_field_name("declarator")
        elif decl.type in ("pointer_declarator", "parenthesized_declarator",
                           "attributed_declarator", "init_declarator", "array_declarator"):
            decl = decl.child_by_field_name("declarator") or \
                (decl.named_children[0] if decl.named_children else None)
        else:
            return ""
    return ""


def parse_expression(text: str, rel: str, line: int) -> tuple[CFile, tree_sitter.Node]:
    """A macro body as an expression node; its lines are those of the ``#define``."""
    src = ("\n" * (line - 1) + f"void __macro_body(void) {{ ({text}); }}\n").encode()
    f = parse_bytes(rel, src)
    fn = f.root.named_children[0]
    stmt = fn.child_by_field_name("body").named_children[0]
    if fn.has_error or stmt.type != "expression_statement":
        raise SourceError(f"{rel}:{line}", f"macro body `{text.strip()}` is not an expression")
    return f, stmt.named_children[0]
