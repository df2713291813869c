"""The historical designs: what goes wrong without the series, found by the verifier.

Each test asks the solver for a counterexample of a stated shape and checks the trace
it returns; nothing here is a hard-coded verdict.
"""
from __future__ import annotations

import pytest
import z3

from models import DESIGNS
from models.config import CONFIGS
from models.action import ERROR_HOOK_CLEARED
from models.inputs import Inputs
from proofs import INVARIANTS
from verify import catalog
from verify.cli import main
from verify.results import Status

HISTORICAL = ("hooks", "hooks-2025", "error-filter")
ALL_CONFIGS = tuple(CONFIGS)


def counterexample(get_session, design, inv, word, config, *extra):
    """A refutation of ``inv`` on ``design`` that also satisfies ``extra``, as a trace."""
    s = get_session(design, word)
    assume, holds = s.terms(INVARIANTS[inv])
    r, model, reason = s.check(CONFIGS[config].constrain(s.inputs), assume, z3.Not(holds),
                               *[e(s) for e in extra])
    assert r == z3.sat, reason or "no counterexample of that shape"
    return s.trace(model)


def no_success_hook(s):
    return z3.Not(s.inputs.success_hook_set)


def step_labels(trace):
    return [st.label for st in trace.steps]


@pytest.mark.parametrize("name", HISTORICAL + ("override",))
def test_design_is_registered_and_selectable(name):
    assert name in DESIGNS and catalog.design(name) is DESIGNS[name]
    d = DESIGNS[name]
    assert d.title and d.commit and d.summary
    assert d.hooks == name.startswith("hooks")
    for r in d.rules():
        assert r.file and r.function and r.summary


@pytest.mark.parametrize("word", [32, 64])
def test_hooks_error_hook_can_return_a_positive_value(get_session, word):
    cex = counterexample(get_session, "hooks", "ret-valid-errno", word, "mmu-normal", no_success_hook,
                         lambda s: s.outcome.ret > 0)
    assert cex.inputs["error_hook_set"] is True and cex.inputs["error_hook_ret"] > 0
    assert cex.outcome["ret"] == cex.inputs["error_hook_ret"]
    assert "action->error_hook" in step_labels(cex)


@pytest.mark.parametrize("config", ["mmu-normal", "nommu-normal"])
def test_hooks_error_hook_returning_zero_reports_success_for_an_unmapped_vma(get_session, config):
    cex = counterexample(get_session, "hooks", "mapped-on-success", 64, config, no_success_hook,
                         lambda s: s.outcome.ret == 0, lambda s: s.inputs.debug_vm)
    assert cex.inputs["error_hook_ret"] == 0 and cex.outcome["first_error"] != 0
    assert cex.outcome["unmapped"] is True and cex.outcome["vma_mapped"] is False
    assert ERROR_HOOK_CLEARED in cex.outcome["warnings"]
    labels = step_labels(cex)
    assert labels.index("do_munmap") < labels.index("action->error_hook")


@pytest.mark.parametrize("debug_vm", [True, False])
def test_error_hook_clearing_warns_only_with_config_debug_vm(get_session, debug_vm):
    """VM_WARN_ON_ONCE(!err) is a warning only on a CONFIG_DEBUG_VM kernel."""
    s = get_session("hooks", 64)
    cleared = z3.And(CONFIGS["mmu-normal"].constrain(s.inputs), s.inputs.error_hook_set,
                     s.inputs.error_hook_ret == 0, s.outcome.first_error() != 0, s.outcome.ret == 0,
                     s.inputs.debug_vm == debug_vm)
    assert s.check(cleared)[0] == z3.sat
    warned = s.outcome.warnings[ERROR_HOOK_CLEARED]
    assert s.check(cleared, warned)[0] == (z3.sat if debug_vm else z3.unsat)
    assert s.check(cleared, z3.Not(warned))[0] == (z3.unsat if debug_vm else z3.sat)


def test_hooks_success_hook_error_unmaps_after_382c0f2(get_session):
    s = get_session("hooks", 64)
    normal = CONFIGS["mmu-normal"].constrain(s.inputs)
    failed = z3.And(s.inputs.success_hook_set, s.inputs.success_hook_ret != 0, s.outcome.vma_created,
                    s.inputs.munmap_err == 0)
    assert s.check(normal, failed)[0] == z3.sat
    assert s.check(normal, failed, s.outcome.vma_mapped)[0] == z3.unsat


