"""The four questions as CrossHair contracts (PEP 316 docstrings) on ``semantics``.

Each function returns whether the question's condition (a search) or property (a proof)
holds on one call; its postcondition claims the opposite of what a witness would show
(a search: the condition never holds; a proof: the property always holds), so a CrossHair
counterexample is a witness or a refutation.  The preconditions are the C ranges of the
inputs (``int`` is 32 bits, ``unsigned long`` 64), the base assumptions and the
configuration, one plain comparison each (CrossHair cannot see through loops over a
dict), written out in each docstring because CrossHair reads them from the source;
``contract`` gives the text they must match (``benchmarks.peers.check`` compares).
"""
from __future__ import annotations

from benchmarks.peers.questions import QUESTIONS
from benchmarks.peers.semantics import CALLEES, INT_MAX, INT_MIN, MAX_ERRNO, PAGE_SIZE, call

HOOKS = ("success_hook_set", "success_hook_ret", "error_hook_set", "error_hook_ret")


def contract(qid: str, names: tuple[str, ...]) -> str:
    q = QUESTIONS[qid]
    pre = [f"{INT_MIN} <= {n} <= {INT_MAX}" for n in names
           if n.endswith(("_err", "_ret")) or n in ("type", "override")]
    pre += [f"0 <= {n} < {1 << q.word}" for n in ("vm_start", "vm_end")]
    pre += [f"{n} == 0 or -{MAX_ERRNO} <= {n} <= -1" for n in CALLEES]
    pre += ["vm_start < vm_end", f"vm_start % {PAGE_SIZE} == 0", f"vm_end % {PAGE_SIZE} == 0"]
    pre += ["mmu or compat"] if q.kind == "witness" else ["mmu", "not compat"]
    post = "not __return__" if q.kind == "witness" else "__return__"
    return "\n".join([q.text, ""] + [f"pre: {p}" for p in pre] + [f"post: {post}"])


def holds(qid: str, i: dict) -> bool:
    q = QUESTIONS[qid]
    return q.holds(call(q.design, q.word, i))


def hooks_ret_positive(mmu: bool, compat: bool, prepare_err: int, type: int, override: int,
                       hide: bool, action_prepare_err: int, merged: bool, complete_err: int,
                       mapped_err: int, vm_start: int, vm_end: int, success_hook_set: bool,
                       success_hook_ret: int, error_hook_set: bool, error_hook_ret: int) -> bool:
    """hooks design: a call that returns a positive value

    pre: -2147483648 <= prepare_err <= 2147483647
    pre: -2147483648 <= type <= 2147483647
    pre: -2147483648 <= override <= 2147483647
    pre: -2147483648 <= action_prepare_err <= 2147483647
    pre: -2147483648 <= complete_err <= 2147483647
    pre: -2147483648 <= mapped_err <= 2147483647
    pre: -2147483648 <= success_hook_ret <= 2147483647
    pre: -2147483648 <= error_hook_ret <= 2147483647
    pre: 0 <= vm_start < 18446744073709551616
    pre: 0 <= vm_end < 18446744073709551616
    pre: prepare_err == 0 or -4095 <= prepare_err <= -1
    pre: action_prepare_err == 0 or -4095 <= action_prepare_err <= -1
    pre: complete_err == 0 or -4095 <= complete_err <= -1
    pre: mapped_err == 0 or -4095 <= mapped_err <= -1
    pre: vm_start < vm_end
    pre: vm_start % 4096 == 0
    pre: vm_end % 4096 == 0
    pre: mmu or compat
    post: not __return__
    """
    return holds("hooks ret > 0", dict(locals()))


