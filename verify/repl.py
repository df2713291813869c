"""``verify repl``: ask questions one after another with the model kept built.

Line editing, history, auto-suggestion and tab completion come from
prompt_toolkit.  A line is either a query or a ``:command``; ``Repl.handle``
does the work for one line and writes to ``out``, so the same code serves a
terminal, a pipe (no line editing) and the tests.
"""
from __future__ import annotations

import os
import pathlib
import re
import shlex
import sys
from typing import Callable, Iterable, TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import Completer, Completion
from prompt_toolkit.history import FileHistory, History, InMemoryHistory

from models import DESIGNS
from models.config import CONFIGS
from models.mutants import MUTANTS
from proofs import INVARIANTS
from verify.errors import OutputFileError, UsageError, VerifierError
from verify.query import names
from verify.query.ask import QueryResult
from verify.query.errors import QueryError
from verify.query.settings import Settings
from verify.render import query as render
from verify.render.console import console
from verify.render.text import render_trace
from verify.scenario import document, run
from verify.scenario_file import load, save

HELP = """\
A line is a query (e.g. ret == -ENOMEM and type == MMAP_REMAP_PFN) or a command:
  :design NAME         switch design (:design shows the list)
  :word 32|64          switch word size
  :config NAME|none    pin CONFIG_MMU and the path, or range over the reachable ones
  :assume ID...|base|none   environment assumptions for the next queries
  :all N               ask for up to N distinct witnesses
  :settings            show the current settings
  :show [N]            the last witness (N-th with :all), step by step
  :explain [QUERY]     why the last (or the given) query is impossible: the model rules
  :invariant ID        why an invariant holds here: the rules its proof needs
  :save FILE [N]       save the last witness as a scenario file (verify replay FILE)
  :replay FILE         replay a scenario file
  :vars                the variables, constants and operators
  :help, :quit (or Ctrl-D)
Tab completes names, errno names, action types and commands; Up/Down walk the history."""

COMMANDS = ("design", "word", "config", "assume", "all", "settings", "show", "explain", "invariant",
            "save", "replay", "vars", "help", "quit")
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")


def history_path() -> pathlib.Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state")
    return pathlib.Path(base) / "mmap-action-verifier" / "repl-history"


class ReplCompleter(Completer):
    def __init__(self, repl: "Repl") -> None:
        self.repl = repl

    def choices(self, text: str) -> tuple[str, list[str]]:
        """(prefix being completed, candidates) for the text before the cursor."""
        m = re.fullmatch(r":([a-z]*)", text)
        if m:
            return text, [f":{c}" for c in COMMANDS]
        m = re.fullmatch(r":(\w+)\s+(.*)", text)
        if m and m.group(1) in ("design", "word", "config", "assume", "invariant"):
            arg = m.group(2).split(" ")[-1]
            opts = {"design": list(DESIGNS) + list(MUTANTS), "word": ["32", "64"],
                    "config": list(CONFIGS) + ["none"],
                    "assume": list(names.ASSUMPTIONS) + ["base", "none"],
                    "invariant": list(INVARIANTS)}[m.group(1)]
            return arg, opts
        if m and m.group(1) not in ("explain",):
            return "", []
        word = IDENT.search(text)
        return (word.group(0) if word else ""), self.repl.words()

    def get_completions(self, document, complete_event) -> Iterable[Completion]:
        prefix, options = self.choices(document.text_before_cursor)
        for opt in options:
            if opt.startswith(prefix) and opt != prefix:
                yield Completion(opt, start_position=-len(prefix))


