"""Explanations: minimal sets of kernel rules behind an impossibility or a proof."""
from __future__ import annotations

import pytest
import z3

from models.config import CONFIGS
from proofs import INVARIANTS
from verify.explain import core_rules, explain, explain_invariant, forget, tracker
from verify.query import translate
from verify.query.names import assumptions


def names(e):
    return [r.name for r in e.rules]


def still_unsat_without(session, constraints, rules, dropped, assumed=()):
    """Check directly: the constraints with only ``rules`` minus ``dropped`` tracked on."""
    tr = tracker(session)
    lits = [tr.lits[r] for r in rules if r is not dropped]
    solver = tr.solver([*constraints, *[a.formula(session.outcome) for a in assumed]])
    return solver.check(*lits) == z3.unsat


def test_never_zero_after_unmap_is_explained_by_the_override_rule(get_session):
    s = get_session("override", 64)
    q = "unmapped and ret == 0"
    e = explain(s, q, [translate(s, q).condition])
    assert e.status == "impossible" and e.minimal
    assert {"mmap_action_finish", "apply_override"} <= set(names(e))
    for r in e.rules:
        assert r.file and r.function and r.cite == f"{r.file}:{r.function}"


@pytest.mark.parametrize("q", [
    "unmapped and ret == 0",
    "ret > 0 and mmu",
    "lock_held_at_unmap",
    "type == MMAP_REMAP_PFN and override == -EAGAIN and prepare_err == 0 and vma_created "
    "and path == normal and ret == -ENOMEM",
], ids=["zero-after-unmap", "positive-with-mmu", "lock-at-unmap", "devmem-enomem"])
def test_core_is_minimal_every_rule_is_needed(get_session, q):
    s = get_session("override", 64)
    cond = translate(s, q).condition
    base = assumptions(None)
    e = explain(s, q, [cond], assumed=base)
    assert e.status == "impossible" and e.rules
    assert still_unsat_without(s, [cond], e.rules, None, base)
    for r in e.rules:
        assert not still_unsat_without(s, [cond], e.rules, r, base), f"{r.name} is not needed"


def test_rules_of_another_path_are_not_blamed(get_session):
    # Frames (a rule's state left unchanged when it does not run) are not its content.
    s = get_session("override", 64)
    e = explain_invariant(s, INVARIANTS["unmap-on-failure"], CONFIGS["mmu-normal"])
    assert "compat_vma_mmap" not in names(e) and "do_munmap" in names(e)
    assert [a.id for a in e.assumptions] == ["munmap-succeeds", "vma-well-formed"]


@pytest.mark.parametrize("inv", sorted(INVARIANTS))
def test_every_in_scope_invariant_is_explained(get_session, inv):
    s = get_session("override", 64)
    for c in INVARIANTS[inv].scope:
        e = explain_invariant(s, INVARIANTS[inv], CONFIGS[c])
        assert e.status == "impossible", (inv, c)


def test_refuted_invariant_has_nothing_to_explain(get_session):
    s = get_session("override", 64)
    e = explain_invariant(s, INVARIANTS["ret-valid-errno"], CONFIGS["nommu-normal"])
    assert e.status == "possible" and not e.rules


def test_a_self_contradiction_needs_no_rule(get_session):
    s = get_session("override", 64)
    e = explain(s, "mmu and not mmu", [translate(s, "mmu and not mmu").condition])
    assert e.status == "impossible" and e.rules == () and e.assumptions == ()


def test_core_rules_returns_rules_for_the_docs(get_session):
    s = get_session("override", 32)
    inv = INVARIANTS["check-accepts-exactly-valid"]
    rules = core_rules(s, [CONFIGS["mmu-normal"].constrain(s.inputs), inv.assume(s.outcome),
                           z3.Not(inv.holds(s.outcome))])
    assert "check_mmap_action" in [r.name for r in rules]
    assert all(r.verified in (True, False) for r in rules)



def test_explanations_do_not_depend_on_solver_internals(get_session):
    # devmem-eagain on 32-bit has two minimal cores (override_to_ulong + is_err_value,
    # or check_mmap_action); deletion in a fixed order picks the same one every time,
    # whatever terms the process made before.
    s = get_session("override", 32)
    inv, cfg = INVARIANTS["devmem-eagain"], CONFIGS["mmu-normal"]
    first = explain_invariant(s, inv, cfg)
    forget()
    z3.simplify(z3.And([z3.BitVec(f"noise{i}", 64) > i for i in range(200)]))
    again = explain_invariant(s, inv, cfg)
    assert first.status == again.status == "impossible"
    assert names(first) == names(again) and first.assumptions == again.assumptions


class Interrupted:
    """A solver whose ``n``-th check answers unknown, as a time limit would."""

    def __init__(self, solver, n, counter):
        self.solver, self.n, self.counter = solver, n, counter

    def check(self, *lits):
        self.counter["checks"] += 1
        if self.counter["checks"] == self.n:
            return z3.unknown
        return self.solver.check(*lits)

    def __getattr__(self, name):
        return getattr(self.solver, name)


def test_an_interrupted_deletion_check_keeps_the_rule_and_says_not_minimal(get_session, monkeypatch):
    s = get_session("override", 64)
    q = "unmapped and ret == 0"
    cond = [translate(s, q).condition]
    whole = explain(s, q, cond)
    tr = tracker(s)
    counter, built = {"checks": 0}, []
    make = type(tr).solver

    def solver(self, extra=()):
        built.append(1)
        return Interrupted(make(self, extra), 2, counter)

    monkeypatch.setattr(type(tr), "solver", solver)
    e = explain(s, q, cond)
    assert e.status == "impossible" and not e.minimal
    assert len(built) == 2                  # rebuilt after the interrupted check
    assert e.checks > 1 and e.rules       # the deletion went on after the interruption
    assert still_unsat_without(s, cond, e.rules, None, e.assumptions)   # still sufficient
    assert e.to_dict()["minimal"] is False and whole.minimal


def test_skipping_checks_by_cores_gives_what_plain_deletion_gives(get_session):
    # Plain deletion over every literal, in the same order, one check each: the
    # explanation (which skips checks a core already answers) must pick the same set.
    s = get_session("override", 32)
    inv, cfg = INVARIANTS["devmem-eagain"], CONFIGS["mmu-normal"]
    e = explain_invariant(s, inv, cfg)
    tr = tracker(s)
    o = s.outcome
    alits = {a.id: z3.Bool(f"assume!{a.id}") for a in inv.assumptions}
    solver = tr.solver([z3.Not(inv.holds(o)), cfg.constrain(s.inputs)]
                       + [z3.Implies(alits[a.id], a.formula(o)) for a in inv.assumptions])
    keep = [*alits.values(), *tr.lits.values()]
    i = 0
    while i < len(keep):
        trial = keep[:i] + keep[i + 1:]
        if solver.check(*trial) == z3.unsat:
            keep = trial
        else:
            i += 1
    ids = {x.get_id() for x in keep}
    assert names(e) == [r.name for r, lit in tr.lits.items() if lit.get_id() in ids]
    assert [a.id for a in e.assumptions] == [a.id for a in inv.assumptions
                                            if alits[a.id].get_id() in ids]
    assert e.checks < 1 + len(tr.lits) + len(alits)     # some checks were skipped
