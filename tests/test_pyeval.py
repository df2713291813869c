"""tests/c/pyeval.py, the C tests' compiled evaluator of the model: each operator it
translates gives Z3's value on random operands, the compiled outcome of every design and
model mutant is Z3's on random inputs, and a term it cannot translate is refused."""
from __future__ import annotations

import random

import pytest
import z3

from c import harness, pyeval
from models import DESIGNS
from models.cdefs import WORD_SIZES
from models.mutants import MUTANTS


def z3_value(term: z3.ExprRef, assignment: dict) -> int | bool:
    m = z3.Model()
    for const, v in assignment.items():
        m.update_value(const, z3.BoolVal(v) if z3.is_bool(const) else
                       z3.BitVecVal(v, const.size()))
    r = m.eval(term, model_completion=True)
    return z3.is_true(r) if z3.is_bool(r) else r.as_long()


def operand(rng: random.Random, n: int) -> int:
    """Mostly the edges (0, 1, the sign bit, all ones, small shifts), else any value."""
    edges = [0, 1, 2, n - 1, n, n + 1, 1 << (n - 1), (1 << (n - 1)) - 1, (1 << n) - 1]
    return rng.choice(edges) % (1 << n) if rng.random() < 0.5 else rng.getrandbits(n)


def random_inputs(rng: random.Random, e: harness.Evaluator) -> dict:
    """A value for each input the evaluator's term reads."""
    return {v.name: rng.random() < 0.5 if v.kind == "bool" else operand(rng, v.sort(e.word).size())
            for v, _ in e.inputs}


def operators(a, b, c, p, q):
    """Every operator pyeval translates, over bit-vectors a, b (width n), c (width 3) and
    Booleans p, q."""
    return [
        a + b, a - b, a * b, a & b, a | b, a ^ b, ~a, -a,
        z3.ULE(a, b), z3.ULT(a, b), z3.UGE(a, b), z3.UGT(a, b), a <= b, a < b, a >= b, a > b,
        a << b, z3.LShR(a, b), a >> b, z3.Concat(a, c, b), z3.Extract(a.size() - 1, 1, a)
        if a.size() > 1 else z3.Extract(0, 0, a), z3.ZeroExt(5, a), z3.SignExt(5, a),
        z3.SignExt(1, c), a == b, z3.Distinct(a, b, a + 1), z3.If(p, a, b), z3.And(p, q, a == b),
        z3.Or(p, q), z3.Not(p), z3.Implies(p, q), z3.Xor(p, q), p == q, z3.BoolVal(True),
        z3.BitVecVal(5, a.size()),
    ]


@pytest.mark.parametrize("n", [1, 3, 8, 32, 64])
def test_every_operator_is_z3s(n):
    rng = random.Random(n)
    a, b, c = z3.BitVec("a", n), z3.BitVec("b", n), z3.BitVec("c", 3)
    p, q = z3.Bool("p"), z3.Bool("q")
    names = ["a", "b", "c", "p", "q"]
    for term in operators(a, b, c, p, q):
        f = pyeval.compile_term(term, names)
        for _ in range(25):
            vals = [operand(rng, n), operand(rng, n), rng.getrandbits(3),
                    rng.random() < 0.5, rng.random() < 0.5]
            want = z3_value(term, dict(zip([a, b, c, p, q], vals)))
            assert f(*vals) == want, (term, vals)


def test_shared_subterms_are_computed_once():
    a = z3.BitVec("a", 8)
    t = a + 1
    for _ in range(30):            # 2**30 paths, 30 nodes
        t = t + t
    assert pyeval.compile_term(t, ["a"])(3) == z3_value(t, {a: 3})


@pytest.mark.parametrize("term,names,why", [
    (z3.UDiv(z3.BitVec("a", 8), z3.BitVec("b", 8)), ["a", "b"], "operator bvudiv"),
    (z3.BitVec("a", 8) + z3.BitVec("b", 8), ["a"], "constant b is not an input"),
    (z3.Int("i") + 1, ["i"], "sort Int"),
])
def test_what_it_cannot_translate_is_refused(term, names, why):
    with pytest.raises(pyeval.Unsupported, match=why):
        pyeval.compile_term(term, names)


@pytest.mark.parametrize("word", WORD_SIZES, ids=lambda w: f"{w}bit")
@pytest.mark.parametrize("design", list(DESIGNS) + list(MUTANTS))
def test_the_compiled_outcome_is_z3s(design, word):
    """Every design and model mutant: the harness's evaluator is compiled (none falls
    back to Z3) and gives Z3's packed value on random inputs."""
    e = harness.evaluator(design, word)      # the one the C tests of this process use
    assert e.compiled is not None
    rng = random.Random(f"{design}-{word}")
    for _ in range(25):
        values = random_inputs(rng, e)
        args = [e.python_value(v, values[v.name]) for v, _ in e.inputs]
        assert e.compiled(*args) == e.z3_eval(values), values


def test_an_evaluator_without_compiled_code_uses_z3(monkeypatch):
    """Where pyeval refuses the term, the evaluator answers with Z3's evaluator."""
    def refuse(*a, **k):
        raise pyeval.Unsupported("test")
    compiled = harness.Evaluator("override", 64)
    monkeypatch.setattr(pyeval, "compile_term", refuse)
    plain = harness.Evaluator("override", 64)
    assert compiled.compiled is not None and plain.compiled is None
    rng = random.Random(0)
    for _ in range(10):
        values = random_inputs(rng, plain)
        assert plain(values) == compiled(values)


def test_constants_are_the_inputs_a_term_reads():
    a, b, p = z3.BitVec("a", 8), z3.BitVec("b", 8), z3.Bool("p")
    assert pyeval.constants(z3.If(p, a + 1, z3.BitVecVal(3, 8)) == a) == {"a", "p"}
    assert pyeval.constants(z3.Concat(a, b, a)) == {"a", "b"}
    assert pyeval.constants(z3.BoolVal(True)) == set()
