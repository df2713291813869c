"""The C front end: a kernel tree's own mm/util.c, mm/internal.h,
include/linux/mm_types.h and include/linux/err.h, read with tree-sitter and run
symbolically into ``models.path`` -- an ordinary ``Design``.

``load_tree(path)`` is the one entry point; parsed trees are cached per content.

What is read, on the path of the code executed (anything else in the files is
never looked at): declarations with or without initialisers (designated
initialisers for structs), ``if``/``else``, ``return``, ``switch`` (stacked
cases, fall-through, ``default`` anywhere or none), ``break``; the integer
operators, ``&&``/``||``/``?:``/GNU ``?:`` with C's evaluation order, casts,
``&``/``*``/``->``/``.``, assignments and ``++``/``--``; calls to functions of
the files read (inlined), to their macros (expanded), to the kernel macros of
``kmacros``, to the callees of ``callees.CALLEES``, and through driver
callback pointers (``memory.FIELDS``; one that nobody initialised before the
driver's mmap_prepare ran is ``memory.Stale``, and a call through it is the
outcome's ``uninit_call``); ``#ifdef CONFIG_MMU`` around functions or
statements.  Loops, ``goto``, labels, inline asm, array subscripts,
recursion, other configuration symbols, unknown names and callees are a
``SourceError`` (exit 125) at their ``file:line``.
"""
from __future__ import annotations

from pathlib import Path as FsPath

from models.cdefs import WORD_SIZES
from models.design import Design
from models.errors import VerifierError
from models.inputs import Inputs
from models.source.design import ENVIRONMENT, SourceDesign
from models.source.errors import SourceError, TreeMissing
from models.source.tree import SourceTree, content_key

__all__ = ["load_tree", "SourceDesign", "SourceError", "TreeMissing", "ENVIRONMENT", "PREFIX"]

PREFIX = "source:"
_DESIGNS: dict[tuple[str, str], SourceDesign] = {}
_BY_CONTENT: dict[str, SourceDesign] = {}


def load_tree(path: str | FsPath, name: str | None = None) -> Design:
    """The design the C of the tree at ``path`` is.  Raises ``TreeMissing`` (exit 66) for a
    missing directory, ``SourceError`` (exit 125) for C the front end cannot judge.
    The code is run once per word size here, so that such an error comes before any proof.
    The same files read again, at another path or under another name, are not run again:
    that design shares the first one's runs and has its own name and title."""
    root = FsPath(path)
    key = content_key(root)
    name = name or f"{PREFIX}{path}"
    if (name, key) in _DESIGNS:
        return _DESIGNS[(name, key)]
    if key in _BY_CONTENT:
        design = _BY_CONTENT[key].at(name, root)
    else:
        try:
            tree = SourceTree.read(root)
        except VerifierError:
            raise
        except Exception as e:     # never a traceback: the tree cannot be judged
            raise SourceError(str(root), f"the front end could not read the tree "
                                         f"({type(e).__name__}: {e})") from e
        design = SourceDesign(name, tree)
        for word in WORD_SIZES:          # as verify.session.symbolic_call runs it for proofs
            design.run(Inputs.symbolic(word), inline=True)
        _BY_CONTENT[key] = design
    _DESIGNS[(name, key)] = design
    return design
