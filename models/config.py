"""Kernel configurations a proof runs under: CONFIG_MMU and the caller path."""
from __future__ import annotations

import dataclasses

import z3

from models.inputs import Inputs


@dataclasses.dataclass(frozen=True)
class Config:
    name: str
    mmu: bool
    compat: bool

    def constrain(self, inp: Inputs) -> z3.BoolRef:
        return z3.And(inp.mmu == self.mmu, inp.compat == self.compat)

    @property
    def description(self) -> str:
        mmu = "CONFIG_MMU=y" if self.mmu else "CONFIG_MMU=n"
        path = "compat path (compat_vma_mmap, is_compat)" if self.compat else "normal mmap() path"
        return f"{mmu}, {path}"


CONFIGS: dict[str, Config] = {c.name: c for c in (
    Config("mmu-normal", True, False),
    Config("mmu-compat", True, True),
    Config("nommu-normal", False, False),
    Config("nommu-compat", False, True),
)}
