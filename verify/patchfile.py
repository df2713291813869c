"""Patch files as `verify patch` reads them: git format-patch files, mboxes holding a
series, or plain unified diffs, split into patches and each patch into its file diffs.

A patch's text is never interpreted beyond its headers: which files each diff changes
(``--- a/PATH`` / ``+++ b/PATH``, or ``diff --git``), and whether the change is binary.
Applying is ``git apply`` or ``patch -p1`` (``verify.patch``).
"""
from __future__ import annotations

import dataclasses
import pathlib
import re

from verify.errors import InputFileError, VerifierError

EXIT_BAD_PATCH = 65       # EX_DATAERR: not a patch, a binary file, an mbox with no patch in it
EXIT_DOES_NOT_APPLY = 3   # the patch does not apply to the tree
EXIT_NOTHING_READ = 4     # the patches change no file the verifier reads

FROM_LINE = re.compile(r"^From \S+ .*$", re.M)            # an mbox message starts here
DIFF_GIT = re.compile(r"^diff --git (\S+) (\S+)", re.M)
OLD_NEW = re.compile(r"^--- (\S+)[^\n]*\n\+\+\+ (\S+)", re.M)
SIGNATURE = re.compile(r"^-- $", re.M)                    # format-patch's "-- \n2.43.0" trailer


class BadPatch(VerifierError):
    exit_code = EXIT_BAD_PATCH


class PatchDoesNotApply(VerifierError):
    exit_code = EXIT_DOES_NOT_APPLY


class NothingRead(VerifierError):
    exit_code = EXIT_NOTHING_READ


@dataclasses.dataclass(frozen=True)
class FileDiff:
    paths: tuple[str, ...]      # the file's path before and after (one if the same), no a/ b/
    text: str                   # the diff of this file, as written
    binary: bool


@dataclasses.dataclass(frozen=True)
class Patch:
    source: str                 # "FILE" or "FILE #3" (the third patch of an mbox)
    subject: str
    diffs: tuple[FileDiff, ...]

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for d in self.diffs for p in d.paths))

    def only(self, paths) -> str:
        """The diffs of this patch that change one of ``paths``, as one text."""
        return "".join(d.text for d in self.diffs if set(d.paths) & set(paths))


def _strip(path: str) -> str | None:
    if path == "/dev/null":
        return None
    return path.split("/", 1)[1] if "/" in path else path     # -p1


def _diffs(body: str) -> list[FileDiff]:
    end = SIGNATURE.search(body)
    body = body[:end.start()] if end else body
    starts = [m.start() for m in DIFF_GIT.finditer(body)]
    if not starts:                                            # a plain unified diff
        starts = [m.start() for m in OLD_NEW.finditer(body)]
    out = []
    for k, start in enumerate(starts):
        text = body[start:starts[k + 1] if k + 1 < len(starts) else len(body)]
        m = OLD_NEW.search(text)
        names = m.groups() if m else DIFF_GIT.match(text).groups()  # type: ignore[union-attr]
        paths = tuple(dict.fromkeys(p for p in map(_strip, names) if p))
        binary = "\nGIT binary patch\n" in text or bool(re.search(r"^Binary files ", text, re.M))
        out.append(FileDiff(paths, text if text.endswith("\n") else text + "\n", binary))
    return out


def _subject(message: str) -> str:
    m = re.search(r"^Subject:[ \t]*(.*(?:\n[ \t]+.*)*)", message, re.M)
    return " ".join(m.group(1).split()) if m else ""


def read(path: str) -> list[Patch]:
    """The patches in the file at ``path``, in order; raises a one-line error for a file
    that is missing, binary, not a patch, or an mbox with no patch in it."""
    p = pathlib.Path(path)
    if not p.is_file():
        raise InputFileError(f"{path}: no such patch file" if not p.exists() else
                             f"{path}: not a file; give a patch (git format-patch) or an mbox")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputFileError(f"{path}: cannot read: {e.strerror}") from None
    if b"\0" in data:
        raise BadPatch(f"{path}: a binary file, not a patch")
    text = data.decode("utf-8", "surrogateescape")
    starts = [m.start() for m in FROM_LINE.finditer(text)]
    messages = [text[s:e] for s, e in zip(starts, starts[1:] + [len(text)])] if starts else [text]
    patches = []
    for n, message in enumerate(messages, 1):
        diffs = _diffs(message)
        if diffs:
            where = path if len(messages) == 1 else f"{path} #{n}"
            patches.append(Patch(where, _subject(message), tuple(diffs)))
    if not patches:
        raise BadPatch(f"{path}: an mbox of {len(messages)} messages with no patch in them"
                       if starts else f"{path}: not a patch (no diff in it)")
    return patches
