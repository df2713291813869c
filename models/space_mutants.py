"""Broken variants of the address-space layer around the mmap call.

The one-call mutants (``models.mutants``) break the mmap_action code; these
break what mm/vma.c does around it, so that the sequence invariants about the
address space can be shown to fail.  ``SPACES`` maps a name to the class.
"""
from __future__ import annotations

import z3

from models.address_space import AddressSpace, cites
from models.outcome import Outcome
from models.transition import State

SPACES: dict[str, type[AddressSpace]] = {"kernel": AddressSpace}


def space(cls: type[AddressSpace]) -> type[AddressSpace]:
    SPACES[cls.space] = cls
    return cls


@space
class AbortReattaches(AddressSpace):
    space = "abort-reattaches"
    summary = ("the abort puts back the old VMAs whose page tables were cleared and whose "
               "vm_ops->close() already ran (what vms_abort_munmap_vmas refuses to do: a close "
               "need not be undone by a later open, and the VMAs' state is gone by then)")

    @cites("mm/vma.c", "vms_abort_munmap_vmas", "MUTANT: reattach_vmas() even after vms_clean_up_area()")
    def abort_munmap(self, s: State, o: Outcome, rng: z3.BitVecRef) -> State:
        return {n: s[n] for n in ("mapped", "failed", "hidden")}
