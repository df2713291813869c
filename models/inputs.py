"""The inputs of one mmap call: everything the model leaves symbolic.

Every input is one named Z3 constant.  The table ``INPUTS`` is the single list
of them: the query language, ``verify vars``, scenario files and the trace all
read it.
"""
from __future__ import annotations

import dataclasses

import z3

from models import terms
from models.cdefs import c_value, int_t, ulong_t

# include/linux/mm_types.h: enum mmap_action_type
ACTION_TYPES: dict[str, int] = {
    "MMAP_NOTHING": 0,
    "MMAP_REMAP_PFN": 1,
    "MMAP_IO_REMAP_PFN": 2,
    "MMAP_SIMPLE_IO_REMAP": 3,
    "MMAP_MAP_KERNEL_PAGES": 4,
}
TYPE_NAME: dict[int, str] = {v: k for k, v in ACTION_TYPES.items()}


def type_is(t: z3.BitVecRef, *names: str) -> z3.BoolRef:
    """``t`` is one of the named ``enum mmap_action_type`` values."""
    eqs = [t == ACTION_TYPES[n] for n in names]
    return eqs[0] if len(eqs) == 1 else terms.Or(*eqs)


def in_enum(t: z3.BitVecRef) -> z3.BoolRef:
    """``t`` (a signed ``int``) is one of the values of ``enum mmap_action_type``."""
    return terms.And(t >= 0, t <= max(ACTION_TYPES.values()))


@dataclasses.dataclass(frozen=True)
class Var:
    name: str
    kind: str      # "int" (32-bit), "ulong" (word), "bool", "type" (int holding an enum)
    meaning: str
    designs: str = "all"  # a tag: "all", or the group of designs that read it ("hooks", ...)
    omitted: int | bool | None = None  # what a scenario file that leaves it out gets (inputs
    #                                    added after scenario files existed); None: required

    @property
    def default(self) -> int | bool:
        """The value a scenario gets for an input its design does not read."""
        return False if self.kind == "bool" else 0

    def sort(self, word: int) -> z3.SortRef:
        if self.kind == "bool":
            return z3.BoolSort()
        if self.kind == "ulong":
            return ulong_t(word)
        return int_t()


INPUTS: tuple[Var, ...] = (
    Var("mmu", "bool", "CONFIG_MMU is enabled"),
    Var("compat", "bool", "compat path: a legacy ->mmap caller runs compat_vma_mmap (is_compat)"),
    Var("debug_vm", "bool", "CONFIG_DEBUG_VM is enabled: VM_WARN_ON_ONCE warns (without it the macro "
        "compiles to nothing; WARN_ON_ONCE warns on every kernel)", omitted=True),
    Var("prepare_err", "int", "result of the driver's f_op->mmap_prepare"),
    Var("type", "type", "desc->action.type as the driver set it"),
    Var("override", "int", "desc->action.error_override as the driver set it"),
    Var("hide", "bool", "desc->action.hide_from_rmap_until_complete as the driver set it"),
    Var("action_prepare_err", "int",
        "result of the action's prepare helper (remap_pfn_range_prepare, simple_ioremap_prepare, "
        "map_kernel_pages_prepare)"),
    Var("merged", "bool", "normal path: the new range can merge into a neighbour (it does only for "
        "MMAP_NOTHING: the other actions make the mapping VM_SPECIAL; then no VMA is allocated and no action runs)"),
    Var("complete_err", "int", "result of remap_pfn_range_complete / map_kernel_pages_complete"),
    Var("mapped_err", "int", "result of vm_ops->mapped (0 when the driver has none)"),
    Var("munmap_err", "int", "result of the do_munmap call by which mmap_action_finish unmaps the "
        "failed VMA: 0, or -errno when nothing was unmapped (-ENOMEM from do_vmi_munmap's gather "
        "step); mmap_action_finish discards it", omitted=0),
    Var("vm_start", "ulong", "vma->vm_start of the new VMA"),
    Var("vm_end", "ulong", "vma->vm_end of the new VMA"),
    Var("success_hook_set", "bool", "action->success_hook is non-NULL", "hooks"),
    Var("success_hook_ret", "int", "result of action->success_hook(vma)", "hooks"),
    Var("error_hook_set", "bool", "action->error_hook is non-NULL", "hooks"),
    Var("error_hook_ret", "int", "result of action->error_hook(err)", "hooks"),
    Var("hooks_written", "bool", "compat path: the driver's mmap_prepare assigned action.success_hook "
        "and action.error_hook (otherwise they keep what the descriptor held before)", "history"),
    Var("hugetlbfs", "bool", "the file is on hugetlbfs (fs/hugetlbfs/inode.c)", "history"),
    Var("vma_alloc_fails", "bool", "normal path: __mmap_new_vma cannot allocate the VMA "
        "(vm_area_alloc or vma_iter_prealloc): -ENOMEM", "history"),
)
INPUT_BY_NAME: dict[str, Var] = {v.name: v for v in INPUTS}

# Values tried, in order, when a counterexample is simplified for a reader.
SIMPLE_VALUES: dict[str, tuple] = {
    "bool": (False, True),
    "int": (0, -12, -22, 1, -4096),     # 0, -ENOMEM, -EINVAL, 1, one past -MAX_ERRNO
    "type": (0, 1, 4, 2, 3, 5),
    "ulong": (0x10000, 0x20000, 0x12000),
}


class Inputs:
    """Named Z3 terms for one call's inputs: symbolic constants or values."""

    def __init__(self, word: int, terms: dict[str, z3.ExprRef]) -> None:
        self.word = word
        self.terms = terms
        self._pins: dict[tuple[str, int | bool], z3.BoolRef] = {}

    def __getattr__(self, name: str) -> z3.ExprRef:
        try:
            return self.__dict__["terms"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> z3.ExprRef:
        return self.terms[name]

    @classmethod
    def symbolic(cls, word: int, prefix: str = "") -> "Inputs":
        return cls(word, {v.name: z3.Const(prefix + v.name, v.sort(word)) for v in INPUTS})

    def values_in(self, model: z3.ModelRef) -> dict[str, int | bool]:
        """The concrete value of each input in ``model`` (signed for ints)."""
        out: dict[str, int | bool] = {}
        for v in INPUTS:
            val = model.eval(self.terms[v.name], model_completion=True)
            out[v.name] = to_python(val, v.kind)
        return out

    def pin(self, name: str, value: int | bool) -> z3.BoolRef:
        """The constraint that fixes input ``name`` to ``value``.  The simplifier and the
        replays ask for the same few again and again: the first PIN_CACHE are kept."""
        key = (name, value)
        pin = self._pins.get(key)
        if pin is None:
            pin = self.terms[name] == to_z3(value, INPUT_BY_NAME[name], self.word)
            if len(self._pins) < PIN_CACHE:
                self._pins[key] = pin
        return pin

    def pinned(self, values: dict[str, int | bool]) -> list[z3.BoolRef]:
        """Constraints that fix the given inputs to concrete values."""
        return [self.pin(k, v) for k, v in values.items()]


PIN_CACHE = 4096


to_python = c_value


def to_z3(value: int | bool, var: Var, word: int) -> z3.ExprRef:
    if var.kind == "bool":
        return z3.BoolVal(bool(value))
    return z3.BitVecVal(int(value), var.sort(word).size())
