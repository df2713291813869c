"""The interface every kernel design (and every mutant of one) implements."""
from __future__ import annotations

import z3

from models.cdefs import int_val
from models.inputs import Inputs
from models.outcome import FIELDS, Outcome
from models.path import Path
from models.rules import Rule

# Initial state of one call, before the driver runs: the outcome's flags
# (models.outcome.FIELDS) and the state no outcome field reports.
INITIAL_STATE = {f.state: f.initial for f in FIELDS if f.initial is not None} | {
    "vma_attached": False,
    # Historical versions (models/history): descriptor initialisation.
    "desc_init": True,
}


class Design:
    """A kernel design: one version of the mmap_action code path.

    Subclasses encode kernel functions as ``@rule`` methods; ``run`` executes
    one mmap call symbolically and returns its ``Outcome``.
    """
    name: str = ""
    title: str = ""
    commit: str = ""          # the kernel commit or series this design encodes
    summary: str = ""         # what differs, in a sentence
    hooks: bool = False       # reads the success/error hook inputs
    extra_inputs: frozenset[str] = frozenset()  # further input tags this design reads

    @property
    def input_tags(self) -> frozenset[str]:
        """Tags of the inputs (models.inputs.Var.designs) this design reads."""
        return frozenset({"all"} | ({"hooks"} if self.hooks else set())) | self.extra_inputs

    def reads(self, var) -> bool:
        return var.designs in self.input_tags

    def run(self, inp: Inputs, prefix: str = "", inline: bool = False) -> Outcome:
        p = Path(inp.word, prefix, inline)
        for field, value in INITIAL_STATE.items():
            p.init(field, z3.BoolVal(value))
        p.init("type", inp.type)
        p.init("hide", inp.hide)
        p.init("check_ret", int_val(0))
        p.init("unmap_start", z3.BitVecVal(0, inp.word))
        p.init("unmap_len", z3.BitVecVal(0, inp.word))
        ret = p.define("ret", self.mmap(p, inp))
        p.init("ret", ret)
        p.step("mmap returns", "return", ret=ret)
        return Outcome.of(p, inp)

    def mmap(self, p: Path, inp: Inputs) -> z3.BitVecRef:
        raise NotImplementedError

    def rules(self) -> list[Rule]:
        """The rules one call enters (``Path.rules_met``), in the order it first enters them:
        those the design uses, not every rule its classes define."""
        if "_rules_met" not in self.__dict__:
            self._rules_met = list(self.run(Inputs.symbolic(64)).path.rules_met)
        return self._rules_met
