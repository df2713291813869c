"""The engine's three outcomes, vacuity, and the registry's definition errors."""
from __future__ import annotations

import pytest
import z3

from models.config import CONFIGS
from proofs.registry import Assumption, Invariant, invariant
from verify import prove
from verify.errors import UnknownName, UsageError
from verify.results import Status


def make(formula, assume=None, id="synthetic"):
    assumptions = (Assumption("a", "synthetic", assume),) if assume else ()
    return Invariant(id, "synthetic", formula, "synthetic", assumptions, ("mmu-normal",), ("x:y",))


def no_factors(o):
    """True unless vm_start and vm_end are 32-bit factors of a 64-bit semiprime: refuting it
    means factoring, far beyond a one-millisecond time limit."""
    a, b, n = o.inputs.vm_start, o.inputs.vm_end, 0xC0FFEE1B0B7A3D45
    return z3.Or(a * b != n, z3.ULE(a, 1), z3.ULE(b, 1), z3.UGE(a, 1 << 32), z3.UGE(b, 1 << 32))


def test_unsatisfiable_assumptions_are_vacuous_not_proved(get_session):
    inv = make(lambda o: z3.BoolVal(False), assume=lambda o: o.inputs.override != o.inputs.override)
    r = get_session("override", 64).obligation(inv, CONFIGS["mmu-normal"])
    assert r.status is Status.VACUOUS


def test_false_property_is_refuted_with_counterexample(get_session):
    inv = make(lambda o: o.ret == 0)
    r = get_session("override", 32).obligation(inv, CONFIGS["mmu-normal"])
    assert r.status is Status.REFUTED and r.counterexample.outcome["ret"] != 0


def test_timeout_is_unknown_never_proved():
    from verify.engine import Session
    from models.override import Override
    s = Session(Override(), 64, timeout_ms=1)
    r = s.obligation(make(no_factors), CONFIGS["mmu-normal"])
    assert r.status is Status.UNKNOWN and r.reason


def test_suite_exit_codes():
    assert prove(["ret-valid-errno"], word_sizes=[32]).exit_code == 0
    assert prove(["ret-valid-errno"], word_sizes=[32], configs=["nommu-normal"]).exit_code == 1
    assert prove(["ret-valid-errno"], designs=["check-skipped"], word_sizes=[32]).exit_code == 1


def test_prove_default_is_the_whole_in_scope_suite():
    r = prove()
    assert r.exit_code == 0 and r.count(Status.PROVED) == len(r.results) >= 40
    assert {x.obligation.word_size for x in r.results} == {32, 64}


@pytest.mark.parametrize("kwargs,kind", [
    ({"invariants": ["nope"]}, UnknownName), ({"designs": ["hookz"]}, UnknownName),
    ({"configs": ["mmu"]}, UnknownName), ({"word_sizes": [16]}, UsageError),
    ({"timeout_ms": 0}, UsageError),
])
def test_bad_names_raise_usage_errors(kwargs, kind):
    with pytest.raises(kind):
        prove(**kwargs)


def test_unknown_name_suggests_close_matches():
    with pytest.raises(UnknownName, match="did you mean 'unmap-on-failure'"):
        prove(["unmap-on-failur"])


def test_registry_rejects_bad_definitions():
    with pytest.raises(ValueError, match="declared twice"):
        invariant("ret-valid-errno", "x", formula_text="x", assumptions=(), scope=("mmu-normal",),
                  protects=())(lambda o: z3.BoolVal(True))
    with pytest.raises(ValueError, match="scope"):
        invariant("fresh-id", "x", formula_text="x", assumptions=(), scope=("mmu",),
                  protects=())(lambda o: z3.BoolVal(True))
    with pytest.raises(ValueError, match="lower-case"):
        invariant("Bad_ID", "x", formula_text="x", assumptions=(), scope=("mmu-normal",),
                  protects=())(lambda o: z3.BoolVal(True))


def test_unknown_rebuilds_the_solver_and_later_answers_stay_right():
    """After a timeout the session's solver is replaced; later obligations are still right."""
    from verify.engine import Session
    from models.override import Override
    from proofs import INVARIANTS
    s = Session(Override(), 64, timeout_ms=1)
    before = s.solver
    assert s.obligation(make(no_factors), CONFIGS["mmu-normal"]).status is Status.UNKNOWN
    assert s.solver is not before
    s.timeout_ms = 10_000
    s.solver = s._new_solver()
    r = s.obligation(INVARIANTS["ret-valid-errno"], CONFIGS["mmu-normal"])
    assert r.status is Status.PROVED
    r = s.obligation(make(lambda o: o.ret == 0), CONFIGS["mmu-normal"])
    assert r.status is Status.REFUTED and r.counterexample.outcome["ret"] != 0


def test_models_are_checked_against_the_definitions(get_session):
    s = get_session("override", 64)
    r, model, _ = s.check(s.outcome.ret == -11)
    assert r == z3.sat and s.satisfies(model, s.outcome.ret == -11)
    assert not s.satisfies(model, s.outcome.ret == -12)
