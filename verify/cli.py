"""The ``verify`` command line: a click group whose subcommands live in
``verify/commands/`` and return their exit code.  Errors become one line on
stderr and an exit code, never a traceback.

A subcommand's module is imported only when that subcommand runs (or its own
``--help`` is asked), so ``verify --version`` and ``verify --help`` load neither
Z3 nor the renderers; ``COMMANDS`` below is the one registry of subcommands."""
from __future__ import annotations

import errno
import gc
import importlib
import os
import sys
from typing import NamedTuple

import click

# verify.errors.EXIT_USAGE (a test checks they agree); importing verify.errors here would load
# every model, and with them Z3, before the command line is even parsed.
EXIT_USAGE = 64
EXIT_IOERR = 74   # verify.errors.EXIT_IOERR
# An output that cannot be written: the disk is full, over quota, or the device failed.
WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


class Entry(NamedTuple):
    module: str  # under verify/commands/; it defines the command with ``@cli.command(NAME)``
    help: str    # the one line ``verify --help`` shows, without importing the module


# The subcommands.  To add one: write verify/commands/NAME_cmd.py, whose command is
# ``@cli.command("NAME")`` (``from verify.cli import cli``), and add its line here.
COMMANDS: dict[str, Entry] = {
    "list": Entry("list_cmd", "List the invariants, the designs and the configurations."),
    "prove": Entry("prove_cmd", "Prove invariants on each design x word size x configuration."),
    "matrix": Entry("matrix_cmd", "The design x invariant x configuration matrix, both word sizes."),
    "mutate": Entry("mutate_cmd", "Every invariant against every mutant of the current design."),
    "history": Entry("history_cmd", "Every historical version of mmap_action x every invariant."),
    "check-seq": Entry("check_seq_cmd", "Invariants over sequences of mmap and munmap calls."),
    "assumptions": Entry("assumptions_cmd", "Is each assumption of each invariant needed?"),
    "query": Entry("query_cmd", "Is there an mmap call where EXPR holds? A witness or impossible."),
    "explain": Entry("explain_cmd", "The model rules that make EXPR impossible (or an invariant hold)."),
    "vars": Entry("vars_cmd", "The variables, constants and operators a query can use."),
    "repl": Entry("repl_cmd", "Interactive shell for queries and explanations."),
    "replay": Entry("replay_cmd", "Replay one scenario file concretely through the model."),
    "export": Entry("export_cmd", "Write every proof obligation as standalone SMT-LIB2."),
    "patch": Entry("patch_cmd", "What a patch series changes in the proofs of a kernel tree."),
    "docs": Entry("docs_cmd", "Generate the invariant docs, or check the committed ones."),
    "source": Entry("source_cmd", "Prove the invariants on the C of a kernel tree (--tree DIR)."),
}

EXIT_CODES = (
    "Exit codes: 0 every requested obligation proved (or the question was answered); "
    "1 an obligation was refuted (a counterexample exists); 2 a solver answer was unknown or a "
    "timeout, or a proof was vacuous (its assumptions are unsatisfiable); 64 bad usage (unknown "
    "name, malformed query, out-of-range value); 66 an input file or tree is missing or unreadable; "
    "74 an output (a file named to write, or standard output) cannot be written; "
    "125 the C read is outside what the front end understands (no verdict; `git bisect run` "
    "skips such a revision).")


def command_module(name: str) -> str:
    return f"verify.commands.{COMMANDS[name].module}"


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when the subcommand is resolved."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            importlib.import_module(command_module(name))  # registers itself on ``cli``
            if name not in self.commands:
                raise RuntimeError(f"{command_module(name)} does not define command {name!r}")
        return self.commands.get(name)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = click.utils.make_str(args[0])
        if (name not in self.commands and name not in COMMANDS and not name.startswith("-")
                and not ctx.resilient_parsing):
            import difflib
            close = difflib.get_close_matches(name, self.list_commands(ctx))
            hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise click.UsageError(f"No such command {name!r}.{hint}", ctx)
        resolved = super().resolve_command(ctx, args)
        started()
        return resolved

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in COMMANDS:
                rows.append((name, COMMANDS[name].help))
            elif not self.commands[name].hidden:
                rows.append((name, self.commands[name].get_short_help_str()))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from verify import __version__
        from verify.versions import lines
        click.echo("\n".join(lines(__version__)))
        ctx.exit()


@click.group(cls=LazyGroup, epilog=EXIT_CODES,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=show_version,
              help="Show the version and those of the solvers found (z3, cvc5, bitwuzla); "
                   "exit.")
def cli() -> None:
    """Formal verifier of the Linux mm mmap_action mechanism (the mmap_prepare path).

    Bit-precise Z3 models of each kernel design prove the invariants of one mmap call on
    32- and 64-bit words, under CONFIG_MMU=y/n, on the normal and the compat path.
    Start with `verify list`, then `verify prove`.
    """


def load_commands() -> click.Group:
    """Import every subcommand's module (the help screens and the tests need them all)."""
    for name in COMMANDS:
        cli.get_command(None, name)  # type: ignore[arg-type]
    return cli


def main(argv: list[str] | None = None) -> int:
    group = cli
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
    except BrokenPipeError:
        return 0
    except OSError as e:
        if e.errno not in WRITE_ERRNOS:
            raise
        return output_failed(e)
    except Exception as e:  # a VerifierError: its module is loaded once one has been raised
        errors = sys.modules.get("models.errors")
        if errors is None or not isinstance(e, errors.VerifierError):
            raise
        click.echo(f"verify: error: {e}", err=True)
        return e.exit_code
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return rv if isinstance(rv, int) else 0
    except OSError as e:
        return output_failed(e)
    return rv if isinstance(rv, int) else 0


def output_failed(e: OSError) -> int:
    """Standard output cannot be written (a full disk): say so, and keep Python from
    failing again when it flushes at exit."""
    try:
        devnull = open(os.devnull, "w")
        os.dup2(devnull.fileno(), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):   # not a real file (a test's capture)
        pass
    click.echo(f"verify: error: cannot write the output: {e.strerror or e}", err=True)
    return EXIT_IOERR


# Start-up allocates many objects (modules, classes, click's options, Z3's tables) and frees
# few, so the cyclic garbage collector would scan them again and again for nothing, and once
# more when the interpreter exits.  The console script turns it off while it starts
# (``starting``); once the subcommand's module is loaded (``started``), what exists then is
# moved out of the collector's view for good (``gc.freeze``) and the collector is on again,
# so a long command (matrix, history, the REPL) is collected as usual.
_starting = False


def starting() -> None:
    global _starting
    _starting = True
    gc.disable()


def started() -> None:
    global _starting
    if _starting:
        _starting = False
        gc.freeze()
        gc.enable()


def entry() -> None:
    """Console-script entry point."""
    starting()
    sys.exit(main())
