"""The version trees (tests/trees/versions/*.patch): the code of each history version
(models/history/) that no fixture tree holds, written as the patch that took the tree it
descends from there.  Each one, materialised once per process:

- is read by the front end as exactly its version's equivalence class (``identify``);
- has its version's verdict on every invariant, word size and configuration, in the world
  the tree's reading covers (the history inputs the files read say nothing of, hugetlbfs
  and a failing VMA allocation, pinned as ``--against`` pins them);
- cites, in every trace step that names a call, a line of the tree holding that call;
- compiles with the C harness at -m64 and -m32, with and without CONFIG_MMU, and agrees
  with its version's model on the boundary scenarios;
- and v-f96e1d5's patch, judged by `verify patch` on its base tree, is the deadlock fix.
"""
from __future__ import annotations

import filecmp
import json
import re

import pytest

from c.harness import expected, observed, run_c
from models.design import Design
from models.history import VERSION_NAMES
from models.inputs import INPUT_BY_NAME, Inputs, to_z3
from models.source import PREFIX, load_tree
from mutant_trees import TREES, cached, is_fixture, materialise, version_trees
from test_equivalence import expected_class
from test_fidelity_c import boundary_scenarios, outside_the_kernel
from verify import catalog
from verify.engine import plan, prove
from verify.equivalence import identify, pins
from verify.session import Session

VERSIONS = version_trees()
NAMES = sorted(VERSIONS)
# The versions a fixture tree holds: the tree of their design's equivalence class.
FIXTURE_OF = {"v-ac0a3fc": "hooks-2025", "v-619eab2": "hooks", "v-override": "override"}
# The harness's driver assigns every descriptor field it sets, takes no resource, and its
# VMA allocation does not fail: the history inputs of a C scenario.
C_HISTORY = {"hooks_written": True, "hugetlbfs": False, "vma_alloc_fails": False}


@pytest.fixture(scope="session")
def version_tree():
    """``version_tree(name)``: the materialised tree (one per process, never written)."""
    return cached


def test_every_history_version_has_a_tree():
    assert set(NAMES) | set(FIXTURE_OF) == set(VERSION_NAMES)
    assert not set(NAMES) & set(FIXTURE_OF)
    for fixture in FIXTURE_OF.values():
        assert is_fixture(fixture)
    for t in VERSIONS.values():
        assert t.version == t.patch.stem and t.model is None
        assert t.design in FIXTURE_OF.values()        # every chain of bases ends in a fixture tree


@pytest.mark.parametrize("name", NAMES)
def test_patch_applies_with_patch_as_with_git(name, tmp_path, version_tree):
    a = version_tree(name)
    b = materialise(name, tmp_path, tool="patch")
    cmp = filecmp.dircmp(a, b)
    assert not (cmp.diff_files or cmp.left_only or cmp.right_only)
    base = TREES / VERSIONS[name].base if is_fixture(VERSIONS[name].base) else \
        version_tree(VERSIONS[name].base)
    assert any((base / f).read_text() != (a / f).read_text()
               for f in ("mm/util.c", "mm/internal.h", "mm/vma.c") if (base / f).is_file())


@pytest.mark.parametrize("name", NAMES)
def test_version_tree_is_identified_as_its_version_and_no_other(name, version_tree):
    ident = identify(load_tree(version_tree(name)))
    assert set(ident.equivalent) == expected_class(name) == {name}
    assert ident.exit_code == 0
    for c in ident.comparisons:
        if c.b != name:
            assert c.status == "differ" and c.differing, c.b


class Pinned(Design):
    """``design`` with some inputs fixed: the version in the world a tree's reading covers."""

    def __init__(self, design: Design, values: dict) -> None:
        self.design, self.values = design, values
        self.name = f"{design.name} ({', '.join(f'{k}={v}' for k, v in values.items())})"
        self.hooks, self.extra_inputs = design.hooks, design.extra_inputs

    def run(self, inp: Inputs, prefix: str = "", inline: bool = False):
        terms = dict(inp.terms)
        for k, v in self.values.items():
            terms[k] = to_z3(v, INPUT_BY_NAME[k], inp.word)
        return self.design.run(Inputs(inp.word, terms), prefix, inline)


def verdicts_of(design: Design) -> dict:
    sessions: dict[int, Session] = {}
    out = {}
    for d, w, inv, c in plan(catalog.invariants([]), [design], [32, 64], catalog.configs(["all"])):
        s = sessions.setdefault(w, Session(d, w, inline=True))
        out[(inv.id, w, c.name)] = s.obligation(inv, c, False, traces=False).status
    return out


