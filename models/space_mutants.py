"""Broken variants of the address-space layer around the mmap call.

The one-call mutants (``models.mutants``) break the mmap_action code; these
break what mm/vma.c does around it, so that the sequence invariants about the
address space can be shown to fail.  ``SPACES`` maps a name to the class.
"""
from __future__ import annotations

import z3

from models.address_space import AddressSpace, cites
from models.outcome import Outcome
from verify.transition import State

SPACES: dict[str, type[AddressSpace]] = {"kernel": AddressSpace}


def space(cls: type[AddressSpace]) -> type[AddressSpace]:
    SPACES[cls.space] = cls
    return cls


@space
class AbortNotRestored(AddressSpace):
    space = "abort-not-restored"
    summary = ("a failed mmap_prepare completes the unmap of the old VMAs (vms_complete_munmap_vmas) "
               "instead of restoring them: the range is left empty")

    @cites("mm/vma.c", "vms_abort_munmap_vmas", "MUTANT: the gathered VMAs are freed, not re-inserted")
    def abort_munmap(self, s: State, o: Outcome, rng: z3.BitVecRef) -> State:
        return {"mapped": s["mapped"] & ~rng, "failed": s["failed"] & ~rng,
                "hidden": s["hidden"] & ~rng}
