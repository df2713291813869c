"""The ``verify`` command line: a click group; each subcommand lives in
``verify/commands/`` and returns its exit code.  Errors become one line on
stderr and an exit code, never a traceback."""
from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from verify.errors import EXIT_USAGE, VerifierError

EXIT_CODES = (
    "Exit codes: 0 every requested obligation proved (or the question was answered); "
    "1 an obligation was refuted (a counterexample exists); 2 a solver answer was unknown or a "
    "timeout, or a proof was vacuous (its assumptions are unsatisfiable); 64 bad usage (unknown "
    "name, malformed query, out-of-range value); 66 an input file is missing or unreadable.")



@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog=EXIT_CODES)
@click.version_option(package_name="mmap-action-verifier", prog_name="verify")
def cli() -> None:
    """Formal verifier of the Linux mm mmap_action mechanism (the mmap_prepare path).

    Bit-precise Z3 models of each kernel design prove the invariants of one mmap call on
    32- and 64-bit words, under CONFIG_MMU=y/n, on the normal and the compat path.
    Start with `verify list`, then `verify prove`.
    """


def load_commands() -> click.Group:
    """Import every ``verify/commands/*_cmd.py``; each registers its subcommand."""
    import verify.commands as pkg
    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.endswith("_cmd"):
            importlib.import_module(f"{pkg.__name__}.{info.name}")
    return cli


def main(argv: list[str] | None = None) -> int:
    group = load_commands()
    try:
        rv = group.main(args=argv, prog_name="verify", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as e:  # `verify` with no command
        click.echo(e.ctx.get_help() if e.ctx else "", err=True)
        return EXIT_USAGE
    except click.UsageError as e:
        cmd = e.ctx.command_path if e.ctx else "verify"
        click.echo(f"verify: error: {e.format_message()} (see '{cmd} --help')", err=True)
        return EXIT_USAGE
    except click.exceptions.Abort:
        click.echo("verify: interrupted", err=True)
        return 130
    except click.exceptions.Exit as e:
        return e.exit_code
    except VerifierError as e:
        click.echo(f"verify: error: {e}", err=True)
        return e.exit_code
    except BrokenPipeError:
        return 0
    return rv if isinstance(rv, int) else 0


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
