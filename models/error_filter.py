"""Design ``error-filter``: v1/v2 of "remove mmap_action success, error hooks"
(May 2026).  The field was named ``error_filter``; v3 renamed it
``error_override`` "as per David" with no change of meaning.

Source read: the v3 interdiff as applied to mm.git (mm/util.c
mmap_action_finish ``return action->error_filter ?: err;`` and
check_mmap_action ``WARN_ON_ONCE(filter && !IS_ERR_VALUE(filter))``,
drivers/char/mem.c ``desc->action.error_filter = -EAGAIN``).  The v1 posting
itself was not read; v2 is what the interdiff shows.
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
    summary = ("as override, with the field named error_filter: `return error_filter ?: err` "
               "after do_munmap; check_mmap_action validates the filter.")

    @rule("mm/util.c", "mmap_action_finish", "return action->error_filter ?: err")
    def apply_override(self, p: Path, inp: Inputs, err: z3.BitVecRef) -> z3.BitVecRef:
        return elvis(inp.override, err)
