"""Z3 models of the kernel's mmap_action code, one per kernel design.

``DESIGNS`` maps a design name to its model (``verify.catalog`` resolves names).
Mutants (deliberately broken variants of a design) live in ``models.mutants``.
"""
from __future__ import annotations

from models.design import Design
from models.error_filter import ErrorFilter
from models.hooks import Hooks
from models.hooks_2025 import Hooks2025
from models.override import Override

DESIGNS: dict[str, Design] = {}


def register(design: Design) -> Design:
    if design.name in DESIGNS:
        raise ValueError(f"design {design.name!r} is registered twice")
    DESIGNS[design.name] = design
    return design


register(Override())
register(ErrorFilter())
register(Hooks())
register(Hooks2025())

DEFAULT_DESIGN = "override"

# Every historical version of mmap_action (models/history), for `verify history`.
from models.history import VERSIONS as _VERSIONS  # noqa: E402

for _version in _VERSIONS:
    register(_version)
