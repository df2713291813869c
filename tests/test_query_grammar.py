"""The query grammar: what parses, and malformed queries pointing at their column."""
from __future__ import annotations

import pytest

from verify.query.errors import QueryError
from verify.query.grammar import parse


@pytest.mark.parametrize("text,root", [
    ("ret == -EAGAIN", "compare"),
    ("mmu and not compat", "and_"),
    ("mmu && !compat || merged", "or_"),
    ("ret != 0 implies unmapped", "implies"),
    ("ret != 0 -> unmapped", "implies"),
    ("a -> b -> c", "implies"),
    ("user_ret u< 0x1000UL", "compare"),
    ("(unsigned long)ret == user_ret", "compare"),
    ("(int)user_ret s>= -4095", "compare"),
    ("vm_start & 0xfff == 0", "compare"),
    ("vm_end - vm_start >> 12 == 16", "compare"),
    ("is_errno(ret)", "call"),
    ("((ret == 0))", "compare"),
    ("true", "true"),
], ids=lambda x: x if isinstance(x, str) and " " not in x else None)
def test_parses(text, root):
    assert parse(text).data == root


def test_bitwise_binds_tighter_than_comparison():
    tree = parse("vm_start & 0xfff == 0")
    assert tree.children[0].data == "band"


def test_implies_is_right_associative():
    tree = parse("a -> b -> c")
    assert tree.children[0].data == "name" and tree.children[2].data == "implies"


def test_keywords_are_not_prefixes_of_names():
    assert parse("android or notable").data == "or_"


@pytest.mark.parametrize("text,column,needle", [
    ("", 1, "empty"),
    ("ret == = 0", 8, "=="),
    ("ret = 0", 5, "compare with '=='"),
    ("ret ==", 7, "ends too early"),
    ("(ret == 0", 10, "')'"),
    ("ret == 0 )", 10, "unexpected ')'"),
    ("a < b < c", 7, "do not chain"),
    ("ret @ 1", 5, "unexpected character '@'"),
    ("12abc == 1", 1, "malformed number"),
    ("__import__('os').system('true')", 12, "unexpected character"),
    ("not", 4, "ends too early"),
], ids=["empty", "double-equals", "single-equals", "eof", "unclosed", "extra-paren", "chain",
        "bad-char", "bad-number", "python-code", "dangling-not"])
def test_malformed_queries_point_at_the_column(text, column, needle):
    with pytest.raises(QueryError) as e:
        parse(text)
    assert e.value.column == column
    assert needle in str(e.value)
    assert "\n" not in str(e.value)
    assert e.value.caret().splitlines()[1].index("^") == column - 1