@pytest.mark.parametrize("name", NAMES)
def test_version_tree_has_the_verdicts_of_its_version(name, version_tree):
    source = load_tree(version_tree(name))
    version = catalog.design(name)
    pinned = pins(source, version)
    assert set(pinned) == {"hooks_written", "hugetlbfs", "vma_alloc_fails"}
    model = verdicts_of(Pinned(version, pinned))
    result = prove(designs=[f"{PREFIX}{version_tree(name)}"], configs=["all"], simplify=False,
                   traces=False)
    tree = {(r.obligation.invariant, r.obligation.word_size, r.obligation.config): r.status
            for r in result.results}
    assert set(tree) == set(model)
    assert {k: (v, model[k]) for k, v in tree.items() if model[k] != v} == {}


CALL = re.compile(r"(\S+):(\d+) ([A-Za-z_][\w>-]*)\(")


@pytest.mark.parametrize("name", NAMES)
def test_trace_lines_point_at_the_calls(name, version_tree):
    tree = version_tree(name)
    steps = load_tree(tree).run(Inputs.symbolic(64), inline=True).path.steps
    cited = set()
    for st in steps:
        m = CALL.match(st.label)
        if m:
            rel, line, callee = m.group(1), int(m.group(2)), m.group(3)
            assert callee in (tree / rel).read_text().split("\n")[line - 1], st.label
            cited.add(rel)
    assert {"mm/util.c", "mm/vma.c"} <= cited


def test_the_field_by_field_descriptor_calls_a_stale_hook_at_its_line(version_tree):
    """v-mmnew-v2: the compat descriptor is not cleared, so a driver that does not assign
    the success hook has it called through the stack's contents (no-uninit-call refuted,
    at the line of the call)."""
    tree = version_tree("v-mmnew-v2")
    result = prove(["no-uninit-call"], [f"{PREFIX}{tree}"], [64], ["mmu-compat"])
    (r,) = result.results
    assert r.status.value == "refuted"
    step = next(s for s in r.counterexample.steps if "uninitialised pointer" in s.label)
    rel, line = CALL.match(step.label).group(1, 2)
    assert "action->success_hook(" in (tree / rel).read_text().split("\n")[int(line) - 1]
    assert r.counterexample.inputs["success_hook_set"] is True


def c_scenarios(name: str, word: int, version_tree) -> list[dict]:
    """The boundary scenarios on which the version tree's C differs from its base tree's C,
    every fourth of them, and every sixteenth of the others: the model is evaluated once per
    scenario (the slow part); the C runs of the whole set are cheap."""
    t = VERSIONS[name]
    base = TREES / t.base if is_fixture(t.base) else version_tree(t.base)
    sc = [dict(s, **C_HISTORY) for s in boundary_scenarios(name, word) if not outside_the_kernel(s)]
    mine = run_c(name, word, sc, tree=version_tree(name))
    theirs = run_c(t.base, word, sc, tree=base)
    changed = [i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b]
    pick = sorted(set(changed[::4]) | set(range(0, len(sc), 16)))
    return [(sc[i], mine[i]) for i in pick], len(changed)


@pytest.mark.parametrize("word", [64, 32], ids=lambda w: f"{w}bit")
@pytest.mark.parametrize("name", NAMES)
def test_version_tree_compiled_agrees_with_its_version(name, word, version_tree):
    pairs, changed = c_scenarios(name, word, version_tree)
    assert changed or name == "v-mmnew-v2"     # its change shows only with a stale descriptor
    bad = [f"{s}: model {expected(name, word, s)} C {observed(c)}"
           for s, c in pairs if expected(name, word, s) != observed(c)]
    assert bad[:3] == []
    assert {bool(s["mmu"]) for s, _ in pairs} == {True, False}


def test_the_deadlock_fix_judged_as_a_patch(cli):
    """`verify patch` on v-f96e1d5's patch of the hooks-2025 tree: the version before and
    after, and the rmap lock now released before any unmap."""
    t = VERSIONS["v-f96e1d5"]
    rc, out, _ = cli("patch", str(t.patch), "--tree", str(TREES / t.base), "--format", "json")
    doc = json.loads(out)
    assert rc == 0 and doc["summary"]["newly refuted"] == 0
    assert set(doc["identified"]["before"]) == expected_class("v-ac0a3fc")
    assert doc["identified"]["after"] == ["v-f96e1d5"]
    fixed = {(c["invariant"], c["word_size"]) for c in doc["changes"] if c["change"] == "newly proved"}
    assert {("unlock-before-unmap", 32), ("unlock-before-unmap", 64)} <= fixed
