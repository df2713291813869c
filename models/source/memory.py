"""The objects the C code reads and writes, and how they meet the model.

One mmap call has one VMA, one descriptor and its action: each is a *region*,
named by role (``vma``, ``desc``, ``desc.action``); a struct member of a region
is a sub-region (``desc.action``).  A field is a cell.  ``FIELDS`` says which
cells are the model's inputs and state (``models/inputs.py``, the ``Path``
state the callers read): ``action->type`` *is* the path's ``type``,
``action->error_override`` starts as the input ``override``, a driver callback
pointer (``vm_ops->mapped``, ``action->success_hook``) is set when its input
says so and returns its input.  Any other field starts unconstrained (a value
the proof ranges over), so code may read fields the model says nothing of.
"""
from __future__ import annotations

import dataclasses

import z3

from models.path import Path
from models.source.cvalues import (BOOL, INDETERMINATE, INT, NULL_TARGET, OPAQUE, UINT, ULONG,
                                   CType, CVal, convert, join_targets, plain, pointer, struct)
from models.source.declare import FNPTR, Layouts
from models.source.errors import SourceError


@dataclasses.dataclass(frozen=True)
class Region:
    name: str
    tag: str


@dataclasses.dataclass(frozen=True)
class Callback:
    """A function pointer the driver provides: its call is a symbolic result."""
    label: str                 # how the trace names the call
    present: str | None        # the bool input "it is non-NULL"; None: always (absent == returns 0)
    result: str                # the int input it returns
    cite: str


@dataclasses.dataclass(frozen=True)
class Stale:
    """A driver callback field nobody initialised before the driver's mmap_prepare ran
    (a descriptor on the stack, set up field by field): whether it is NULL when called is
    the callback's input, as for any callback, but a non-NULL value is the stack's old
    contents, so a call through it is a call through an uninitialised pointer
    (``uninit_call``; models/history/base.py ``through_pointer`` for a driver that does not
    assign the field)."""
    callback: Callback


@dataclasses.dataclass(frozen=True)
class State:
    field: str                 # a Path state field
    input: str                 # the input the driver sets it to (models/design.py: Design.run)


@dataclasses.dataclass(frozen=True)
class Input:
    name: str                  # a models.inputs input


@dataclasses.dataclass(frozen=True)
class Object:
    tag: str                   # the struct the pointer points to
    role: str                  # the region's name


# (struct tag, field) -> what the model makes of it.
FIELDS: dict[tuple[str, str], object] = {
    ("mmap_action", "type"): State("type", "type"),
    ("mmap_action", "hide_from_rmap_until_complete"): State("hide", "hide"),
    ("mmap_action", "error_override"): Input("override"),
    ("mmap_action", "error_filter"): Input("override"),
    ("mmap_action", "success_hook"): Callback("action->success_hook", "success_hook_set",
                                              "success_hook_ret", "driver: the action's success hook"),
    ("mmap_action", "error_hook"): Callback("action->error_hook", "error_hook_set",
                                            "error_hook_ret", "driver: the action's error hook"),
    ("vm_area_struct", "vm_start"): Input("vm_start"),
    ("vm_area_struct", "vm_end"): Input("vm_end"),
    ("vm_area_struct", "vm_ops"): Object("vm_operations_struct", "vm_ops"),
    ("vm_area_desc", "vm_ops"): Object("vm_operations_struct", "vm_ops"),
    ("vm_operations_struct", "mapped"): Callback(
        "vm_ops->mapped", None, "mapped_err",
        "driver: vm_ops->mapped; a driver without one is the input mapped_err == 0 (models/inputs.py)"),
    ("vm_area_struct", "vm_file"): Object("file", "file"),
    ("vm_area_desc", "vm_file"): Object("file", "file"),
    ("vm_area_desc", "file"): Object("file", "file"),
    ("file", "f_mapping"): Object("address_space", "mapping"),
}
ROLES = {"vm_area_struct": "vma", "vm_area_desc": "desc", "mmap_state": "map"}
# Objects the caller starts zeroed: mm/vma.c MMAP_STATE() names some fields, the rest are 0.
ZEROED = ("mmap_state",)
INPUT_TYPES = {"int": INT, "ulong": ULONG, "bool": BOOL, "type": UINT}


