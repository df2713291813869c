"""Mutants that the invariants added for the history must catch (the teeth of
``no-uninit-call``, ``resources-released`` and ``success-means-mapped``).

Registered in ``models.mutants.MUTANTS`` through its ``mutant`` decorator.
"""
from __future__ import annotations

import z3

from models.history.world import HISTORY, History
from models.hooks import Hooks
from models.inputs import Inputs
from models.mutants import mutant
from models.override import Override
from models.path import Path
from models.rules import rule


class NoMemset(History):
    @rule("mm/util.c", "compat_set_desc_from_vma", "MUTANT: the descriptor is not zeroed first (no memset)")
    def compat_set_desc_from_vma(self, p: Path, inp: Inputs) -> None:
        p.set("desc_init", z3.BoolVal(False))


@mutant("compat-desc-not-zeroed",
        "hooks design: compat_set_desc_from_vma without the memset (hook pointers uninitialised)")
class CompatDescNotZeroed(Hooks):
    world = NoMemset()


CompatDescNotZeroed.title = "mutant of hooks: compat descriptor not zeroed"


@mutant("hugetlbfs-prepare-reserves",
        "override design with hugetlbfs reserving in mmap_prepare again (ea52cb24cd3f re-applied)")
class HugetlbfsPrepareReserves(Override):
    world = HISTORY


@mutant("override-without-elvis",
        "mmap_action_finish returns action->error_override, not `error_override ?: err`")
class OverrideWithoutElvis(Override):
    @rule("mm/util.c", "mmap_action_finish", "MUTANT: return action->error_override")
    def apply_override(self, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
        return inp.override
