"""Design ``error-filter``: v1/v2 of "remove mmap_action success, error hooks"
(May 2026).  The field was named ``error_filter``; v3 renamed it
``error_override`` at the request of a reviewer (David), with no change of meaning.

Source read: the v3 interdiff as applied to mm.git, whose removed lines show the v2 names:
mm/util.c ``mmap_action_finish`` returning ``error_filter ?: err``, ``check_mmap_action``
rejecting a non-zero filter that is not ``IS_ERR_VALUE``, and drivers/char/mem.c setting
``error_filter`` to -EAGAIN.  The v1 posting itself was not read; v2 is what the interdiff
shows.
"""
from __future__ import annotations

import z3

from models.cdefs import elvis
from models.inputs import Inputs
from models.override import Override
from models.path import Path
from models.rules import rule


class ErrorFilter(Override):
    name = "error-filter"
    title = "error_filter (v1/v2 of the series removing the hooks)"
    commit = "remove mmap_action success, error hooks v1/v2 (May 2026)"
    summary = ("as override, with the field named error_filter: returns `error_filter ?: err` "
               "after do_munmap; check_mmap_action validates the filter.")

    @rule("mm/util.c", "mmap_action_finish",
          "returns error_filter if the driver set one, else the error (`error_filter ?: err`)")
    def apply_override(self, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
        return elvis(inp.override, err)
