"""Build and drive the C harness: the kernel's mmap_action code compiled with gcc.

One binary per (design, word size, CONFIG_MMU); each runs as one long-lived
process that reads a scenario per line and answers its outcome per line
(``harness.c`` documents the protocol).  Binaries are built at first use into a
fresh temporary directory, with ``-m64`` or ``-m32``; a build that fails raises
``HarnessError`` with gcc's message (tests fail, they do not skip).

``expected(trace)`` puts a model trace (``verify.replay.replay`` or a
verifier witness / counterexample) in the harness's terms, so that a test
compares the two with ``==``.
"""
from __future__ import annotations

import atexit
import functools
import pathlib
import shutil
import subprocess
import tempfile
from typing import Iterable

from models.outcome import C_FIELDS

HERE = pathlib.Path(__file__).resolve().parent
DESIGNS_DIR = HERE / "designs"
SOURCES = ("harness.c", "harness.h", "kernel.h", "mm_internal.h", "util.c", "memory.c", "vma.c")
CFLAGS = ("-O2", "-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-unused-function",
          "-Werror")

# The order of a scenario line (harness.c, struct harness_scenario).
FIELDS = ("compat", "prepare_err", "type", "override", "hide", "action_prepare_err", "merged",
          "complete_err", "mapped_err", "vm_start", "vm_end", "success_hook_set",
          "success_hook_ret", "error_hook_set", "error_hook_ret")
# The order of an outcome line.
OUTCOME = ("user_ret", "vma_created", "vma_mapped", "unmapped", "unmap_start", "unmap_len",
           "lock_held_at_unmap", "rmap_held_at_end", "unlock_unheld", "unmap_detached", "warned_in")
# What is compared: the outcome fields marked ``c`` in models.outcome.FIELDS, and where
# a WARN fired.
COMPARED = (*C_FIELDS, "warned_in")
CHUNK = 256   # scenarios written before their answers are read (keeps both pipes small)


class HarnessError(RuntimeError):
    """The harness could not be built or answered something unexpected."""


def c_designs() -> list[str]:
    """Designs with a C counterpart: one directory each under ``designs/``."""
    return sorted(p.name for p in DESIGNS_DIR.iterdir() if (p / "finish.c").is_file())


@functools.lru_cache(maxsize=1)
def build_dir() -> pathlib.Path:
    d = pathlib.Path(tempfile.mkdtemp(prefix="mmap-action-harness-"))
    atexit.register(shutil.rmtree, d, True)
    return d


def compile_binary(design: str, word: int, mmu: bool, source: str = "harness.c",
                   out: pathlib.Path | None = None, extra: Iterable[str] = ()) -> pathlib.Path:
    """gcc -m<word> [-DCONFIG_MMU] -Idesigns/<design>; return the binary's path."""
    if design not in c_designs():
        raise HarnessError(f"design {design!r} has no C counterpart in {DESIGNS_DIR}")
    if word not in (32, 64):
        raise HarnessError(f"word size must be 32 or 64, not {word}")
    gcc = shutil.which("gcc")
    if gcc is None:
        raise HarnessError("gcc is not installed; install gcc and gcc-multilib "
                           "(scripts/ensure-debian-packages)")
    out = out or build_dir() / f"{pathlib.Path(source).stem}-{design}-{word}-{'mmu' if mmu else 'nommu'}"
    cmd = [gcc, f"-m{word}", *CFLAGS, *(["-DCONFIG_MMU"] if mmu else []),
           f'-DHARNESS_DESIGN="{design}"', f"-I{DESIGNS_DIR / design}", f"-I{HERE}", *extra,
           str(HERE / source) if not pathlib.Path(source).is_absolute() else source, "-o", str(out)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        hint = " (gcc -m32 needs gcc-multilib: run scripts/ensure-debian-packages)" if word == 32 else ""
        raise HarnessError(f"gcc failed for {design} {word}-bit{hint}:\n{' '.join(cmd)}\n{p.stderr}")
    return out


class Harness:
    """One running harness process: a design, a word size, CONFIG_MMU on or off."""

    def __init__(self, design: str, word: int, mmu: bool) -> None:
        self.design, self.word, self.mmu = design, word, mmu
        self.binary = compile_binary(design, word, mmu)
        self.proc = subprocess.Popen([str(self.binary)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, bufsize=1)
        hello = self.proc.stdout.readline().split()
        want = ["harness", f"design={design}", f"word={word}", f"mmu={int(mmu)}"]
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
            elif name in ("user_ret", "unmap_start", "unmap_len"):
                res[name] = int(raw)
            else:
                res[name] = raw == "1"
        return res


_running: dict[tuple[str, int, bool], Harness] = {}


def harness(design: str, word: int, mmu: bool) -> Harness:
    key = (design, word, bool(mmu))
    if key not in _running:
        _running[key] = Harness(*key)
    return _running[key]


def run_c(design: str, word: int, scenarios: list[dict]) -> list[dict]:
    """Run scenarios (each with its own ``mmu``) through the matching harness processes."""
    out: list[dict | None] = [None] * len(scenarios)
    for mmu in (True, False):
        idx = [i for i, s in enumerate(scenarios) if bool(s["mmu"]) == mmu]
        if idx:
            for i, res in zip(idx, harness(design, word, mmu).run([scenarios[i] for i in idx])):
                out[i] = res
    return out  # type: ignore[return-value]


def warned_functions(trace) -> frozenset[str]:
    """The kernel functions whose WARN fired in a model trace (from each warn step's rule)."""
    return frozenset(s.cite.split(":", 1)[1] for s in trace.steps if s.kind == "warn")


def expected(trace) -> dict:
    """A model trace in the harness's terms: what the C code must answer."""
    o, i = trace.outcome, trace.inputs
    user_ret = o["user_ret"]
    if not i["compat"] and o["ret"] == 0:
        user_ret = i["vm_start"]           # __mmap_region returns addr on success
    exp = {k: o[k] for k in C_FIELDS}
    exp["user_ret"] = user_ret
    exp["warned_in"] = warned_functions(trace)
    return exp


def observed(c_outcome: dict) -> dict:
    return {k: c_outcome[k] for k in COMPARED}
