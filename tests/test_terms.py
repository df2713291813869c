"""models.terms: the fast paths build what z3's own functions build, and leave to them
what they do not handle (Python values, other contexts, no argument)."""
from __future__ import annotations

import pytest
import z3

from models import terms

a, b = z3.Bools("terms_a terms_b")
x, y = z3.BitVecs("terms_x terms_y", 8)


@pytest.mark.parametrize("fast, slow", [(terms.And, z3.And), (terms.Or, z3.Or)])
def test_and_or_are_z3s(fast, slow):
    assert fast(a, b).eq(slow(a, b)) and fast([a, b]).eq(slow([a, b]))
    assert fast(a, True).eq(slow(a, True))          # a Python bool: z3's own function
    other = z3.Bool("terms_a", ctx=z3.Context())
    with pytest.raises(z3.Z3Exception):
        fast(a, other)                               # two contexts: z3's error


def test_if_is_z3s():
    assert terms.If(a, x, y).eq(z3.If(a, x, y)) and terms.If(a, b, a).eq(z3.If(a, b, a))
    assert terms.If(a, x, 1).eq(z3.If(a, x, 1))
    one, zero = z3.BitVecVal(1, x.size()), z3.BitVecVal(0, x.size())
    for args in ((a, x, y), (a, b, a), (a, one, zero), (z3.BoolVal(True), one, x)):
        assert type(terms.If(*args)) is type(z3.If(*args)), args     # the class z3 gives it


def test_add_and_check_are_the_solvers():
    s = z3.Solver()
    terms.add(s, x == 3, a)
    terms.add(s, [b])
    assert [str(c) for c in s.assertions()] == ["terms_x == 3", "terms_a", "terms_b"]
    assert terms.check(s) == z3.sat and terms.check(s, x == 4) == z3.unsat
    assert terms.check(s, y == 2, z3.Not(b)) == z3.unsat and terms.check(s, y == 2) == z3.sat
    terms.add(s, True)                               # a Python bool: solver.add
    assert terms.check(s, False) == z3.unsat
    with pytest.raises(z3.Z3Exception):
        terms.add(s, z3.Bool("terms_a", ctx=z3.Context()))


def test_pack_and_unpack_give_every_terms_value():
    packed, widths = terms.pack([a, x, b, y])
    assert widths == [1, 8, 1, 8] and packed.size() == 18
    s = z3.Solver()
    s.add(a, z3.Not(b), x == 200, y == 7)
    assert s.check() == z3.sat
    m = s.model()
    assert terms.unpack(m.eval(packed, model_completion=True).as_long(), widths) == [1, 200, 0, 7]
    single, w = terms.pack([x])
    assert single.eq(x) and w == [8]
