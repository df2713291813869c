"""The model against compiled C: every scenario evaluated by the Z3 model and
run through the design's fixture tree (``tests/trees/<design>/``, kernel-style
C of the project's own) compiled with gcc -m64 and -m32 with the harness of
``tests/c/`` must give the same outcome, every field of it: the int and the
value passed up to the caller, the VMA's state, the unmap range, the rmap lock
(held at the unmap, at the end, unlocked unheld) and the warnings.

Scenarios: (a) boundary values of every int input and of the VMA range,
(b) scenarios drawn by Hypothesis, (c) every witness and counterexample the
verifier produces (in ``test_fidelity_witnesses.py``).
"""
from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from c.harness import (COMPARED, NOT_OBSERVED, HarnessError, c_designs, compile_binary,
                       expected, harness, model_outcome, model_outcome_solved, observed, run_c)
from models import DESIGNS
from models.cdefs import WORD_SIZES, signed
from models.config import CONFIGS
from verify.replay import replay

INT_MIN, INT_MAX = -(1 << 31), (1 << 31) - 1
ERRNOS_USED = (-1, -11, -12, -22, -38)      # -EPERM -EAGAIN -ENOMEM -EINVAL -ENOSYS
INT_BOUNDARY = (0, 1, -1, -4095, -4096, -4094, 4095, 4096, INT_MIN, INT_MAX) + ERRNOS_USED[1:]
TYPES = (0, 1, 2, 3, 4, 5, -1, INT_MIN, INT_MAX)   # the enum, one past it, and beyond
INT_FIELDS = ("prepare_err", "override", "action_prepare_err", "complete_err", "mapped_err",
              "munmap_err")
HOOK_FIELDS = ("success_hook_ret", "error_hook_ret")
# The registered designs with a fixture tree (test_every_registered_design_has_a_c_counterpart
# fails for the others).
DESIGN_IDS = sorted(set(DESIGNS) & set(c_designs()))
# Per (design, word): Hypothesis examples x scenarios per example.
DRAWN = {"override": (40, 25)}
DRAWN_OTHER = (20, 25)


def base(mmu: bool, compat: bool, **kw) -> dict:
    s = {"mmu": mmu, "compat": compat, "prepare_err": 0, "type": 1, "override": 0, "hide": False,
         "action_prepare_err": 0, "merged": False, "complete_err": 0, "mapped_err": 0,
         "vm_start": 0x10000, "vm_end": 0x20000, "success_hook_set": False, "success_hook_ret": 0,
         "error_hook_set": False, "error_hook_ret": 0, "munmap_err": 0, "debug_vm": True}
    s.update(kw)
    return s


def vma_ranges(word: int) -> list[tuple[int, int]]:
    top = (1 << word) - 1
    return [(0, 0x1000), (0x1000, top - 0xFFF), (top - 0x1FFF, top - 0xFFF), (0, top),
            (0x20000, 0x10000), (0x10800, 0x12345), (0x10000, 0x10000), (top, 0)]


def boundary_scenarios(design: str, word: int) -> list[dict]:
    hooks = DESIGNS[design].hooks
    fields = INT_FIELDS + (HOOK_FIELDS if hooks else ())
    out = []
    for cfg in CONFIGS.values():
        mk = lambda **kw: base(cfg.mmu, cfg.compat, **kw)  # noqa: E731
        # Each int input at each boundary value, the others benign; the action
        # type and the hidden flag cycle so that every value meets several paths.
        for k, (field, v) in enumerate(itertools.product(fields, INT_BOUNDARY)):
            extra = {"success_hook_set": True, "error_hook_set": True} if hooks else {}
            out.append(mk(**{"type": TYPES[k % 5], "hide": bool(k % 2), **extra, field: v}))
            # ... and again with an error after the VMA exists, so that the
            # override (or the error hook) is applied to it.
            out.append(mk(**{"type": 1, "hide": k % 3 == 0, "complete_err": -12, **extra,
                             field: v}))
        # The override on each path an error can take.
        for v, err_field in itertools.product(INT_BOUNDARY, ("prepare_err", "action_prepare_err",
                                                             "complete_err", "mapped_err")):
            out.append(mk(override=v, **{err_field: -22}))
        # Every action type x hidden x merged x (no error | an error at complete).
        for t, hide, merged, err in itertools.product(TYPES, (False, True), (False, True), (0, -12)):
            out.append(mk(type=t, hide=hide, merged=merged, complete_err=err, override=-11))
        # The VMA range at the edges of the word, with an unmap.
        for (a, b), t in itertools.product(vma_ranges(word), (1, 0)):
            out.append(mk(vm_start=a, vm_end=b, type=t, complete_err=-12, mapped_err=-1))
        # do_munmap failing on every path an unmap can take, with and without an override.
        for v, ov, t in itertools.product((-12, -1, 7), (0, -11), (0, 1, 4)):
            out.append(mk(munmap_err=v, override=ov, type=t, complete_err=-12, mapped_err=-22,
                          hide=True))
        if hooks:
            for sset, eset, sret, eret, dbg in itertools.product(
                    (False, True), (False, True), (0, -12, 5), (0, -11, 7, INT_MIN), (True, False)):
                out.append(mk(success_hook_set=sset, error_hook_set=eset, success_hook_ret=sret,
                              error_hook_ret=eret, hide=True, debug_vm=dbg))
                out.append(mk(success_hook_set=sset, error_hook_set=eset, success_hook_ret=sret,
                              error_hook_ret=eret, complete_err=-12, debug_vm=dbg))
    return out


