"""The REPL under hostile input: an unusable --history is an error before the prompt,
:save to a directory is an error and the session goes on, piped input exits with the
worst line's code."""
from __future__ import annotations

import io
import subprocess
import sys

import pytest

from verify.errors import OutputFileError, UsageError
from verify.query.settings import Settings
from verify.repl import Repl, file_history


def piped(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "verify", "repl", *args], input=script,
                          text=True, capture_output=True)


def test_history_that_is_a_directory_is_an_error_before_the_prompt(tmp_path):
    with pytest.raises(UsageError, match="is a directory"):
        file_history(tmp_path)
    p = piped("ret == 0\n", "--history", str(tmp_path))
    assert p.returncode == 64 and "is a directory" in p.stderr and p.stdout == ""


def test_history_that_cannot_be_created_is_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OutputFileError):
        file_history(blocker / "sub" / "history")


def test_the_default_history_falls_back_quietly(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert file_history(blocker / "sub" / "history", explicit=False) is not None


def test_save_to_a_directory_is_an_error_and_the_session_goes_on(tmp_path):
    out = io.StringIO()
    repl = Repl(Settings(), out)
    rc = repl.loop_plain(io.StringIO(f"ret == 0\n:save {tmp_path}\nret == -EAGAIN\n"))
    text = out.getvalue()
    assert "error: cannot write" in text and "is a directory" in text
    assert "witness: ret=-EAGAIN" in text
    assert rc == 64


@pytest.mark.parametrize("script, code", [
    ("ret == 0\nret == -ENOMEM\n", 0),
    ("ret == 0\nret ==\n", 64),
    (":design nosuch\nret == 0\n", 64),
    ("ret == 0\n:show 7\n", 64),
])
def test_piped_input_exits_with_the_worst_line(script, code):
    out = io.StringIO()
    assert Repl(Settings(), out).loop_plain(io.StringIO(script)) == code, out.getvalue()
