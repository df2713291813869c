"""How a `verify` process starts: the console script's collector settings."""
from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run_entry(code: str, *args: str) -> subprocess.CompletedProcess:
    """``code`` (setting up), then ``verify.cli.entry()`` with ``args``, in a fresh process."""
    script = f"import sys\n{code}\nsys.argv = ['verify', *{list(args)!r}]\nfrom verify.cli import entry\nentry()\n"
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)


PROBE = """
import gc
from verify.cli import cli

@cli.command("gc-probe", hidden=True)
def probe():
    print(gc.isenabled(), gc.get_freeze_count() > 0)
    return 0
"""


def test_the_collector_is_on_while_a_command_runs():
    # Off while the modules load, on again (start-up objects frozen) once the command runs:
    # a long command (matrix, history, the REPL) collects its garbage as usual.
    p = run_entry("import gc; assert gc.isenabled()\n" + PROBE, "gc-probe")
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["True", "True"]


def test_main_in_a_process_leaves_the_collector_alone():
    # Tests and embedders call main(): only the console script changes the collector.
    p = subprocess.run([sys.executable, "-c", "import gc, sys; from verify.cli import main; "
                        "rc = main(['--help']); assert gc.isenabled() and not gc.get_freeze_count()"],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr


def test_unknown_command_through_the_console_script_is_one_line():
    p = run_entry("", "lst")
    assert p.returncode == 64 and p.stdout == ""
    assert "Did you mean 'list'?" in p.stderr and len(p.stderr.strip().splitlines()) == 1
