"""Mutant trees (tests/trees/mutants/, small plausible patches of the fixture trees) read by
the front end: a mutant with a model counterpart (models/mutants.py) gets exactly that model
mutant's verdicts on every invariant, word size and configuration; a C-only mutant gets
verdicts its base design does not."""
from __future__ import annotations

import functools

import pytest

from models.source import PREFIX
from verify.engine import prove

mutant_trees_mod = pytest.importorskip("mutant_trees")
MUTANTS = mutant_trees_mod.mutant_trees() if mutant_trees_mod.MUTANTS_DIR.is_dir() else {}


@functools.lru_cache(maxsize=None)   # a model mutant or base is asked by several mutant trees
def verdicts(design: str) -> dict:
    result = prove(designs=[design], configs=["all"], simplify=False, traces=False)
    return {(r.obligation.invariant, r.obligation.word_size, r.obligation.config): r.status
            for r in result.results}


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_mutant_tree_has_the_verdicts_of_its_model_mutant(name):
    m = MUTANTS[name]
    tree = mutant_trees_mod.cached(name)
    source = verdicts(f"{PREFIX}{tree}")
    if m.model is not None:
        model = verdicts(m.model)
        assert {k: (v, model[k]) for k, v in source.items() if model[k] != v} == {}
    else:
        base = verdicts(m.base)
        assert any(base[k] != v for k, v in source.items()), f"{name} reads as {m.base}"
