"""`verify patch`: what a patch series changes in the proofs and in the identification.

The files ``verify source`` reads (``models.source.tree.FILES`` and
``OPTIONAL_FILES``) are copied to a temporary directory; the part of each patch
that changes one of them is applied there, in order, with ``git apply`` when
the tree is a git checkout and ``patch -p1`` otherwise.  The tree itself is
never written.  The suite and ``identify`` run on the tree and on the copy;
each obligation is matched with its counterpart (invariant, word size,
configuration) and is newly refuted, newly proved, or unchanged.
"""
from __future__ import annotations

import dataclasses
import pathlib
import shutil
import subprocess
import tempfile
from typing import Any, Sequence

from models.source import PREFIX, load_tree
from models.source.tree import FILES, OPTIONAL_FILES
from verify.engine import prove
from verify.equiv_results import Identification
from verify.equivalence import identify
from verify.errors import EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN, InputFileError
from verify.patchfile import NothingRead, Patch, PatchDoesNotApply, BadPatch, read
from verify.results import ObligationResult, Status, SuiteResult

READ = FILES + OPTIONAL_FILES
NEWLY_REFUTED, NEWLY_PROVED, UNCHANGED, OTHER = "newly refuted", "newly proved", "unchanged", \
    "changed"


def is_git_checkout(tree: pathlib.Path) -> bool:
    try:
        r = subprocess.run(["git", "-C", str(tree), "rev-parse", "--is-inside-work-tree"],
                           capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0 and r.stdout.strip() == "true"


def apply(patches: Sequence[Patch], tree: pathlib.Path, dest: pathlib.Path, git: bool) -> list[str]:
    """Copy the files read from ``tree`` to ``dest`` and apply the patches there; return,
    per patch, what was done.  Raises for a patch that does not apply or changes nothing read."""
    for rel in READ:
        if (tree / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(tree / rel, dest / rel)
    done, work = [], dest.parent / "patches"
    work.mkdir(exist_ok=True)
    for n, p in enumerate(patches, 1):
        touched = [x for x in p.paths if x in READ]
        if not touched:
            done.append(f"{p.source}: skipped, changes only {', '.join(p.paths)}")
            continue
        if any(d.binary for d in p.diffs if set(d.paths) & set(READ)):
            raise BadPatch(f"{p.source}: a binary change to {', '.join(touched)}, not C")
        diff = work / f"{n:04}.diff"
        diff.write_bytes(p.only(READ).encode("utf-8", "surrogateescape"))
        cmd = (["git", "apply", "-p1", "--whitespace=nowarn", str(diff)] if git else
               ["patch", "-p1", "--batch", "--forward", "--silent", "--no-backup-if-mismatch",
                "--reject-file=-", "-i", str(diff)])
        try:
            r = subprocess.run(cmd, cwd=dest, capture_output=True, text=True, timeout=60)
        except OSError as e:
            raise InputFileError(f"cannot run {cmd[0]}: {e.strerror}") from None
        if r.returncode != 0:
            why = (r.stderr.strip() or r.stdout.strip() or f"{cmd[0]} exited {r.returncode}")
            raise PatchDoesNotApply(f"{p.source}: does not apply to {tree} ({cmd[0]} "
                                    f"{cmd[1]}: {why.splitlines()[0]})")
        done.append(f"{p.source}: applied to {', '.join(touched)}")
    if not any(x in READ for p in patches for x in p.paths):
        paths = sorted({x for p in patches for x in p.paths})
        raise NothingRead(f"the patches change only {', '.join(paths)}: nothing verify source "
                          f"reads ({', '.join(READ)})")
    return done


@dataclasses.dataclass(frozen=True)
class Change:
    kind: str                            # newly refuted | newly proved | unchanged | changed
    before: ObligationResult
    after: ObligationResult


@dataclasses.dataclass(frozen=True)
class PatchResult:
    tree: str
    tool: str                            # git apply | patch -p1
    patches: tuple[Patch, ...]
    applied: tuple[str, ...]             # per patch: applied to ..., or skipped
    before: SuiteResult
    after: SuiteResult
    identified_before: Identification
    identified_after: Identification
    changes: tuple[Change, ...]

    def of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def exit_code(self) -> int:
        """1 an obligation is newly refuted; else 2 one has no verdict after; else 0."""
        if self.of(NEWLY_REFUTED):
            return EXIT_REFUTED
        if any(r.status in (Status.UNKNOWN, Status.VACUOUS) for r in self.after.results):
            return EXIT_UNKNOWN
        return EXIT_PROVED

    def to_dict(self) -> dict[str, Any]:
        def ob(r: ObligationResult) -> dict:
            return {k: v for k, v in r.to_dict().items() if k != "witness"}
        return {
            "tree": self.tree, "tool": self.tool, "exit_code": self.exit_code,
            "patches": [{"source": p.source, "subject": p.subject, "files": list(p.paths)}
                        for p in self.patches],
            "applied": list(self.applied),
            "identified": {"before": list(self.identified_before.equivalent),
                           "after": list(self.identified_after.equivalent)},
            "summary": {k: len(self.of(k)) for k in (NEWLY_REFUTED, NEWLY_PROVED, UNCHANGED, OTHER)},
            "changes": [{"invariant": c.after.obligation.invariant,
                         "word_size": c.after.obligation.word_size,
                         "config": c.after.obligation.config, "change": c.kind, "before": c.before.status.value,
                         "after": c.after.status.value,
                         **({"counterexample": ob(c.after)["counterexample"]}
                            if c.kind == NEWLY_REFUTED and c.after.counterexample else {})}
                        for c in self.changes],
            "before": self.before.to_dict(), "after": self.after.to_dict()}


def _kind(b: ObligationResult, a: ObligationResult) -> str:
    if a.status is b.status:
        return UNCHANGED
    if a.status is Status.REFUTED:
        return NEWLY_REFUTED
    if a.status is Status.PROVED and b.status is Status.REFUTED:
        return NEWLY_PROVED
    return OTHER


def _relabel(s: SuiteResult, name: str) -> SuiteResult:
    """The results of the patched copy under the name the user knows (not the copy's path)."""
    def tr(t):
        return t and dataclasses.replace(t, design=name)
    return dataclasses.replace(s, results=tuple(
        dataclasses.replace(r, obligation=dataclasses.replace(r.obligation, design=name),
                            witness=tr(r.witness), counterexample=tr(r.counterexample))
        for r in s.results))


def _key(r: ObligationResult) -> tuple:
    o = r.obligation
    return o.invariant, o.word_size, o.config


def check(patch_files: Sequence[str], tree: str, timeout_ms: int) -> PatchResult:
    """Read the patches, apply them to a copy, prove and identify before and after."""
    root = pathlib.Path(tree)
    patches = [p for f in patch_files for p in read(f)]
    before_design = load_tree(root, f"{PREFIX}{tree}")     # a tree it cannot read fails here
    git = is_git_checkout(root)
    with tempfile.TemporaryDirectory(prefix="verify-patch-") as tmp:
        dest = pathlib.Path(tmp) / "tree"
        dest.mkdir()
        applied = apply(patches, root, dest, git)
        after_name = f"{PREFIX}{dest}"
        after_design = load_tree(dest, after_name)
        before = prove(designs=[before_design.name], timeout_ms=timeout_ms, simplify=False)
        label = f"{PREFIX}{tree} (patched)"
        after = _relabel(prove(designs=[after_name], timeout_ms=timeout_ms), label)
        ident_before = identify(before_design, timeout_ms=timeout_ms, nearest=False)
        ident_after = dataclasses.replace(identify(after_design, timeout_ms=timeout_ms,
                                                   nearest=False), design=label)
    old = {_key(r): r for r in before.results}
    changes = tuple(Change(_kind(old[_key(a)], a), old[_key(a)], a) for a in after.results)
    return PatchResult(tree, "git apply" if git else "patch -p1", tuple(patches), tuple(applied),
                       before, after, ident_before, ident_after, changes)
