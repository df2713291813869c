"""The address-space model: its transition is the one-call model, its geometry is
exact, and every sequence invariant fails on some broken design or layer."""
from __future__ import annotations

import pytest
import z3

from models.address_space import BASE, PAGE_SIZE, AddressSpace
from models.rules import rules_of
from models.space_mutants import SPACES
from proofs.sequences import SEQ_INVARIANTS, system
from verify import catalog
from verify.bmc import bmc
from verify.transition import SeqStatus, Unrolling

KILLERS = [(inv.id, d, sp, c) for inv in SEQ_INVARIANTS.values() for d, sp, c in inv.refuted_by]


@pytest.mark.parametrize("inv,design,space,config", KILLERS,
                         ids=[f"{i}-by-{d}-{sp}-{c}" for i, d, sp, c in KILLERS])
def test_every_sequence_invariant_fails_on_its_killers(inv, design, space, config):
    ts = system(catalog.design(design), 64, config, space)
    (r,) = bmc(ts, [SEQ_INVARIANTS[inv].prop()], 3)
    assert r.status is SeqStatus.REFUTED
    assert r.trace.steps and r.trace.position == len(r.trace.steps)


def test_every_invariant_holds_on_the_kernel_and_has_a_killer():
    for inv in SEQ_INVARIANTS.values():
        assert inv.refuted_by
        for config in inv.scope:
            (r,) = bmc(system(catalog.design("override"), 32, config), [inv.prop()], 2)
            assert r.status is SeqStatus.BOUNDED, (inv.id, config)


def test_hooks_success_reported_over_a_hole():
    """The hook era: error_hook may return 0 after do_munmap; mmap then reports success for
    a range that is not mapped."""
    (r,) = bmc(system(catalog.design("hooks"), 64, "mmu"),
               [SEQ_INVARIANTS["reported-success-is-mapped"].prop()], 3)
    assert r.status is SeqStatus.REFUTED
    last = r.trace.steps[-1]
    assert last.action in ("mmap", "mmap-compat") and last.result["vma_created"]
    rng = {a for a in range(last.params["start"], last.params["end"], PAGE_SIZE)}
    assert not rng <= r.trace.states[-1]["mapped"]
    assert last.call.outcome["first_error"] != 0


def test_hooks_2025_leaves_a_failed_vma_mapped():
    (r,) = bmc(system(catalog.design("hooks-2025"), 64, "mmu"),
               [SEQ_INVARIANTS["failed-vma-never-mapped"].prop()], 3)
    assert r.status is SeqStatus.REFUTED
    last = r.trace.states[-1]
    assert last["mapped"] & last["failed"]
    assert "action->success_hook" in [s.label for s in r.trace.steps[-1].call.steps]


def test_nommu_has_no_normal_path_so_success_is_never_reported_over_a_hole():
    """mm/nommu.c gets to mmap_prepare by the compat path alone: a positive override is
    never applied there, and no step of a !MMU sequence is a normal-path mmap."""
    inv = SEQ_INVARIANTS["reported-success-is-mapped"]
    assert "nommu" in inv.scope
    ts = system(catalog.design("override"), 64, "nommu")
    (r,) = bmc(ts, [inv.prop()], 3)
    assert r.status is not SeqStatus.REFUTED
    step, _, _ = ts.step(0)
    normal_mmap = z3.And(step.terms["mmap"], z3.Not(step.terms["compat"]))
    s = z3.SolverFor("QF_BV")
    s.add(*step.constraints, normal_mmap)
    assert s.check() == z3.unsat


def test_the_transition_is_the_one_call_model():
    ts = system(catalog.design("override"), 64, "mmu")
    step, _, _ = ts.step(0)
    o = step.terms["outcome"]
    defs = {c.sexpr() for c in o.path.constraints()}
    assert defs <= {c.sexpr() for c in step.constraints}
    assert ts.step(0)[0] is step                   # built once, shared by every solver
    assert str(o.inputs.vm_start) == "s0_vm_start"


@pytest.mark.parametrize("start,length,pages", [
    (BASE, 8 * PAGE_SIZE, 0xff),              # the whole window
    (BASE + PAGE_SIZE, 2 * PAGE_SIZE, 0b110),
    (BASE + PAGE_SIZE, PAGE_SIZE + 1, 0b110),  # PAGE_ALIGN()ed length
    (BASE + 6 * PAGE_SIZE, 1 << 40, 0b11000000),  # past the window's end
    (BASE + 1, PAGE_SIZE, 0),                 # unaligned start: -EINVAL, nothing unmapped
    (BASE - PAGE_SIZE, 4 * PAGE_SIZE, 0b111),  # starts below the window
    (BASE + PAGE_SIZE, 0, 0),                 # zero length: -EINVAL
    (BASE + PAGE_SIZE, -PAGE_SIZE % (1 << 64), 0),  # wraps: -EINVAL
], ids=["whole", "two-pages", "page-aligned-up", "long", "unaligned", "below", "empty", "wraps"])
def test_munmap_masks(start, length, pages):
    ts = system(catalog.design("override"), 64, "mmu")
    w = lambda a: z3.BitVecVal(a, 64)  # noqa: E731
    assert z3.simplify(ts.length_mask(w(start), w(length))).as_long() == pages


