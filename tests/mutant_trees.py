"""Trees made by patching the fixture trees: mutant trees and version trees.

Each ``tests/trees/mutants/NAME.patch`` and ``tests/trees/versions/NAME.patch``
is a ``git format-patch`` style patch.  Its commit message carries two trailers:

    Base-tree: override          the tree it applies to: a fixture tree under
                                 tests/trees/, or another patched tree (by name)
    Model-mutant: elvis-swapped  mutants: the design of models/mutants.py it is (or "none")
    Version: v-f96e1d5           versions: the history version (models/history/) it holds

A mutant is a plausible bug in one fixture tree.  A version tree is the code
of one history version, written as the patch that took its predecessor there
(``Base-tree`` names the fixture tree or the version tree it descends from).

``materialise(name, dest)`` copies the base tree into ``dest`` (materialising
a patched base first) and applies the patch there (``git apply``, or
``patch -p1`` with ``tool="patch"``); ``cached(name)`` does it once per process,
into a temporary directory removed at exit.
"""
from __future__ import annotations

import atexit
import dataclasses
import email.parser
import functools
import pathlib
import re
import shutil
import subprocess
import tempfile

TREES = pathlib.Path(__file__).resolve().parent / "trees"
MUTANTS_DIR = TREES / "mutants"
VERSIONS_DIR = TREES / "versions"


class MutantTreeError(RuntimeError):
    """A tree patch is malformed or does not apply."""


@dataclasses.dataclass(frozen=True)
class MutantTree:
    name: str
    base: str              # the fixture tree, or the patched tree, it applies to
    model: str | None      # mutants: the models/mutants.py design it corresponds to, if any
    subject: str
    patch: pathlib.Path
    version: str | None = None   # version trees: the history version it holds

    @property
    def design(self) -> str:
        """The fixture tree (= design) at the root of its chain of bases."""
        return self.base if is_fixture(self.base) else all_trees()[self.base].design


PatchedTree = MutantTree


def is_fixture(name: str) -> bool:
    return (TREES / name / "mm" / "util.c").is_file()


def _trailer(body: str, key: str, patch: pathlib.Path, required: bool = True) -> str | None:
    m = re.search(rf"^{key}:\s*(\S+)\s*$", body, re.M)
    if not m:
        if not required:
            return None
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
    version = _trailer(body, "Version", patch, required=False)
    model = _trailer(body, "Model-mutant", patch, required=version is None)
    if not is_fixture(base) and not any((d / f"{base}.patch").is_file()
                                        for d in (MUTANTS_DIR, VERSIONS_DIR)):
        raise MutantTreeError(f"{patch.name}: base tree {base!r} does not exist")
    return MutantTree(patch.stem, base, None if model in (None, "none") else model, subject,
                      patch, version)


def _load_dir(d: pathlib.Path) -> dict[str, MutantTree]:
    return {p.stem: load(p) for p in sorted(d.glob("*.patch"))}


def mutant_trees() -> dict[str, MutantTree]:
    return _load_dir(MUTANTS_DIR)


def version_trees() -> dict[str, MutantTree]:
    """The version trees, by version name (the file's stem is the ``Version:`` trailer)."""
    out = _load_dir(VERSIONS_DIR)
    for name, t in out.items():
        if t.version != name:
            raise MutantTreeError(f"{t.patch.name}: its 'Version:' trailer says {t.version!r}")
    return out


def all_trees() -> dict[str, MutantTree]:
    return mutant_trees() | version_trees()


def materialise(name: str, dest: pathlib.Path, tool: str = "git") -> pathlib.Path:
    """The patched tree ``name`` in ``dest/name`` (a copy of its base, patched)."""
    m = all_trees()[name]
    tree = pathlib.Path(dest) / name
    if tree.exists():
        shutil.rmtree(tree)
    if is_fixture(m.base):
        shutil.copytree(TREES / m.base, tree)
    else:
        shutil.copytree(materialise(m.base, pathlib.Path(dest) / ".bases", tool), tree)
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


@functools.lru_cache(maxsize=None)
def _scratch() -> pathlib.Path:
    d = pathlib.Path(tempfile.mkdtemp(prefix="patched-trees-"))
    atexit.register(shutil.rmtree, d, True)
    return d


@functools.lru_cache(maxsize=None)
def cached(name: str) -> pathlib.Path:
    """``materialise(name, ...)`` once per process (the tree must not be written)."""
    return materialise(name, _scratch())
