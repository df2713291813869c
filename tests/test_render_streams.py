"""Every command renders through the format registry (verify.render.formats): it computes
a result, ``render(result, fmt, stream)`` writes it to the stream it is given, and the
command's exit code is the result's.  Each command is run once; the result it rendered is
then written again, in every format its ``--format`` lists, to an ``io.StringIO``."""
from __future__ import annotations

import contextlib
import io
import json
import pathlib
import subprocess
import sys

import pytest
from junitparser import JUnitXml

from ktap_reader import read
from verify.cli import COMMANDS, load_commands
from verify.render import formats

ROOT = pathlib.Path(__file__).resolve().parents[1]
TREES = ROOT / "tests" / "trees"
EXAMPLE = ROOT / "examples" / "devmem-remap-failure.json"


def runs(tmp: pathlib.Path) -> dict[str, list[str]]:
    """One small run of each command that renders a result."""
    return {
        "prove": ["prove", "-d", "hooks", "-w", "64", "-c", "mmu-normal", "-i", "ret-valid-errno",
                  "-i", "unmap-on-failure"],
        "source": ["source", "--tree", str(TREES / "override"), "-w", "64", "-c", "mmu-compat",
                   "-i", "unmap-on-failure"],
        "matrix": ["matrix", "-d", "hooks-2025", "-w", "64", "-i", "unlock-before-unmap",
                   "-c", "mmu-normal", "-j", "1"],
        "mutate": ["mutate", "-m", "unmap-skipped", "-i", "unmap-on-failure", "-w", "64",
                   "-j", "1"],
        "history": ["history", "--version", "v-override", "-i", "unlock-before-unmap", "-w",
                    "64", "-j", "1"],
        "check-seq": ["check-seq", "-d", "hooks", "-i", "reported-success-is-mapped", "-k", "2",
                      "-w", "64"],
        "assumptions": ["assumptions", "-i", "unmap-on-failure", "-w", "64"],
        "patch": ["patch", str(TREES / "mutants" / "compat-unmaps.patch"), "--tree",
                  str(TREES / "override")],
        "query": ["query", "ret == -ENOMEM", "--all", "2"],
        "explain": ["explain", "-i", "ret-valid-errno", "-d", "hooks"],
        "replay": ["replay", str(EXAMPLE)],
        "vars": ["vars", "-d", "hooks"],
        "list": ["list"],
        "export": ["export", "--smt2", str(tmp / "smt"), "-i", "ret-valid-errno", "-c",
                   "mmu-normal", "-w", "64"],
        "docs": ["docs", "--design", "hooks", "--out", str(tmp / "docs")],
    }


def listed(name: str) -> list[str]:
    """The formats ``verify NAME --format`` offers."""
    cmd = load_commands().commands[name]
    (opt,) = [p for p in cmd.params if p.name == "fmt"]
    return list(opt.type.choices)


def with_format() -> list[str]:
    return sorted(n for n in COMMANDS
                  if any(p.name == "fmt" for p in load_commands().commands[n].params))


@contextlib.contextmanager
def capturing():
    """Record what each command hands to ``render``: [(result, fmt, options)]."""
    seen: list[tuple] = []
    real = formats.render

    def spy(result, fmt, out, **options):
        seen.append((result, fmt, options, out))
        return real(result, fmt, out, **options)

    load_commands()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(formats, "render", spy)          # a command importing it when it runs
        for mod in [m for n, m in sys.modules.items() if n.startswith("verify.commands.")]:
            if getattr(mod, "render", None) is real:
                mp.setattr(mod, "render", spy)
        yield seen


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """{command: (exit code, stdout, result, options)}, each run once in text."""
    from verify.cli import main
    tmp = tmp_path_factory.mktemp("streams")
    got = {}
    for name, args in runs(tmp).items():
        with capturing() as seen:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                rc = main(args)
        assert len(seen) == 1, (name, rc, err.getvalue())
        result, fmt, options, stream = seen[0]
        assert fmt == "text" and stream is out       # the stream it was given: stdout
        got[name] = (rc, out.getvalue(), result, options)
    return got


def test_every_command_with_a_format_is_run_here():
    assert with_format() == sorted(runs(pathlib.Path("/nonexistent")))
    assert set(COMMANDS) - set(with_format()) == {"repl"}   # interactive: lines, not a result


