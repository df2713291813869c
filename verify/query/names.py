"""The query vocabulary: every name a query may use, its sort and its meaning.

Variables come from three places: the call's inputs (``models.inputs.INPUTS``),
the outcome (``Outcome``) and a few derived names (``path``, ``word_size``,
``warned_<name>`` per ``WARN_ON_ONCE``).  Constants are errno names (``EAGAIN``
is 11; write ``-EAGAIN``), action type names and the two path names.
"""
from __future__ import annotations

import dataclasses
import re

import z3

from models.config import REACHABLE, reachable
from models.errno import ERRNO
from models.inputs import ACTION_TYPES, INPUT_BY_NAME, INPUTS
from models.outcome import FIELDS
from proofs import assumptions as _assumptions
from proofs.registry import Assumption
from verify.engine import Session
from verify.errors import UnknownName, UsageError

# Sorts a query value can have.  "int" is 32-bit signed, "ulong" the word size,
# "type" an int holding enum mmap_action_type, "path" normal/compat.
KINDS = {
    "bool": "bool", "int": "int (32-bit, signed)", "ulong": "unsigned long (word size)",
    "type": "enum mmap_action_type", "path": "normal | compat",
}

# The outcome's variables are its fields (models.outcome.FIELDS).
OUTCOME_MEANING: dict[str, tuple[str, str]] = {f.name: (f.kind, f.meaning) for f in FIELDS}

FUNCTIONS: dict[str, str] = {
    "valid": "valid(int x): x == 0 or is_errno(x) (what check_mmap_action accepts)",
    "is_errno": "is_errno(int x): -4095 <= x <= -1 (a negated errno)",
    "IS_ERR_VALUE": "IS_ERR_VALUE(x): (unsigned long)x >= (unsigned long)-MAX_ERRNO, "
                    "include/linux/err.h (an int is sign-extended first)",
}
PATHS = {"normal": False, "compat": True}
KEYWORDS = ("and", "or", "not", "implies", "true", "false", "int", "ulong", "unsigned", "long")
OPERATORS = ("==", "!=", "<", "<=", ">", ">=", "u<", "u<=", "u>", "u>=", "s<", "s<=", "s>", "s>=",
             "and", "&&", "or", "||", "not", "!", "implies", "->", "+", "-", "*", "&", "|", "^",
             "~", "<<", ">>", "(int)", "(ulong)", "(unsigned long)")


@dataclasses.dataclass(frozen=True)
class Name:
    name: str
    kind: str            # bool | int | ulong | type | path
    source: str          # input | outcome | derived
    meaning: str
    designs: str = "all"


def warning_slug(warning: str) -> str:
    """``check_mmap_action: bad type`` -> ``check_mmap_action_bad_type``: a name a query can use."""
    return re.sub(r"[^a-z0-9]+", "_", warning.lower()).strip("_")


def variables(session: Session) -> dict[str, Name]:
    """Every variable of ``session`` (its design's warnings included), in a stable order."""
    out: dict[str, Name] = {}
    for v in INPUTS:
        out[v.name] = Name(v.name, v.kind, "input", v.meaning, v.designs)
    for name, (kind, meaning) in OUTCOME_MEANING.items():
        out[name] = Name(name, kind, "outcome", meaning)
    out["path"] = Name("path", "path", "derived", "the caller: normal (mmap()) or compat "
                       "(compat_vma_mmap); the same as the input compat")
    out["word_size"] = Name("word_size", "int", "derived",
                            "bits in unsigned long for this query (--word-size): a constant")
    for w in session.outcome.warnings:
        slug = f"warned_{warning_slug(w)}"
        out[slug] = Name(slug, "bool", "derived", f"WARN_ON_ONCE fired: {w}")
    return out


def visible(session: Session) -> dict[str, Name]:
    """The variables of ``session`` without the inputs its design does not read."""
    return {k: v for k, v in variables(session).items()
            if v.source != "input" or session.design.reads(INPUT_BY_NAME[k])}


def term(session: Session, name: str) -> z3.ExprRef:
    """The Z3 term of variable ``name`` in ``session`` (see ``variables``)."""
    o = session.outcome
    if name in session.inputs.terms:
        return session.inputs[name]
    if name == "path":
        return session.inputs.compat
    if name == "word_size":
        return z3.BitVecVal(session.word, 32)
    if name in OUTCOME_MEANING:
        return o.term(name)
    if name.startswith("warned_"):
        for w, fired in o.warnings.items():
            if f"warned_{warning_slug(w)}" == name:
                return fired
    raise UnknownName("variable", name, list(variables(session)))


def constants() -> dict[str, dict[str, int]]:
    return {"errno": dict(ERRNO), "action types": dict(ACTION_TYPES),
            "paths": {k: int(v) for k, v in PATHS.items()}}


def completion_words(session: Session) -> list[str]:
    """Names a reader may type: variables, constants, functions, keywords."""
    words = list(visible(session)) + list(ERRNO) + list(ACTION_TYPES) + list(PATHS)
    return words + list(FUNCTIONS) + list(KEYWORDS)


# The environment assumptions a query may take on (the ones the proofs use).
ASSUMPTIONS: dict[str, Assumption] = {
    a.id: a for a in vars(_assumptions).values() if isinstance(a, Assumption)}
DEFAULT_ASSUMPTIONS = tuple(a.id for a in _assumptions.BASE)


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """What ``verify vars`` reports: the variables of one design and word size
    (``visible``), the constants, functions, operators and assumptions."""
    design: str
    word_size: int
    variables: dict[str, Name]
    exit_code = 0       # always answered

    @property
    def constants(self) -> dict[str, dict[str, int]]:
        return constants()

    @property
    def functions(self) -> dict[str, str]:
        return FUNCTIONS

    def to_dict(self) -> dict:
        return {
            "design": self.design, "word_size": self.word_size,
            "variables": [{"name": v.name, "type": v.kind, "from": v.source, "meaning": v.meaning}
                          for v in self.variables.values()],
            "constants": self.constants, "functions": self.functions,
            "operators": list(OPERATORS),
            "assumptions": {a.id: a.statement for a in ASSUMPTIONS.values()},
        }

# What a query without --config ranges over: the configurations the kernel reaches.
# Not an --assume choice: it is the meaning of "no configuration pinned", and it is
# tracked like an assumption so that an explanation names it when it is needed.
REACHABLE_CALLER = Assumption(
    "reachable-config",
    f"the call comes from a configuration the kernel has a caller for ({', '.join(REACHABLE)}); "
    "nommu-normal must be asked for by name (--config nommu-normal)",
    lambda o: reachable(o.inputs))


def assumptions(ids) -> tuple[Assumption, ...]:
    """Resolve ``--assume`` values: ids, ``base`` (the proofs' base assumptions) or ``none``."""
    ids = list(ids) if ids is not None else ["base"]
    if "none" in ids and len(ids) > 1:
        raise UsageError("--assume none means no assumption; it cannot be combined with "
                         f"{', '.join(i for i in ids if i != 'none')}")
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise UsageError(f"--assume {twice[0]} is given twice; give each assumption once")
    out: list[Assumption] = []
    for i in ids:
        if i == "none":
            continue
        for j in (DEFAULT_ASSUMPTIONS if i == "base" else (i,)):
            if j not in ASSUMPTIONS:
                raise UnknownName("assumption", j, list(ASSUMPTIONS) + ["base", "none"])
            if ASSUMPTIONS[j] not in out:
                out.append(ASSUMPTIONS[j])
    return tuple(out)
