"""mmap-action-verifier: the engine (``prove``) and the command line."""
from verify.engine import prove  # noqa: F401
