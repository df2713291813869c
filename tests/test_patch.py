"""`verify patch`: a patch series applied to a copy of the files read, proofs and
identification before and after, and every kind of bad patch input."""
from __future__ import annotations

import hashlib
import json
import pathlib
import re
import shutil
import subprocess

import pytest

from verify.patchfile import read

TREES = pathlib.Path(__file__).parent / "trees"
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
COMPAT_RETURNS = "\tif (!err || is_compat)\n\t\treturn err;\n"
COMPAT_UNMAPS = "\tif (!err)\n\t\treturn err;\n"


def digest(root: pathlib.Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and ".git" not in p.parts:
            h.update(str(p.relative_to(root)).encode() + p.read_bytes())
    return h.hexdigest()


def tree_copy(tmp: pathlib.Path, name: str = "override", git: bool = False) -> pathlib.Path:
    dest = tmp / f"{name}-{'git' if git else 'plain'}"
    shutil.copytree(TREES / name, dest)
    if git:
        subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
        subprocess.run(GIT + ["add", "-A"], cwd=dest, check=True)
        subprocess.run(GIT + ["commit", "-qm", "base"], cwd=dest, check=True)
    return dest


def series(tmp: pathlib.Path, edits: list[tuple[str, str, str, str]], name="override") -> list[str]:
    """git format-patch texts, one per (subject, file, old, new) edit, in order."""
    work = tree_copy(tmp / "scratch", name, git=True)
    out = []
    for subject, rel, old, new in edits:
        path = work / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text() if path.exists() else ""
        assert old in text
        path.write_text(text.replace(old, new, 1) if old else text + new)
        subprocess.run(GIT + ["add", "-A"], cwd=work, check=True)
        subprocess.run(GIT + ["commit", "-qm", subject], cwd=work, check=True)
        out.append(subprocess.run(GIT + ["format-patch", "-1", "--stdout"], cwd=work, check=True,
                                  capture_output=True, text=True).stdout)
    return out


@pytest.fixture
def unmap_patch(tmp_path):
    text = series(tmp_path, [("mm: compat path unmaps", "mm/util.c", COMPAT_RETURNS,
                              COMPAT_UNMAPS)])[0]
    p = tmp_path / "0001-unmap.patch"
    p.write_text(text)
    return p


@pytest.mark.parametrize("git", [False, True], ids=["patch-p1", "git-apply"])
def test_a_patch_that_breaks_an_invariant(cli, tmp_path, unmap_patch, git):
    tree = tree_copy(tmp_path, git=git)
    before = digest(tree)
    rc, out, err = cli("patch", str(unmap_patch), "--tree", str(tree), "--json")
    assert rc == 1, err
    doc = json.loads(out)
    assert doc["tool"] == ("git apply" if git else "patch -p1")
    assert set(doc["identified"]["before"]) == {"override", "error-filter", "v-override"}
    assert doc["identified"]["after"] == []
    new = {(c["invariant"], c["config"]) for c in doc["changes"] if c["change"] == "newly refuted"}
    assert ("no-unmap-detached", "mmu-compat") in new
    cex = next(c for c in doc["changes"] if c["invariant"] == "no-unmap-detached"
               and c["change"] == "newly refuted")["counterexample"]
    unmap = [s for s in cex["steps"] if s["kind"] == "unmap"]
    line = int(unmap[0]["label"].split()[0].split(":")[1])          # mm/util.c:LINE do_munmap
    patched = (tmp_path / "scratch" / "override-git" / "mm" / "util.c").read_text().splitlines()
    assert "do_munmap" in patched[line - 1]
    assert digest(tree) == before                                    # the tree is untouched


def test_a_series_in_one_mbox_is_applied_in_order(cli, tmp_path):
    texts = series(tmp_path, [("mm: compat path unmaps", "mm/util.c", COMPAT_RETURNS, COMPAT_UNMAPS),
                              ("mm: compat path leaves cleanup to its caller", "mm/util.c",
                               COMPAT_UNMAPS, COMPAT_RETURNS)])
    mbox = tmp_path / "series.mbox"
    mbox.write_text("".join(texts))
    assert [p.subject for p in read(str(mbox))] == [
        "[PATCH] mm: compat path unmaps", "[PATCH] mm: compat path leaves cleanup to its caller"]
    rc, out, _ = cli("patch", str(mbox), "--tree", str(tree_copy(tmp_path)))
    assert rc == 0
    assert "identified after:  override, error-filter, v-override" in out
    assert "newly refuted" not in out and "unchanged: 64" in out


def bad_inputs(tmp: pathlib.Path) -> dict[str, tuple[pathlib.Path, int, str]]:
    docs = series(tmp, [("docs: a note", "Documentation/mm/note.rst", "", "A note.\n")])[0]
    unmap = series(tmp / "again", [("mm: x", "mm/util.c", COMPAT_RETURNS, COMPAT_UNMAPS)])[0]
    files = {
        "not-a-patch": ("notes.txt", "Just some text.\nNo diff here.\n", 65, "not a patch"),
        "binary": ("blob.bin", b"\x7fELF\x00\x01\x02", 65, "a binary file"),
        "mbox-without-patch": ("empty.mbox", "From someone Mon Sep 17 00:00:00 2001\nSubject: "
                               "[PATCH 0/2] cover letter\n\nNo diff.\n", 65, "no patch in them"),
        "does-not-apply": ("stale.patch", unmap.replace("-\tif (!err || is_compat)",
                                                        "-\tif (!err || stale)"), 3, "does not apply"),
        "nothing-read": ("docs.patch", docs, 4, "nothing verify source reads"),
    }
    out = {}
    for key, (name, content, code, says) in files.items():
        p = tmp / name
        p.write_bytes(content if isinstance(content, bytes) else content.encode())
        out[key] = (p, code, says)
    out["missing"] = (tmp / "nosuch.patch", 66, "no such patch file")
    return out


@pytest.mark.parametrize("case", ["not-a-patch", "binary", "mbox-without-patch", "does-not-apply",
                                  "nothing-read", "missing"])
def test_bad_patch_input_is_one_line_and_its_exit_code(cli, tmp_path, case):
    path, code, says = bad_inputs(tmp_path)[case]
    tree = tree_copy(tmp_path)
    before = digest(tree)
    rc, out, err = cli("patch", str(path), "--tree", str(tree))
    assert (rc, out) == (code, "")
    assert says in err and len(err.strip().splitlines()) == 1
    assert digest(tree) == before


MUTANT_PATCHES = {   # a fixture mutant patch -> its base tree and the invariants it newly refutes
    "compat-unmaps": ("override", {"no-unmap-detached", "ret-valid-errno"}),
    "zero-extend": ("override", {"check-accepts-exactly-valid", "warn-only-on-driver-bug"}),
    "hooks-success-hook-skips-unmap": ("hooks", {"rmap-lock-balanced", "unmap-on-failure"}),
}


@pytest.mark.parametrize("name", list(MUTANT_PATCHES))
def test_the_fixture_mutant_patches(cli, tmp_path, name):
    base, refuted = MUTANT_PATCHES[name]
    tree = tree_copy(tmp_path, base)
    rc, out, _ = cli("patch", str(TREES / "mutants" / f"{name}.patch"), "--tree", str(tree),
                     "--json")
    doc = json.loads(out)
    assert rc == 1 and doc["identified"]["before"] and doc["identified"]["after"] == []
    assert {c["invariant"] for c in doc["changes"] if c["change"] == "newly refuted"} == refuted


def test_a_patch_that_fixes_an_invariant_is_newly_proved(cli, tmp_path):
    tree = tree_copy(tmp_path)
    subprocess.run(["patch", "-p1", "--batch", "--silent", "-i",
                    str(TREES / "mutants" / "compat-unmaps.patch")], cwd=tree, check=True)
    fix = subprocess.run(["patch", "-p1", "-R", "--dry-run", "--batch", "-i",
                          str(TREES / "mutants" / "compat-unmaps.patch")], cwd=tree)
    assert fix.returncode == 0
    reverse = tmp_path / "revert.patch"
    text = (TREES / "mutants" / "compat-unmaps.patch").read_text()
    lines = [re.sub(r"^@@ -(\S+) \+(\S+) @@", r"@@ -\2 +\1 @@", ln) if ln.startswith("@@") else
             ("+" + ln[1:]) if ln.startswith("-") and not ln.startswith("---") else
             ("-" + ln[1:]) if ln.startswith("+") and not ln.startswith("+++") else ln
             for ln in text.splitlines()]      # the same patch, reversed
    reverse.write_text("\n".join(lines) + "\n")
    rc, out, err = cli("patch", str(reverse), "--tree", str(tree), "--json")
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["identified"] == {"before": [], "after": ["override", "error-filter", "v-override"]}
    assert {c["invariant"] for c in doc["changes"] if c["change"] == "newly proved"} == \
        {"no-unmap-detached", "ret-valid-errno"}
