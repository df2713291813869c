"""Defaults shared by the commands and the library: each named once.

The default design is the models registry's (``models.DEFAULT_DESIGN``); the
configurations, versions and designs are their registries' (``models.config.CONFIGS``,
``models.history.VERSIONS``, ``models.DESIGNS``).
"""
from __future__ import annotations

from models import DEFAULT_DESIGN

# Solver time limit of one check of a one-call obligation, query or explanation (ms).
DEFAULT_TIMEOUT_MS = 10_000
# Solver time limit of one check of bounded model checking and k-induction (ms): a
# check there covers a whole unrolled sequence of calls.
SEQ_TIMEOUT_MS = 20_000

__all__ = ["DEFAULT_DESIGN", "DEFAULT_TIMEOUT_MS", "SEQ_TIMEOUT_MS"]
