"""Resolve user-given names (designs, invariants, configs, word sizes)."""
from __future__ import annotations

import dataclasses
from typing import Any, Iterable, Sequence

from models import DESIGNS
from models.cdefs import WORD_SIZES
from models.config import CONFIGS, Config, config, config_names
from models.design import Design
from proofs import INVARIANTS, Invariant
from verify.errors import UnknownName, UsageError


# models.source.PREFIX, written here so that naming a registered design does not load the
# C front end (tree-sitter and its executor); tests/test_cli_registry.py checks they agree.
SOURCE_PREFIX = "source:"


def design(name: str) -> Design:
    """A registered design, a mutant, or ``source:DIR``: the C of the kernel tree at DIR."""
    from models.mutants import MUTANTS
    if name.startswith(SOURCE_PREFIX):
        from models.source import load_tree
        return load_tree(name[len(SOURCE_PREFIX):] or ".", name)
    if name in DESIGNS:
        return DESIGNS[name]
    if name in MUTANTS:
        return MUTANTS[name]
    raise UnknownName("design", name, list(DESIGNS) + list(MUTANTS))


def invariants(ids: Sequence[str] | None) -> list[Invariant]:
    if not ids:
        return list(INVARIANTS.values())
    out = []
    for i in ids:
        if i not in INVARIANTS:
            raise UnknownName("invariant", i, INVARIANTS)
        out.append(INVARIANTS[i])
    return out


def configs(names: Sequence[str] | None) -> list[Config] | None:
    """``None`` means: each invariant's own scope."""
    if not names:
        return None
    if "all" in names:
        return list(CONFIGS.values())
    out = []
    for n in names:
        c = config(n)
        if c is None:
            raise UnknownName("config", n, config_names() + ["all"])
        out.append(c)
    return out


def word_sizes(values: Iterable[int] | None) -> list[int]:
    values = list(values or [])
    for w in values:
        if w not in WORD_SIZES:
            raise UsageError(f"word size {w} is not supported; use 32 or 64")
    return values or list(WORD_SIZES)


def describe() -> dict:
    """The registry as data: invariants, designs, mutants, configurations."""
    from models.inputs import INPUTS
    from models.mutants import MUTANTS
    from proofs.sequences import SEQ_INVARIANTS
    return {
        "invariants": [{
            "id": i.id, "statement": i.statement, "formula": i.formula_text,
            "assumptions": [{"id": a.id, "statement": a.statement} for a in i.assumptions],
            "scope": list(i.scope), "protects": list(i.protects),
            "rationale": i.rationale, "outside_scope": i.outside_scope,
        } for i in INVARIANTS.values()],
        "designs": [{"name": d.name, "title": d.title, "commit": d.commit, "summary": d.summary}
                    for d in DESIGNS.values()],
        "mutants": [{"name": m.name, "summary": m.summary} for m in MUTANTS.values()],
        "configs": [{"name": c.name, "description": c.description, "reachable": c.reachable}
                    for c in CONFIGS.values()],
        "sequence_invariants": [{
            "id": s.id, "statement": s.statement, "kind": s.kind, "formula": s.formula_text,
            "scope": list(s.scope), "protects": list(s.protects),
        } for s in SEQ_INVARIANTS.values()],
        "inputs": [{"name": v.name, "type": v.kind, "meaning": v.meaning, "designs": v.designs}
                   for v in INPUTS],
    }


@dataclasses.dataclass(frozen=True)
class Listing:
    """What ``verify list`` reports: ``describe()``, which is also its JSON."""
    data: dict[str, Any]
    exit_code = 0       # a listing is always answered

    def to_dict(self) -> dict[str, Any]:
        return self.data
