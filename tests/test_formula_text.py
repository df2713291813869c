"""Each invariant's ``formula_text`` is the formula: translated by the query language
(``verify.query.translate``), it is proved equivalent to the invariant's Z3 formula on
every design and both word sizes."""
from __future__ import annotations

import pytest
import z3

from models import DESIGNS
from proofs import INVARIANTS
from verify.query.errors import QueryError
from verify.query.translate import translate


@pytest.mark.parametrize("word", (32, 64))
@pytest.mark.parametrize("design", list(DESIGNS))
def test_formula_text_is_the_formula(get_session, design, word):
    s = get_session(design, word)
    differ = []
    for inv in INVARIANTS.values():
        try:
            text = translate(s, inv.formula_text).condition
        except QueryError as e:
            # Only a WARN_ON_ONCE the design does not have (warned_<name> names the WARNs of
            # this design; the formula reads an absent one as false): never on the current one.
            assert design != "override" and "unknown name 'warned_" in str(e), (inv.id, str(e))
            continue
        r, model, _ = s.check(text != inv.holds(s.outcome))
        if r != z3.unsat:
            differ.append(f"{inv.id}: {r}" + (f" at {s.trace(model).inputs}" if model else ""))
    assert differ == []


@pytest.mark.parametrize("text,holds", [
    ("(mmu ? 1 : 2) == 1", lambda s: s.inputs.mmu),
    ("type in enum mmap_action_type", lambda s: z3.And(s.inputs.type >= 0, s.inputs.type <= 4)),
    ("type not in enum mmap_action_type", lambda s: z3.Or(s.inputs.type < 0, s.inputs.type > 4)),
    ("valid(override)", lambda s: z3.Or(s.inputs.override == 0,
                                        z3.And(s.inputs.override >= -4095, s.inputs.override < 0))),
    ("ret == (compat ? prepare_err : -EINVAL)",
     lambda s: s.outcome.ret == z3.If(s.inputs.compat, s.inputs.prepare_err, z3.BitVecVal(-22, 32))),
])
def test_conditional_enum_and_valid(get_session, text, holds):
    s = get_session("override", 64)
    assert s.check(translate(s, text).condition != holds(s))[0] == z3.unsat
