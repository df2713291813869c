"""Build and drive the C harness: a fixture tree's mmap_action code compiled with gcc.

The code is a kernel-style tree under ``tests/trees/<design>/`` (mm/util.c,
mm/internal.h, include/linux/mm_types.h, include/linux/err.h, and mm/vma.c
where the design's caller step lives there), compiled together with the
project's stub headers (``stubs/``) and the project's callers (``harness.c``).
One binary per (tree, word size, CONFIG_MMU); each runs as one long-lived
process that reads a scenario per line and answers its outcome per line
(``harness.c`` documents the protocol).  Binaries are built at first use, once per
test run (named by a digest of what they are built from), with ``-m64`` or ``-m32``; a build that fails raises
``HarnessError`` with gcc's message (tests fail, they do not skip).

``model_outcome(design, word, inputs)`` evaluates the Z3 model on one
concrete scenario (Z3's model evaluator on the proofs' terms; ``model_outcome_solved``
asks a solver instead, as ``verify replay`` does, and the tests check they agree)
and puts every outcome field it has in the harness's terms
(``COMPARED``; the few fields of ``models.outcome.FIELDS`` no caller can
observe are in ``NOT_OBSERVED`` with the reason), so that a test compares the two with ``==``.
"""
from __future__ import annotations

import atexit
import fcntl
import functools
import hashlib
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
from typing import Iterable

import z3

from c import pyeval
from models import terms
from models.cdefs import signed
from models.outcome import C_FIELDS
from models.outcome import FIELDS as OUTCOME_FIELDS

HERE = pathlib.Path(__file__).resolve().parent
STUBS = HERE / "stubs"
TREES_DIR = HERE.parent / "trees"
CFLAGS = ("-O2", "-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-unused-function",
          "-Wno-implicit-fallthrough",   # a mutant tree falls through on purpose
          "-Werror")

# The order of a scenario line (harness.c, struct harness_scenario).
FIELDS = ("compat", "prepare_err", "type", "override", "hide", "action_prepare_err", "merged",
          "complete_err", "mapped_err", "vm_start", "vm_end", "success_hook_set",
          "success_hook_ret", "error_hook_set", "error_hook_ret", "munmap_err")
# The order of an outcome line.
OUTCOME = ("ret", "user_ret", "vma_created", "vma_mapped", "unmapped", "unmap_start", "unmap_len",
           "lock_held_at_unmap", "rmap_held_at_end", "unlock_unheld", "unmap_detached", "warned_in")
# What is compared: the fields of models.outcome.FIELDS marked ``c`` (the harness
# answers them), ``leaked`` and ``uninit_call`` (constant in C: the harness's driver
# takes no resource and assigns both hooks of every descriptor, which the other fields
# find zeroed or set, so the model must say false too), and where a WARN fired.
COMPARED = (*C_FIELDS, "leaked", "uninit_call", "warned_in")
# Fields of models.outcome.FIELDS no caller of the tree's code can observe, and why.
NOT_OBSERVED = {
    "check_ran": "check_mmap_action is static in mm/util.c; its effect shows in ret and warned_in",
    "check_ret": "the same: its result is returned by mmap_action_prepare (ret)",
    "warned": "compared as warned_in: the functions whose WARN_ON_ONCE fired",
    "first_error": "which callee or check produced the first error is inside the code read; "
                   "the error itself shows in ret",
    "action_completed": "derived from the complete helper's result (complete_err, an input) "
                        "and whether it ran, which shows in ret and the unmap",
}
CHUNK = 256   # scenarios written before their answers are read (keeps both pipes small)


class HarnessError(RuntimeError):
    """The harness could not be built or answered something unexpected."""


def c_designs() -> list[str]:
    """Designs with a fixture tree: one directory each under ``tests/trees/``."""
    return sorted(p.name for p in TREES_DIR.iterdir() if (p / "mm" / "util.c").is_file())


def tree_of(design: str) -> pathlib.Path:
    return TREES_DIR / design


