"""The front end on the fixture trees (tests/trees/): ``verify source`` reads each one
into the verdicts of its hand-model design; C outside the subset planted in a copy is
a one-line error and exit 125; trace lines cite the lines that hold the calls."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from models.source import PREFIX, load_tree
from models.source.errors import SourceError
from verify.engine import Session, prove

TREES = Path(__file__).parent / "trees"
DESIGN_TREES = [d for d in ("override", "error-filter", "hooks", "hooks-2025") if (TREES / d).is_dir()]


def verdicts(design: str) -> dict:
    result = prove(designs=[design], configs=["all"], simplify=False, traces=False)
    return {(r.obligation.invariant, r.obligation.word_size, r.obligation.config): r.status
            for r in result.results}


@pytest.mark.parametrize("name", DESIGN_TREES)
def test_tree_has_the_verdicts_of_its_design(name):
    source = verdicts(f"{PREFIX}{TREES / name}")
    model = verdicts(name)
    assert set(source) == set(model)
    assert {k: v for k, v in source.items() if model[k] != v} == {}


def _copy(tmp_path: Path, name: str = "override") -> Path:
    dst = tmp_path / name
    shutil.copytree(TREES / name, dst)
    return dst


def _plant(tree: Path, rel: str, anchor: str, text: str) -> int:
    """Insert ``text`` as a line after the first line holding ``anchor``; its line number."""
    path = tree / rel
    lines = path.read_text().split("\n")
    at = next(i for i, line in enumerate(lines) if anchor in line) + 1
    lines.insert(at, text)
    path.write_text("\n".join(lines))
    return at + 1


needs_override = pytest.mark.skipif("override" not in DESIGN_TREES, reason="no override tree")


@needs_override
@pytest.mark.parametrize("planted,what", [
    ("\tfor (len = 0; len < 2; len++) err = 0;", "a loop (for)"),
    ("\tif (err == 1) goto out;", "goto"),
    ("\tsome_new_helper(vma);", "unknown callee `some_new_helper`"),
    ("\terr = err + NOT_A_MACRO;", "unknown name `NOT_A_MACRO`"),
    ("\tdo_munmap(vma);", "do_munmap with 1 arguments"),
])
def test_unsupported_construct_is_one_line_and_exit_125(tmp_path, cli, planted, what):
    tree = _copy(tmp_path)
    line = _plant(tree, "mm/util.c", "\tsize_t len;", planted)
    rc, out, err = cli("source", "--tree", str(tree))
    assert rc == 125, err
    assert err.strip().count("\n") == 0
    assert f"mm/util.c:{line}: " in err and what in err


@needs_override
def test_missing_function_file_and_no_mmap_action(tmp_path, cli):
    tree = _copy(tmp_path)
    (tree / "include/linux/err.h").unlink()
    rc, _, err = cli("source", "--tree", str(tree))
    assert rc == 125 and "include/linux/err.h: missing" in err
    tree = _copy(tmp_path / "b")
    util = tree / "mm/util.c"
    util.write_text(util.read_text().replace("int compat_vma_mmap(", "int renamed_vma_mmap("))
    rc, _, err = cli("source", "--tree", str(tree))
    assert rc == 125 and "no function compat_vma_mmap" in err
    tree = _copy(tmp_path / "c")
    types = tree / "include/linux/mm_types.h"
    types.write_text(types.read_text().replace("struct mmap_action {", "struct other_action {"))
    rc, _, err = cli("source", "--tree", str(tree))
    assert rc == 125 and "no struct mmap_action" in err
    rc, _, err = cli("source", "--tree", str(tmp_path / "nowhere"))
    assert rc == 66


@needs_override
def test_a_one_character_patch_changes_the_verdict(tmp_path):
    """`>` for `>=` in the tree's IS_ERR_VALUE: -4095 is rejected; the verdict follows the C."""
    tree = _copy(tmp_path)
    err_h = tree / "include/linux/err.h"
    text = err_h.read_text()
    assert ">= (unsigned long)-MAX_ERRNO" in text
    err_h.write_text(text.replace(">= (unsigned long)-MAX_ERRNO", "> (unsigned long)-MAX_ERRNO"))
    result = prove(["check-accepts-exactly-valid"], [f"{PREFIX}{tree}"], [64], ["mmu-normal"])
    assert result.exit_code == 1
    assert result.results[0].counterexample.inputs["override"] == -4095