def hooks_ret_0_and_unmapped(mmu: bool, compat: bool, prepare_err: int, type: int,
                             override: int, hide: bool, action_prepare_err: int, merged: bool,
                             complete_err: int, mapped_err: int, vm_start: int, vm_end: int,
                             success_hook_set: bool, success_hook_ret: int,
                             error_hook_set: bool, error_hook_ret: int) -> bool:
    """hooks design: a call that reports success after unmapping the VMA

    pre: -2147483648 <= prepare_err <= 2147483647
    pre: -2147483648 <= type <= 2147483647
    pre: -2147483648 <= override <= 2147483647
    pre: -2147483648 <= action_prepare_err <= 2147483647
    pre: -2147483648 <= complete_err <= 2147483647
    pre: -2147483648 <= mapped_err <= 2147483647
    pre: -2147483648 <= success_hook_ret <= 2147483647
    pre: -2147483648 <= error_hook_ret <= 2147483647
    pre: 0 <= vm_start < 18446744073709551616
    pre: 0 <= vm_end < 18446744073709551616
    pre: prepare_err == 0 or -4095 <= prepare_err <= -1
    pre: action_prepare_err == 0 or -4095 <= action_prepare_err <= -1
    pre: complete_err == 0 or -4095 <= complete_err <= -1
    pre: mapped_err == 0 or -4095 <= mapped_err <= -1
    pre: vm_start < vm_end
    pre: vm_start % 4096 == 0
    pre: vm_end % 4096 == 0
    pre: mmu or compat
    post: not __return__
    """
    return holds("hooks ret == 0 and unmapped", dict(locals()))


def override_ret_valid_errno(mmu: bool, compat: bool, prepare_err: int, type: int,
                             override: int, hide: bool, action_prepare_err: int, merged: bool,
                             complete_err: int, mapped_err: int, vm_start: int,
                             vm_end: int) -> bool:
    """override design: mmap returns 0 or -4095..-1

    pre: -2147483648 <= prepare_err <= 2147483647
    pre: -2147483648 <= type <= 2147483647
    pre: -2147483648 <= override <= 2147483647
    pre: -2147483648 <= action_prepare_err <= 2147483647
    pre: -2147483648 <= complete_err <= 2147483647
    pre: -2147483648 <= mapped_err <= 2147483647
    pre: 0 <= vm_start < 18446744073709551616
    pre: 0 <= vm_end < 18446744073709551616
    pre: prepare_err == 0 or -4095 <= prepare_err <= -1
    pre: action_prepare_err == 0 or -4095 <= action_prepare_err <= -1
    pre: complete_err == 0 or -4095 <= complete_err <= -1
    pre: mapped_err == 0 or -4095 <= mapped_err <= -1
    pre: vm_start < vm_end
    pre: vm_start % 4096 == 0
    pre: vm_end % 4096 == 0
    pre: mmu
    pre: not compat
    post: __return__
    """
    return holds("override ret-valid-errno", dict(locals()))


def override_check_mmap_action_range(mmu: bool, compat: bool, prepare_err: int, type: int,
                                     override: int, hide: bool, action_prepare_err: int,
                                     merged: bool, complete_err: int, mapped_err: int,
                                     vm_start: int, vm_end: int) -> bool:
    """override design: check_mmap_action accepts exactly 0 and -4095..-1

    pre: -2147483648 <= prepare_err <= 2147483647
    pre: -2147483648 <= type <= 2147483647
    pre: -2147483648 <= override <= 2147483647
    pre: -2147483648 <= action_prepare_err <= 2147483647
    pre: -2147483648 <= complete_err <= 2147483647
    pre: -2147483648 <= mapped_err <= 2147483647
    pre: 0 <= vm_start < 18446744073709551616
    pre: 0 <= vm_end < 18446744073709551616
    pre: prepare_err == 0 or -4095 <= prepare_err <= -1
    pre: action_prepare_err == 0 or -4095 <= action_prepare_err <= -1
    pre: complete_err == 0 or -4095 <= complete_err <= -1
    pre: mapped_err == 0 or -4095 <= mapped_err <= -1
    pre: vm_start < vm_end
    pre: vm_start % 4096 == 0
    pre: vm_end % 4096 == 0
    pre: mmu
    pre: not compat
    post: __return__
    """
    return holds("override check_mmap_action range", dict(locals()))


TARGETS = {"hooks ret > 0": hooks_ret_positive,
           "hooks ret == 0 and unmapped": hooks_ret_0_and_unmapped,
           "override ret-valid-errno": override_ret_valid_errno,
           "override check_mmap_action range": override_check_mmap_action_range}
