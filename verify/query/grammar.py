"""The query grammar (Lark, LALR) and the parser.

Precedence, loosest first: ``implies`` (right-associative), ``or``, ``and``,
``not``, one comparison (no chains), ``|``, ``^``, ``&``, shifts, ``+ -``,
``*``, unary ``- ~`` and casts.  Bitwise operators bind tighter than
comparisons (as in Python, unlike C), so ``vm_start & 0xfff == 0`` means what
it says.  The parser only builds a tree; ``translate`` gives it meaning.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pathlib
import re
import sys
import tempfile

import lark

from verify.query.errors import QueryError

GRAMMAR = r"""
?start: cond

?cond: implies
     | implies "?" cond ":" cond        -> cond
?implies: disj
        | disj IMPLIES implies          -> implies
?disj: conj
     | disj ("or" | "||") conj          -> or_
?conj: neg
     | conj ("and" | "&&") neg          -> and_
?neg: ("not" | "!") neg                 -> not_
    | comparison
?comparison: bitor
           | bitor CMP bitor            -> compare
           | bitor "in" "enum" NAME     -> in_enum
           | bitor "not" "in" "enum" NAME -> not_in_enum
?bitor: bitxor
      | bitor "|" bitxor                -> bor
?bitxor: bitand
       | bitxor "^" bitand              -> bxor
?bitand: shift
       | bitand "&" shift               -> band
?shift: sum
      | shift "<<" sum                  -> shl
      | shift ">>" sum                  -> shr
?sum: product
    | sum "+" product                   -> add
    | sum "-" product                   -> sub
?product: unary
        | product "*" unary             -> mul
?unary: "-" unary                       -> neg
      | "~" unary                       -> inv
      | "(" ctype ")" unary             -> cast
      | atom
ctype: "int"                            -> int_t
     | "ulong"                          -> ulong_t
     | "unsigned" "long"                -> ulong_t
?atom: NAME                             -> name
     | NUMBER                           -> number
     | "true"                           -> true
     | "false"                          -> false
     | NAME "(" cond ")"                -> call
     | "(" cond ")"

IMPLIES.2: "implies" | "->"
CMP.2: /==|!=|<=|>=|<(?!<)|>(?!>)|[us](<=|>=|<(?!<)|>(?!>))/
NAME: /[A-Za-z_][A-Za-z0-9_]*/
NUMBER: /(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*(?![A-Za-z0-9_])/

%import common.WS
%ignore WS
"""

# What the parser expected, in words.
TERMINAL_WORDS = {
    "NAME": "a name", "NUMBER": "a number", "LPAR": "'('", "RPAR": "')'", "MINUS": "'-'",
    "TILDE": "'~'", "TRUE": "true", "FALSE": "false", "NOT": "not", "BANG": "'!'",
    "CMP": "a comparison (== != < <= > >= u< ...)", "AND": "and", "OR": "or",
    "IMPLIES": "implies", "$END": "the end of the query",
}
VALUE_START = {"NAME", "NUMBER", "LPAR", "MINUS", "TILDE", "TRUE", "FALSE"}


PARSER_OPTIONS = {"parser": "lalr", "propagate_positions": True, "maybe_placeholders": False}


def cache_file() -> pathlib.Path:
    """Where the parser tables are kept between runs: named by a digest of the grammar,
    the options and the Lark and Python versions, so a change to any builds them anew."""
    key = f"{GRAMMAR}{sorted(PARSER_OPTIONS.items())}{lark.__version__}{sys.version_info[:2]}"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return pathlib.Path(base) / "mmap-action-verifier" / f"query-parser-{digest}.pickle"


@functools.lru_cache(maxsize=1)
def parser() -> lark.Lark:
    """The LALR parser.  Building its tables takes about 50 ms, reading them back a few:
    they are saved in ``cache_file()`` (written whole, then renamed, so that concurrent
    runs never read half a file) and built again when that file is missing or unusable."""
    path = cache_file()
    try:
        with open(path, "rb") as f:
            return lark.Lark.load(f)
    except Exception:  # missing, unreadable or from another Lark: build the tables again
        pass
    built = lark.Lark(GRAMMAR, **PARSER_OPTIONS)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as f:
            built.save(f)
        os.replace(f.name, path)
    except OSError:  # no writable cache directory: every run builds the tables
        with contextlib.suppress(OSError, NameError):
            os.unlink(f.name)
    return built


def _expected(names: set[str]) -> str:
    if names & VALUE_START:
        return "a value (a name, a number, -EAGAIN, MMAP_REMAP_PFN, true, or '(')"
    words = sorted({TERMINAL_WORDS.get(n, n.lower()) for n in names})
    if len(words) > 6:
        return "an operator or the end of the query"
    return " or ".join(words)


def parse(text: str) -> lark.Tree:
    """Parse one query; raise ``QueryError`` pointing at the offending column."""
    if not text.strip():
        raise QueryError(text, 1, "the query is empty",
                         "write a condition such as 'ret == -EAGAIN'; `verify vars` lists the names")
    try:
        return parser().parse(text)
    except lark.exceptions.UnexpectedCharacters as e:
        raise _bad_character(text, e) from None
    except lark.exceptions.UnexpectedEOF as e:
        raise QueryError(text, len(text) + 1, "the query ends too early",
                         f"expected {_expected(set(e.expected))}") from None
    except lark.exceptions.UnexpectedToken as e:
        tok = e.token
        if tok.type == "$END":
            raise QueryError(text, len(text) + 1, "the query ends too early",
                             f"expected {_expected(set(e.expected))}") from None
        hint = f"expected {_expected(set(e.expected))}"
        if tok.type == "CMP" and "CMP" not in e.expected:
            hint = "comparisons do not chain: write 'a < b and b < c'"
        if tok.type == "NUMBER" and not tok.value[0].isdigit():
            hint = "a number cannot be followed directly by letters"
        raise QueryError(text, tok.column, f"unexpected {tok.value!r}", hint) from None


def _bad_character(text: str, e: lark.exceptions.UnexpectedCharacters) -> QueryError:
    ch = text[e.pos_in_stream]
    if not ch.isascii() and (ch.isdigit() or ch.isnumeric()):
        return QueryError(text, e.column, f"{ch!r} is not an ASCII digit",
                          "write numbers with the digits 0-9 (4096, 0x1000)")
    if ch.isdigit():
        word = re.match(r"[A-Za-z0-9_]+", text[e.pos_in_stream:]).group(0)
        return QueryError(text, e.column, f"malformed number {word!r}",
                          "numbers are decimal (4096) or hex (0x1000), optionally with a U/L suffix")
    if ch == "=":
        return QueryError(text, e.column, "unexpected '='", "compare with '=='")
    allowed = set(e.allowed or ())
    if allowed and allowed <= VALUE_START | {"NOT", "BANG", "__ANON_0"}:
        return QueryError(text, e.column, f"unexpected character {ch!r}", f"expected {_expected(allowed)}")
    return QueryError(text, e.column, f"unexpected character {ch!r}",
                      "operators are == != < <= > >= u< u<= u> u>= and or not implies "
                      "+ - * & | ^ ~ << >>")