class Memory:
    """The cells of one symbolic call (one per ``Path``)."""

    def __init__(self, p: Path, inputs, layouts: Layouts) -> None:
        self.p, self.inp, self.word, self.layouts = p, inputs, p.word, layouts
        self.cells: dict[tuple[str, str], CVal] = {}
        self.regions: dict[str, Region] = {}

    # -- objects ----------------------------------------------------------------
    def region(self, tag: str, name: str = "") -> Region:
        name = name or ROLES.get(tag, tag)
        if name not in self.regions:
            self.regions[name] = Region(name, tag)
        return self.regions[name]

    def address(self, r: Region) -> z3.BitVecRef:
        """A fixed, distinct, non-NULL address per object."""
        n = list(self.regions).index(r.name) + 1
        return z3.BitVecVal(n << 12, self.word)

    def pointer_to(self, r: Region) -> CVal:
        return CVal(pointer(r.tag), self.address(r), r)

    def field_type(self, r: Region, field: str, where: str) -> CType:
        layout = self.layouts.of(r.tag)
        if layout is not None:
            if field not in layout:
                raise SourceError(where, f"struct {r.tag} has no field {field} "
                                         f"(as read at {self.layouts.where.get(r.tag, '?')})")
            return layout[field]
        bound = FIELDS.get((r.tag, field))
        if isinstance(bound, Callback):
            return FNPTR
        if isinstance(bound, Object):
            return pointer(bound.tag)
        if isinstance(bound, Input):
            from models.inputs import INPUT_BY_NAME
            return INPUT_TYPES[INPUT_BY_NAME[bound.name].kind]
        if isinstance(bound, State):
            return BOOL if z3.is_bool(self.p[bound.field]) else INT
        return OPAQUE

    # -- cells ------------------------------------------------------------------
    def initial(self, r: Region, field: str, where: str, driver: bool = False) -> CVal:
        """What a field holds before the code read writes it: the model's value for it
        (``driver``: what the driver's mmap_prepare writes there)."""
        t = self.field_type(r, field, where)
        bound = FIELDS.get((r.tag, field))
        if t.kind == "struct":
            return CVal(t, z3.BitVecVal(0, self.word), self.region(t.tag, f"{r.name}.{field}"))
        if not driver and "@" in r.name and not isinstance(bound, State):
            # A local object's field never written: any value (C11 6.7.9p10); a function
            # pointer there points to nothing the front end knows, so a call through it is
            # an error, never a guess.
            sort = z3.BoolSort() if t.kind == "bool" else z3.BitVecSort(t.width(self.word))
            return CVal(t, z3.Const(f"{self.p.prefix}{r.name}.{field}?uninit", sort),
                        INDETERMINATE if t.kind == "ptr" else None)
        if isinstance(bound, (Input, State)):
            from models.inputs import INPUT_BY_NAME
            name = bound.name if isinstance(bound, Input) else bound.input
            src = INPUT_TYPES[INPUT_BY_NAME[name].kind]
            return convert(CVal(src, self.inp[name]), t, self.word)
        if isinstance(bound, Callback):
            addr = z3.BitVecVal(1 << 4, self.word)
            term = addr if bound.present is None else \
                z3.If(self.inp[bound.present], addr, z3.BitVecVal(0, self.word))
            return CVal(FNPTR, term, bound)
        if isinstance(bound, Object):
            return self.pointer_to(self.region(bound.tag, bound.role))
        if r.tag in ZEROED:
            zero = z3.BoolVal(False) if t.kind == "bool" else z3.BitVecVal(0, t.width(self.word))
            return CVal(t, zero)
        sort = z3.BoolSort() if t.kind == "bool" else z3.BitVecSort(t.width(self.word))
        return CVal(t, z3.Const(f"{self.p.prefix}{r.name}.{field}", sort))

    def read(self, r: Region, field: str, where: str) -> CVal:
        bound = FIELDS.get((r.tag, field))
        t = self.field_type(r, field, where)
        if isinstance(bound, State):
            v = self.p[bound.field]
            src = BOOL if z3.is_bool(v) else INT
            return convert(CVal(src, v), plain(t), self.word)
        key = (r.name, field)
        if key not in self.cells:
            self.cells[key] = self.initial(r, field, where)
        v = self.cells[key]
        return CVal(plain(v.type), v.term, v.target, v.cond)

    def write(self, r: Region, field: str, v: CVal, where: str) -> CVal:
        t = self.field_type(r, field, where)
        if t.kind == "struct":
            raise SourceError(where, f"assignment of a whole struct ({field}) is not read")
        v = convert(v, t, self.word) if t.kind != "opaque" else v
        bound = FIELDS.get((r.tag, field))
        if isinstance(bound, State):
            old = self.p[bound.field]
            new = v.term if z3.is_bool(old) else convert(v, INT, self.word).term
            self.p.set(bound.field, new)
            return v
        old = self.read(r, field, where)
        g = self.p.guard
        term = v.term if z3.is_true(g) else z3.If(g, v.term, old.term)
        target = v.target if z3.is_true(g) else join_targets(v, old)
        self.cells[(r.name, field)] = CVal(t, self.p.define(f"{r.name}.{field}", term), target)
        return v

    def reset(self, r: Region, field: str, where: str) -> None:
        """The driver wrote the field: it holds the model's value for it again.  A callback
        field the code read never initialised is ``Stale`` instead: the model takes a driver
        not to assign it."""
        new = self.initial(r, field, where, driver=True)
        if isinstance(new.target, Callback) and self.read(r, field, where).target is INDETERMINATE:
            new = CVal(new.type, new.term, Stale(new.target))
        self.write(r, field, new, where)

    def zero(self, r: Region, where: str) -> None:
        """``memset(obj, 0, sizeof(*obj))``: every field known of the object is 0/NULL/false."""
        layout = self.layouts.of(r.tag)
        names = list(layout) if layout is not None else [f for (tag, f) in FIELDS if tag == r.tag]
        for name in names:
            t = self.field_type(r, name, where)
            if t.kind == "struct":
                self.zero(self.region(t.tag, f"{r.name}.{name}"), where)
            elif t.kind == "bool":
                self.write(r, name, CVal(BOOL, z3.BoolVal(False)), where)
            elif t.kind == "ptr":
                self.write(r, name, CVal(t, z3.BitVecVal(0, self.word), NULL_TARGET), where)
            elif t.kind != "void":
                self.write(r, name, CVal(t if t.kind != "opaque" else ULONG,
                                         z3.BitVecVal(0, t.width(self.word))), where)


def struct_region(mem: Memory, tag: str, function: str) -> CVal:
    """A local ``struct TAG name;`` of ``function``: an object of its own (``ROLE@function``),
    apart from the objects the callers' model passes in."""
    name = f"{ROLES.get(tag, tag)}@{function}"
    return CVal(struct(tag), z3.BitVecVal(0, mem.word), mem.region(tag, name))
