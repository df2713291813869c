"""Kernel configurations a proof runs under: CONFIG_MMU, the caller path and CONFIG_DEBUG_VM.

CONFIG_DEBUG_VM is an axis of its own: the four names of ``CONFIGS`` leave it open (a
proof on ``mmu-normal`` holds on debug and production kernels alike, a counterexample
says which it needs), and ``<name>+debug-vm`` / ``<name>+no-debug-vm`` (``config()``)
fix it.  Only ``VM_WARN_ON_ONCE`` depends on it (include/linux/mmdebug.h).
"""
from __future__ import annotations

import dataclasses

import z3

from models import terms
from models.inputs import Inputs

UNREACHABLE_NOMMU_NORMAL = (
    "not reachable in the kernel: mm/vma.c (__mmap_region, the only caller of "
    "mmap_action_complete with is_compat false) is built only with CONFIG_MMU, and mm/nommu.c "
    "do_mmap reaches a driver's mmap_prepare only through mmap_file() -> vfs_mmap() -> "
    "compat_vma_mmap(); what the verifier finds here is latent behaviour of the !MMU "
    "mmap_action_complete, should a caller ever pass is_compat false")


@dataclasses.dataclass(frozen=True)
class Config:
    name: str
    mmu: bool
    compat: bool
    reachable: bool = True     # the kernel has a caller that runs this combination
    note: str = ""             # why not, when it is not
    debug_vm: bool | None = None   # CONFIG_DEBUG_VM: None leaves it open (either kernel)

    @property
    def base(self) -> str:
        """The name of CONFIGS this is (itself, or before ``+debug-vm``)."""
        return self.name.partition("+")[0]

    def constrain(self, inp: Inputs) -> z3.BoolRef:
        parts = [inp.mmu == self.mmu, inp.compat == self.compat]
        if self.debug_vm is not None:
            parts.append(inp.debug_vm == self.debug_vm)
        return terms.And(*parts)

    @property
    def description(self) -> str:
        mmu = "CONFIG_MMU=y" if self.mmu else "CONFIG_MMU=n"
        path = "compat path (compat_vma_mmap, is_compat)" if self.compat else "normal mmap() path"
        debug = {None: "CONFIG_DEBUG_VM=y or n", True: "CONFIG_DEBUG_VM=y",
                 False: "CONFIG_DEBUG_VM=n"}[self.debug_vm]
        text = f"{mmu}, {path}, {debug}"
        return text if self.reachable else f"{text}; {self.note}"


CONFIGS: dict[str, Config] = {c.name: c for c in (
    Config("mmu-normal", True, False),
    Config("mmu-compat", True, True),
    Config("nommu-compat", False, True),
    Config("nommu-normal", False, False, reachable=False, note=UNREACHABLE_NOMMU_NORMAL),
)}
REACHABLE: tuple[str, ...] = tuple(n for n, c in CONFIGS.items() if c.reachable)

# The CONFIG_DEBUG_VM axis: a suffix to any name of CONFIGS.
DEBUG_VM: dict[str, bool] = {"debug-vm": True, "no-debug-vm": False}


def config(name: str) -> Config | None:
    """``CONFIGS[name]``, or ``<name>+debug-vm`` / ``<name>+no-debug-vm``: the same
    configuration with CONFIG_DEBUG_VM fixed.  None for a name that is neither."""
    if name in CONFIGS:
        return CONFIGS[name]
    base, _, kernel = name.partition("+")
    if base not in CONFIGS or kernel not in DEBUG_VM:
        return None
    return dataclasses.replace(CONFIGS[base], name=name, debug_vm=DEBUG_VM[kernel])


def config_names() -> list[str]:
    """Every name ``config()`` accepts, the four of CONFIGS first."""
    return list(CONFIGS) + [f"{c}+{k}" for c in CONFIGS for k in DEBUG_VM]


def reachable(inp: Inputs) -> z3.BoolRef:
    """The call comes from a configuration the kernel has a caller for (``REACHABLE``)."""
    return terms.Or(*[CONFIGS[n].constrain(inp) for n in REACHABLE])
