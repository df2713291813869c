"""Kernel macros the front end gives their meaning, by name (never expanded from
headers it does not read).  Constants come from ``models.cdefs`` and
``models.errno`` with the headers they stand for.

- ``WARN_ON_ONCE(c)``, ``WARN_ON(c)`` (include/asm-generic/bug.h): an event
  with the value of ``c``, named after the function it is in; the macro's
  value is ``c``.
- ``VM_WARN_ON_ONCE(c)``, ``VM_WARN_ON(c)`` (include/linux/mmdebug.h): the
  same event, only with CONFIG_DEBUG_VM (the input ``debug_vm`` when the model
  has it); without it the macro neither warns nor has a value.
- ``unlikely(x)``, ``likely(x)`` (include/linux/compiler.h): ``!!(x)``, a
  branch hint with no effect on the value's truth.
- ``IS_ENABLED(CONFIG_MMU)`` (include/linux/kconfig.h): the configuration's value.
"""
from __future__ import annotations

import dataclasses

import z3

from models.cdefs import PAGE_SHIFT
from models.inputs import INPUT_BY_NAME
from models.source.cvalues import INT, LONG, CVal, const, truth

DEBUG_VM = "VM_WARN_ON_ONCE, CONFIG_DEBUG_VM only"
CONSTANTS = {"PAGE_SHIFT": PAGE_SHIFT}     # arch/*/include/asm/page.h (models/cdefs.py)
CALL_LIKE = ("WARN_ON_ONCE", "WARN_ON", "VM_WARN_ON_ONCE", "VM_WARN_ON", "unlikely", "likely",
             "IS_ENABLED")


def warning_name(ex, debug: bool) -> str:
    name = ex.frame.name + (" (nommu)" if ex.mmu is False else "")
    return f"{name} ({DEBUG_VM})" if debug else name


def kernel_macro(ex, name: str, arg_nodes, site) -> CVal:
    if len(arg_nodes) != 1:
        ex.fail(site, f"{name} takes one argument")
    if name == "IS_ENABLED":
        return is_enabled(ex, ex.file.text(arg_nodes[0]), site)
    v = ex.eval(arg_nodes[0])
    c = truth(v)
    if name in ("unlikely", "likely"):
        return CVal(LONG, z3.If(c, z3.BitVecVal(1, ex.word), z3.BitVecVal(0, ex.word)), cond=c)
    debug = name.startswith("VM_")
    if debug and "debug_vm" in INPUT_BY_NAME:
        # Without CONFIG_DEBUG_VM the macro is BUILD_BUG_ON_INVALID(c): no event, value unused.
        with ex.p.when(ex.inp["debug_vm"]):
            _warn(ex, warning_name(ex, True), c, site)
        return CVal(INT, z3.BitVecVal(0, 32))
    fired = _warn(ex, warning_name(ex, debug), c, site)
    return CVal(INT, z3.If(fired, z3.BitVecVal(1, 32), z3.BitVecVal(0, 32)), cond=fired)


def _warn(ex, name: str, c: z3.BoolRef, site) -> z3.BoolRef:
    """``Path.warn``, its trace step citing the tree's line."""
    fired = ex.p.warn(name, c)
    last = ex.p.steps[-1]
    if last.kind == "warn":
        ex.p.steps[-1] = dataclasses.replace(last, label=f"{ex.where(site)} {ex.snippet(site)}: "
                                                         f"{last.label}")
    return fired


def is_enabled(ex, symbol: str, site) -> CVal:
    """include/linux/kconfig.h ``IS_ENABLED(CONFIG_X)``: 1 or 0, for the configurations
    the model has an axis for."""
    if symbol == "CONFIG_MMU":
        on = ex.inp.mmu if ex.mmu is None else z3.BoolVal(ex.mmu)
    elif symbol == "CONFIG_DEBUG_VM" and "debug_vm" in INPUT_BY_NAME:
        on = ex.inp["debug_vm"]
    else:
        ex.fail(site, f"IS_ENABLED({symbol}): a configuration the model has no axis for")
    return CVal(INT, z3.If(on, z3.BitVecVal(1, 32), z3.BitVecVal(0, 32)), cond=on)


def constant(ex, name: str) -> CVal | None:
    if name in CONSTANTS:
        return const(INT, CONSTANTS[name], ex.word)
    return None
