"""The one skeleton of mmap_action_finish and the callers' tails (models/steps.py), and
the designs stated with it: what each step runs under, what the skeleton returns and
defines, and which rules a design then lists."""
from __future__ import annotations

import pytest
import z3

from models import DESIGNS
from models.action import Action
from models.history import VERSION_NAMES
from models.history.world import History
from models.path import Path
from models.steps import (DO_MUNMAP, ERR, ERROR_HOOK, NO_ERR_OR_COMPAT, RMAP_UNLOCK, SUCCESS_HOOK,
                          ReturnIf, call_action_complete, mmap_action_finish)

ERR_VAR = z3.BitVec("err", 32)


class Recorder:
    """The rules the steps call, as trace lines; the hooks change the error visibly."""

    def maybe_rmap_unlock_action(self, p):
        p.step("unlock")

    def do_munmap(self, p, inp):
        p.step("do_munmap")

    def run_error_hook(self, p, inp, err):
        p.step("error_hook")
        return err - 1

    def run_success_hook(self, p, inp, err):
        p.step("success_hook")
        return err + 7


def run(steps, compat=False):
    p = Path(64)
    out = steps.run(Recorder(), p, None, ERR_VAR, compat)
    return p, out


def valid(p, claim):
    s = z3.Solver()
    s.add(*p.constraints(), z3.Not(claim))
    return s.check() == z3.unsat


def guard(p, label):
    (st,) = [s for s in p.steps if s.label == label]
    return st.guard


@pytest.mark.parametrize("compat", [False, True])
def test_an_early_return_guards_the_steps_after_it(compat):
    p, out = run(mmap_action_finish("test", RMAP_UNLOCK, ReturnIf(NO_ERR_OR_COMPAT), DO_MUNMAP,
                                    ERROR_HOOK), compat)
    done = z3.Or(ERR_VAR == 0, z3.BoolVal(compat))
    assert z3.is_true(guard(p, "unlock"))
    assert valid(p, guard(p, "do_munmap") == z3.Not(done))
    assert valid(p, guard(p, "error_hook") == z3.Not(done))
    assert valid(p, out == z3.If(done, ERR_VAR, ERR_VAR - 1))
    assert [s.label for s in p.steps] == ["unlock", "do_munmap", "error_hook"]


def test_the_body_of_an_early_return_runs_under_its_condition_and_returns():
    p, out = run(mmap_action_finish("test", ReturnIf(ERR, DO_MUNMAP, ERROR_HOOK), SUCCESS_HOOK))
    failed = ERR_VAR != 0
    assert valid(p, guard(p, "do_munmap") == failed)
    assert valid(p, guard(p, "error_hook") == failed)
    assert valid(p, guard(p, "success_hook") == z3.Not(failed))
    assert valid(p, out == z3.If(failed, ERR_VAR - 1, ERR_VAR + 7))


def test_the_result_is_defined_under_the_functions_rule():
    steps = mmap_action_finish("test", SUCCESS_HOOK)
    p, out = run(steps)
    assert [d.rule for d in p.defs] == [steps.rule] and out.eq(p.defs[0].var)
    assert list(p.rules_met) == [steps.rule]


def test_a_tail_that_leaves_the_error_as_it_is_defines_nothing():
    """The callers' tails return the error they were given: no definition of their own (so
    their rule is in no unsat core it has no effect in)."""
    steps = call_action_complete("test", RMAP_UNLOCK, ReturnIf(ERR, DO_MUNMAP))
    p, out = run(steps)
    assert out.eq(ERR_VAR) and p.defs == []
    assert valid(p, guard(p, "do_munmap") == (ERR_VAR != 0))


@pytest.mark.parametrize("name", VERSION_NAMES)
def test_a_version_is_a_design_with_data_only(name):
    """One level from a top-level design, no method of its own: its steps, its world and
    what it cites, as data."""
    cls = type(DESIGNS[name])
    (base,) = cls.__bases__
    assert base in {type(DESIGNS[d]) for d in ("override", "hooks", "hooks-2025")}
    assert base.__bases__ == (Action,)
    assert [k for k, v in vars(cls).items() if callable(v)] == []
    assert isinstance(DESIGNS[name].world, History)
    assert DESIGNS[name].finish.rule.cite == "mm/util.c:mmap_action_finish"


def test_a_design_lists_the_rules_it_meets():
    names = {d: {r.name for r in DESIGNS[d].rules()} for d in ("override", "hooks", "v-382c0f2")}
    assert "apply_override" in names["override"] and "run_success_hook" not in names["override"]
    assert "run_success_hook" in names["hooks"] and "apply_override" not in names["hooks"]
    assert "is_err_value" not in names["hooks"]          # no check_mmap_action before the series
    assert "call_vma_mapped" not in names["v-382c0f2"]    # no vm_ops->mapped before c50ca15dd496


def test_steps_read_as_the_summaries_do():
    assert repr(DESIGNS["hooks"].finish) == (
        "mmap_action_finish: ->mapped, success_hook, rmap unlock, "
        "return if `!err || is_compat`, do_munmap, error_hook")
    assert repr(DESIGNS["hooks-2025"].finish) == (
        "mmap_action_finish: if `err`: do_munmap, error_hook, return, success_hook")
