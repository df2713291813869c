"""The mutant trees: small patches of the fixture trees (``tests/trees/mutants/``).

Each ``NAME.patch`` is a ``git format-patch`` style patch against one fixture
tree, a plausible kernel bug.  Its commit message carries two trailers:

    Base-tree: override          the tree under tests/trees/ it applies to
    Model-mutant: elvis-swapped  the design of models/mutants.py it is (or "none")

``materialise(name, dest)`` copies the base tree into ``dest`` and applies the
patch there (``git apply``, or ``patch -p1`` with ``tool="patch"``).
"""
from __future__ import annotations

import dataclasses
import email.parser
import pathlib
import re
import shutil
import subprocess

TREES = pathlib.Path(__file__).resolve().parent / "trees"
MUTANTS_DIR = TREES / "mutants"


class MutantTreeError(RuntimeError):
    """A mutant patch is malformed or does not apply."""


@dataclasses.dataclass(frozen=True)
class MutantTree:
    name: str
    base: str              # the fixture tree (= design) it patches
    model: str | None      # the models/mutants.py design it corresponds to, if any
    subject: str
    patch: pathlib.Path


def _trailer(body: str, key: str, patch: pathlib.Path) -> str:
    m = re.search(rf"^{key}:\s*(\S+)\s*$", body, re.M)
    if not m:
        raise MutantTreeError(f"{patch.name}: no '{key}:' trailer in its message")
    return m.group(1)


def load(patch: pathlib.Path) -> MutantTree:
    text = patch.read_text()
    if not text.startswith("From "):
        raise MutantTreeError(f"{patch.name}: not a format-patch file (no 'From ' line)")
    head, _, _ = text.partition("\n---\n")
    msg = email.parser.Parser().parsestr(head.split("\n", 1)[1])
    subject = re.sub(r"^\[PATCH[^\]]*\]\s*", "", " ".join(str(msg["Subject"]).split()))
    body = msg.get_payload()
    base = _trailer(body, "Base-tree", patch)
    model = _trailer(body, "Model-mutant", patch)
    if not (TREES / base / "mm" / "util.c").is_file():
        raise MutantTreeError(f"{patch.name}: base tree {base!r} does not exist")
    return MutantTree(patch.stem, base, None if model == "none" else model, subject, patch)


def mutant_trees() -> dict[str, MutantTree]:
    return {p.stem: load(p) for p in sorted(MUTANTS_DIR.glob("*.patch"))}


def materialise(name: str, dest: pathlib.Path, tool: str = "git") -> pathlib.Path:
    """The mutant tree ``name`` in ``dest/name`` (a copy of its base, patched)."""
    m = mutant_trees()[name]
    tree = pathlib.Path(dest) / name
    if tree.exists():
        shutil.rmtree(tree)
    shutil.copytree(TREES / m.base, tree)
    if tool == "git":
        cmd = ["git", "apply", "--whitespace=error-all", str(m.patch)]
    elif tool == "patch":
        cmd = ["patch", "-p1", "--quiet", "--forward", "--no-backup-if-mismatch", "-i", str(m.patch)]
    else:
        raise ValueError(f"tool must be git or patch, not {tool!r}")
    p = subprocess.run(cmd, cwd=tree, capture_output=True, text=True)
    if p.returncode != 0:
        raise MutantTreeError(f"{m.patch.name} does not apply to {m.base} with {tool}: "
                              f"{p.stderr or p.stdout}")
    return tree
