"""C declarations read into ``CType``: specifiers, declarators, struct layouts.

A struct's layout is the type of each of its fields, anonymous unions and
structs flattened into it (as C lets ``vma->vm_start`` name a member of an
anonymous union).  ``enum`` types are ``unsigned int``: gcc gives an enum whose
constants are all non-negative that underlying type.
"""
from __future__ import annotations

import tree_sitter

from models.source.cvalues import (BOOL, CHAR, INT, LLONG, LONG, OPAQUE, SHORT, TYPEDEFS, UCHAR,
                                   UINT, ULLONG, ULONG, USHORT, VOID, CType, pointer, struct)
from models.source.errors import SourceError
from models.source.parse import CFile, Index

FNPTR = CType("function pointer", "ptr", None, False, 0, "(function)")
PRIMITIVES = {"int": INT, "char": CHAR, "void": VOID, "bool": BOOL, "_Bool": BOOL, "long": LONG,
              "short": SHORT, "unsigned": UINT, "signed": INT}


def sized(text: str) -> CType:
    words = text.split()
    unsigned = "unsigned" in words
    longs = words.count("long")
    if longs >= 2:
        return ULLONG if unsigned else LLONG
    if longs == 1:
        return ULONG if unsigned else LONG
    if "short" in words:
        return USHORT if unsigned else SHORT
    if "char" in words:
        return UCHAR if unsigned else CHAR
    return UINT if unsigned else INT


def specifier(f: CFile, node: tree_sitter.Node | None, layouts: "Layouts | None" = None,
              anon_tag: str = "") -> CType:
    if node is None:
        return INT
    t = node.type
    if t == "primitive_type":
        name = f.text(node)
        return PRIMITIVES.get(name) or TYPEDEFS.get(name, OPAQUE)
    if t == "sized_type_specifier":
        return sized(f.text(node))
    if t == "type_identifier":
        return TYPEDEFS.get(f.text(node), OPAQUE)
    if t in ("struct_specifier", "union_specifier"):
        name = node.child_by_field_name("name")
        if name is not None:
            return struct(f.text(name))
        tag = anon_tag or f"(anonymous at {f.where(node)})"
        if layouts is not None and node.child_by_field_name("body") is not None:
            layouts.read_body(f, tag, node.child_by_field_name("body"))
        return struct(tag)
    if t == "enum_specifier":
        return UINT
    return OPAQUE


def declarator(f: CFile, base: CType, node: tree_sitter.Node | None) -> tuple[str, CType]:
    """(name, type) of one declarator over the base type."""
    t = base
    while node is not None:
        k = node.type
        if k in ("identifier", "field_identifier", "type_identifier"):
            return f.text(node), t
        if k == "pointer_declarator":
            t = pointer(t.tag if t.kind == "struct" else "") if t is not FNPTR else t
            node = node.child_by_field_name("declarator")
        elif k == "function_declarator":
            inner = node.child_by_field_name("declarator")
            if inner is not None and inner.type == "parenthesized_declarator":
                return declarator(f, FNPTR, inner.named_children[0])[0], FNPTR
            t = FNPTR
            node = inner
        elif k in ("parenthesized_declarator", "attributed_declarator"):
            node = node.named_children[0]
        elif k == "init_declarator":
            node = node.child_by_field_name("declarator")
        elif k == "array_declarator":
            t = OPAQUE
            node = node.child_by_field_name("declarator")
        else:
            raise SourceError(f.where(node), f"declarator `{f.text(node)}` is not understood")
    return "", t


def abstract(f: CFile, base: CType, node: tree_sitter.Node | None) -> CType:
    """A type name (casts, sizeof): ``unsigned long``, ``void *``, ``struct file *``."""
    t = base
    while node is not None:
        if node.type == "abstract_pointer_declarator":
            t = pointer(t.tag if t.kind == "struct" else "")
            node = node.named_children[0] if node.named_children else None
        elif node.type == "abstract_function_declarator":
            return FNPTR
        else:
            return OPAQUE
    return t


def type_descriptor(f: CFile, node: tree_sitter.Node) -> CType:
    base = specifier(f, node.child_by_field_name("type"))
    return abstract(f, base, node.child_by_field_name("declarator"))


class Layouts:
    """Field types of every struct defined in the files read, by tag."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.fields: dict[str, dict[str, CType]] = {}
        self.where: dict[str, str] = {}

    def of(self, tag: str) -> dict[str, CType] | None:
        if tag not in self.fields:
            defs = self.index.structs.get(tag)
            if not defs:
                return None
            d = defs[0]
            self.where[tag] = d.where
            self.read_body(d.file, tag, d.node.child_by_field_name("body"))
        return self.fields[tag]

    def read_body(self, f: CFile, tag: str, body: tree_sitter.Node) -> None:
        out = self.fields.setdefault(tag, {})
        self._members(f, tag, body, out)

    def _members(self, f: CFile, tag: str, body: tree_sitter.Node, out: dict[str, CType]) -> None:
        for m in body.named_children:
            if m.type in ("preproc_ifdef", "preproc_if", "preproc_else", "preproc_elif"):
                self._members(f, tag, m, out)      # every arm: the field names are what counts
                continue
            if m.type != "field_declaration":
                continue
            spec = m.child_by_field_name("type")
            decls = m.children_by_field_name("declarator")
            if not decls and spec is not None and spec.type in ("struct_specifier", "union_specifier") \
                    and spec.child_by_field_name("body") is not None:
                self._members(f, tag, spec.child_by_field_name("body"), out)   # anonymous member
                continue
            width = None
            for c in m.named_children:
                if c.type == "bitfield_clause":
                    try:
                        width = int(f.text(c.named_children[0]), 0)
                    except ValueError:
                        raise SourceError(f.where(c), f"bit-field width `{f.text(c)}` is not a "
                                                      "number") from None
            for d in decls:
                name, _ = declarator(f, VOID, d)
                base = specifier(f, spec, self, anon_tag=f"{tag}.{name}")
                name, ctype = declarator(f, base, d)
                if width is not None and ctype.kind == "int":
                    ctype = CType(ctype.name, ctype.kind, ctype.bits, ctype.signed, ctype.rank,
                                  ctype.tag, width)
                out[name] = ctype
