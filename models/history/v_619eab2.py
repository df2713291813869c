"""``v-619eab2``: 619eab23e1ce "mm/vma: do not try to unmap a VMA if
mmap_prepare() invoked from mmap()" (Apr 2026, Cc stable; CVE-2026-53373).

An early return of the error when there is none or when ``is_compat`` is set, before
``do_munmap``: the compat path leaves cleanup to the legacy caller.  This is the ``hooks`` design
(models/hooks.py) as it stands.
"""
from __future__ import annotations

from models.history.world import HISTORY
from models.hooks import Hooks


class V619eab2(Hooks):
    """The hooks design, its steps as they are, in the history's world."""
    name = "v-619eab2"
    title = "619eab23e1ce: is_compat, the compat path does not unmap"
    commit = "619eab23e1ce (Apr 2026, Cc stable)"
    date, tree = "2026-04", "mainline"
    summary = ("finish: ->mapped, success_hook, rmap unlock, return if `!err || is_compat`, "
               "do_munmap, error_hook.")
    sources = ("619eab23e1ce as mailed to stable (FAILED to apply to 7.0, May 2026)",)
    world = HISTORY
