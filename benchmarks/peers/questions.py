"""The four questions asked of ``verify`` and of each peer, with what each means.

Two searches for a witness on the hooks design (any reachable configuration, the base
assumptions), two proofs on the override design (CONFIG_MMU=y, normal path, 64-bit).
A question's ``holds`` is read on a ``semantics.Call``; for a search the peer looks for
inputs where it is true, for a proof it looks for inputs where it is false.
"""
from __future__ import annotations

import dataclasses
from typing import Callable

from benchmarks.peers.semantics import EINVAL, Call, base_assumptions, reachable, zero_or_errno


def check_range(c: Call) -> bool:
    """check-accepts-exactly-valid: with prepare_err == 0, check_mmap_action ran, returned 0
    for a valid override and -EINVAL (with a warning, before any VMA) for any other."""
    if c.i["prepare_err"] != 0:
        return True
    valid = zero_or_errno(c.i["override"])
    warned = "check_mmap_action" in c.warnings
    return (c.check_ran and c.check_ret == (0 if valid else -EINVAL) and warned == (not valid)
            and (valid or (c.ret == -EINVAL and not c.vma_created)))


@dataclasses.dataclass(frozen=True)
class Question:
    id: str
    slug: str                          # for command lines and file names
    kind: str                          # "witness": find inputs; "proof": no input breaks it
    design: str
    word: int
    verify_args: tuple[str, ...]       # the same question as a `verify` command
    holds: Callable[[Call], bool]      # witness: the condition; proof: the property
    domain: Callable[[dict], bool]     # the inputs the question ranges over
    text: str


def witness_domain(i: dict) -> bool:
    return base_assumptions(i) and reachable(i)


def proof_domain(i: dict) -> bool:
    return base_assumptions(i) and i["mmu"] and not i["compat"]


QUESTIONS: dict[str, Question] = {q.id: q for q in (
    Question("hooks ret > 0", "hooks-ret-positive", "witness", "hooks", 64, ("query", "-d", "hooks", "ret > 0"),
             lambda c: c.ret > 0, witness_domain,
             "hooks design: a call that returns a positive value"),
    Question("hooks ret == 0 and unmapped", "hooks-success-unmapped", "witness", "hooks", 64,
             ("query", "-d", "hooks", "ret == 0 and unmapped"),
             lambda c: c.ret == 0 and c.unmapped, witness_domain,
             "hooks design: a call that reports success after unmapping the VMA"),
    Question("override ret-valid-errno", "override-ret-valid-errno", "proof", "override", 64,
             ("prove", "-i", "ret-valid-errno", "-d", "override", "-w", "64", "-c", "mmu-normal"),
             lambda c: zero_or_errno(c.ret), proof_domain,
             "override design: mmap returns 0 or -4095..-1"),
    Question("override check_mmap_action range", "override-check-range", "proof", "override", 64,
             ("prove", "-i", "check-accepts-exactly-valid", "-d", "override", "-w", "64", "-c",
              "mmu-normal"),
             check_range, proof_domain,
             "override design: check_mmap_action accepts exactly 0 and -4095..-1"),
)}
BY_SLUG = {q.slug: q for q in QUESTIONS.values()}
