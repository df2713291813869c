"""A deterministic, bounded fuzz of the command line: commands x flags x kinds of file,
run in this process.  Every run ends with a documented exit code, and an error is one
line on stderr, never a traceback."""
from __future__ import annotations

import itertools
import json
import pathlib
import random

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "compat-raw-error.json"
CODES = {0, 1, 2, 64, 66, 74}


def files(tmp: pathlib.Path) -> dict[str, str]:
    """One path of each kind a user may hand the command line."""
    (tmp / "dir").mkdir()
    (tmp / "empty.json").write_bytes(b"")
    (tmp / "binary.json").write_bytes(bytes(range(256)))
    (tmp / "bom.json").write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    (tmp / "deep.json").write_text("[" * 50_000 + "]" * 50_000)
    (tmp / "list.json").write_text("[1, 2, 3]")
    doc = json.loads(EXAMPLE.read_text())
    (tmp / "float.json").write_text(json.dumps(doc | {"word_size": 64.0}))
    (tmp / "nulls.json").write_text(json.dumps(doc | {"inputs": {k: None for k in doc["inputs"]}}))
    (tmp / "huge.json").write_text(json.dumps(doc | {"inputs": doc["inputs"] | {"override": 10**80}}))
    (tmp / "bad.toml").write_text("design = [")
    kinds = {name: str(tmp / name) for name in ("dir", "empty.json", "binary.json", "bom.json",
                                                "deep.json", "list.json", "float.json",
                                                "nulls.json", "huge.json", "bad.toml")}
    (tmp / "ok.json").write_bytes(EXAMPLE.read_bytes())     # a copy: some runs write to it
    kinds |= {"missing": str(tmp / "missing.json"), "ok": str(tmp / "ok.json"), "empty-name": "",
              "new": str(tmp / "new" / "x.json"), "fresh": str(tmp / "fresh.toml")}
    if pathlib.Path("/dev/zero").exists():
        kinds["zero"] = "/dev/zero"
    if pathlib.Path("/proc/version").exists():
        kinds["proc"] = "/proc/version"
    return kinds


# {F} is replaced by a path of each kind; the commands are the quick ones, or slow ones with
# flags that stop before the long part.
TEMPLATES = [
    ["replay", "{F}"], ["replay", "{F}", "--json"], ["replay", "ok", "--emit-test", "{F}"],
    ["query", "ret == 0", "--save", "{F}"], ["query", "ret > 0", "--save", "{F}"],
    ["export", "--smt2", "{F}", "-i", "ret-valid-errno", "-w", "64", "-c", "mmu-normal"],
    ["check-seq", "-k", "1", "-i", "failed-vma-never-mapped", "--trace-out", "{F}",
     "-d", "hooks"],
    ["docs", "--out", "{F}", "-d", "nosuch"],
    ["repl", "--history", "{F}", "--design", "nosuch"],
]
FLAGS = [
    ["list"], ["list", "--json"], ["vars"], ["vars", "-d", "hooks"], ["--version"], ["--help"],
    ["nosuch"], ["prove", "-i", "nosuch"], ["prove", "-d", "nosuch"], ["prove", "-w", "16"],
    ["prove", "-c", "nosuch"], ["prove", "--timeout-ms", "0"], ["prove", "--solver", "nosuch"],
    ["prove", "-i", "ret-valid-errno", "-w", "32", "-c", "mmu-normal"],
    ["prove", "-i", "unmap-on-failure", "-d", "hooks", "-w", "64", "-c", "mmu-normal", "--json"],
    ["matrix", "-d", "nosuch"], ["matrix", "--jobs", "0"], ["mutate", "-m", "nosuch"],
    ["history", "--version", "nosuch"], ["check-seq", "-k", "0"], ["check-seq", "-k", "99999"],
    ["check-seq", "--space", "nosuch"], ["check-seq", "-c", "nosuch"],
    ["query"], ["query", ""], ["query", "ret ==", "--json"], ["query", "ret == 0", "--all", "0"],
    ["query", "ret == 0", "-a", "nosuch"], ["query", "ret == 0", "-c", "nommu-normal"],
    ["query", "ret == 0", "-w", "32", "--all", "3"], ["query", "ret == 0", "--timeout-ms", "-1"],
    ["explain"], ["explain", "ret > 0", "-i", "ret-valid-errno"], ["explain", "-i", "nosuch"],
    ["explain", "-i", "ret-valid-errno", "-a", "base"], ["explain", "ret > 0", "--json"],
    ["explain", "ret == 0"], ["replay"], ["export"],
]


def cases(kinds: dict[str, str]) -> list[list[str]]:
    out = [list(f) for f in FLAGS]
    for t, k in itertools.product(TEMPLATES, sorted(kinds)):
        out.append([kinds["ok"] if a == "ok" else a.replace("{F}", kinds[k]) if "{F}" in a else a
                    for a in t])
    rng = random.Random(15)
    words = [w for f in FLAGS for w in f] + ["--json", "-", "--", "-x", "\x00", "\uff11"]
    for _ in range(40):                              # flags recombined at random (seeded)
        out.append(rng.sample(words, rng.randint(1, 5)))
    return out


def test_every_run_has_a_documented_code_and_a_one_line_error(cli, tmp_path, monkeypatch):
    kinds = files(tmp_path)
    monkeypatch.chdir(tmp_path)
    failures = []
    for args in cases(kinds):
        if args and args[0] in ("matrix", "mutate", "history", "docs") and not any(
                a in ("nosuch", "0") for a in args):
            continue                                  # the long runs are tested elsewhere
        if args and args[0] == "check-seq" and "-k" not in args:
            continue
        try:
            rc, out, err = cli(*args)
        except SystemExit as e:                       # click may exit for --help/--version
            rc, out, err = e.code, "", ""
        except Exception as e:                        # noqa: BLE001 - the bug being hunted
            failures.append((args, f"raised {type(e).__name__}: {e}"))
            continue
        if rc not in CODES or "Traceback" in out + err:
            failures.append((args, rc, err[-300:]))
        elif rc in (64, 66, 74) and not (err.startswith("verify: error:") and err.count("\n") == 1):
            failures.append((args, rc, f"not one error line: {err[:300]!r}"))
    assert not failures, "\n".join(map(repr, failures))


@pytest.mark.parametrize("kind, code", [("missing", 66), ("dir", 66), ("empty.json", 64),
                                        ("binary.json", 64), ("deep.json", 64), ("zero", 64),
                                        ("bom.json", 0), ("float.json", 64), ("nulls.json", 64),
                                        ("huge.json", 64), ("bad.toml", 64)])
def test_replay_exit_code_by_kind_of_file(cli, tmp_path, kind, code):
    kinds = files(tmp_path)
    if kind not in kinds:
        pytest.skip(f"no {kind} here")
    rc, _, err = cli("replay", kinds[kind])
    assert rc == code, err
