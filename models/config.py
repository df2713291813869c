"""Kernel configurations a proof runs under: CONFIG_MMU and the caller path."""
from __future__ import annotations

import dataclasses

import z3

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

    def constrain(self, inp: Inputs) -> z3.BoolRef:
        return z3.And(inp.mmu == self.mmu, inp.compat == self.compat)

    @property
    def description(self) -> str:
        mmu = "CONFIG_MMU=y" if self.mmu else "CONFIG_MMU=n"
        path = "compat path (compat_vma_mmap, is_compat)" if self.compat else "normal mmap() path"
        text = f"{mmu}, {path}"
        return text if self.reachable else f"{text}; {self.note}"


CONFIGS: dict[str, Config] = {c.name: c for c in (
    Config("mmu-normal", True, False),
    Config("mmu-compat", True, True),
    Config("nommu-compat", False, True),
    Config("nommu-normal", False, False, reachable=False, note=UNREACHABLE_NOMMU_NORMAL),
)}
REACHABLE: tuple[str, ...] = tuple(n for n, c in CONFIGS.items() if c.reachable)


def reachable(inp: Inputs) -> z3.BoolRef:
    """The call comes from a configuration the kernel has a caller for (``REACHABLE``)."""
    return z3.Or(*[CONFIGS[n].constrain(inp) for n in REACHABLE])
