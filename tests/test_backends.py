"""cvc5 and Bitwuzla on the exported obligations: the same verdict as Z3 on every
obligation, vacuity checked by them too, unknown never a pass, and a
counterexample they give replays as one in the Z3 model."""
from __future__ import annotations

import functools

import pytest
import z3

from models.config import CONFIGS
from proofs.registry import Assumption, Invariant
from verify.backends import backend
from verify.backends.base import SAT, Answer, Backend
from verify.backends.smtlib import scripts
from verify.backends.suite import obligation
from verify.engine import Session, plan, prove
from verify import catalog
from verify.errors import UnknownName
from verify.results import Status

OTHER = ("cvc5", "bitwuzla")
DESIGNS_CHECKED = ("override", "hooks")
VERDICT = {Status.PROVED: "unsat", Status.REFUTED: "sat"}


@functools.lru_cache(maxsize=None)
def exported() -> tuple:
    """(obligation id, Z3 status, vacuity script, proof script) for every obligation of the
    checked designs, both word sizes, every configuration (in and outside scope)."""
    z3_suite = {r.obligation.id: r.status
                for r in prove(designs=list(DESIGNS_CHECKED), configs=["all"], simplify=False,
                               traces=False).results}
    out, sessions = [], {}
    for d, w, inv, c in plan(catalog.invariants([]), [catalog.design(n) for n in DESIGNS_CHECKED],
                             [32, 64], catalog.configs(["all"])):
        s = sessions.setdefault((d.name, w), Session(d, w))
        vac, proof = scripts(s, inv, c)
        ob_id = f"{inv.id}[{d.name},{w}-bit,{c.name}]"
        out.append((ob_id, z3_suite[ob_id], vac.text, proof.text))
    return tuple(out)


@pytest.mark.parametrize("solver", OTHER)
def test_same_verdict_as_z3_on_every_obligation(solver):
    be = backend(solver)
    obligations = exported()
    assert len(obligations) >= 200
    assert {st for _, st, _, _ in obligations} == {Status.PROVED, Status.REFUTED}
    wrong, vacuity = [], {}
    for ob_id, status, vac, proof in obligations:
        # The obligations of one design, word size, configuration and set of assumptions
        # share one vacuity query (the scripts differ only in their comments): each is
        # asked once.
        query = "\n".join(ln for ln in vac.splitlines() if not ln.startswith(";"))
        if query not in vacuity:
            vacuity[query] = be.check(vac, 30_000).status
        got, got_vac = be.check(proof, 30_000).status, vacuity[query]
        if got != VERDICT[status] or got_vac != SAT:
            wrong.append(f"{ob_id}: z3 {status.value}, {solver} proof {got} vacuity {got_vac}")
    assert wrong == []
    assert len(vacuity) == 80     # 2 designs x 2 word sizes x 4 configurations x 5 assumption sets


@pytest.mark.parametrize("solver", OTHER)
def test_prove_on_another_solver_end_to_end(solver):
    invs = ["ret-valid-errno", "unmap-on-failure", "check-accepts-exactly-valid"]
    ours = prove(invs, configs=["all"], solver=solver)
    ref = prove(invs, configs=["all"])
    assert ours.solver == solver and ours.to_dict()["solver"] == solver
    assert [r.status for r in ours.results] == [r.status for r in ref.results]
    assert ours.count(Status.REFUTED) > 0 and ours.exit_code == 1
    for r in ours.results:
        assert r.witness is not None
        if r.status is Status.REFUTED:
            # The solver's counterexample, replayed in Z3, really breaks the invariant.
            inv = catalog.invariants([r.obligation.invariant])[0]
            s = Session(catalog.design("override"), r.obligation.word_size)
            assume, holds = s.terms(inv)
            res, _, _ = s.check(*s.inputs.pinned(r.counterexample.inputs), assume, z3.Not(holds),
                                CONFIGS[r.obligation.config].constrain(s.inputs))
            assert res == z3.sat


@pytest.mark.parametrize("solver", OTHER)
def test_another_solver_refutes_a_mutant(solver):
    r = prove(["check-accepts-exactly-valid"], designs=["zero-extend"], word_sizes=[64],
              solver=solver)
    assert r.count(Status.REFUTED) == len(r.results) > 0


def synthetic(formula, assume=None) -> Invariant:
    assumptions = (Assumption("a", "synthetic", assume),) if assume else ()
    return Invariant("synthetic", "synthetic", formula, "synthetic", assumptions,
                     ("mmu-normal",), ("x:y",))


@pytest.mark.parametrize("solver", OTHER)
def test_vacuity_is_checked_by_the_other_solver(solver):
    inv = synthetic(lambda o: z3.BoolVal(False), lambda o: o.inputs.override != o.inputs.override)
    r = obligation(Session(catalog.design("override"), 32), backend(solver), inv,
                   CONFIGS["mmu-normal"], 10_000)
    assert r.status is Status.VACUOUS and solver in r.reason


@pytest.mark.parametrize("solver", OTHER)
def test_a_time_limit_is_unknown_never_proved(solver):
    n = 0xC0FFEE1B0B7A3D45                     # a 64-bit semiprime: factoring it takes long

    def hard(o):
        a, b = o.inputs.vm_start, o.inputs.vm_end
        return z3.Or(a * b != n, z3.ULE(a, 1), z3.ULE(b, 1), z3.UGE(a, 1 << 32),
                     z3.UGE(b, 1 << 32))
    r = obligation(Session(catalog.design("override"), 64), backend(solver), synthetic(hard),
                   CONFIGS["mmu-normal"], 1)
    assert r.status is Status.UNKNOWN and r.reason


class Liar(Backend):
    """Says sat, with inputs that do not break the invariant."""
    name = "liar"

    def version(self):
        return "0"

    def check(self, script, timeout_ms):
        return Answer(SAT, {"mmu": True, "compat": False, "vm_start": 0x10000, "vm_end": 0x20000})


def test_a_counterexample_that_does_not_replay_is_unknown():
    inv = catalog.invariants(["ret-valid-errno"])[0]
    r = obligation(Session(catalog.design("override"), 64), Liar(), inv, CONFIGS["mmu-normal"],
                   10_000)
    assert r.status is Status.UNKNOWN and "disagree" in r.reason


def test_unknown_solver_is_a_usage_error():
    with pytest.raises(UnknownName, match="unknown solver 'yices'"):
        prove(["ret-valid-errno"], solver="yices")


def test_cli_solver_option(tmp_path):
    import json
    import subprocess
    import sys
    p = subprocess.run([sys.executable, "-m", "verify", "prove", "--solver", "bitwuzla", "--json",
                        "-i", "ret-valid-errno", "-w", "32", "-c", "nommu-normal"],
                       capture_output=True, text=True)
    assert p.returncode == 1, p.stderr
    doc = json.loads(p.stdout)
    assert doc["solver"] == "bitwuzla" and doc["obligations"][0]["status"] == "refuted"
    assert doc["obligations"][0]["counterexample"]["scenario"]["inputs"]["mmu"] is False
