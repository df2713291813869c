"""`verify source` under `git bisect run`: exit codes git bisect reads.

git bisect run marks a revision old/good on exit 0, new/bad on 1..127 except
125, skips it on 125, and stops on 128 or more.  While a bisect is in progress
in the repository of the current directory (git bisect run starts the command
at the top of the work tree), `verify source` answers:

* 0 the invariants hold, 1 one is refuted (``--find-fix`` swaps the two, to find
  the commit that fixed an invariant: start with ``git bisect start
  --term-old=broken --term-new=fixed``);
* 125 the revision cannot be judged: C the front end does not read, no
  mmap_action code yet, or a proof without a verdict (unknown, timeout);
* 128 anything else (a misspelt invariant, a tree that is not the checkout being
  bisected): the bisect stops rather than judge every revision wrongly.

docs/bisect.md walks through a bisect.
"""
from __future__ import annotations

import pathlib
import subprocess

from verify.errors import EXIT_PROVED, EXIT_REFUTED, EXIT_UNKNOWN, VerifierError
from models.errors import EXIT_CANNOT_JUDGE

EXIT_STOP_BISECT = 128


class NotTheCheckout(VerifierError):
    exit_code = EXIT_STOP_BISECT


def _git(cwd: pathlib.Path, *args: str) -> str | None:
    try:
        r = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True,
                           timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout.strip() if r.returncode == 0 else None


def bisecting(cwd: str | pathlib.Path = ".") -> pathlib.Path | None:
    """The top of the work tree of the current directory's repository, if a bisect is in
    progress there."""
    cwd = pathlib.Path(cwd)
    top = _git(cwd, "rev-parse", "--show-toplevel")
    start = _git(cwd, "rev-parse", "--git-path", "BISECT_START")
    if top is None or start is None:
        return None
    start_path = pathlib.Path(start)
    if not start_path.is_absolute():
        start_path = cwd / start_path
    return pathlib.Path(top).resolve() if start_path.is_file() else None


def check_tree(tree: str, top: pathlib.Path) -> None:
    """Under a bisect of ``top``, the tree read must be in that checkout."""
    root = pathlib.Path(tree)
    if not root.is_dir():
        return           # the front end says so (exit 66, mapped to 128)
    mine = _git(root, "rev-parse", "--show-toplevel")
    if mine is None:
        raise NotTheCheckout(f"{tree}: not a git checkout, under the git bisect of {top}: the "
                             "revisions would all read the same files; give --tree inside the "
                             "checkout being bisected (or leave it out)")
    if pathlib.Path(mine).resolve() != top:
        raise NotTheCheckout(f"{tree}: in the git checkout {mine}, not in {top}, the one being "
                             "bisected")


def exit_code(code: int, find_fix: bool) -> int:
    """A `verify source` exit code as git bisect run reads it."""
    if code in (EXIT_PROVED, EXIT_REFUTED):
        return (EXIT_REFUTED if code == EXIT_PROVED else EXIT_PROVED) if find_fix else code
    if code in (EXIT_UNKNOWN, EXIT_CANNOT_JUDGE):
        return EXIT_CANNOT_JUDGE
    return EXIT_STOP_BISECT
