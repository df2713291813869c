"""The registry of subcommands (verify.cli.COMMANDS) and the lazy loading it drives."""
from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

from verify import cli as cli_mod
from verify.cli import COMMANDS, command_module

ROOT = pathlib.Path(__file__).resolve().parent.parent


def python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)


def test_every_command_module_is_in_the_registry():
    modules = {p.stem for p in (ROOT / "verify" / "commands").glob("*_cmd.py")}
    assert modules == {entry.module for entry in COMMANDS.values()}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_module_imports_alone_and_defines_its_command(name):
    code = (f"import importlib, verify.cli as c; importlib.import_module({command_module(name)!r}); "
            f"assert {name!r} in c.cli.commands, sorted(c.cli.commands); "
            f"print(sorted(c.cli.commands))")
    p = python(code)
    assert p.returncode == 0, p.stderr
    assert name in p.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_help_works(cli, name):
    rc, out, err = cli(name, "--help")
    assert rc == 0, err
    assert out.startswith(f"Usage: verify {name}") and err == ""


def test_registry_help_is_one_line_each():
    for name, entry in COMMANDS.items():
        assert entry.help and "\n" not in entry.help and len(name) + len(entry.help) < 90, name


def test_top_help_lists_every_command_without_loading_any():
    p = python("import sys; from verify.cli import main; rc = main(['--help']); "
               "loaded = [m for m in ('z3', 'rich', 'prompt_toolkit', 'jinja2', 'lark', 'models', "
               "'verify.commands.prove_cmd') if m in sys.modules]; "
               "assert rc == 0 and not loaded, loaded")
    assert p.returncode == 0, p.stderr
    rows: list[str] = []
    for line in p.stdout.split("Commands:")[1].strip("\n").split("\n\n")[0].splitlines():
        if line.startswith("   ") and rows:      # a help line click wrapped
            rows[-1] += " " + line.strip()
        else:
            rows.append(line.strip())
    listed = {row.split()[0]: row.split(None, 1)[1] for row in rows}
    assert listed == {name: entry.help for name, entry in COMMANDS.items()}


def test_version_loads_no_model():
    p = python("import sys; from verify.cli import main; rc = main(['--version']); "
               "assert rc == 0 and 'z3' not in sys.modules and 'models' not in sys.modules")
    assert p.returncode == 0, p.stderr
    from verify import __version__
    from importlib.metadata import version
    out = p.stdout.strip().splitlines()
    assert out[0] == f"verify, version {__version__}"
    assert f"z3 {version('z3-solver')}" in out[1]      # and the other solvers found


@pytest.mark.parametrize("args,needle", [
    (["lst"], "Did you mean 'list'?"),
    (["prov", "-i", "x"], "Did you mean 'prove'?"),
    (["frobnicate"], "No such command 'frobnicate'."),
])
def test_unknown_command_is_one_line_exit_64(cli, args, needle):
    rc, out, err = cli(*args)
    assert rc == 64 and out == ""
    assert needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_usage_exit_code_agrees_with_the_errors_module():
    from verify.errors import EXIT_USAGE
    assert cli_mod.EXIT_USAGE == EXIT_USAGE


def test_a_verifier_error_is_one_line_with_its_exit_code(cli):
    rc, out, err = cli("prove", "-d", "hookz")
    assert rc == 64 and "unknown design 'hookz'" in err and len(err.strip().splitlines()) == 1


def test_source_prefix_agrees_with_the_front_end():
    from models.source import PREFIX
    from verify.catalog import SOURCE_PREFIX
    assert SOURCE_PREFIX == PREFIX


def test_proving_a_registered_design_loads_no_front_end_and_no_prompt():
    p = python("import sys; from verify.cli import main; "
               "rc = main(['prove', '-i', 'ret-valid-errno', '-w', '32', '-c', 'mmu-normal']); "
               "loaded = [m for m in ('models.source', 'tree_sitter', 'prompt_toolkit', 'lark', "
               "'jinja2') if m in sys.modules]; assert rc == 0 and not loaded, loaded")
    assert p.returncode == 0, p.stderr
