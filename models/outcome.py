"""What one mmap call did, as data (Z3 terms over the inputs)."""
from __future__ import annotations

import dataclasses

import z3

from models.inputs import Inputs
from models.path import Path


@dataclasses.dataclass
class Outcome:
    """The observable result of one call.  Every field is a Z3 term."""
    ret: z3.BitVecRef                 # int returned to the mmap caller (0 or an error)
    user_ret: z3.BitVecRef            # (unsigned long)ret as do_mmap passes it up
    vma_created: z3.BoolRef           # a new VMA was allocated and the action completed on it
    vma_mapped: z3.BoolRef            # the new VMA is still mapped at the end
    unmapped: z3.BoolRef              # do_munmap ran on the new VMA
    unmap_start: z3.BitVecRef
    unmap_len: z3.BitVecRef
    lock_held_at_unmap: z3.BoolRef    # do_munmap ran while this call held i_mmap_rwsem
    rmap_held_at_end: z3.BoolRef      # i_mmap_rwsem still held when the call returns
    unlock_unheld: z3.BoolRef         # i_mmap_unlock_write without holding the lock
    unmap_detached: z3.BoolRef        # do_munmap ran on a VMA not attached to the tree
    check_ran: z3.BoolRef             # check_mmap_action ran
    check_ret: z3.BitVecRef           # its result (meaningful when check_ran)
    warnings: dict[str, z3.BoolRef]   # WARN_ON_ONCE name -> fired
    inputs: Inputs
    path: Path
    # Historical versions (models/history); the other designs never set them.
    leaked: z3.BoolRef = dataclasses.field(default_factory=lambda: z3.BoolVal(False))
    #   a resource the driver took for the mapping is neither released nor owned by a VMA
    uninit_call: z3.BoolRef = dataclasses.field(default_factory=lambda: z3.BoolVal(False))
    #   a hook was called through a descriptor pointer that was never initialised

    @property
    def warned(self) -> z3.BoolRef:
        return z3.Or(*self.warnings.values()) if self.warnings else z3.BoolVal(False)

    def first_error(self) -> z3.BitVecRef:
        """The first non-zero result among the error sources that ran, or 0:
        the error the action produced before any override."""
        cached = self.__dict__.get("_first_error")
        if cached is None:
            cached = z3.BitVecVal(0, 32)
            for src in reversed(self.path.sources):
                cached = z3.If(z3.And(src.ran, src.value != 0), src.value, cached)
            self.__dict__["_first_error"] = cached
        return cached

    def observables(self) -> dict[str, z3.ExprRef]:
        """Named outcome terms for queries and traces."""
        return {
            "ret": self.ret, "user_ret": self.user_ret, "vma_created": self.vma_created,
            "vma_mapped": self.vma_mapped, "unmapped": self.unmapped,
            "unmap_start": self.unmap_start, "unmap_len": self.unmap_len,
            "lock_held_at_unmap": self.lock_held_at_unmap, "rmap_held_at_end": self.rmap_held_at_end,
            "unmap_detached": self.unmap_detached,
            "warned": self.warned, "first_error": self.first_error(),
            "leaked": self.leaked, "uninit_call": self.uninit_call,
        }
