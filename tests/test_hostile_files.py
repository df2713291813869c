"""Hostile files: unwritable outputs, a full stdout, endless, deeply nested, non-UTF-8
and BOM scenario files, a float word size, and standard input: a one-line error and
the documented exit code (66 only for a missing or unreadable file), never a traceback."""
from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys

import pytest

from verify.errors import EXIT_IOERR, EXIT_NOINPUT, EXIT_USAGE
from verify.scenario_file import MAX_SCENARIO_BYTES

EXAMPLE = pathlib.Path(__file__).parent.parent / "examples" / "compat-raw-error.json"


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and "Traceback" not in err


def test_cli_exit_code_for_output_matches_verify_errors():
    import verify.cli as cli_mod
    assert cli_mod.EXIT_IOERR == EXIT_IOERR == 74


@pytest.mark.parametrize("target", ["dir", "/proc/version"])
def test_save_to_a_directory_or_an_unwritable_file(cli, tmp_path, target):
    path = str(tmp_path) if target == "dir" else target
    if target != "dir" and not pathlib.Path(target).exists():
        pytest.skip("no /proc here")
    rc, _, err = cli("query", "ret == 0", "--save", path)
    assert rc in (EXIT_USAGE, EXIT_IOERR) and one_line(err)
    assert "directory" in err or "cannot write" in err


@pytest.mark.skipif(not pathlib.Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["vars"]])
def test_stdout_on_a_full_disk(args):
    with open("/dev/full", "w") as full:
        p = subprocess.run([sys.executable, "-m", "verify", *args], stdout=full,
                           stderr=subprocess.PIPE, text=True)
    assert p.returncode == EXIT_IOERR and one_line(p.stderr) and "No space left" in p.stderr


@pytest.mark.skipif(not pathlib.Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_scenario_path_that_never_ends_is_refused(cli):
    rc, _, err = cli("replay", "/dev/zero")
    assert rc == EXIT_USAGE and one_line(err) and f"{MAX_SCENARIO_BYTES >> 20} MiB" in err


@pytest.mark.parametrize("name, data, code, words", [
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, EXIT_USAGE, "nests too deeply"),
    ("deep.toml", b"a = " + b"[" * 100_000 + b"]" * 100_000, EXIT_USAGE, ""),
    ("latin1.json", b'{"description": "caf\xe9"}', EXIT_USAGE, "not UTF-8"),
    ("utf16.json", "{}".encode("utf-16"), EXIT_USAGE, "not UTF-8"),
    ("empty.json", b"", EXIT_USAGE, "not valid JSON"),
])
def test_malformed_files_are_usage_errors_not_missing(cli, tmp_path, name, data, code, words):
    p = tmp_path / name
    p.write_bytes(data)
    rc, _, err = cli("replay", str(p))
    assert rc == code and one_line(err) and words in err


def test_a_byte_order_mark_is_accepted(cli, tmp_path):
    p = tmp_path / "bom.json"
    p.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    rc, out, err = cli("replay", str(p))
    assert rc == 0, err


def test_missing_file_is_66(cli, tmp_path):
    rc, _, err = cli("replay", str(tmp_path / "nope.json"))
    assert rc == EXIT_NOINPUT and one_line(err)


@pytest.mark.parametrize("word", [64.0, "64", True, 128])
def test_word_size_must_be_the_integer_32_or_64(cli, tmp_path, word):
    doc = json.loads(EXAMPLE.read_text())
    doc["word_size"] = word
    p = tmp_path / "w.json"
    p.write_text(json.dumps(doc))
    rc, _, err = cli("replay", str(p))
    assert rc == EXIT_USAGE and one_line(err) and "word_size must be 32 or 64" in err


@pytest.mark.parametrize("kind", ["json", "toml"])
def test_replay_dash_reads_standard_input(tmp_path, kind):
    src = EXAMPLE
    if kind == "toml":
        from verify.scenario_file import to_toml
        src = tmp_path / "s.toml"
        src.write_text(to_toml(json.loads(EXAMPLE.read_text())))
    with open(src, "rb") as f:
        p = subprocess.run([sys.executable, "-m", "verify", "replay", "-"], stdin=f,
                           capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "replay: <stdin>" in p.stdout


def test_emit_test_to_an_unwritable_place(cli, tmp_path):
    if shutil.which("true") is None or not pathlib.Path("/proc/version").exists():
        pytest.skip("no /proc here")
    rc, _, err = cli("replay", str(EXAMPLE), "--emit-test", "/proc/version.py")
    assert rc in (EXIT_USAGE, EXIT_IOERR) and one_line(err)
