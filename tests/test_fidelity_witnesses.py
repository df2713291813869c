"""Every witness and counterexample the verifier produces, run through the C
copy of the kernel code: the compiled code must do what the trace says (the
value passed up, the unmap, the lock, the warnings), on both word sizes."""
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
    bad = [f"{label}: model {expected(tr)} C {observed(c)}"
           for (label, tr), c in zip(found, c_out) if expected(tr) != observed(c)]
    assert bad == []
