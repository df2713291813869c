"""Errors of the C front end: never a proof of something not read.

Every error is one line, ``file:line: what was not understood``.  C outside the
subset the front end reads, a callee it has no contract for, a function or
file that is missing: the verifier gives no verdict (exit 125, which
``git bisect run`` takes as "skip this revision").
"""
from __future__ import annotations

from models.errors import EXIT_CANNOT_JUDGE, EXIT_NOINPUT, VerifierError


class SourceError(VerifierError):
    """The front end cannot judge this tree: C it does not read, or code missing."""
    exit_code = EXIT_CANNOT_JUDGE

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")
        self.where, self.what = where, what


class TreeMissing(VerifierError):
    """The tree directory named does not exist or cannot be read."""
    exit_code = EXIT_NOINPUT
