"""The context a query is asked in: design, word size, configuration, assumptions.

Shared by ``verify query``/``explain`` and the REPL (which changes it between
questions).  Sessions are cached, so the model is built once per design and
word size for the life of the process.
"""
from __future__ import annotations

import dataclasses

from models.config import CONFIGS, Config
from models.cdefs import WORD_SIZES
from proofs.registry import Assumption
from verify import catalog
from verify.engine import Session
from verify.errors import UnknownName, UsageError
from verify.explain import Explanation, explain, explain_invariant, tracker
from verify.query import names
from verify.query.ask import QueryResult, ask
from verify.query.translate import translate
from verify.replay import session_for


@dataclasses.dataclass
class Settings:
    design: str = "override"
    word: int = 64
    config: str | None = None              # None: MMU and path free
    assume: tuple[str, ...] = ("base",)    # assumption ids, "base" or "none"
    count: int = 1                         # witnesses per query
    timeout_ms: int | None = None

    def validate(self) -> "Settings":
        catalog.design(self.design)
        if self.word not in WORD_SIZES:
            raise UsageError(f"word size {self.word} is not supported; use 32 or 64")
        if self.config is not None and self.config not in CONFIGS:
            raise UnknownName("config", self.config, list(CONFIGS) + ["none"])
        names.assumptions(self.assume)
        return self

    def session(self) -> Session:
        s = session_for(self.design, self.word)
        if self.timeout_ms is not None:
            s.solver.set("timeout", int(self.timeout_ms))
            tracker(s).solver.set("timeout", int(self.timeout_ms))
        return s

    def config_obj(self) -> Config | None:
        return CONFIGS[self.config] if self.config else None

    def assumed(self) -> tuple[Assumption, ...]:
        return names.assumptions(self.assume)

    def ask(self, text: str) -> QueryResult:
        return ask(self.session(), text, self.config_obj(), self.count, self.assumed())

    def explain(self, text: str) -> Explanation:
        s = self.session()
        q = translate(s, text)
        return explain(s, text, [q.condition], self.config_obj(), self.assumed())

    def explain_invariant(self, inv_id: str) -> list[Explanation]:
        """One explanation per configuration: ``config``, or the invariant's scope."""
        inv = catalog.invariants([inv_id])[0]
        cfgs = [self.config] if self.config else list(inv.scope)
        s = self.session()
        return [explain_invariant(s, inv, CONFIGS[c]) for c in cfgs]

    def describe(self) -> str:
        assumed = ", ".join(a.id for a in self.assumed()) or "nothing"
        return (f"design {self.design}, {self.word}-bit, config {self.config or 'any'}, "
                f"assuming {assumed}, {self.count} witness{'es' if self.count > 1 else ''}")
