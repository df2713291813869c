"""``SourceDesign``: the C of a kernel tree as an ordinary design.

``mmap_action_prepare``, ``mmap_action_complete`` (with ``mmap_action_finish``
and every helper they call) and ``compat_vma_mmap`` are the tree's own code,
run by the symbolic executor.  Their callers -- mm/vma.c ``__mmap_region`` and
the environment of the compat caller -- stay the project's model
(``models.callers.Callers``): the environment of the code under verification.
"""
from __future__ import annotations

import copy
from pathlib import Path as FsPath

import z3

from models.callers import Callers
from models.design import Design
from models.inputs import Inputs
from models.path import Path
from models.errors import VerifierError
from models.rules import Rule, rules_of
from models.source import cvalues as cv
from models.source.errors import SourceError
from models.source.executor import Executor
from models.source.tree import SourceTree

ENVIRONMENT = ("callers (mm/vma.c __mmap_region, the compat caller's driver prepare and VMA "
               "set-up) are the project's model, models/callers.py; the rest is the tree's C")


class SourceDesign(Callers, Design):
    def __init__(self, name: str, tree: SourceTree) -> None:
        self.name = name
        self.tree = tree
        self.root = tree.root      # where the files were read (the same files may be read elsewhere)
        self.commit = f"the tree's {', '.join(tree.paths_read)}"
        self.summary = f"mmap_action_prepare/complete/finish and compat_vma_mmap as read; {ENVIRONMENT}"
        self.hooks = tree.hooks
        self._rules: dict[str, Rule] = {}
        self._runs: dict[tuple, object] = {}

    def run(self, inp: Inputs, prefix: str = "", inline: bool = False):
        """One symbolic call; the same inputs (Z3 terms are hash-consed) give the same
        ``Outcome``, so the run done when the tree is loaded serves the first session too."""
        key = (inp.word, prefix, inline, tuple(t.get_id() for t in inp.terms.values()))
        if key not in self._runs:
            self._runs[key] = super().run(inp, prefix, inline=inline)
        return self._runs[key]

    @property
    def title(self) -> str:
        return f"the C read from {self.root}"

    def at(self, name: str, root: FsPath) -> "SourceDesign":
        """The same files read at ``root`` under another name: a design of its own name and
        place that shares this one's runs and rules (nothing in them depends on either)."""
        other = copy.copy(self)
        other.name, other.root = name, root
        return other

    def saw_rule(self, rule: Rule) -> None:
        self._rules.setdefault(rule.name, rule)

    def rules(self) -> list[Rule]:
        if not self._rules:
            self.run(Inputs.symbolic(64))
        return rules_of(self) + list(self._rules.values())

    # -- the code read ----------------------------------------------------------------
    def _args(self, ex: Executor, name: str, compat: bool = False) -> list[cv.CVal]:
        """The entry point's arguments, by parameter type: the call's VMA, descriptor, action,
        file, and ``is_compat``."""
        d = self.tree.functions(name)[0]
        mem = ex.mem
        out = []
        for pname, ptype in ex.parameters(d):
            if ptype.kind == "bool":
                out.append(cv.const(cv.BOOL, compat, ex.word))
            elif ptype.kind == "ptr" and ptype.tag == "mmap_action":
                out.append(mem.pointer_to(mem.region("mmap_action", "desc.action")))
            elif ptype.kind == "ptr" and ptype.tag in ("vm_area_struct", "vm_area_desc", "file",
                                                       "mmap_state"):
                out.append(mem.pointer_to(mem.region(ptype.tag)))
            else:
                ex.fail(d.where, f"{name}: parameter `{pname}` ({ptype.name}) is not one the "
                                 "callers' model passes")
        return out

    def _run(self, p: Path, inp: Inputs, name: str, compat: bool = False) -> z3.BitVecRef:
        ex = Executor(self.tree, self, p, inp)
        try:
            ret = ex.entry(name, self._args(ex, name, compat))
        except VerifierError:
            raise
        except Exception as e:   # C the executor mishandles: no verdict, and where it was
            where = ex.last[0].where(ex.last[1]) if ex.last else "mm/util.c"
            raise SourceError(where, f"the front end could not execute this statement "
                                     f"({type(e).__name__}: {e})") from e
        return cv.convert(ret, cv.INT, p.word).term

    def _caller(self, mm_vma_function: str, otherwise: str) -> str:
        """The normal path enters through mm/vma.c's helper when the tree defines it."""
        defs = self.tree.functions(mm_vma_function)
        return mm_vma_function if any(d.file.rel == "mm/vma.c" for d in defs) else otherwise

    def mmap_action_prepare(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        # Called by Callers.call_mmap_prepare: the normal path only (the compat path is C).
        return self._run(p, inp, self._caller("call_action_prepare", "mmap_action_prepare"))

    def mmap_action_complete(self, p: Path, inp: Inputs, compat: bool) -> z3.BitVecRef:
        name = "mmap_action_complete" if compat else \
            self._caller("call_action_complete", "mmap_action_complete")
        return self._run(p, inp, name, compat)

    def compat_vma_mmap(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        return self._run(p, inp, "compat_vma_mmap")
