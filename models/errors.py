"""The project's root exception and exit codes, at the lowest layer.

Every layer (models, proofs, verify) raises a subclass of ``VerifierError``;
the command line turns it into one line on stderr and its ``exit_code``.
``verify.errors`` re-exports these and adds the command-line subclasses.
"""
from __future__ import annotations

EXIT_PROVED = 0
EXIT_REFUTED = 1
EXIT_UNKNOWN = 2      # unknown, timeout or vacuous: the run proves nothing
EXIT_USAGE = 64       # EX_USAGE (sysexits.h)
EXIT_NOINPUT = 66     # EX_NOINPUT: a named file does not exist or cannot be read
EXIT_IOERR = 74       # EX_IOERR: an output (a file named to write, or stdout) cannot be written
EXIT_CANNOT_JUDGE = 125  # the C read is outside what the front end understands: no verdict
#                          (125 makes `git bisect run` skip the revision)


class VerifierError(Exception):
    """Root of every error the verifier reports to its user."""
    exit_code = EXIT_USAGE
