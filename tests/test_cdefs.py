"""The C helpers against values worked out by hand from include/linux/err.h."""
from __future__ import annotations

import pytest
import z3

from models import cdefs


def ev(term):
    return z3.simplify(term)


@pytest.mark.parametrize("word,value,expected", [
    (64, -1, 0xFFFFFFFFFFFFFFFF), (64, -4095, 0xFFFFFFFFFFFFF001), (64, 1, 1),
    (64, -(1 << 31), 0xFFFFFFFF80000000), (32, -1, 0xFFFFFFFF), (32, -4096, 0xFFFFF000),
])
def test_int_to_ulong_sign_extends(word, value, expected):
    assert ev(cdefs.int_to_ulong(cdefs.int_val(value), word)).as_long() == expected


@pytest.mark.parametrize("word", [32, 64])
@pytest.mark.parametrize("value,is_err", [
    (0, False), (-1, True), (-4095, True), (-4096, False), (1, False),
    ((1 << 31) - 1, False), (-(1 << 31), False),
])
def test_is_err_value(word, value, is_err):
    x = cdefs.int_to_ulong(cdefs.int_val(value), word)
    assert z3.is_true(ev(cdefs.is_err_value(x))) is is_err


def test_elvis():
    a, b = cdefs.int_val(0), cdefs.int_val(-11)
    assert ev(cdefs.elvis(a, b)).as_signed_long() == -11
    assert ev(cdefs.elvis(cdefs.int_val(-12), b)).as_signed_long() == -12


def test_bad_word_size_is_rejected():
    with pytest.raises(ValueError, match="32 or 64"):
        cdefs.ulong_t(16)