class Repl:
    def __init__(self, settings: Settings, out: TextIO | None = None) -> None:
        self.st = settings.validate()
        self.out = out or sys.stdout
        self.con = console(self.out)
        self.last: QueryResult | None = None
        self.last_text: str | None = None
        self.status = 0      # the worst exit code of any line so far (piped input returns it)
        self.st.session()    # build the model now, not at the first question

    def words(self) -> list[str]:
        return names.completion_words(self.st.session())

    def prompt(self) -> str:
        cfg = f" {self.st.config}" if self.st.config else ""
        return f"verify[{self.st.design} {self.st.word}-bit{cfg}]> "

    # -- one line ------------------------------------------------------------
    def handle(self, line: str) -> bool:
        """Do what ``line`` asks; False when the user wants to leave."""
        line = line.strip()
        if not line or line.startswith("#"):
            return True
        if line in ("quit", "exit", ":q"):
            return False
        if line in ("help", "?"):
            line = ":help"
        try:
            if line.startswith(":"):
                return self.command(line[1:])
            self.query(line)
        except QueryError as e:
            self.con.print(e.caret(), markup=False)
            self.con.print(f"error: {e.problem}" + (f"; {e.hint}" if e.hint else ""), markup=False)
            self.status = max(self.status, e.exit_code)
        except VerifierError as e:
            self.con.print(f"error: {e}", markup=False)
            self.status = max(self.status, e.exit_code)
        return True

    def query(self, text: str) -> None:
        r = self.st.ask(text)
        self.last, self.last_text = r, text
        for w in r.warnings:
            self.con.print(f"warning: {w}", markup=False)
        if r.answer == "impossible":
            self.con.print("impossible: no mmap call satisfies it (:explain says why)")
        elif r.answer == "unknown":
            self.con.print(f"unknown: {r.reason}")
            self.status = max(self.status, r.exit_code)
        for i, t in enumerate(r.witnesses, 1):
            o = t.shown
            ins = " ".join(f"{k[3:]}={v}" for k, v in o.items() if k.startswith("in."))
            head = "witness" if len(r.witnesses) == 1 else f"witness {i}"
            self.con.print(f"{head}: ret={o['ret']} vma_mapped={o['vma_mapped']} "
                           f"unmapped={o['unmapped']} warnings="
                           f"{','.join(t.outcome['warnings']) or 'none'}", markup=False)
            self.con.print(f"  inputs: {ins}", markup=False)
        if r.witnesses:
            self.con.print(f"({r.time_ms:.0f} ms; :show for the trace, :save FILE to keep it)")
        else:
            self.con.print(f"({r.time_ms:.0f} ms)")

    def command(self, text: str) -> bool:
        parts = shlex.split(text) if text.strip() else [""]
        name, args = parts[0], parts[1:]
        fn: Callable[[list[str]], bool | None] | None = getattr(self, f"c_{name}", None)
        if fn is None:
            close = [c for c in COMMANDS if c.startswith(name[:2])] if name else []
            raise UsageError(f"unknown command ':{name}'; "
                             + (f"did you mean {', '.join(':' + c for c in close)}?" if close
                                else "type :help for the commands"))
        return fn(args) is not False

    def one(self, args: list[str], what: str) -> str:
        if len(args) != 1:
            raise UsageError(f"give one {what}")
        return args[0]

    def c_help(self, args) -> None:
        self.con.print(HELP, markup=False)

    def c_quit(self, args) -> bool:
        return False

    def c_settings(self, args) -> None:
        self.con.print(self.st.describe())

    def _set(self, **change) -> None:
        old = dict(vars(self.st))
        try:
            for k, v in change.items():
                setattr(self.st, k, v)
            self.st.validate()
        except VerifierError:
            for k, v in old.items():
                setattr(self.st, k, v)
            raise
        self.st.session()
        self.con.print(self.st.describe())

    def c_design(self, args) -> None:
        if not args:
            self.con.print("designs: " + ", ".join(DESIGNS) + "; mutants: " + ", ".join(MUTANTS))
            return
        self._set(design=self.one(args, "design name"))

    def c_word(self, args) -> None:
        w = self.one(args, "word size (32 or 64)")
        if w not in ("32", "64"):
            raise UsageError(f"word size {w} is not supported; use 32 or 64")
        self._set(word=int(w))

    def c_config(self, args) -> None:
        c = self.one(args, "configuration (or none)")
        self._set(config=None if c == "none" else c)

    def c_assume(self, args) -> None:
        if not args:
            raise UsageError("give assumption ids, base or none: " + ", ".join(names.ASSUMPTIONS))
        self._set(assume=tuple(args))

    def c_all(self, args) -> None:
        n = self.one(args, "number of witnesses")
        if not n.isdigit() or not 1 <= int(n) <= 100:
            raise UsageError(f"the number of witnesses must be 1..100, not {n}")
        self._set(count=int(n))

    def witness(self, args: list[str]):
        if not self.last or not self.last.witnesses:
            raise UsageError("no witness yet: ask a query that has one first")
        n = args[0] if args else "1"
        if not n.isdigit() or not 1 <= int(n) <= len(self.last.witnesses):
            raise UsageError(f"witness {n} does not exist; there are {len(self.last.witnesses)}")
        return self.last.witnesses[int(n) - 1]

    def c_show(self, args) -> None:
        t = self.witness(args)
        self.con.print(f"witness of: {self.last_text}", markup=False)
        render_trace(self.con, t, indent="  ")

    def c_save(self, args) -> None:
        if not args or len(args) > 2:
            raise UsageError("usage: :save FILE [N]")
        t = self.witness(args[1:])
        p = save(args[0], document(t, description=f"witness of: {self.last_text}"))
        self.con.print(f"saved {p} (verify replay {p})", markup=False)

    def c_replay(self, args) -> None:
        render.replayed(self.con, run(load(self.one(args, "scenario file"))))

    def c_explain(self, args) -> None:
        text = " ".join(args) if args else self.last_text
        if not text:
            raise UsageError("nothing to explain yet: ask a query, or give one (:explain QUERY)")
        render.explanation(self.con, self.st.explain(text))

    def c_invariant(self, args) -> None:
        for e in self.st.explain_invariant(self.one(args, "invariant id")):
            render.explanation(self.con, e)

    def c_vars(self, args) -> None:
        vs = names.visible(self.st.session())
        render.vocabulary(self.con, names.Vocabulary(self.st.design, self.st.word, vs))

    # -- the loop ------------------------------------------------------------
    def banner(self) -> None:
        self.con.print(f"mmap-action-verifier: {self.st.describe()}.", markup=False)
        self.con.print("Type a query, :help for the commands, Ctrl-D to quit.", markup=False)

    def loop(self, session: PromptSession) -> int:
        self.banner()
        while True:
            try:
                line = session.prompt(self.prompt)
            except KeyboardInterrupt:
                continue
            except EOFError:
                return 0
            if not self.handle(line):
                return 0

    def loop_plain(self, lines: TextIO) -> int:
        """No terminal (a pipe or a file): read lines, no editing.  The exit code is the
        worst of the lines: 0 when every line was answered, 64 when one was malformed, ..."""
        for line in lines:
            if not self.handle(line):
                break
        return self.status


def prompt_session(repl: Repl, history: History | None = None, **kwargs) -> PromptSession:
    return PromptSession(history=history or InMemoryHistory(), completer=ReplCompleter(repl),
                         auto_suggest=AutoSuggestFromHistory(), complete_while_typing=False,
                         **kwargs)


def file_history(path: pathlib.Path | None, explicit: bool = True) -> History:
    """The history kept in ``path``.  A path the user named that cannot be used is an
    error before the prompt; the default one, when unusable, gives a history for this
    session only."""
    if path is None:
        return InMemoryHistory()
    try:
        if path.is_dir():
            raise UsageError(f"--history {str(path)!r} is a directory; give a file name")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("ab"):
            pass
    except (OSError, UsageError) as e:
        if not explicit:
            return InMemoryHistory()
        if isinstance(e, UsageError):
            raise
        raise OutputFileError(f"cannot use --history {str(path)!r}: {e.strerror or e}") from None
    return FileHistory(str(path))
