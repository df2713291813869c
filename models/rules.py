"""Kernel rules: each modelled function names the file and function it encodes.

``@rule(file, function)`` on a model method records where the rule comes from,
runs the method inside that rule (so the definitions it makes are tagged with
it) and binds its result to a fresh constant.  The registry of rules is read by
the trace printer, the explanations and the generated docs.
"""
from __future__ import annotations

import dataclasses
import functools
from typing import Callable

import z3

KERNEL_SOURCE_URL = "https://git.kernel.org/pub/scm/linux/kernel/git/akpm/mm.git/tree/{file}"


@dataclasses.dataclass(frozen=True)
class Rule:
    name: str          # the model method, e.g. "check_mmap_action"
    file: str          # kernel file, e.g. "mm/util.c"
    function: str      # kernel function or macro it encodes
    summary: str = ""  # one line: what the rule says
    verified: bool = True  # False where the behaviour was not read in primary source

    @property
    def cite(self) -> str:
        return f"{self.file}:{self.function}"

    @property
    def url(self) -> str:
        return KERNEL_SOURCE_URL.format(file=self.file)


def rule(file: str, function: str, summary: str = "", verified: bool = True,
         name: str | None = None) -> Callable:
    """Decorate a model method ``f(self, p, ...)`` that encodes a kernel rule; ``name`` is
    the rule's name when it is not the method's (one of two variants of a step)."""
    def deco(fn: Callable) -> Callable:
        r = Rule(name or fn.__name__, file, function,
                 summary or (fn.__doc__ or "").strip().split("\n")[0], verified)

        @functools.wraps(fn)
        def wrapper(self, p, *args, **kwargs):
            with p.in_rule(r):
                out = fn(self, p, *args, **kwargs)
                if isinstance(out, z3.ExprRef):
                    out = p.define(r.name, out)
            return out
        wrapper.rule = r
        return wrapper
    return deco


def rules_of(obj: object) -> list[Rule]:
    """The rules on an object's classes, in method-resolution order (a rule overridden in a
    subclass keeps its place, with the subclass's text)."""
    seen: dict[str, Rule] = {}
    for klass in reversed(type(obj).__mro__):
        for attr in vars(klass).values():
            r = getattr(attr, "rule", None)
            if isinstance(r, Rule):
                seen[r.name] = r
    return list(seen.values())
