"""A kernel tree as the front end reads it: the four files, indexed.

``include/linux/mm_types.h`` decides which inputs exist: ``struct mmap_action``
with ``success_hook``/``error_hook`` is the hooks era, with ``error_override``
(or v1/v2's ``error_filter``) the series that removed them; ``enum
mmap_action_type`` gives the action constants their values.
"""
from __future__ import annotations

import hashlib
from pathlib import Path as FsPath

from models.source.declare import Layouts
from models.source.errors import SourceError, TreeMissing
from models.source.memory import FIELDS, Callback, Input, State
from models.source.parse import CFile, Definition, index_files, parse_bytes, read_file

FILES = ("mm/util.c", "mm/internal.h", "include/linux/mm_types.h", "include/linux/err.h")
# Read when present: the versions whose caller drops the rmap lock (ac0a3fc9c07d .. f96e1d5f15b7)
# have it in mm/vma.c call_action_prepare / call_action_complete.
OPTIONAL_FILES = ("mm/vma.c",)
ENTRY_POINTS = ("mmap_action_prepare", "mmap_action_complete", "compat_vma_mmap")


def tree_files(root: FsPath) -> list[FsPath]:
    if not root.is_dir():
        raise TreeMissing(f"{root}: no such directory (the kernel tree to read)")
    if not (root / "mm" / "util.c").is_file():
        raise SourceError(str(root), "not a kernel tree: there is no mm/util.c")
    return [root / rel for rel in FILES + OPTIONAL_FILES]


def content_key(root: FsPath) -> str:
    h = hashlib.sha256()
    for rel, path in zip(FILES + OPTIONAL_FILES, tree_files(root)):
        h.update(rel.encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"\0missing")
        h.update(b"\0")
    return h.hexdigest()


class SourceTree:
    """The files read, their index, struct layouts and enum constants."""

    def __init__(self, root: FsPath, files: list[CFile] | None = None) -> None:
        self.root = root
        if files is None:
            tree_files(root)
            files = []
            for rel in FILES:
                if not (root / rel).is_file():
                    raise SourceError(rel, "missing: the front end reads mm/util.c, mm/internal.h, "
                                           "include/linux/mm_types.h and include/linux/err.h")
                files.append(read_file(root, rel))
            files += [read_file(root, rel) for rel in OPTIONAL_FILES if (root / rel).is_file()]
        self.files_read = tuple(f.rel for f in files)
        self.index = index_files(files)
        self.layouts = Layouts(self.index)
        self.action: dict = {}

    @classmethod
    def from_texts(cls, texts: dict[str, str]) -> "SourceTree":
        """Files given as text (C snippets for tests): indexed, not checked for mmap_action."""
        return cls(FsPath("<text>"), [parse_bytes(rel, t.encode()) for rel, t in texts.items()])

    @classmethod
    def read(cls, root: FsPath) -> "SourceTree":
        """The tree at ``root``, checked to hold the mmap_action code the front end reads."""
        tree = cls(root)
        tree.check()
        return tree

    def check(self) -> None:
        action = self.layouts.of("mmap_action")
        if action is None:
            raise SourceError("include/linux/mm_types.h", "no struct mmap_action: this tree has no "
                                                          "mmap_action code (it predates ac0a3fc9c07d)")
        self.action = action
        for name in ENTRY_POINTS:
            if name not in self.index.functions:
                raise SourceError("mm/util.c", f"no function {name}: not a tree of the mmap_action "
                                               "code the front end reads")
        if "MMAP_NOTHING" not in self.index.enumerators:
            raise SourceError("include/linux/mm_types.h", "no enum mmap_action_type (MMAP_NOTHING)")

    @property
    def hooks(self) -> bool:
        return "success_hook" in self.action or "error_hook" in self.action

    @property
    def override_field(self) -> str:
        return next((f for f in ("error_override", "error_filter") if f in self.action), "")

    def action_fields_set_by_driver(self) -> list[str]:
        """The fields of struct mmap_action that are the driver's choice (the model's inputs)."""
        return [f for f in self.action
                if isinstance(FIELDS.get(("mmap_action", f)), (State, Input, Callback))]

    def functions(self, name: str) -> list[Definition]:
        return self.index.functions.get(name, [])

    def macros(self, name: str) -> list[Definition]:
        return self.index.macros.get(name, [])

    def enum_value(self, name: str) -> int | None:
        """The value of an enumerator defined in the files read (C11 6.7.2.2: one more than the
        previous one unless given)."""
        d = self.index.enumerators.get(name)
        if d is None:
            return None
        enum_list = d.node.parent
        value = -1
        for e in enum_list.named_children:
            if e.type != "enumerator":
                continue
            given = e.child_by_field_name("value")
            if given is None:
                value += 1
            else:
                text = d.file.text(given).rstrip("uUlL")
                try:
                    value = int(text, 0)
                except ValueError:
                    raise SourceError(d.file.where(e), f"enumerator value `{d.file.text(given)}` "
                                                       "is not a number") from None
            if e.id == d.node.id:
                return value
        return None

    @property
    def paths_read(self) -> tuple[str, ...]:
        return self.files_read
