"""Write the generated pages to a folder, or compare a folder with them.

The docs folder may hold files of its own (other generated documents); only
the pages this generator owns are written, removed when stale, and compared:
the index, the history page and the ``invariants/`` and ``designs/`` folders.
A page whose text is already there is not written again.
"""
from __future__ import annotations

import dataclasses
import difflib
import os
from pathlib import Path

from verify.docs.pages import DRIVERS, HISTORY, INDEX
from verify.errors import InputFileError, UsageError

OWNED_DIRS = ("invariants", "designs")


def owned_files(root: Path) -> set[str]:
    """The pages of this generator present under ``root`` (relative paths)."""
    found = {p for p in (INDEX, HISTORY, DRIVERS) if (root / p).is_file()}
    for sub in OWNED_DIRS:
        if (root / sub).is_dir():
            found |= {f"{sub}/{p.name}" for p in (root / sub).glob("*.md")}
    return found


def check_writable(root: Path, timings: Path | None = None) -> None:
    """Fail at once, before any proof runs, when the docs folder ``root`` cannot be made
    (it is created here, as writing would) or the ``--timings`` file's folder is missing or
    not writable.  Raises ``UsageError``."""
    if root.exists() and not root.is_dir():
        raise UsageError(f"--out {root} is a file; give a folder for the docs")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"cannot write the docs to {root}: {e.strerror or e}; "
                         "give a writable folder with --out") from None
    if not os.access(root, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write the docs to {root}: not writable; "
                         "give a writable folder with --out")
    if timings is not None:
        folder = timings.parent
        if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
            raise UsageError(f"cannot write --timings {timings}: {folder} is not a writable "
                             "folder; give a path in an existing writable folder")


def write(root: Path, pages: dict[str, str]) -> list[str]:
    """Write ``pages`` under ``root`` (those whose text differs from the file's, or
    missing) and remove owned pages that are no longer generated.  Returns the paths
    written.  Raises ``UsageError`` when ``root`` cannot be written."""
    if root.exists() and not root.is_dir():
        raise UsageError(f"--out {root} is a file; give a folder for the docs")
    try:
        for stale in sorted(owned_files(root) - set(pages)):
            (root / stale).unlink()
        written = []
        for rel, text in sorted(pages.items()):
            path = root / rel
            if path.is_file() and path.read_text(encoding="utf-8") == text:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(rel)
    except OSError as e:
        raise UsageError(f"cannot write the docs to {root}: {e.strerror or e}; "
                         "give a writable folder with --out") from None
    return written


@dataclasses.dataclass(frozen=True)
class Difference:
    path: str
    kind: str          # "missing" | "stale" | "changed"
    diff: str = ""     # unified diff, for "changed"


def compare(root: Path, pages: dict[str, str]) -> list[Difference]:
    """How the pages under ``root`` differ from ``pages``.  Raises ``InputFileError``
    when ``root`` is not a folder."""
    if not root.is_dir():
        raise InputFileError(f"no docs folder at {root}; run 'verify docs --out {root}' first")
    out = []
    present = owned_files(root)
    for rel in sorted(set(pages) | present):
        if rel not in present:
            out.append(Difference(rel, "missing"))
        elif rel not in pages:
            out.append(Difference(rel, "stale"))
        else:
            old = (root / rel).read_text(encoding="utf-8")
            new = pages[rel]
            if old != new:
                diff = "".join(difflib.unified_diff(
                    old.splitlines(True), new.splitlines(True), f"{rel} (committed)",
                    f"{rel} (generated)", n=1))
                out.append(Difference(rel, "changed", diff))
    return out