def tree_flags(tree: pathlib.Path) -> list[str]:
    """-D flags that fit the harness's driver and caller to what the tree declares."""
    types = (tree / "include" / "linux" / "mm_types.h").read_text()
    util = (tree / "mm" / "util.c").read_text()
    flags = [f'-DTREE_UTIL_C="{tree / "mm" / "util.c"}"']
    if (tree / "mm" / "vma.c").is_file():
        flags.append(f'-DTREE_VMA_C="{tree / "mm" / "vma.c"}"')
    if "success_hook" in types:
        flags.append("-DHARNESS_HOOKS")
    else:
        m = re.search(r"\bint\s+(error_override|error_filter)\s*;", types)
        if not m:
            raise HarnessError(f"{tree}: struct mmap_action has neither hooks nor an int override")
        flags.append(f"-DHARNESS_OVERRIDE_FIELD={m.group(1)}")
    # The stubs declare mmap_action_complete for mm/vma.c and the callers: with the tree's
    # parameters (the 2025 order is (action, vma), and 7.0.y adds is_compat to it).
    m = re.search(r"^int\s+mmap_action_complete\s*\(([^)]*)\)\s*\{", util, re.M)
    if not m:
        raise HarnessError(f"{tree}: mm/util.c defines no int mmap_action_complete(...)")
    flags.append(f"-DSTUB_MMAP_ACTION_COMPLETE_PARAMS={' '.join(m.group(1).split())}")
    return flags


BUILD_DIR_ENV = "MMAP_ACTION_HARNESS_BUILD_DIR"


@functools.lru_cache(maxsize=1)
def build_dir() -> pathlib.Path:
    """Where binaries are built: ``$MMAP_ACTION_HARNESS_BUILD_DIR`` when set
    (``tests/conftest.py`` sets one per test run, shared by the pytest-xdist workers and
    removed at the end of the run), else a fresh temporary directory of this process."""
    shared = os.environ.get(BUILD_DIR_ENV)
    if shared and pathlib.Path(shared).is_dir():
        return pathlib.Path(shared)
    d = pathlib.Path(tempfile.mkdtemp(prefix="mmap-action-harness-"))
    atexit.register(shutil.rmtree, d, True)
    return d