def test_range_mask_of_page_indices():
    ts = system(catalog.design("override"), 32, "mmu")
    i = lambda n: z3.BitVecVal(n, ts.ibits)  # noqa: E731
    assert z3.simplify(ts.index_mask(i(1), i(3))).as_long() == 0b110
    assert z3.simplify(ts.index_mask(i(0), i(8))).as_long() == 0xff


def replay(ts, pins_per_step):
    """Concrete run: every step's choices pinned, states read from the model."""
    u = Unrolling(ts, z3.SolverFor("QF_BV"), initial=True)
    u.extend_to(len(pins_per_step))
    pins = []
    for step, pinned in zip(u.steps, pins_per_step):
        inp = step.terms["inputs"]
        zero = {v: 0 for v in ("prepare_err", "type", "override", "action_prepare_err",
                               "complete_err", "mapped_err")}
        values = {"hide": False, "merged": False, **zero, **pinned["inputs"]}
        pins += inp.pinned(values) + [step.terms["action"] == pinned["action"]]
    assert u.solver.check(*pins) == z3.sat
    return u.trace(u.solver.model(), "replay", len(pins_per_step), "replay")


def rng(first, last):
    return {"vm_start": BASE + first * PAGE_SIZE, "vm_end": BASE + last * PAGE_SIZE}


def test_munmap_splits_and_failed_complete_leaves_a_hole():
    ts = system(catalog.design("override"), 64, "mmu")
    tr = replay(ts, [
        {"action": 0, "inputs": rng(0, 4)},                      # mmap 4 pages
        {"action": 2, "inputs": rng(1, 2)},                      # munmap the second
        {"action": 0, "inputs": {**rng(3, 6), "type": 1, "complete_err": -12}},
    ])
    page = lambda n: BASE + n * PAGE_SIZE  # noqa: E731
    assert tr.states[1]["mapped"] == {page(0), page(1), page(2), page(3)}
    assert tr.states[2]["mapped"] == {page(0), page(2), page(3)}
    assert tr.states[3]["mapped"] == {page(0), page(2)}        # [3,6) is a hole now
    assert tr.states[3]["last_ret"] == -12 and tr.steps[2].changed == ("mapped", "last_ret")


def test_failed_prepare_over_old_mappings_leaves_a_gap():
    """mm/vma.c: vms_clean_up_area() ran before mmap_prepare, so the abort cannot put the old
    VMAs back (vms_abort_munmap_vmas)."""
    ts = system(catalog.design("override"), 32, "mmu")
    tr = replay(ts, [{"action": 0, "inputs": rng(0, 3)},
                     {"action": 0, "inputs": {**rng(1, 2), "prepare_err": -1}}])
    page = lambda n: BASE + n * PAGE_SIZE  # noqa: E731
    assert tr.states[1]["mapped"] == {page(0), page(1), page(2)}
    assert tr.states[2]["mapped"] == {page(0), page(2)} and tr.states[2]["last_ret"] == -1


def test_the_literal_claim_a_failed_prepare_changes_nothing_is_false():
    """The issue's wording ("old mappings restored") does not hold in the kernel: found."""
    from verify.transition import Property
    literal = Property("literal", "step", lambda pre, st, post: z3.Implies(
        z3.And(st.terms["mmap"], z3.Not(st.terms["compat"]),
               z3.Not(st.terms["outcome"].vma_created), st.terms["outcome"].ret != 0),
        post["mapped"] == pre["mapped"]))
    (r,) = bmc(system(catalog.design("override"), 64, "mmu"), [literal], 3)
    assert r.status is SeqStatus.REFUTED and r.depth == 2
    assert r.trace.states[2]["mapped"] < r.trace.states[1]["mapped"]


def test_the_layer_cites_the_kernel():
    cites = {r.name: r.cite for r in rules_of(AddressSpace(catalog.design("override"), 64, True))}
    assert cites["abort_munmap"] == "mm/vma.c:vms_abort_munmap_vmas"
    assert cites["munmap"] == "mm/mmap.c:do_munmap"
    assert {"aborted", "complete"} <= set(cites)
    assert set(SPACES) >= {"kernel", "abort-reattaches"}
