"""The invariants of mmap_action and their proof obligations.

``INVARIANTS`` is the one registry: the CLI, the pytest suite and the docs
generator all read it.
"""
from proofs.registry import INVARIANTS, Assumption, Invariant, invariant  # noqa: F401
from proofs import invariants as _invariants  # noqa: F401  (registers them)
