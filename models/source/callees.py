"""The one table of callees the front end does not read: each by name, with its
contract, its citation, and the state changes it makes -- the same ones the
hand models make (models/action.py ``do_munmap``, ``maybe_rmap_unlock_action``;
models/callers.py and models/world.py for the caller's environment).

A callee the code reaches that is neither defined in the files read nor here
is an error (``SourceError``), never an assumption.
"""
from __future__ import annotations

import dataclasses
from typing import Callable

import z3

from models.cdefs import PAGE_SHIFT
from models.inputs import INPUT_BY_NAME
from models.source.cvalues import BOOL, INT, ULONG, VOID, CVal, const, convert


@dataclasses.dataclass(frozen=True)
class Callee:
    name: str
    cite: str                  # where the contract was read, "file:function"
    contract: str              # what the model takes the callee to do
    effect: Callable           # (executor, args, label) -> CVal
    min_args: int = 0          # the arguments the effect reads


def _driver_result(name: str, input_name: str) -> Callable:
    def effect(ex, args, label):
        return CVal(INT, ex.p.call(name, ex.inp[input_name], label=label))
    return effect


def _do_munmap(ex, args, label):
    """As models/action.py ``do_munmap``; its result is the input ``munmap_err`` when the
    model has one (an error unmaps nothing), else unconstrained and the unmap succeeds."""
    p = ex.p
    start, length = (convert(a, ULONG, ex.word).term for a in args[1:3])
    has_err = "munmap_err" in INPUT_BY_NAME
    ret = ex.inp["munmap_err"] if has_err else ex.opaque(INT, "do_munmap_ret").term
    ok = ret == 0 if has_err else z3.BoolVal(True)
    p.set("lock_held_at_unmap", z3.Or(p["lock_held_at_unmap"], p["rmap_held"]))
    p.set("unmap_detached", z3.Or(p["unmap_detached"], z3.Not(p["vma_attached"])))
    p.set("unmap_start", start)
    p.set("unmap_len", length)
    p.step(label, "unmap", start=start, len=length, rmap_held=p["rmap_held"], ret=ret)
    with p.when(ok):
        p.set("unmapped", z3.BoolVal(True))
        p.set("vma_mapped", z3.BoolVal(False))
    if has_err:
        with p.when(z3.Not(ok)):
            p.step(f"{label}: failed, nothing unmapped")
    return CVal(INT, ret)


def _i_mmap_unlock_write(ex, args, label):
    p = ex.p
    p.set("unlock_unheld", z3.Or(p["unlock_unheld"], z3.Not(p["rmap_held"])))
    p.set("rmap_held", z3.BoolVal(False))
    p.step(label, "lock")
    return CVal(VOID, z3.BitVecVal(0, 1))


def _vma_pages(ex, args, label):
    vma = ex.deref(args[0], label)
    start = convert(ex.mem.read(vma, "vm_start", label), ULONG, ex.word).term
    end = convert(ex.mem.read(vma, "vm_end", label), ULONG, ex.word).term
    return CVal(ULONG, z3.LShR(end - start, PAGE_SHIFT))


def _delegate_to_remap(ex, args, label):
    """simple_ioremap_prepare: the driver-range check (a result), then on success the
    action becomes MMAP_REMAP_PFN."""
    err = CVal(INT, ex.p.call("simple_ioremap_prepare", ex.inp["action_prepare_err"], label=label))
    desc = ex.deref(args[0], label)
    action = ex.mem.read(desc, "action", label).target
    with ex.p.when(err.term == 0):
        ex.mem.write(action, "type", ex.enum_constant("MMAP_REMAP_PFN", label), label)
        ex.p.step(f"{label}: action->type = MMAP_REMAP_PFN (delegated)")
    return err


def _vfs_mmap_prepare(ex, args, label):
    """The driver's f_op->mmap_prepare on the descriptor: its result, and on success the
    descriptor fields it sets are the model's inputs."""
    p, inp = ex.p, ex.inp
    err = p.call("f_op->mmap_prepare", inp.prepare_err, label=f"{label}: f_op->mmap_prepare",
                 type=inp.type, override=inp.override, hide=inp.hide)
    desc = ex.deref(args[1], label)
    action = ex.mem.read(desc, "action", label).target
    with p.when(err == 0):
        for field in ex.tree.action_fields_set_by_driver():
            ex.mem.reset(action, field, label)
        ex.design.world.driver_writes_desc(p, inp)
        ex.design.world.driver_prepared(p, inp)
    return CVal(INT, err)


def _compat_set_vma_from_desc(ex, args, label):
    p = ex.p
    p.set("vma_created", z3.BoolVal(True))
    p.set("vma_mapped", z3.BoolVal(True))
    p.step(f"{label}: caller's VMA set from the descriptor (not yet attached)")
    ex.design.world.vma_takes_resources(p)
    return CVal(VOID, z3.BitVecVal(0, 1))


