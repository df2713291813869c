"""Any text is either a query or a QueryError naming a column: never a traceback.

Texts are drawn from the query vocabulary (names, constants, operators, numbers
in every base, parentheses) mixed with stray characters, so most are malformed
in some way the grammar or the type checker must catch."""
from __future__ import annotations

import string

import pytest
import z3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify.query import ask, translate
from verify.query.errors import QueryError
from verify.query.names import KEYWORDS, OPERATORS, PATHS

NAMES = ["ret", "user_ret", "override", "type", "mmu", "path", "unmapped", "unmap_len", "vm_start",
         "word_size", "warned", "first_error", "error_hook_ret", "nosuch", "EAGAIN", "ENOMEM",
         "MMAP_REMAP_PFN", "MMAP_NOTHING", "is_errno", "IS_ERR_VALUE", *PATHS]
NUMBERS = st.one_of(st.integers(-2 ** 70, 2 ** 70).map(str),
                    st.integers(0, 2 ** 70).map(hex), st.sampled_from(["0x", "08", "1e3", "0b101"]))
TOKENS = st.one_of(st.sampled_from(NAMES), st.sampled_from(OPERATORS), st.sampled_from(KEYWORDS),
                   st.sampled_from(["(", ")", ",", "-"]), NUMBERS,
                   st.text(string.printable, max_size=2))
TEXTS = st.lists(TOKENS, min_size=1, max_size=12).map(" ".join)


@pytest.fixture
def session64(get_session):
    return get_session("override", 64)


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_any_text_is_a_query_or_an_error_with_a_column(session64, text):
    try:
        q = translate(session64, text)
    except QueryError as e:
        assert 1 <= e.column <= len(text) + 1
        assert "\n" not in str(e)
        return
    assert z3.is_bool(q.condition)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.sampled_from(["ret", "override", "unmap_len", "-EAGAIN", "0", "1", "0xfff",
                                      "==", "!=", "<", "u>=", "and", "or", "not", "+", "&", "(",
                                      ")"]), min_size=3, max_size=9).map(" ".join))
def test_every_well_formed_query_gets_an_answer(session64, text):
    try:
        q = translate(session64, text)
    except QueryError:
        return
    r = ask(session64, text)
    assert r.answer in ("witness", "impossible", "unknown")
    assert q.condition is not None