@needs_override
@pytest.mark.parametrize("word", [32, 64])
def test_trace_lines_point_at_the_calls(word):
    tree = TREES / "override"
    design = load_tree(tree)
    s = Session(design, word)
    cited = 0
    for st in s.outcome.path.steps:
        m = re.match(r"(\S+):(\d+) ([A-Za-z_][\w>-]*)\(", st.label)
        if not m:
            continue
        rel, line, callee = m.group(1), int(m.group(2)), m.group(3)
        text = (tree / rel).read_text().split("\n")[line - 1]
        assert callee in text, (st.label, text)
        cited += 1
    names = {re.sub(r"^\S+ ", "", st.label).split("(")[0] for st in s.outcome.path.steps}
    assert {"do_munmap", "mmap_action_finish", "check_mmap_action",
            "maybe_rmap_unlock_action", "remap_pfn_range_complete"} <= names
    assert any(n.endswith("->mapped") for n in names)
    assert cited >= 15


@needs_override
def test_unrelated_code_is_not_executed_and_errors_name_the_tree(tmp_path):
    """The fixture's unrelated functions (a loop, a goto) are never read; the design is
    loaded once per content."""
    tree = TREES / "override"
    assert load_tree(tree) is load_tree(tree)
    text = (tree / "mm/util.c").read_text()
    assert "for (" in text or "goto " in text
    with pytest.raises(SourceError):
        load_tree(tmp_path)


@needs_override
def test_the_same_files_elsewhere_are_a_design_of_their_own_name_and_place(tmp_path):
    """A copy of a tree already read is its own design, named and titled by its own path
    (not the first path those files were read at), and it is not run again: it has the
    first one's outcomes.  A change to a file read makes it a new design."""
    first = load_tree(TREES / "override")
    copy = load_tree(_copy(tmp_path))
    assert copy is not first and copy.name == f"{PREFIX}{tmp_path / 'override'}"
    assert copy.title.endswith(str(tmp_path / "override")) and first.title.endswith(str(TREES / "override"))
    for word in (32, 64):
        assert Session(copy, word).outcome is Session(first, word).outcome
    assert load_tree(tmp_path / "override", "another name").name == "another name"
    _plant(tmp_path / "override", "mm/util.c", "mmap_action_complete(", "\t/* a comment */")
    changed = load_tree(tmp_path / "override", "changed")
    assert Session(changed, 64).outcome is not Session(first, 64).outcome


@needs_override
def test_every_command_takes_a_source_design(cli, tmp_path):
    d = f"{PREFIX}{TREES / 'override'}"
    rc, out, _ = cli("query", "--design", d, "-w", "64", "ret == -EAGAIN && vma_created && unmapped")
    assert rc == 0 and "mm/util.c:" in out and "do_munmap" in out
    rc, out, _ = cli("explain", "--design", d, "-w", "64", "-i", "ret-valid-errno")
    assert rc == 0 and "read from the tree at mm/util.c:" in out
    scenario = Path(__file__).parent.parent / "examples" / "devmem-remap-failure.json"
    text = scenario.read_text().replace('"design": "override"', f'"design": "{d}"')
    (tmp_path / "s.json").write_text(text)
    rc, out, _ = cli("replay", str(tmp_path / "s.json"))
    assert rc == 0 and "expectations met" in out
    rc, out, err = cli("source", "--tree", str(TREES / "override"), "-w", "32", "-i",
                       "unmap-on-failure", "--json")
    assert rc == 0 and '"proved"' in out and "project's model" in err