def _memset(ex, args, label):
    if not (z3.is_bv_value(args[1].term) and args[1].term.as_long() == 0):
        ex.fail(label, "memset with a value other than 0 is not read")
    ex.mem.zero(ex.deref(args[0], label), label)
    return args[0]


def _pure(t, name):
    def effect(ex, args, label):
        return ex.opaque(t, name)
    return effect


def _false(ex, args, label):
    return const(BOOL, 0, ex.word)


def _nothing(ex, args, label):
    return CVal(VOID, z3.BitVecVal(0, 1))


CALLEES: dict[str, Callee] = {c.name: c for c in (
    Callee("do_munmap", "mm/mmap.c:do_munmap",
           "unmaps [start, start+len) of current->mm; free_pgtables -> unlink_file_vma_batch_process "
           "takes i_mmap_rwsem, so running it with that lock held self-deadlocks; its result is "
           "the input munmap_err (an error unmaps nothing)", _do_munmap, 3),
    Callee("remap_pfn_range_prepare", "mm/memory.c:remap_pfn_range_prepare",
           "checks the PFN range and marks the descriptor VM_IO|VM_PFNMAP; its result is the input "
           "action_prepare_err", _driver_result("remap_pfn_range_prepare", "action_prepare_err")),
    Callee("simple_ioremap_prepare", "mm/memory.c:simple_ioremap_prepare",
           "__simple_ioremap_prep checks the physical range (result: action_prepare_err), then "
           "delegates to MMAP_REMAP_PFN on success", _delegate_to_remap, 1),
    Callee("map_kernel_pages_prepare", "mm/memory.c:map_kernel_pages_prepare",
           "checks the pages fit the range (result: action_prepare_err)",
           _driver_result("map_kernel_pages_prepare", "action_prepare_err")),
    Callee("remap_pfn_range_complete", "mm/memory.c:remap_pfn_range_complete",
           "maps the PFN range into the VMA (result: complete_err)",
           _driver_result("remap_pfn_range_complete", "complete_err")),
    Callee("map_kernel_pages_complete", "mm/memory.c:map_kernel_pages_complete",
           "insert_pages() into the VMA (result: complete_err)",
           _driver_result("map_kernel_pages_complete", "complete_err")),
    Callee("i_mmap_unlock_write", "include/linux/fs.h:i_mmap_unlock_write",
           "releases the file's i_mmap_rwsem held for write (unlocking it unheld is recorded)",
           _i_mmap_unlock_write),
    Callee("vma_pages", "include/linux/mm.h:vma_pages",
           "(vma->vm_end - vma->vm_start) >> PAGE_SHIFT", _vma_pages, 1),
    Callee("vfs_mmap_prepare", "include/linux/fs.h:vfs_mmap_prepare",
           "calls the file's f_op->mmap_prepare(desc) (driver code: result prepare_err); on success "
           "the action fields it sets (type, error_override/error_filter, "
           "hide_from_rmap_until_complete, hooks) are the inputs", _vfs_mmap_prepare, 2),
    Callee("compat_set_vma_from_desc", "mm/vma.h:compat_set_vma_from_desc",
           "copies the descriptor into the caller's VMA, which the mmap() path has not yet added to "
           "the tree (models/callers.py: compat path)", _compat_set_vma_from_desc),
    Callee("set_vma_from_desc", "mm/vma.h:set_vma_from_desc",
           "the earlier name of compat_set_vma_from_desc", _compat_set_vma_from_desc),
    Callee("memset", "lib/string.c:memset", "memset(obj, 0, sizeof(*obj)) zeroes every field",
           _memset, 3),
    Callee("vma_start_pgoff", "include/linux/mm.h:vma_start_pgoff",
           "a pure accessor; its value flows only into fields no outcome reads", _pure(ULONG, "pgoff")),
    Callee("io_remap_pfn_range_pfn", "include/linux/mm.h:io_remap_pfn_range_pfn",
           "a pure PFN translation; its value flows only into action->remap",
           _pure(ULONG, "io_pfn")),
    Callee("pgprot_decrypted", "arch/*/include/asm/pgtable.h:pgprot_decrypted",
           "a pure page-protection transform; its value flows only into action->remap",
           _pure(ULONG, "pgprot")),
    Callee("vma_is_anonymous", "include/linux/mm.h:vma_is_anonymous",
           "false here: the VMA maps a file that has mmap_prepare, so vm_ops is the file's",
           _false),
    Callee("mmap_assert_write_locked", "include/linux/mmap_lock.h:mmap_assert_write_locked",
           "a lockdep assertion; the mmap lock is held for write on every mmap path", _nothing),
)}
