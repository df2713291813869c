"""The REPL, driven as a user drives it: keystrokes through prompt_toolkit's pipe
input (completion, history), and the real program in a pseudo-terminal."""
from __future__ import annotations

import io
import os
import pathlib
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import threading
import time
import fcntl

import pytest
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from verify.query.settings import Settings
from verify.repl import Repl, ReplCompleter, prompt_session

ROOT = pathlib.Path(__file__).resolve().parents[1]


def settle(what: str, ready, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > end:
            raise AssertionError(f"the REPL never {what}")
        time.sleep(0.005)


def drive(keys: list[str], settings: Settings | None = None) -> str:
    """Type ``keys`` (one chunk at a time) into a REPL; its output.  Keys typed while a
    line is being answered wait for the next prompt, as in a terminal; a Tab is pressed
    once the text before it is in the line, the next key once its completion is in, and
    an arrow key once the line before it is answered."""
    out = io.StringIO()
    repl = Repl(settings or Settings(), out)
    with create_pipe_input() as inp:
        session = prompt_session(repl, input=inp, output=DummyOutput())
        buf = session.default_buffer
        done: dict = {}
        th = threading.Thread(target=lambda: done.setdefault("rc", repl.loop(session)))
        th.start()
        for chunk, following in zip(keys, keys[1:] + [""]):
            before, answered = buf.text, len(out.getvalue())
            inp.send_text(chunk)
            if chunk == "\t":
                settle(f"completed {before!r}", lambda: buf.text != before)
            elif following == "\t":
                settle(f"took {chunk!r}", lambda: buf.text.endswith(chunk))
            elif following.startswith("\x1b"):
                # A key that reads the history: as a person would, press it at the next
                # prompt, once the history (loaded in the background) is there.
                settle(f"answered {chunk!r}", lambda: len(out.getvalue()) > answered)
                time.sleep(0.15)
        th.join(30)
    assert done.get("rc") == 0, out.getvalue()
    return out.getvalue()


def test_query_show_explain_and_quit():
    out = drive(["unmapped and ret == 0\r", ":explain\r",
                 "ret == -ENOMEM and type == MMAP_REMAP_PFN\r", ":show\r", ":quit\r"])
    assert "impossible" in out and "apply_override" in out and "mm/util.c:mmap_action_finish" in out
    assert "witness: ret=-ENOMEM" in out and "f_op->mmap_prepare" in out


def test_tab_completes_names_errnos_and_commands():
    out = drive(["ret == -EAGA", "\t", " and type == MMAP_REMAP_P", "\t", "\r",
                 ":desi", "\t", " hooks\r", "error_hook_r", "\t", " > 0\r", ":quit\r"])
    assert "error" not in out.lower().replace("error_hook", "")
    assert "witness: ret=-EAGAIN" in out and "type=MMAP_REMAP_PFN" in out
    assert "design hooks" in out and "error_hook_ret=" in out


def test_history_recalls_the_previous_line():
    out = drive(["ret == -EINVAL\r", "\x1b[A", "\r", ":quit\r"])
    assert out.count("witness: ret=-EINVAL") == 2


def test_switching_word_size_and_config_changes_answers():
    out = drive([":config nommu-normal\r", "ret > 0\r", ":config mmu-normal\r", "ret > 0\r",
                 ":word 32\r", ":settings\r", ":quit\r"])
    assert out.count("witness: ret=") == 1 and "impossible" in out
    assert "32-bit, config mmu-normal" in out


def test_save_then_replay_a_witness(tmp_path):
    f = tmp_path / "w.json"
    out = drive(["override == -EAGAIN and ret == -EAGAIN and unmapped\r", f":save {f}\r",
                 f":replay {f}\r", ":quit\r"])
    assert f.exists() and "expectations met" in out


def test_errors_do_not_end_the_session():
    out = drive(["retn == 0\r", ":design hookz\r", ":word 16\r", ":show\r", ":frob\r",
                 "ret == 0\r", "\x04"])    # Ctrl-D ends it
    assert "^" in out and "did you mean 'ret'" in out and "unknown design 'hookz'" in out
    assert "use 32 or 64" in out and "no witness yet" in out and "unknown command ':frob'" in out
    assert "witness: ret=0" in out


def test_invariant_command_explains_a_proof():
    out = drive([":invariant rmap-lock-balanced\r", ":quit\r"])
    assert "maybe_rmap_unlock_action" in out and "invariant rmap-lock-balanced on mmu-normal" in out


@pytest.mark.parametrize("text,expected", [
    (":con", ":config"),
    (":design hoo", "hooks"),
    (":config nommu-n", "nommu-normal"),
    (":invariant unlock-b", "unlock-before-unmap"),
    ("ret == -ENOM", "ENOMEM"),
    ("unmap_l", "unmap_len"),
    ("path == comp", "compat"),
], ids=["command", "design", "config", "invariant", "errno", "variable", "path-name"])
def test_completer_offers(text, expected):
    repl = Repl(Settings(), io.StringIO())
    got = [c.text for c in ReplCompleter(repl).get_completions(Document(text), None)]
    assert expected in got


def test_completion_hides_inputs_the_design_does_not_read():
    repl = Repl(Settings(), io.StringIO())
    got = [c.text for c in ReplCompleter(repl).get_completions(Document("error_h"), None)]
    assert got == []


def test_repl_in_a_real_terminal(tmp_path):
    """The installed program on a pseudo-terminal: prompt, completion, answer, history file."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    hist = tmp_path / "history"
    env = dict(os.environ, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="160")
    p = subprocess.Popen([sys.executable, "-m", "verify", "repl", "--history", str(hist)],
                         stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env,
                         start_new_session=True)
    os.close(slave)
    seen = b""

    def read_until(pattern: str, timeout: float = 60) -> str:
        nonlocal seen
        end = time.time() + timeout
        while time.time() < end:
            text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[>=]|\r", "", seen.decode(errors="replace"))
            if re.search(pattern, text):
                return text
            r, _, _ = select.select([master], [], [], 0.2)
            if r:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
        raise AssertionError(f"no {pattern!r} in {seen[-2000:]!r}")

    try:
        read_until(r"verify\[override 64-bit\]>")
        for chunk in (b"unmapped and ret == -EAGA", b"\t", b"\r"):
            os.write(master, chunk)
            time.sleep(0.3)
        text = read_until(r"witness: ret=-EAGAIN")
        assert "unmapped=true" in text
        os.write(master, b":quit\r")
        assert p.wait(timeout=30) == 0
    finally:
        if p.poll() is None:
            p.kill()
        os.close(master)
    assert "unmapped and ret == -EAGAIN" in hist.read_text()


def test_without_a_terminal_lines_are_read_plainly():
    script = "ret == -EAGAIN and unmapped\n:explain unmapped and ret == 0\nretn\n:quit\nret == 0\n"
    p = subprocess.run([sys.executable, "-m", "verify", "repl"], input=script, text=True,
                       capture_output=True, cwd=ROOT)
    assert p.returncode == 64       # the line 'retn' failed
    assert "witness: ret=-EAGAIN" in p.stdout and "apply_override" in p.stdout
    assert "unknown name 'retn'" in p.stdout and "witness: ret=0 " not in p.stdout
