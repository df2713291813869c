"""``v-override``: v3 of "remove mmap_action success, error hooks" (Jun 2026).

The ``override`` design (models/override.py) under its version name.
hugetlbfs no longer uses ``mmap_prepare`` here: 83f9efcce93f reverted
ea52cb24cd3f in May 2026 (Cc stable), so hugetlbfs maps through its
``->mmap`` again and reserves with the VMA in hand.
"""
from __future__ import annotations

from models.history.world import History
from models.override import Override


class VOverride(Override):
    """The override design, its steps as they are, in the history's world after the
    hugetlbfs revert."""
    name = "v-override"
    title = "error_override: the hooks removed"
    commit = "remove mmap_action success, error hooks v3 (Jun 2026)"
    date = "2026-06"
    tree = "mm-new"
    sources = ("mm/util.c as in mm.git after the series (error_override, check_mmap_action)",
               "83f9efcce93f Revert \"mm/hugetlbfs: update hugetlbfs to use mmap_prepare\"")
    world = History(hugetlbfs_prepare=False)