def outside_the_kernel(s: dict) -> bool:
    """A merge on the normal path without CONFIG_MMU: the one place where the C harness
    and the model may part, because the kernel has no such path (mm/vma.c, and with it
    __mmap_region and vma_merge_new_range, is built only with CONFIG_MMU; !MMU mmap()
    goes through mm/nommu.c, which does not merge).  The C harness refuses a merge as
    vma_merge_new_range does, for a VM_SPECIAL mapping, and only the MMU prepare helpers
    set those flags; the model (models/callers.py can_merge) refuses it for every action
    type but MMAP_NOTHING.  ``test_nommu_merge_is_where_they_part`` pins the difference."""
    return (not s["mmu"] and not s["compat"] and s["merged"]
            and s["type"] != 0 and s["prepare_err"] == 0)


def disagreements(design: str, word: int, scenarios: list[dict], limit: int = 5) -> list[str]:
    scenarios = [s for s in scenarios if not outside_the_kernel(s)]
    c_out = run_c(design, word, scenarios)
    bad = []
    for s, c in zip(scenarios, c_out):
        want = expected(design, word, s)
        got = observed(c)
        if got != want:
            diff = {k: (want[k], got[k]) for k in want if want[k] != got[k]}
            bad.append(f"{design} {word}-bit {s}: model vs C {diff}")
            if len(bad) >= limit:
                break
    return bad


def test_every_registered_design_has_a_c_counterpart():
    """Every design of the design matrix is compiled in C.  The history versions
    (models/history/) are compiled through their trees: the fixture tree of their design's
    equivalence class, or a version tree (tests/trees/versions/, test_version_trees.py),
    with the history inputs the harness has no counterpart for (hooks_written, hugetlbfs,
    vma_alloc_fails) at the harness's values."""
    from models.history import VERSIONS
    history = {v.name for v in VERSIONS}
    assert history and history <= set(DESIGNS)
    missing = [d for d in DESIGNS if d not in history and d not in c_designs()]
    assert not missing, (f"designs without a C counterpart: {missing}; add "
                         "tests/trees/<design>/ (see tests/trees/README.md)")
    assert {"override", "error-filter", "hooks", "hooks-2025"} <= set(c_designs())


def test_every_outcome_field_is_compared():
    """A field added to models.outcome.FIELDS fails here until the harness reports it
    (or says why no caller can observe it)."""
    from models.outcome import FIELDS
    fields = {f.name for f in FIELDS}
    assert fields - set(NOT_OBSERVED) == set(COMPARED) - {"warned_in"}
    assert {"ret", "unlock_unheld"} <= set(COMPARED)


def test_unlock_unheld_is_seen_by_both_sides():
    """The compat-keeps-hide mutant unlocks a lock it never took: the model says so,
    and the comparison against the C tree (which clears hide) catches it."""
    s = {"mmu": True, "compat": True, "prepare_err": 0, "type": 0, "override": 0, "hide": True,
         "action_prepare_err": 0, "merged": False, "complete_err": 0, "mapped_err": 0,
         "vm_start": 0x10000, "vm_end": 0x20000}
    assert expected("compat-keeps-hide", 64, s)["unlock_unheld"]
    c = run_c("override", 64, [s])[0]
    assert not c["unlock_unheld"] and expected("override", 64, s) == observed(c)


@pytest.mark.parametrize("mmu", [True, False], ids=["mmu", "nommu"])
@pytest.mark.parametrize("word", WORD_SIZES, ids=lambda w: f"{w}bit")
@pytest.mark.parametrize("design", DESIGN_IDS)
def test_harness_builds_and_runs_with_the_right_word(design, word, mmu):
    h = harness(design, word, mmu)   # checks its greeting: design, sizeof(long), CONFIG_MMU
    assert h.word == word and h.proc.poll() is None


