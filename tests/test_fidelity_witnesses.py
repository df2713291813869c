"""Every witness and counterexample the verifier produces, run through the
design's fixture tree compiled in C (tests/trees/, tests/c/): the compiled code
must do what the model says for that scenario (every outcome field: the value
passed up, the unmap, the locks, the warnings), on both word sizes."""
from __future__ import annotations

import functools

import pytest

from c.harness import expected, observed, run_c
from models.cdefs import WORD_SIZES
from test_fidelity_c import DESIGN_IDS, outside_the_kernel
from verify.engine import prove


@functools.lru_cache(maxsize=None)
def traces(design: str, word: int) -> tuple:
    """(label, trace) of every witness and counterexample, on every configuration."""
    suite = prove(designs=[design], word_sizes=[word], configs=["all"])
    out = []
    for r in suite.results:
        for kind, tr in (("witness", r.witness), ("counterexample", r.counterexample)):
            if tr is not None:
                out.append((f"{r.obligation.id} {kind}", tr))
    return tuple(out)


@pytest.mark.parametrize("word", WORD_SIZES, ids=lambda w: f"{w}bit")
@pytest.mark.parametrize("design", DESIGN_IDS)
def test_every_witness_and_counterexample_replays_in_c(design, word):
    found = [(label, tr) for label, tr in traces(design, word) if not outside_the_kernel(tr.inputs)]
    assert any("counterexample" in label for label, _ in found), "the suite refuted nothing here"
    assert any("witness" in label for label, _ in found)
    c_out = run_c(design, word, [dict(tr.inputs) for _, tr in found])
    bad = []
    for (label, tr), c in zip(found, c_out):
        want = expected(design, word, tr.inputs)
        # the trace the verifier printed says the same as the model it came from
        assert all(tr.outcome[k] == want[k] for k in want if k in tr.outcome
                   and k not in ("user_ret", "ret")), label
        if want != observed(c):
            bad.append(f"{label}: model {want} C {observed(c)}")
    assert bad == []
