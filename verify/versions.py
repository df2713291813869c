"""What ``verify --version`` prints: the verifier's version and each solver found.

Read from the installed distributions' metadata, without importing a solver, so
that ``verify --version`` stays as fast as ``verify --help``.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

# (solver, the distribution that installs its Python binding)
SOLVERS = (("z3", "z3-solver"), ("cvc5", "cvc5"), ("bitwuzla", "bitwuzla"))


def solvers() -> list[tuple[str, str | None]]:
    """Each solver and its installed version (``None``: not installed)."""
    out = []
    for name, dist in SOLVERS:
        try:
            out.append((name, version(dist)))
        except PackageNotFoundError:
            out.append((name, None))
    return out


def lines(own: str) -> list[str]:
    each = solvers()          # one scan of the installed distributions
    found = [f"{n} {v}" for n, v in each if v]
    missing = [n for n, v in each if not v]
    out = [f"verify, version {own}", "solvers: " + (", ".join(found) or "none")]
    if missing:
        out.append(f"not installed: {', '.join(missing)} "
                   "(pip install 'mmap-action-verifier[solvers]')")
    return out