def test_a_broken_build_is_an_error_not_a_skip(tmp_path):
    bad = tmp_path / "broken.c"
    bad.write_text("int main(void) { return undeclared; }\n")
    with pytest.raises(HarnessError, match="gcc failed"):
        compile_binary("override", 64, True, source=str(bad), out=tmp_path / "b")


@pytest.mark.parametrize("word", WORD_SIZES, ids=lambda w: f"{w}bit")
@pytest.mark.parametrize("design", DESIGN_IDS)
def test_boundary_values_agree(design, word):
    scenarios = boundary_scenarios(design, word)
    assert len(scenarios) > 500
    assert disagreements(design, word, scenarios) == []


# Every EVERY-th boundary scenario is also evaluated by a solver (2 to 3 ms each).
EVERY = 11


@pytest.mark.parametrize("word", WORD_SIZES, ids=lambda w: f"{w}bit")
@pytest.mark.parametrize("design", DESIGN_IDS + ["elvis-swapped", "unmap-skipped"])
def test_the_evaluator_is_the_solvers_model(design, word):
    """``model_outcome`` (Z3's model evaluator on the proofs' inline terms) gives what a
    solver gives with every input pinned on the model's definitions (``verify replay``),
    every field, on a sample of the boundary scenarios of each design with a tree and
    two model mutants."""
    base_design = design if design in DESIGN_IDS else "override"
    sample = boundary_scenarios(base_design, word)[::EVERY]
    assert len(sample) > 50
    bad = [s for s in sample if model_outcome(design, word, s) != model_outcome_solved(design, word, s)]
    assert bad[:3] == []


# A drawn scenario is SCENARIO_BYTES bytes from Hypothesis, read field by field by
# ``decode``: one draw per scenario (drawing each field on its own made Hypothesis's
# bookkeeping most of the test's time), and Hypothesis still shrinks a failure, towards
# zero bytes, which read as the first choice of every field.
INT_BYTES, CHOICE_BYTES, ULONG_BYTES = 5, 7, 9   # see _Reader
SCENARIO_BYTES = 1 + 7 * CHOICE_BYTES + 2 * INT_BYTES + 2 * ULONG_BYTES


class _Reader:
    """Fixed-size fields from the bytes, in order (past the end, zero bytes)."""

    def __init__(self, raw: bytes) -> None:
        self.raw, self.at = raw, 0

    def take(self, n: int) -> int:
        v = int.from_bytes(self.raw[self.at:self.at + n], "little")
        self.at += n
        return v

    def int_(self) -> int:
        """A boundary value, any int, or an int near the errno range, a third each
        (INT_BYTES: a choice, four bytes of value)."""
        choice, v = self.take(1) % 3, self.take(4)
        if choice == 0:
            return INT_BOUNDARY[v % len(INT_BOUNDARY)]
        if choice == 1:
            return signed(v)
        return v % 4111 - 4100                       # -4100 .. 10

    def _choice(self, first, listed) -> int:
        """``first(k)``, ``listed[k]`` or any int_(), a third each (CHOICE_BYTES)."""
        choice, k, anything = self.take(1) % 3, self.take(1), self.int_()
        return first(k) if choice == 0 else listed[k % len(listed)] if choice == 1 else anything

    def err(self) -> int:
        """0, an errno the drivers return, or any int."""
        return self._choice(lambda k: 0, ERRNOS_USED)

    def type_(self) -> int:
        """An action type, a value of TYPES (one past the enum, and beyond), or any int."""
        return self._choice(lambda k: k % 6, TYPES)

    def ulong(self, word: int) -> int:
        """A page-aligned address or any unsigned long, half each (ULONG_BYTES)."""
        choice, v = self.take(1) % 2, self.take(8)
        return (v % (1 << (word - 12))) << 12 if choice == 0 else v % (1 << word)


def decode(raw: bytes, word: int, hooks: bool) -> dict:
    """One scenario from SCENARIO_BYTES bytes: every input of ``base``."""
    r = _Reader(raw)
    bits = r.take(1)
    flag = lambda i: bool(bits >> i & 1)  # noqa: E731
    s = {"mmu": flag(0), "compat": flag(1), "hide": flag(2), "merged": flag(3),
         "debug_vm": flag(4), "prepare_err": r.err(), "type": r.type_(), "override": r.int_(),
         "action_prepare_err": r.err(), "complete_err": r.err(), "mapped_err": r.err(),
         "munmap_err": r.err(), "vm_start": r.ulong(word), "vm_end": r.ulong(word)}
    hook_ret, error_ret = r.err(), r.int_()
    s.update({"success_hook_set": hooks and flag(5), "success_hook_ret": hook_ret if hooks else 0,
              "error_hook_set": hooks and flag(6), "error_hook_ret": error_ret if hooks else 0})
    assert r.at == SCENARIO_BYTES, r.at
    return s


