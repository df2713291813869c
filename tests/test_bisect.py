"""`git bisect run verify source -i INVARIANT` on small git repositories built from the
fixture trees: the exit codes git bisect reads, and a bisect that finds its commit."""
from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from verify.bisect import EXIT_STOP_BISECT, exit_code

ROOT = pathlib.Path(__file__).resolve().parent.parent
TREES = ROOT / "tests" / "trees"
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c",
       "commit.gpgsign=false"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "GIT_TERMINAL_PROMPT": "0"}
VERIFY = [sys.executable, "-m", "verify", "source"]
COMPAT_RETURNS = "\tif (!err || is_compat)\n\t\treturn err;\n"
COMPAT_UNMAPS = "\tif (!err)\n\t\treturn err;\n"


def git(repo: pathlib.Path, *args: str) -> str:
    return subprocess.run(GIT + list(args), cwd=repo, check=True, capture_output=True, text=True,
                          env=ENV).stdout


def commit(repo: pathlib.Path, message: str, tree: str | None = None,
           edit: tuple[str, str, str] | None = None) -> str:
    """Commit the fixture tree ``tree`` (replacing everything), or an edit of one file."""
    if tree:
        for p in repo.iterdir():
            if p.name != ".git":
                shutil.rmtree(p) if p.is_dir() else p.unlink()
        shutil.copytree(TREES / tree, repo, dirs_exist_ok=True)
    if edit:
        rel, old, new = edit
        text = (repo / rel).read_text()
        assert old in text
        (repo / rel).write_text(text.replace(old, new, 1))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.mark.parametrize("code, find_fix, seen", [
    (0, False, 0), (1, False, 1), (0, True, 1), (1, True, 0), (2, False, 125), (125, True, 125),
    (64, False, EXIT_STOP_BISECT), (66, True, EXIT_STOP_BISECT)])
def test_exit_codes_as_git_bisect_reads_them(code, find_fix, seen):
    assert exit_code(code, find_fix) == seen


def test_bisect_finds_the_commit_that_broke_an_invariant(tmp_path):
    repo = tmp_path / "linux"
    repo.mkdir()
    git(repo, "init", "-q")
    good = commit(repo, "mm: the override design", tree="override")
    goto = "\tif (!err || is_compat)\n\t\tgoto out;\n"
    skip = commit(repo, "mm: a construct the front end does not read (exit 125: skipped)",
                  edit=("mm/util.c", COMPAT_RETURNS, goto))
    commit(repo, "mm: back to a return", edit=("mm/util.c", goto, COMPAT_RETURNS))
    commit(repo, "mm: reword a comment", edit=("mm/util.c", "hence is_compat", "so is_compat"))
    culprit = commit(repo, "mm: unmap on the compat path too",
                     edit=("mm/util.c", COMPAT_RETURNS, COMPAT_UNMAPS))
    bad = commit(repo, "mm: reword another comment",
                 edit=("mm/util.c", "so is_compat", "therefore is_compat"))
    git(repo, "bisect", "start", bad, good)
    out = git(repo, "bisect", "run", *VERIFY, "-i", "no-unmap-detached")
    assert re.search(rf"^{culprit} is the first bad commit", out, re.M), out
    git(repo, "checkout", "-q", skip)         # still bisecting: the revision is not judged
    r = subprocess.run(VERIFY + ["-i", "no-unmap-detached"], cwd=repo, env=ENV,
                       capture_output=True, text=True)
    assert r.returncode == 125 and "goto" in r.stderr


def test_a_tree_outside_the_bisected_checkout_stops_the_bisect(tmp_path):
    repo = tmp_path / "linux"
    repo.mkdir()
    git(repo, "init", "-q")
    first = commit(repo, "one", tree="override")
    last = commit(repo, "two", edit=("mm/util.c", "hence is_compat", "so is_compat"))
    git(repo, "bisect", "start", last, first)
    plain = tmp_path / "plain"
    shutil.copytree(TREES / "override", plain)
    r = subprocess.run(VERIFY + ["-i", "no-unmap-detached", "--tree", str(plain)], cwd=repo,
                       env=ENV, capture_output=True, text=True)
    assert r.returncode == EXIT_STOP_BISECT and r.stdout == ""
    assert "not a git checkout" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = subprocess.run(VERIFY + ["-i", "no-such-invariant"], cwd=repo, env=ENV,
                       capture_output=True, text=True)
    assert r.returncode == EXIT_STOP_BISECT and "no-such-invariant" in r.stderr


HISTORY = ("hooks-2025", "hooks", "error-filter", "override")   # one commit per design, in order


def test_bisect_finds_the_fix_of_the_compat_path_unmap(tmp_path):
    """CVE-2026-53373: the compat path unmapped a VMA not yet in the tree (no-unmap-detached)
    until 619eab23e1ce, the hooks design; docs/bisect.md walks through this bisect."""
    repo = tmp_path / "linux"
    repo.mkdir()
    git(repo, "init", "-q")
    commits = {name: commit(repo, f"mm: the {name} design", tree=name) for name in HISTORY}
    git(repo, "bisect", "start", "--term-old=broken", "--term-new=fixed")
    git(repo, "bisect", "fixed", commits["override"])
    git(repo, "bisect", "broken", commits["hooks-2025"])
    out = git(repo, "bisect", "run", *VERIFY, "-i", "no-unmap-detached", "--find-fix")
    assert re.search(rf"^{commits['hooks']} is the first fixed commit", out, re.M), out