@pytest.mark.parametrize("design", ["override", "hooks", "hooks-2025"])
def test_a_failed_do_munmap_leaves_the_vma_mapped_and_the_error_unchanged(get_session, design):
    """mmap_action_finish discards do_munmap's result: the same error comes back, and the
    VMA it could not unmap is still there."""
    s = get_session(design, 64)
    failed = z3.And(CONFIGS["mmu-normal"].constrain(s.inputs), s.outcome.vma_created,
                    s.outcome.first_error() != 0)
    assert s.check(failed, s.inputs.munmap_err != 0, z3.Not(s.outcome.vma_mapped))[0] == z3.unsat
    assert s.check(failed, s.inputs.munmap_err != 0, s.outcome.unmapped)[0] == z3.unsat
    # The returned value does not depend on do_munmap's result: two calls that differ only
    # in it return the same.
    d = s.design
    a = Inputs.symbolic(64, "a_")
    b = Inputs(64, {**a.terms, "munmap_err": z3.BitVec("b_munmap_err", 32)})
    oa, ob = d.run(a, "a_"), d.run(b, "b_")
    solver = z3.SolverFor("QF_BV")
    solver.add(*oa.path.constraints(), *ob.path.constraints(), oa.ret != ob.ret)
    assert solver.check() == z3.unsat


@pytest.mark.parametrize("design", ["hooks", "hooks-2025"])
def test_prove_exits_one_on_hook_designs(design, capsys):
    assert main(["prove", "--design", design]) == 1
    out = capsys.readouterr().out
    assert "counterexample" in out and "action->error_hook" in out


@pytest.mark.parametrize("design", ["override", "error-filter"])
def test_prove_exits_zero_on_override_designs(design, capsys):
    assert main(["prove", "--design", design]) == 0
    assert "0 refuted" in capsys.readouterr().out


@pytest.mark.parametrize("config", ["mmu-normal", "nommu-normal"])
def test_hooks_2025_unmaps_with_the_rmap_lock_held(get_session, config):
    cex = counterexample(get_session, "hooks-2025", "unlock-before-unmap", 64, config)
    assert cex.inputs["hide"] is True and cex.outcome["lock_held_at_unmap"] is True
    labels = step_labels(cex)
    unlock = "i_mmap_unlock_write (maybe_rmap_unlock_action)"
    assert labels.index("do_munmap") < labels.index(unlock)


@pytest.mark.parametrize("config", ["mmu-compat", "nommu-compat"])
def test_hooks_2025_compat_path_unmaps_a_detached_vma(get_session, config):
    cex = counterexample(get_session, "hooks-2025", "no-unmap-detached", 32, config)
    assert cex.inputs["compat"] is True and cex.outcome["unmap_detached"] is True
    assert cex.outcome["ret"] != 0 or cex.inputs["error_hook_set"]


def test_hooks_2025_success_hook_error_leaves_the_vma_mapped(get_session):
    cex = counterexample(get_session, "hooks-2025", "unmap-on-failure", 64, "mmu-normal",
                         lambda s: s.inputs.success_hook_set, lambda s: s.outcome.ret != 0)
    assert cex.inputs["success_hook_ret"] == cex.outcome["ret"] != 0
    assert cex.outcome["vma_mapped"] is True and cex.outcome["unmapped"] is False


def test_hooks_2025_never_calls_vm_ops_mapped(get_session):
    s = get_session("hooks-2025", 64)
    assert not [src for src in s.outcome.path.sources if src.name == "vm_ops->mapped"]


@pytest.mark.parametrize("design,inv", [
    ("hooks", "unlock-before-unmap"), ("hooks", "no-unmap-detached"),
    ("hooks", "rmap-lock-balanced"), ("hooks-2025", "rmap-lock-balanced")])
@pytest.mark.parametrize("config", ALL_CONFIGS)
def test_fixed_or_never_broken_properties_hold(get_session, design, inv, config):
    r = get_session(design, 64).obligation(INVARIANTS[inv], CONFIGS[config], simplify=False,
                                           traces=False)
    assert r.status is Status.PROVED


def _run_both(a: str, b: str, word: int):
    """Two designs on the same symbolic inputs, in one solver."""
    inp = Inputs.symbolic(word)
    oa, ob = DESIGNS[a].run(inp, "a!"), DESIGNS[b].run(inp, "b!")
    s = z3.SolverFor("QF_BV")
    s.add(*oa.path.constraints(), *ob.path.constraints())
    return inp, oa, ob, s


@pytest.mark.parametrize("word", [32, 64])
def test_error_filter_is_observably_the_override_design(word):
    _, oa, ob, s = _run_both("override", "error-filter", word)
    va, vb = oa.observables(), ob.observables()
    assert s.check(z3.Or(*[va[k] != vb[k] for k in va])) == z3.unsat


@pytest.mark.parametrize("word", [32, 64])
def test_hooks_and_override_agree_without_hooks_and_override(word):
    """The designs differ only where the hooks or the override come in."""
    inp, oa, ob, s = _run_both("override", "hooks", word)
    quiet = z3.And(z3.Not(inp.success_hook_set), z3.Not(inp.error_hook_set), inp.override == 0)
    differ = z3.Or(oa.ret != ob.ret, oa.vma_mapped != ob.vma_mapped, oa.unmapped != ob.unmapped)
    assert s.check(quiet, differ) == z3.unsat
    assert s.check(z3.Not(quiet), differ) == z3.sat