@pytest.mark.parametrize("name", sorted(runs(pathlib.Path("/nonexistent"))))
def test_the_command_renders_its_result_and_returns_its_exit_code(ran, name):
    rc, out, result, options = ran[name]
    assert rc == result.exit_code
    buf = io.StringIO()
    assert formats.render(result, "text", buf, **options) == rc
    assert buf.getvalue().strip()
    # `verify source` says first, on stdout in text, what it read from the tree
    assert out == buf.getvalue() if name != "source" else out.endswith(buf.getvalue())


@pytest.mark.parametrize("name", sorted(runs(pathlib.Path("/nonexistent"))))
def test_every_listed_format_renders_to_a_stream(ran, name):
    rc, _, result, options = ran[name]
    names = listed(name)
    assert names == list(formats.kind_of(result).formats)
    for fmt in names:
        buf = io.StringIO()
        assert formats.render(result, fmt, buf, **options) == rc, fmt
        text = buf.getvalue()
        assert text.endswith("\n") and text.strip(), fmt
        if fmt == "json":
            assert json.loads(text) == json.loads(json.dumps(result.to_dict()))
        elif fmt == "ktap":
            assert read(text).tests and f"exit code {rc}" in text.splitlines()[-1]
        elif fmt == "junit":
            xml = JUnitXml.fromstring(text.encode())
            assert xml.tests > 0 and (xml.failures + xml.errors > 0) == (rc != 0)
        elif fmt == "sarif":
            assert json.loads(text)["runs"][0]["invocations"][0]["exitCode"] == rc


@pytest.mark.parametrize("name", sorted(runs(pathlib.Path("/nonexistent"))))
def test_a_format_the_result_does_not_take_is_a_one_line_error(ran, cli, name):
    from verify.errors import UsageError
    rc, _, result, options = ran[name]
    names = listed(name)
    missing = [f for f in formats.FORMATS if f not in names]
    if not missing:
        return
    with pytest.raises(UsageError) as e:
        formats.render(result, missing[0], io.StringIO(), **options)
    assert e.value.exit_code == 64 and all(n in str(e.value) for n in names)
    rc, out, err = cli(*runs(pathlib.Path("/nonexistent"))[name], "--format", missing[0])
    assert rc == 64 and out == "" and len(err.strip().splitlines()) == 1
    assert all(f"'{n}'" in err for n in names) and "Traceback" not in err


def test_json_is_the_alias_of_format_json(ran, cli):
    rc, out, err = cli("vars", "-d", "hooks", "--json")
    rc2, out2, _ = cli("vars", "-d", "hooks", "--format", "json")
    assert rc == rc2 == 0 and out == out2
    assert json.loads(out) == ran["vars"][2].to_dict()
    rc, _, err = cli("list", "--json", "--format", "text")
    assert rc == 64 and "contradict" in err


def test_the_query_path_loads_no_renderer_before_it_renders():
    """`verify query` imports rich only when it writes the answer, and never in JSON."""
    code = ("import sys, io, contextlib; from verify.cli import main; import verify.render.formats as f\n"
            "real = f.render\n"
            "def spy(*a, **k):\n"
            "    print(sorted(m for m in ('rich', 'verify.render.text', 'verify.render.query', "
            "'verify.render.json_out') if m in sys.modules), file=sys.stderr)\n"
            "    return real(*a, **k)\n"
            "import verify.commands.query_cmd as q; q.render = spy\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    rc = main(['query', '--json', 'ret == 0'])\n"
            "print(rc, 'rich' in sys.modules, file=sys.stderr)\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    before, after = p.stderr.strip().splitlines()[-2:]
    assert before == "[]" and after == "0 False", p.stderr


@pytest.mark.parametrize("args", [
    ["query", "unmapped and ret == 0", "--save", "w.json"],    # impossible: nothing saved, 1
    ["explain", "ret == 0"],                                    # possible: nothing to explain, 1
    ["replay", "bad.json", "--format", "ktap"],                 # an expectation not met, 1
])
def test_the_process_exits_with_the_results_exit_code(args, tmp_path):
    doc = json.loads(EXAMPLE.read_text())
    doc["expect"]["returned"] = 0
    (tmp_path / "bad.json").write_text(json.dumps(doc))
    from verify.cli import main
    with capturing() as seen, contextlib.chdir(tmp_path):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            rc = main(args)
    p = subprocess.run([sys.executable, "-m", "verify", *args], capture_output=True, text=True,
                       cwd=tmp_path)
    assert p.returncode == rc == seen[0][0].exit_code == 1, p.stderr
    assert "Traceback" not in p.stderr
