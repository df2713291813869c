"""mmap-action-verifier: the engine (``prove``) and the command line."""

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it


def __getattr__(name: str):
    # ``from verify import prove`` loads the engine (and Z3) only when asked; ``verify.cli``
    # must be importable without them.
    if name == "prove":
        from verify.engine import prove
        return prove
    raise AttributeError(f"module 'verify' has no attribute {name!r}")