def test_the_decoded_scenarios_cover_every_kind_of_value():
    """``decode`` reads every input of a scenario, and its choices reach each kind of value
    the drawn scenarios are for; zero bytes read as the first choice of each field."""
    import random
    rnd = random.Random(0)
    drawn = [decode(rnd.randbytes(SCENARIO_BYTES), 64, True) for _ in range(2000)]
    assert all(set(s) == set(base(True, False)) for s in drawn)
    values = lambda k: {s[k] for s in drawn}  # noqa: E731
    assert set(range(6)) | {INT_MIN, INT_MAX, -1} <= values("type")
    assert {0, -4095, -4096, INT_MIN, INT_MAX} <= values("override")
    assert any(v > 10 and v not in INT_BOUNDARY for v in values("override"))
    assert set(ERRNOS_USED) | {0} <= values("complete_err")
    assert any(v % 4096 for v in values("vm_start")) and any(v and v % 4096 == 0
                                                              for v in values("vm_end"))
    for flag in ("mmu", "compat", "hide", "merged", "debug_vm", "success_hook_set",
                 "error_hook_set"):
        assert values(flag) == {False, True}
    assert decode(bytes(SCENARIO_BYTES), 64, True) == base(
        False, False, type=0, override=INT_BOUNDARY[0], vm_start=0, vm_end=0, debug_vm=False)


def scenario_strategy(word: int, hooks: bool):
    return st.binary(min_size=SCENARIO_BYTES, max_size=SCENARIO_BYTES).map(
        lambda raw: decode(raw, word, hooks))


@pytest.mark.parametrize("word", WORD_SIZES, ids=lambda w: f"{w}bit")
@pytest.mark.parametrize("design", DESIGN_IDS)
def test_drawn_scenarios_agree(design, word):
    examples, per = DRAWN.get(design, DRAWN_OTHER)
    seen = []

    @settings(max_examples=examples, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(scenario_strategy(word, DESIGNS[design].hooks), min_size=per, max_size=per))
    def check(scenarios):
        seen.append(len(scenarios))
        assert disagreements(design, word, scenarios, limit=3) == []

    check()
    assert sum(seen) >= examples * per * 0.9   # Hypothesis really ran that many scenarios


@pytest.mark.parametrize("mutant", ["zero-extend", "max-errno-plus-one", "elvis-swapped",
                                    "unmap-skipped", "override-on-success"])
def test_the_comparison_catches_a_broken_model(mutant):
    """A mutant of the model must disagree with the C code on the boundary scenarios."""
    scenarios = boundary_scenarios("override", 64)
    c_out = run_c("override", 64, scenarios)
    assert any(expected(mutant, 64, s) != observed(c)
               for s, c in zip(scenarios, c_out))


@pytest.mark.parametrize("design", ["hooks", "hooks-2025"])
def test_the_error_hook_warning_is_compiled_only_with_config_debug_vm(design):
    """VM_WARN_ON_ONCE(!err): the debug build warns, the production build does not, in C
    as in the model."""
    s = base(True, False, type=1, complete_err=-12, error_hook_set=True, error_hook_ret=0)
    debug, prod = run_c(design, 64, [dict(s, debug_vm=True), dict(s, debug_vm=False)])
    assert debug["warned_in"] == {"mmap_action_finish"} and prod["warned_in"] == frozenset()
    for c, dbg in ((debug, True), (prod, False)):
        assert observed(c) == expected(design, 64, dict(s, debug_vm=dbg))


@pytest.mark.parametrize("design", DESIGN_IDS)
def test_a_failed_do_munmap_agrees(design):
    """do_munmap's error is discarded in C as in the model: the same result, the VMA mapped."""
    s = base(True, False, type=1, complete_err=-12, munmap_err=-12)
    (c,) = run_c(design, 64, [s])
    assert c["vma_mapped"] and not c["unmapped"]
    assert observed(c) == expected(design, 64, s)


@pytest.mark.parametrize("design", DESIGN_IDS)
def test_nommu_merge_is_where_they_part(design):
    """Pins the one known difference (see ``outside_the_kernel``): if the model or the
    C harness changes there, this test says so."""
    scenarios = [s for s in boundary_scenarios(design, 64) if outside_the_kernel(s)]
    assert scenarios
    for s, c in zip(scenarios, run_c(design, 64, scenarios)):
        model = replay(design, 64, s)
        assert not c["vma_created"] and c["user_ret"] == s["vm_start"]     # C: merged, no action
        assert model.outcome["vma_created"]                                # model: a new VMA
