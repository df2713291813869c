"""The mutant trees (tests/trees/mutants/*.patch): each applies cleanly to its
base tree with git apply and with patch -p1, compiles at both word sizes with
and without CONFIG_MMU, and is a real change: compiled, it disagrees with its
base design's model on the boundary scenarios, and where it corresponds to a
model mutant (models/mutants.py) it agrees with that mutant on every one."""
from __future__ import annotations

import filecmp
import pathlib

import pytest

from c.harness import compile_binary, expected, observed, run_c
from models import DESIGNS
from models.cdefs import WORD_SIZES
from models.mutants import MUTANTS
from mutant_trees import (MUTANTS_DIR, TREES, MutantTreeError, cached, load, materialise,
                          mutant_trees)
from test_fidelity_c import boundary_scenarios, outside_the_kernel

ALL = mutant_trees()
NAMES = sorted(ALL)


def tree(name: str) -> pathlib.Path:
    return cached(name)


def test_there_are_mutant_trees_of_the_kinds_asked_for():
    assert len(ALL) >= 12
    models = {m.model for m in ALL.values()}
    for wanted in ("elvis-swapped", "zero-extend", "unlock-after-unmap", "compat-unmaps",
                   "is-err-value-strict"):
        assert wanted in models
    assert any(m.model is None for m in ALL.values())     # C-only mutants too
    for m in ALL.values():
        assert m.base in DESIGNS
        assert m.model is None or m.model in MUTANTS, m.name


@pytest.mark.parametrize("name", NAMES)
def test_patch_applies_with_git_and_with_patch(name, tmp_path):
    a = materialise(name, tmp_path / "git")
    b = materialise(name, tmp_path / "patch", tool="patch")
    cmp = filecmp.dircmp(a, b)
    assert not (cmp.diff_files or cmp.left_only or cmp.right_only)
    base = TREES / ALL[name].base
    changed = [f for f in ("mm/util.c", "mm/internal.h", "include/linux/err.h",
                           "include/linux/mm_types.h", "mm/vma.c")
               if (base / f).exists() and (base / f).read_text() != (a / f).read_text()]
    assert changed, "the patch changed nothing"


def test_a_malformed_patch_is_refused(tmp_path):
    bad = tmp_path / "bad.patch"
    bad.write_text("diff --git a/x b/x\n")
    with pytest.raises(MutantTreeError, match="not a format-patch"):
        load(bad)
    assert MUTANTS_DIR.is_dir()


@pytest.mark.parametrize("mmu", [True, False], ids=["mmu", "nommu"])
@pytest.mark.parametrize("word", WORD_SIZES, ids=lambda w: f"{w}bit")
@pytest.mark.parametrize("name", NAMES)
def test_mutant_tree_compiles(name, word, mmu):
    assert compile_binary(ALL[name].base, word, mmu, tree=tree(name)).is_file()


def scenarios(base: str, word: int) -> list[dict]:
    return [s for s in boundary_scenarios(base, word) if not outside_the_kernel(s)]


@pytest.mark.parametrize("name", NAMES)
def test_mutant_tree_differs_from_its_base(name):
    """Compiled, the mutant tree does something its base design's model does not."""
    m = ALL[name]
    sc = scenarios(m.base, 64)
    c_out = run_c(m.base, 64, sc, tree=tree(name))
    assert any(expected(m.base, 64, s) != observed(c) for s, c in zip(sc, c_out))


@pytest.mark.parametrize("word", WORD_SIZES, ids=lambda w: f"{w}bit")
@pytest.mark.parametrize("name", [n for n in NAMES if ALL[n].model])
def test_mutant_tree_is_its_model_mutant(name, word):
    """Compiled, the mutant tree answers what its model mutant says, on every boundary
    scenario."""
    m = ALL[name]
    sc = scenarios(m.base, word)
    c_out = run_c(m.base, word, sc, tree=tree(name))
    c_base = run_c(m.base, word, sc)
    changed = [i for i, (a, b) in enumerate(zip(c_out, c_base)) if a != b]
    if word == 64 or name not in ("zero-extend",):     # zero extension is sign extension on 32-bit
        assert changed, "the mutant tree behaves as its base on every scenario"
    bad = []
    for s, c in zip(sc, c_out):
        want = expected(m.model, word, s)
        if want != observed(c):
            bad.append(f"{s}: model {want} C {observed(c)}")
    assert bad[:3] == []
