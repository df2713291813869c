"""What surrounds the mmap_action code in its callers: the driver's descriptor, what the
driver takes in ``mmap_prepare``, the VMA allocation.

The current designs model none of it: this ``World`` does nothing and reads no input.
The history versions, whose known bugs live there, set ``world`` to
``models.history.world.History`` (or a variant of it).  The callers (models/callers.py)
call these methods at the points where the kernel does the corresponding work.
"""
from __future__ import annotations

import z3

from models.cdefs import int_val
from models.inputs import Inputs
from models.path import Path


class World:
    inputs: frozenset[str] = frozenset()   # input tags (models.inputs.Var.designs) it reads

    def can_merge(self, p: Path, inp: Inputs, merged: z3.BoolRef) -> z3.BoolRef:
        """vma_merge_new_range: what else refuses the merge (nothing, here)."""
        return merged

    def vma_alloc(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        """__mmap_new_vma allocating the new VMA: it succeeds, here."""
        return int_val(0)

    def compat_set_desc_from_vma(self, p: Path, inp: Inputs) -> None:
        """The compat descriptor starts zeroed: every field the driver does not set is 0/NULL."""

    def driver_writes_desc(self, p: Path, inp: Inputs) -> None:
        """What the driver's mmap_prepare wrote into the descriptor (nothing tracked here)."""

    def driver_prepared(self, p: Path, inp: Inputs) -> None:
        """What the driver's mmap_prepare took for the mapping (nothing tracked here)."""

    def vma_takes_resources(self, p: Path) -> None:
        """The VMA is set up from the descriptor (nothing tracked here)."""

    def through_pointer(self, p: Path, calls: z3.BoolRef, name: str) -> None:
        """A hook called through its descriptor pointer (always initialised, here)."""
