"""The context a query is asked in: design, word size, configuration, assumptions.

Shared by ``verify query``/``explain`` and the REPL (which changes it between
questions).  Sessions are cached, so the model is built once per design and
word size for the life of the process.
"""
from __future__ import annotations

import contextlib
import dataclasses
import sys
from typing import TYPE_CHECKING, Iterator

from models.config import CONFIGS, Config, config, config_names
from models.cdefs import WORD_SIZES
from proofs.registry import Assumption
from verify import catalog
from verify.defaults import DEFAULT_DESIGN
from verify.engine import DEFAULT_TIMEOUT_MS, Session
from verify.errors import UnknownName, UsageError
from verify.query import names
from verify.query.ask import QueryResult, ask
from verify.query.translate import translate
from verify.replay import session_for

if TYPE_CHECKING:
    from verify.explain import Explanation

# verify.explain (the rule trackers) is loaded by the questions that explain, not by a query.

def forget_models() -> None:
    """Drop the cached models and solvers.  A Z3 solver interrupted by a time limit can
    answer later checks wrongly (seen with z3-solver 5.4.1: a "sat" whose model violates the
    model's own definitions), so after an unknown answer every solver is built again."""
    session_for.cache_clear()
    explain = sys.modules.get("verify.explain")
    if explain is not None:     # no tracker was ever built otherwise
        explain.forget()


@dataclasses.dataclass
class Settings:
    design: str = DEFAULT_DESIGN
    word: int = 64
    config: str | None = None              # None: MMU and path free
    assume: tuple[str, ...] = ("base",)    # assumption ids, "base" or "none"
    count: int = 1                         # witnesses per query
    timeout_ms: int | None = None

    def validate(self) -> "Settings":
        catalog.design(self.design)
        if self.word not in WORD_SIZES:
            raise UsageError(f"word size {self.word} is not supported; use 32 or 64")
        if self.config is not None and config(self.config) is None:
            raise UnknownName("config", self.config, config_names() + ["none"])
        names.assumptions(self.assume)
        return self

    def session(self) -> Session:
        return session_for(self.design, self.word)

    @contextlib.contextmanager
    def limits(self) -> Iterator[Session]:
        """The session, with ``timeout_ms`` applied for the duration of one question
        (the session is shared, so the limit is put back afterwards)."""
        s = self.session()
        if self.timeout_ms is not None:
            from verify.explain import tracker
            s.solver.set("timeout", int(self.timeout_ms))
            tracker(s).set_timeout(self.timeout_ms)
        try:
            yield s
        finally:
            if self.timeout_ms is not None:
                s.solver.set("timeout", DEFAULT_TIMEOUT_MS)
                tracker(s).set_timeout(DEFAULT_TIMEOUT_MS)

    def config_obj(self) -> Config | None:
        return config(self.config) if self.config else None

    def assumed(self) -> tuple[Assumption, ...]:
        return names.assumptions(self.assume)

    def ask(self, text: str) -> QueryResult:
        with self.limits() as s:
            r = ask(s, text, self.config_obj(), self.count, self.assumed())
        if r.reason and r.reason.startswith("solver"):
            forget_models()
        return r

    def explain(self, text: str) -> Explanation:
        from verify.explain import explain
        with self.limits() as s:
            q = translate(s, text)
            e = explain(s, text, [q.condition], self.config_obj(), self.assumed())
        if e.status == "unknown" or not e.minimal:
            forget_models()
        return e

    def explain_invariant(self, inv_id: str) -> list[Explanation]:
        """One explanation per configuration: ``config``, or the invariant's scope."""
        from verify.explain import explain_invariant
        inv = catalog.invariants([inv_id])[0]
        cfgs = [self.config] if self.config else list(inv.scope)
        with self.limits() as s:
            out = [explain_invariant(s, inv, config(c)) for c in cfgs]
        if any(e.status == "unknown" or not e.minimal for e in out):
            forget_models()
        return out

    def describe(self) -> str:
        assumed = ", ".join(a.id for a in self.assumed()) or "nothing"
        return (f"design {self.design}, {self.word}-bit, config {self.config or 'any reachable'}, "
                f"assuming {assumed}, {self.count} witness{'es' if self.count > 1 else ''}")
