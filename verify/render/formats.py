"""The output formats, and ``render()``: a command's result written in one of them.

Two declared tables, read by ``--format`` (``verify.commands.options.format_opt``)
and by ``render``:

- ``FORMATS``: each output format and the module that writes it.  A format
  module has ``render(result, out, **options)``; ``text`` and the CI formats
  (``ktap``, ``junit``, ``sarif``) look the result up in ``RESULTS``, ``json``
  writes ``result.to_dict()``.
- ``RESULTS``: each result type a command returns, its text renderer and, when
  it has one, its view as test cases (``verify.render.cases``), which the CI
  formats read.  A result without test cases (a listing, the query variables, a
  query's answer) is written in ``text`` and ``json`` only; ``ResultKind.formats``
  says which formats a result takes, and ``--format`` offers just those.

Everything is named by dotted path and imported only when used, so that
``verify --help`` loads no renderer.  Every command renders through ``render``:
a new one joins the formats with one line in ``RESULTS`` (and ``@format_opt``
on the command).
"""
from __future__ import annotations

import dataclasses
import importlib
from typing import Any, Callable, TextIO


@dataclasses.dataclass(frozen=True)
class Format:
    name: str
    summary: str
    module: str          # has render(result, out, **options)
    cases: bool = False  # writes the result's test cases (ResultKind.cases)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", "tables and step-by-step traces for a terminal", "verify.render.text"),
    Format("json", "one JSON document: every verdict, trace and summary", "verify.render.json_out"),
    Format("ktap", "KTAP version 1 (kselftest, KUnit): one test per obligation, counterexample "
                   "in '# ' lines", "verify.render.ktap", cases=True),
    Format("junit", "JUnit XML as GitLab and Jenkins read it", "verify.render.junit", cases=True),
    Format("sarif", "SARIF 2.1.0 for code scanning: one result per refuted obligation",
           "verify.render.sarif", cases=True),
)}
DEFAULT_FORMAT = "text"


@dataclasses.dataclass(frozen=True)
class ResultKind:
    """A result type (``module:Class``), its text renderer ``f(con, result, **options)``
    and its test-case view ``f(result) -> cases.Run`` (None: it has no test cases);
    ``without``: formats that read test cases and still do not fit the result."""
    result: str
    text: str
    cases: str | None = None
    without: tuple[str, ...] = ()

    @property
    def formats(self) -> tuple[str, ...]:
        """The formats this result is written in, in the order of ``FORMATS``."""
        return tuple(n for n, f in FORMATS.items()
                     if (self.cases or not f.cases) and n not in self.without)


RESULTS: tuple[ResultKind, ...] = (
    ResultKind("verify.results:SuiteResult", "verify.render.text:suite",
               "verify.render.cases:suite"),
    ResultKind("verify.matrix:MatrixResult", "verify.render.matrix:design_matrix",
               "verify.render.cases:matrix"),
    ResultKind("verify.mutation:MutationResult", "verify.render.matrix:kill_matrix",
               "verify.render.cases:mutation"),
    ResultKind("verify.history:Timeline", "verify.render.history:timeline",
               "verify.render.cases:timeline"),
    ResultKind("verify.commands.check_seq_cmd:SeqRun", "verify.render.seq:results",
               "verify.render.cases:sequences"),
    ResultKind("verify.necessity:NecessityResult", "verify.render.necessity:report",
               "verify.render.necessity:cases"),
    ResultKind("verify.equiv_results:Comparison", "verify.render.equiv:comparison",
               "verify.render.equiv:comparison_cases"),
    ResultKind("verify.equiv_results:Identification", "verify.render.equiv:identification",
               "verify.render.equiv:identification_cases"),
    ResultKind("verify.patch:PatchResult", "verify.render.patch:result", "verify.render.patch:cases"),
    # An explanation (query or invariant) and a replay's `expect` check are tests, one case a
    # question or checked key; SARIF does not fit them: neither is a problem at a place in code.
    ResultKind("verify.explain:Explained", "verify.render.query:explained",
               "verify.render.cases:explanations", without=("sarif",)),
    ResultKind("verify.commands.replay_cmd:ReplayRun", "verify.render.query:replay_run",
               "verify.render.cases:replay", without=("sarif",)),
    # A query's answer is not a test: a witness and "impossible" both answer it (exit 0).
    ResultKind("verify.commands.query_cmd:QueryRun", "verify.render.query:query_run"),
    ResultKind("verify.query.names:Vocabulary", "verify.render.query:vocabulary"),
    ResultKind("verify.catalog:Listing", "verify.render.text:listing"),
    ResultKind("verify.commands.export_cmd:Exported", "verify.render.text:exported"),
    ResultKind("verify.commands.docs_cmd:DocsRun", "verify.render.text:docs_run"),
)


def _load(path: str) -> Callable[..., Any]:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def kind(name: str) -> ResultKind:
    """The kind of the result type ``module:Class``."""
    for k in RESULTS:
        if k.result == name:
            return k
    raise TypeError(f"{name} is not in verify.render.formats.RESULTS; add a line for it there")


def kind_of(result: Any) -> ResultKind:
    return kind(f"{type(result).__module__}:{type(result).__qualname__}")


def text_renderer(result: Any) -> Callable[..., None]:
    return _load(kind_of(result).text)


def cases_of(result: Any):
    """The result as test cases (``verify.render.cases.Run``), named after the command
    that runs (``verify source`` returns the result of ``verify prove``)."""
    k = kind_of(result)
    if k.cases is None:
        raise TypeError(f"{k.result} has no test cases (its formats: {', '.join(k.formats)})")
    run = _load(k.cases)(result)
    import click
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.info_name and ctx.parent is not None:
        run = dataclasses.replace(run, command=ctx.info_name)
    return run


def render(result: Any, fmt: str, out: TextIO, **options: Any) -> int:
    """Write ``result`` to ``out`` in the format ``fmt``; return the result's exit code.
    ``options`` are the command's rendering options (e.g. ``show_witness``); a format
    ignores those it has no use for.  A format the result does not take is a usage error
    (exit 64) naming those it does."""
    names = kind_of(result).formats
    if fmt not in names:
        from verify.errors import UsageError
        raise UsageError(f"--format {fmt} does not apply to this result; use "
                         f"{', '.join(names)}")
    importlib.import_module(FORMATS[fmt].module).render(result, out, **options)
    return result.exit_code
