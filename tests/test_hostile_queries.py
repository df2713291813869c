"""Hostile queries: Unicode digits, long chains, deep nesting, huge numbers and
shifts C leaves undefined get an answer or a one-line error, never a traceback."""
from __future__ import annotations

import pytest

from verify.query import translate
from verify.query.errors import QueryError
from verify.query.translate import MAX_NESTING


@pytest.fixture
def s64(get_session):
    return get_session("override", 64)


@pytest.mark.parametrize("digit", ["\uff11", "\u00b2", "\u0663"])   # fullwidth 1, superscript 2, Arabic-Indic 3
def test_unicode_digits_are_named_not_ascii(cli, digit):
    rc, out, err = cli("query", f"ret == {digit}")
    assert rc == 64 and "not an ASCII digit" in err and err.count("\n") == 1


@pytest.mark.parametrize("text", [
    " or ".join(["ret == 0"] * 400),
    "ret == " + "+".join(["1"] * 1000),
    "ret == " + "+".join(["ret"] * 1000),
    "not " * 500 + "unmapped",
    "(" * 5000 + "unmapped" + ")" * 5000,
    "unmapped implies " * 1000 + "unmapped",
    "ret == " + "-" * 3000 + "1",
])
def test_long_chains_are_answered(cli, text):
    rc, out, err = cli("query", text)
    assert rc == 0, err
    assert "witness" in out or "impossible" in out


def test_nesting_beyond_the_limit_is_one_line_error(cli):
    deep = "ret == " + "(ret+" * (MAX_NESTING + 5) + "1" + ")" * (MAX_NESTING + 5)
    rc, out, err = cli("query", deep)
    assert rc == 64 and f"at most {MAX_NESTING}" in err and err.count("\n") == 1
    assert len(err) < 500          # a long query is shown in part


def test_nesting_at_the_limit_is_answered(s64):
    q = translate(s64, "ret == " + "(ret+" * (MAX_NESTING - 2) + "1" + ")" * (MAX_NESTING - 2))
    assert q.condition is not None


def test_a_5000_digit_number_says_it_is_too_large(cli):
    rc, _, err = cli("query", "ret == " + "9" * 5000)
    assert rc == 64 and "larger than any C integer type" in err and "leading 0" not in err


@pytest.mark.parametrize("text, words", [
    ("override << -1 == 0", "negative"),
    ("override << 40 == 0", ">= width of int (32 bits)"),
    ("override >> 32 == 0", ">= width of int"),
    ("user_ret << 64 == 0", ">= width of unsigned long (64 bits)"),
])
def test_shifts_c_leaves_undefined_warn(s64, cli, text, words):
    assert any(words in w for w in translate(s64, text).warnings)
    rc, out, _ = cli("query", text)
    assert rc == 0 and "warning:" in out and "undefined in C" in out


def test_a_defined_shift_does_not_warn(s64):
    assert translate(s64, "override << 31 == 0").warnings == ()


@pytest.mark.parametrize("text", ["1 << -1 == 0", "ret == 1 << 100000000000"])
def test_constant_shifts_out_of_range_are_errors(s64, text):
    with pytest.raises(QueryError, match="shift count"):
        translate(s64, text)
