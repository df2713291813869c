"""The project's exceptions: one root, specific subclasses, each with an exit code.

Every message is one line that says what was wrong and what to do instead.
"""
from __future__ import annotations

from typing import Iterable

from models.errors import (EXIT_IOERR, EXIT_NOINPUT, EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN,  # noqa: F401
                           EXIT_USAGE, VerifierError)


class UsageError(VerifierError):
    """Bad input from the user: an unknown name, an out-of-range value."""


class UnknownName(UsageError):
    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        known = sorted(known)
        import difflib   # only for a wrong name
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(repr(c) for c in close)}?" if close else \
            f"known: {', '.join(known)}"
        super().__init__(f"unknown {kind} {name!r}; {hint}")
        self.kind, self.name, self.suggestions = kind, name, close


class InputFileError(VerifierError):
    """A file named on the command line is missing or unreadable."""
    exit_code = EXIT_NOINPUT


class OutputFileError(VerifierError):
    """A file the user named to write (--save, --out, ...) cannot be written."""
    exit_code = EXIT_IOERR


class SolverError(VerifierError):
    """The solver could not be run (missing backend, crashed)."""
    exit_code = EXIT_UNKNOWN