def _inputs_digest(cmd: list[str], tree: pathlib.Path, src: str) -> str:
    """What a build depends on: the command (the tree's location left out: nothing in the
    code reads it) and every file gcc may read (the tree, the stubs, the harness, the
    source)."""
    h = hashlib.sha256()
    h.update("\0".join(cmd).replace(str(tree), "<tree>").encode())
    files = [*sorted(p for p in tree.rglob("*") if p.is_file()),
             *sorted(p for p in STUBS.rglob("*") if p.is_file()),
             *sorted(p for p in HERE.glob("*.[ch]")), pathlib.Path(src)]
    for f in files:
        rel = f.relative_to(tree) if f.is_relative_to(tree) else f
        h.update(f"\0{rel}\0".encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def compile_binary(design: str, word: int, mmu: bool, source: str = "harness.c",
                   out: pathlib.Path | None = None, extra: Iterable[str] = (),
                   tree: pathlib.Path | None = None, debug_vm: bool = True) -> pathlib.Path:
    """gcc -m<word> [-DCONFIG_MMU] [-DCONFIG_DEBUG_VM] with the tree's files and the stubs;
    the binary's path.
    ``tree`` defaults to ``tests/trees/<design>`` (a mutant tree passes its own).  Without
    ``out``, the binary goes to ``build_dir()`` under a name that is a digest of all it is
    built from, so that a build is done once per test run, whichever worker asks first."""
    if tree is None:
        if design not in c_designs():
            raise HarnessError(f"design {design!r} has no fixture tree in {TREES_DIR}")
        tree = tree_of(design)
    if word not in (32, 64):
        raise HarnessError(f"word size must be 32 or 64, not {word}")
    gcc = shutil.which("gcc")
    if gcc is None:
        raise HarnessError("gcc is not installed; install gcc and gcc-multilib "
                           "(scripts/ensure-debian-packages)")
    src = source if pathlib.Path(source).is_absolute() else str(HERE / source)
    cmd = [gcc, f"-m{word}", *CFLAGS, *(["-DCONFIG_MMU"] if mmu else []),
           *(["-DCONFIG_DEBUG_VM"] if debug_vm else []),
           f'-DHARNESS_DESIGN="{design}"', f"-I{tree / 'include'}", f"-I{STUBS}", f"-I{HERE}",
           *tree_flags(tree), *extra, src]
    if out is not None:
        return _gcc(cmd, out, design, word)
    out = build_dir() / (f"{pathlib.Path(source).stem}-{tree.name}-{word}-"
                         f"{'mmu' if mmu else 'nommu'}{'-debug' if debug_vm else ''}-"
                         f"{_inputs_digest(cmd, tree, src)}")
    with open(f"{out}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)     # another worker may be building it
        if not out.is_file():
            tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
            _gcc(cmd, tmp, design, word)
            os.replace(tmp, out)
    return out


def _gcc(cmd: list[str], out: pathlib.Path, design: str, word: int) -> pathlib.Path:
    cmd = [*cmd, "-o", str(out)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        hint = " (gcc -m32 needs gcc-multilib: run scripts/ensure-debian-packages)" if word == 32 else ""
        raise HarnessError(f"gcc failed for {design} {word}-bit{hint}:\n{' '.join(cmd)}\n{p.stderr}")
    return out


class Harness:
    """One running harness process: a tree, a word size, CONFIG_MMU and CONFIG_DEBUG_VM
    on or off."""

    def __init__(self, design: str, word: int, mmu: bool,
                 tree: pathlib.Path | None = None, debug_vm: bool = True) -> None:
        self.design, self.word, self.mmu, self.debug_vm = design, word, mmu, debug_vm
        self.binary = compile_binary(design, word, mmu, tree=tree, debug_vm=debug_vm)
        self.proc = subprocess.Popen([str(self.binary)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, bufsize=1)
        hello = self.proc.stdout.readline().split()
        want = ["harness", f"design={design}", f"word={word}", f"mmu={int(mmu)}",
                f"debug_vm={int(debug_vm)}"]
        if hello != want:
            raise HarnessError(f"the harness introduced itself as {hello}, expected {want}")
        atexit.register(self.close)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)

    def line(self, inputs: dict) -> str:
        vals = []
        for f in FIELDS:
            v = inputs.get(f, 0)
            if f in ("vm_start", "vm_end"):
                v = int(v) % (1 << self.word)
            vals.append(str(int(v)))
        return " ".join(vals) + "\n"

    def run(self, scenarios: list[dict]) -> list[dict]:
        """The outcome of each scenario (a dict of inputs, as ``replay`` takes)."""
        out: list[dict] = []
        for i in range(0, len(scenarios), CHUNK):
            chunk = scenarios[i:i + CHUNK]
            self.proc.stdin.write("".join(self.line(s) for s in chunk))
            self.proc.stdin.flush()
            for _ in chunk:
                out.append(self.parse(self.proc.stdout.readline()))
        return out

    def parse(self, text: str) -> dict:
        parts = text.split()
        if len(parts) != len(OUTCOME):
            raise HarnessError(f"unexpected harness answer {text!r}")
        res: dict = {}
        for name, raw in zip(OUTCOME, parts):
            if name == "warned_in":
                res[name] = frozenset() if raw == "-" else frozenset(raw.split(","))
            elif name in ("ret", "user_ret", "unmap_start", "unmap_len"):
                res[name] = int(raw)
            else:
                res[name] = raw == "1"
        res["leaked"] = res["uninit_call"] = False
        return res


_running: dict[tuple, Harness] = {}


def harness(design: str, word: int, mmu: bool, tree: pathlib.Path | None = None,
            debug_vm: bool = True) -> Harness:
    key = (design, word, bool(mmu), str(tree) if tree else None, bool(debug_vm))
    if key not in _running:
        _running[key] = Harness(design, word, bool(mmu), tree, bool(debug_vm))
    return _running[key]


def debug_vm_of(s: dict) -> bool:
    """A scenario's CONFIG_DEBUG_VM; one that leaves it out gets what replay gives it."""
    from models.inputs import INPUT_BY_NAME
    return bool(s.get("debug_vm", INPUT_BY_NAME["debug_vm"].omitted))


def run_c(design: str, word: int, scenarios: list[dict],
          tree: pathlib.Path | None = None) -> list[dict]:
    """Run scenarios (each with its own ``mmu`` and ``debug_vm``) through the matching
    harness processes: one build per configuration, as the kernel's."""
    out: list[dict | None] = [None] * len(scenarios)
    for mmu, debug_vm in ((True, True), (True, False), (False, True), (False, False)):
        idx = [i for i, s in enumerate(scenarios)
               if bool(s["mmu"]) == mmu and debug_vm_of(s) == debug_vm]
        if idx:
            runs = harness(design, word, mmu, tree, debug_vm).run([scenarios[i] for i in idx])
            for i, res in zip(idx, runs):
                out[i] = res
    return out  # type: ignore[return-value]


class Evaluator:
    """The Z3 model of one (design, word size) evaluated on concrete inputs.

    The terms are those the proofs use (``verify.session.symbolic_call`` with
    ``inline``: over the inputs alone, no definitions), packed into one bit-vector and
    compiled into Python code (``c.pyeval``) that computes every compared field and every
    WARN guard in one pass over their shared subterms: about 20 us for the term (30 us a
    scenario with the unpacking), against 0.2 ms for Z3's model evaluator on the same term (``z3_eval``, used for a term with
    an operator pyeval does not translate) and 2 to 3 ms for a solver check with the
    inputs pinned (``model_outcome_solved``, which the tests compare it with)."""

    def __init__(self, design: str, word: int) -> None:
        from models.inputs import INPUTS
        from verify import catalog
        from verify.session import symbolic_call

        self.design, self.word = design, word
        self.outcome = o = symbolic_call(catalog.design(design), word, True)
        if o.path.constraints():
            raise HarnessError(f"{design}: inline terms carry definitions; cannot evaluate them")
        self.fields = [f.name for f in OUTCOME_FIELDS if f.name not in NOT_OBSERVED]
        fields = [o.term(n) for n in self.fields]
        self.bools = [z3.is_bool(t) for t in fields]
        warns = [st for st in o.path.steps if st.kind == "warn"]
        self.warn_sites = [st.rule.cite.split(":", 1)[1] for st in warns]
        self.packed, self.widths = terms.pack(fields + [st.guard for st in warns])
        # Only the inputs the terms read get a value: the others cannot change the result.
        used = pyeval.constants(self.packed)
        self.inputs = [(v, o.inputs.terms[v.name].decl()) for v in INPUTS if v.name in used]
        self.ctx = self.packed.ctx
        self._values: dict[tuple[str, object], z3.ExprRef] = {}   # Z3 values made once
        # The packed term as Python code (tests/c/pyeval.py); Z3 evaluates a term that has
        # an operator pyeval does not translate.
        try:
            self.compiled = pyeval.compile_term(self.packed, [v.name for v, _ in self.inputs])
        except pyeval.Unsupported:
            self.compiled = None
        self._python: dict[tuple[str, object], int | bool] = {}

    def value(self, var, v) -> z3.ExprRef:
        from models.inputs import to_z3
        key = (var.name, v)
        if key not in self._values:
            self._values[key] = to_z3(v, var, self.word)
        return self._values[key]

    def python_value(self, var, v) -> int | bool:
        """An input's value as the compiled term takes it: what Z3 makes of it."""
        key = (var.name, v)
        if key not in self._python:
            z = self.value(var, v)
            self._python[key] = z3.is_true(z) if z3.is_bool(z) else z.as_long()
        return self._python[key]

    def __call__(self, values: dict) -> dict:
        if self.compiled is None:
            n = self.z3_eval(values)
        else:
            n = int(self.compiled(*[self.python_value(var, values[var.name])
                                    for var, _ in self.inputs]))
        vals = terms.unpack(n, self.widths)
        res: dict = {f: bool(v) if b else v for f, b, v in zip(self.fields, self.bools, vals)}
        res["warned_in"] = frozenset(site for site, v in zip(self.warn_sites,
                                                               vals[len(self.fields):]) if v)
        return res

    def z3_eval(self, values: dict) -> int:
        """The packed term's value by Z3's model evaluator."""
        # Z3's C API directly (ModelRef.update_value and ModelRef.eval without their
        # checks and wrappers): this runs for every scenario of every C test.
        ctx = self.ctx.ref()
        m = z3.Model(self.ctx)
        for var, decl in self.inputs:
            z3.Z3_add_const_interp(ctx, m.model, decl.ast,
                                   self.value(var, values[var.name]).as_ast())
        out = (z3.Ast * 1)()
        if not z3.Z3_model_eval(ctx, m.model, self.packed.as_ast(), True, out):
            raise HarnessError(f"{self.design}: the model could not be evaluated: {values}")
        z3.Z3_inc_ref(ctx, out[0])
        try:
            if z3.Z3_get_ast_kind(ctx, out[0]) != z3.Z3_NUMERAL_AST:
                raise HarnessError(f"{self.design}: the model did not evaluate to a value: "
                                   f"{values}")
            n = int(z3.Z3_get_numeral_string(ctx, out[0]))
        finally:
            z3.Z3_dec_ref(ctx, out[0])
        return n


@functools.lru_cache(maxsize=None)
def evaluator(design: str, word: int) -> Evaluator:
    return Evaluator(design, word)


def _callers_view(res: dict, values: dict) -> dict:
    res["ret"] = signed(res["ret"])         # the 32 bits of the int, read as signed
    if not values["compat"] and res["ret"] == 0:
        res["user_ret"] = values["vm_start"]   # __mmap_region passes up the address on success
    return res


def model_outcome(design: str, word: int, inputs: dict) -> dict:
    """The Z3 model on one concrete scenario: every Outcome field in the harness's terms."""
    from verify.replay import complete_inputs

    values = complete_inputs(design, word, dict(inputs))
    return _callers_view(evaluator(design, word)(values), values)


def model_outcome_solved(design: str, word: int, inputs: dict) -> dict:
    """``model_outcome`` as ``verify replay`` computes it: the model's definitions in a
    solver with every input pinned, each field read from the solver's model."""
    from verify.replay import complete_inputs, session_for

    values = complete_inputs(design, word, dict(inputs))
    s = session_for(design, word)
    r, model, reason = s.check(*s.inputs.pinned(values))
    if r != z3.sat:
        raise HarnessError(f"scenario has no execution in {design} ({reason or r}): {inputs}")
    o = s.outcome
    ev = lambda t: model.eval(t, model_completion=True)  # noqa: E731
    res: dict = {}
    for f in OUTCOME_FIELDS:
        if f.name in NOT_OBSERVED:
            continue
        v = ev(o.term(f.name))
        res[f.name] = z3.is_true(v) if z3.is_bool(v) else v.as_long()
    res["warned_in"] = frozenset(st.rule.cite.split(":", 1)[1] for st in o.path.steps
                                 if st.kind == "warn" and z3.is_true(ev(st.guard)))
    return _callers_view(res, values)


def expected(design: str, word: int, inputs: dict) -> dict:
    """What the C code must answer for one scenario (``model_outcome``, ``COMPARED`` only)."""
    m = model_outcome(design, word, inputs)
    return {k: m[k] for k in COMPARED}


def observed(c_outcome: dict) -> dict:
    return {k: c_outcome[k] for k in COMPARED}
