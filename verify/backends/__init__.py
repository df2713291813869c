"""Other SMT solvers for the proof obligations, through standalone SMT-LIB2 text.

``smtlib`` writes an obligation (or its vacuity query) as an SMT-LIB2 script;
``cvc5_backend`` and ``bitwuzla_backend`` run such a script through the
solver's Python package and return an ``Answer``; ``suite.prove_with`` runs the
proof suite on one of them, rebuilding witnesses and counterexamples by
replaying the solver's input values through the Z3 model.
"""
from __future__ import annotations

from verify.backends.base import Answer, Backend
from verify.errors import SolverError, UnknownName

SOLVERS = ("z3", "cvc5", "bitwuzla")


def backend(name: str) -> Backend:
    """The backend for ``cvc5`` or ``bitwuzla`` (z3 runs in-process in ``verify.engine``)."""
    if name == "cvc5":
        from verify.backends.cvc5_backend import Cvc5
        return Cvc5()
    if name == "bitwuzla":
        from verify.backends.bitwuzla_backend import Bitwuzla
        return Bitwuzla()
    if name == "z3":
        from verify.backends.z3_backend import Z3Text
        return Z3Text()
    raise UnknownName("solver", name, SOLVERS)


__all__ = ["Answer", "Backend", "SOLVERS", "SolverError", "backend"]
