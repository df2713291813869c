"""One question asked of Hypothesis: ``python -m benchmarks.peers.hypothesis_run SLUG``.

The inputs are drawn with the question's domain built into the strategies (C ranges,
callees returning 0 or an errno, a page-aligned non-empty VMA, the configuration), so
that Hypothesis need not reject examples.  A search is ``hypothesis.find`` (the smallest
example it meets); a proof is a ``@given`` test, which passes when no example of its
budget breaks the property: that is evidence, never a proof.  Prints one JSON line:
``{"answer": "witness" | "refuted" | "no counterexample", "inputs": {...}, "examples": N}``.
"""
from __future__ import annotations

import json
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import find, strategies as st
from hypothesis.errors import NoSuchExample

from benchmarks.peers.questions import BY_SLUG, Question
from benchmarks.peers.semantics import INT_MAX, INT_MIN, MAX_ERRNO, PAGE_SIZE, call

EXAMPLES = 1000   # per question: a search stops at its first hit, a proof runs them all
SETTINGS = settings(max_examples=EXAMPLES, database=None, derandomize=True, deadline=None,
                    suppress_health_check=list(HealthCheck))


def inputs(q: Question) -> st.SearchStrategy[dict]:
    int_ = st.integers(INT_MIN, INT_MAX)
    errno = st.one_of(st.just(0), st.integers(-MAX_ERRNO, -1))
    pages = (1 << q.word) // PAGE_SIZE

    @st.composite
    def vma(draw) -> tuple[int, int]:
        start = draw(st.integers(0, pages - 2))
        end = draw(st.integers(start + 1, pages - 1))
        return start * PAGE_SIZE, end * PAGE_SIZE

    if q.kind == "proof":   # CONFIG_MMU=y, normal path
        config = st.just((True, False))
    else:                   # any configuration the kernel reaches
        config = st.sampled_from([(True, False), (True, True), (False, True)])
    fields = dict(config=config, prepare_err=errno, type=int_, override=int_,
                  hide=st.booleans(), action_prepare_err=errno, merged=st.booleans(),
                  complete_err=errno, mapped_err=errno, vma=vma())
    if q.design == "hooks":
        fields.update(success_hook_set=st.booleans(), success_hook_ret=int_,
                      error_hook_set=st.booleans(), error_hook_ret=int_)

    def flat(d: dict) -> dict:
        d = dict(d)
        d["mmu"], d["compat"] = d.pop("config")
        d["vm_start"], d["vm_end"] = d.pop("vma")
        return d
    return st.fixed_dictionaries(fields).map(flat)


def ask(q: Question) -> dict:
    def holds(i: dict) -> bool:
        return q.holds(call(q.design, q.word, i))

    if q.kind == "witness":
        try:
            found = find(inputs(q), holds, settings=SETTINGS)
        except NoSuchExample:
            return {"answer": "no counterexample", "inputs": None, "examples": EXAMPLES}
        return {"answer": "witness", "inputs": found}

    broken: list[dict] = []

    @SETTINGS
    @given(inputs(q))
    def prop(i: dict) -> None:
        if not holds(i):
            broken.append(i)
            raise AssertionError("property broken")

    try:
        prop()
    except AssertionError:
        return {"answer": "refuted", "inputs": broken[-1]}
    return {"answer": "no counterexample", "inputs": None, "examples": EXAMPLES}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in BY_SLUG:
        print(f"usage: python -m benchmarks.peers.hypothesis_run {{{','.join(BY_SLUG)}}}",
              file=sys.stderr)
        return 64
    print(json.dumps(ask(BY_SLUG[argv[0]])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
