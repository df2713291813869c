"""Queries mean what they say: each translation is checked against the Z3 term
written by hand, by proving the two equivalent in the model."""
from __future__ import annotations

import pytest
import z3

from models.cdefs import errno, int_to_ulong
from models.inputs import ACTION_TYPES
from verify.query.errors import QueryError
from verify.query.translate import translate


def equivalent(s, a, b) -> bool:
    r, _, _ = s.check(a != b)
    return r == z3.unsat


CASES = {
    "ret == -EAGAIN": lambda o, i, w: o.ret == errno("EAGAIN"),
    "ret == -013": lambda o, i, w: o.ret == -11,                            # octal, as in C
    "ret == 0": lambda o, i, w: o.ret == 0,
    "ret < 0": lambda o, i, w: o.ret < 0,                                   # signed int
    "user_ret > 0x1000": lambda o, i, w: z3.UGT(o.user_ret, 0x1000),        # unsigned long
    "user_ret s< 0": lambda o, i, w: o.user_ret < 0,
    "ret u> 5": lambda o, i, w: z3.UGT(o.ret, 5),
    "(unsigned long)override == user_ret": lambda o, i, w: int_to_ulong(i.override, w) == o.user_ret,
    "(int)vm_start == 0": lambda o, i, w: z3.Extract(31, 0, i.vm_start) == 0,
    "type == MMAP_REMAP_PFN": lambda o, i, w: i.type == ACTION_TYPES["MMAP_REMAP_PFN"],
    "type == 7": lambda o, i, w: i.type == 7,
    "path == compat": lambda o, i, w: i.compat,
    "path != compat": lambda o, i, w: z3.Not(i.compat),
    "path == normal and mmu": lambda o, i, w: z3.And(z3.Not(i.compat), i.mmu),
    "not unmapped or ret != 0": lambda o, i, w: z3.Or(z3.Not(o.unmapped), o.ret != 0),
    "unmapped -> ret != 0": lambda o, i, w: z3.Implies(o.unmapped, o.ret != 0),
    "vm_end - vm_start >> 12 == 16": lambda o, i, w: z3.LShR(i.vm_end - i.vm_start, 12) == 16,
    "ret >> 1 == -1": lambda o, i, w: o.ret >> 1 == -1,                     # arithmetic on int
    "vm_start & 0xfff == 0": lambda o, i, w: i.vm_start & 0xfff == 0,
    "-ret == ENOMEM": lambda o, i, w: -o.ret == 12,
    "~override == 0": lambda o, i, w: ~i.override == 0,
    "is_errno(ret)": lambda o, i, w: z3.And(o.ret >= -4095, o.ret <= -1),
    "IS_ERR_VALUE(ret)": lambda o, i, w: z3.UGE(int_to_ulong(o.ret, w), 2 ** w - 4095),
    "ret == 0xfffffff5": lambda o, i, w: o.ret == errno("EAGAIN"),         # a bit pattern fits
    "word_size == 64": lambda o, i, w: z3.BoolVal(w == 64),
    "warned_check_mmap_action": lambda o, i, w: o.warnings["check_mmap_action"],
    "warned": lambda o, i, w: o.warned,
    "first_error == -ENOMEM": lambda o, i, w: o.first_error() == -12,
    "2 * 3 == 6 and true": lambda o, i, w: z3.BoolVal(True),
}


@pytest.mark.parametrize("word", [32, 64], ids=["32-bit", "64-bit"])
@pytest.mark.parametrize("text", list(CASES))
def test_translation_is_equivalent_to_the_hand_written_term(get_session, text, word):
    s = get_session("override", word)
    q = translate(s, text)
    assert equivalent(s, q.condition, CASES[text](s.outcome, s.inputs, word))


def test_signedness_follows_c_and_can_be_forced(get_session):
    s = get_session("override", 64)
    # user_ret is unsigned long: an error is a huge positive number, not negative.
    assert s.check(translate(s, "ret < 0 and user_ret < 0").condition)[0] == z3.unsat
    assert s.check(translate(s, "ret < 0 and user_ret s< 0").condition)[0] == z3.sat


def test_names_the_query_uses_are_recorded(get_session):
    q = translate(get_session("override", 64), "override == -EAGAIN and ret != 0 and path == compat")
    assert q.names == ("override", "ret", "path")


@pytest.mark.parametrize("text,needle", [
    ("retn == 0", "did you mean 'ret'"),
    ("EAGAN == 11", "did you mean 'EAGAIN'"),
    ("ret", "'ret' is an int, not a condition"),
    ("ret == user_ret", "write (unsigned long)ret"),
    ("ret == MMAP_REMAP_PFN", "compare action type names with 'type'"),
    ("type == override", "action type combined with an int"),
    ("type + 1 == 2", "action type"),
    ("path < compat", "use == or !="),
    ("path == 1", "compare path with normal or compat"),
    ("mmu == 1", "is a number but 'mmu' is a condition"),
    ("ret + mmu == 0", "'+' needs a number"),
    ("ret == 0x1ffffffff", "does not fit in int"),
    ("error_hook_ret > 0", "does not read the input 'error_hook_ret'"),
    ("frobnicate(ret)", "unknown function"),
    ("is_errno(user_ret)", "IS_ERR_VALUE"),
    ("is_errno == 1", "is_errno is a function"),
    ("ret == 08", "invalid digit '8' in octal constant 08"),
], ids=["typo", "errno-typo", "int-as-condition", "mixed-sorts", "type-name-vs-int",
        "type-vs-int-var", "type-arithmetic", "path-order", "path-vs-number", "bool-vs-number",
        "bool-arithmetic", "literal-range", "hooks-input", "unknown-function", "is-errno-ulong",
        "function-as-name", "octal-digit"])
def test_ill_typed_queries_get_a_one_line_error_with_a_hint(get_session, text, needle):
    with pytest.raises(QueryError) as e:
        translate(get_session("override", 64), text)
    assert needle in str(e.value) and "\n" not in str(e.value)


def test_hook_inputs_are_queryable_under_the_hooks_design(get_session):
    s = get_session("hooks", 64)
    assert s.check(translate(s, "error_hook_ret > 0 and ret == error_hook_ret").condition)[0] == z3.sat
