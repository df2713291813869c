"""The plain-Python rendering against ``verify replay``, before any peer is timed.

Every scenario is run through ``semantics.call`` and through the replay of the Z3 model
(``verify.replay.replay``, what ``verify replay`` runs); the outcome fields the questions
read must agree.  The scenarios: a seeded sample of each design and word size, with the
values where the code branches (0, -1, -MAX_ERRNO, one past it, -EINVAL, 1, the int
limits, every action type and two outside the enum, aligned and unaligned ranges),
then every witness or counterexample a tool reports.
"""
from __future__ import annotations

import random

import z3

from benchmarks.peers.semantics import (HOOK_INPUTS, INPUT_NAMES, INT_INPUTS, INT_MAX, INT_MIN,
                                        MAX_ERRNO, PAGE_SIZE, call)

INTS = (0, 0, 0, -1, -MAX_ERRNO, -MAX_ERRNO - 1, -22, -12, -11, 1, 4095, INT_MAX, INT_MIN)
TYPES = (0, 1, 2, 3, 4, 5, -1)
COMPARED = ("ret", "vma_created", "vma_mapped", "unmapped", "unmap_start", "unmap_len")


def sample(design: str, word: int, n: int, seed: int = 16) -> list[dict]:
    rng = random.Random(f"{seed}-{design}-{word}")
    names = INPUT_NAMES + (HOOK_INPUTS if design == "hooks" else ())
    out = []
    for _ in range(n):
        i: dict = {}
        for name in names:
            if name in ("vm_start", "vm_end"):
                continue
            if name == "type":
                i[name] = rng.choice(TYPES)
            elif name in INT_INPUTS:
                i[name] = rng.choice(INTS) if rng.random() < 0.9 else rng.randint(INT_MIN, INT_MAX)
            else:
                i[name] = rng.random() < 0.5
        start = rng.randrange(0, 1 << (word - 13)) * PAGE_SIZE
        end = start + rng.randrange(1, 64) * PAGE_SIZE
        if rng.random() < 0.15:
            start, end = end, start          # an empty or inverted range
        if rng.random() < 0.1:
            end += rng.randrange(1, PAGE_SIZE)  # unaligned
        i["vm_start"], i["vm_end"] = start % (1 << word), end % (1 << word)
        out.append(i)
    return out


def replayed(design: str, word: int, inputs: dict) -> dict:
    """The model's outcome for one concrete call, as ``verify replay`` computes it, plus
    the check_mmap_action fields the range question reads (from the same model)."""
    from verify.replay import replay, session_for
    trace = replay(design, word, inputs)
    seen = {k: trace.outcome[k] for k in COMPARED}
    seen["warnings"] = set(trace.outcome["warnings"])
    s = session_for(design, word)
    r = s.check(*s.inputs.pinned({k: v for k, v in inputs.items() if k in s.inputs.terms}))
    model = r[1]
    seen["check_ran"] = z3.is_true(model.eval(s.outcome.check_ran, model_completion=True))
    check_ret = model.eval(s.outcome.check_ret, model_completion=True).as_long()
    seen["check_ret"] = check_ret - (1 << 32) if check_ret >= 1 << 31 else check_ret
    return seen


def rendered(design: str, word: int, inputs: dict) -> dict:
    c = call(design, word, inputs)
    seen = {k: getattr(c, k) for k in COMPARED}
    seen["warnings"] = set(c.warnings)
    seen["check_ran"], seen["check_ret"] = c.check_ran, c.check_ret
    return seen


def mismatches(design: str, word: int, scenarios: list[dict]) -> list[tuple[dict, dict, dict]]:
    bad = []
    for i in scenarios:
        a, b = rendered(design, word, i), replayed(design, word, i)
        if a != b:
            bad.append((i, a, b))
    return bad
