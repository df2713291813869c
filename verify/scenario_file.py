"""Scenario files on disk: reading one (JSON or TOML, a size limit, standard input) and
writing one (``--save``: TOML for a ``.toml`` name, JSON otherwise), and the pytest
regression test ``verify replay --emit-test`` writes.  What a scenario means is
``verify.scenario``."""
from __future__ import annotations

import dataclasses
import json
import pathlib
import pprint
import re
import sys
import textwrap
import tomllib
from typing import Any

from models.inputs import INPUT_BY_NAME, TYPE_NAME
from verify.cformat import c_int
from verify.errors import InputFileError, OutputFileError, UsageError
from verify.scenario import EXPECT_KEYS, Replayed, Scenario, from_doc


def load(path: str | pathlib.Path) -> Scenario:
    """Read a scenario file (``.json``, or ``.toml``); ``-`` reads standard input (JSON,
    or TOML when it does not start like JSON)."""
    if str(path) == "-":
        return parse_text(_read_limited(sys.stdin.buffer, "standard input"), "<stdin>", None)
    p = pathlib.Path(path)
    if not p.exists():
        raise InputFileError(f"scenario file {str(p)!r} does not exist; give the path of a .json "
                             "or .toml scenario (examples/ has some), or - for standard input")
    if p.is_dir():
        raise InputFileError(f"{str(p)!r} is a directory; give a scenario file")
    try:
        with p.open("rb") as f:
            data = _read_limited(f, repr(str(p)))
    except OSError as e:
        raise InputFileError(f"cannot read scenario file {str(p)!r}: {e.strerror or e}") from None
    return parse_text(data, str(p), ".toml" if p.suffix == ".toml" else ".json")


# A scenario is one call's inputs, a few hundred bytes.  Reading stops past this size, so a
# path that never ends (/dev/zero, a pipe left open) is an error, not a hang.
MAX_SCENARIO_BYTES = 1 << 20


def _read_limited(f, name: str) -> bytes:
    data = f.read(MAX_SCENARIO_BYTES + 1)
    if len(data) > MAX_SCENARIO_BYTES:
        raise UsageError(f"{name} is larger than {MAX_SCENARIO_BYTES >> 20} MiB; a scenario is "
                         "one call's inputs (docs/scenarios.md)")
    return data


def parse_text(data: bytes, where: str, kind: str | None) -> Scenario:
    """A scenario from a file's bytes: UTF-8 (a byte-order mark is allowed), JSON or TOML
    by ``kind`` (``None``: TOML unless the text starts like JSON)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UsageError(f"{where}: not UTF-8 text (byte {e.start} is {data[e.start]:#04x}); "
                         "save the scenario as UTF-8") from None
    if kind is None:
        kind = ".json" if text.lstrip()[:1] in ("{", "[", "") else ".toml"
    try:
        if kind == ".toml":
            try:
                doc = tomllib.loads(text)
            except tomllib.TOMLDecodeError as e:
                raise UsageError(f"{where}: not valid TOML: {e}") from None
        else:
            try:
                doc = json.loads(text)
            except json.JSONDecodeError as e:
                raise UsageError(f"{where}:{e.lineno}:{e.colno}: not valid JSON: {e.msg}") from None
    except RecursionError:
        raise UsageError(f"{where}: nests too deeply to be a scenario (docs/scenarios.md)") from None
    return from_doc(doc, where)


def save(path: str | pathlib.Path, doc: dict[str, Any]) -> pathlib.Path:
    """Write ``doc`` to ``path``: TOML for a ``.toml`` name, JSON otherwise."""
    p = pathlib.Path(path)
    if not str(path):
        raise UsageError("the file name to save to is empty")
    if p.is_dir():
        raise UsageError(f"cannot write {str(p)!r}: it is a directory; give a file name")
    if not p.parent.is_dir():
        raise UsageError(f"cannot write {str(p)!r}: directory {str(p.parent)!r} does not exist")
    doc = as_c(doc)
    write_text(p, to_toml(doc) if p.suffix == ".toml" else json.dumps(doc, indent=2) + "\n")
    return p


def as_c(doc: dict[str, Any]) -> dict[str, Any]:
    """A scenario document with its values written as C writes them: action types by name
    (``MMAP_NOTHING``), addresses in hex (``0x10000``), errnos by name (``-ENOMEM``);
    ``from_doc`` reads them back to the same numbers."""
    def value(name: str, v: Any, kind: str) -> Any:
        if isinstance(v, bool) or not isinstance(v, int) or kind == "bool":
            return v
        if kind == "type":
            return TYPE_NAME.get(v, v)
        if kind == "ulong":
            return hex(v)
        c = c_int(v)
        return c if c.startswith("-E") else v
    out = dict(doc)
    if isinstance(doc.get("inputs"), dict):
        out["inputs"] = {k: value(k, v, INPUT_BY_NAME[k].kind) if k in INPUT_BY_NAME else v
                         for k, v in doc["inputs"].items()}
    if isinstance(doc.get("expect"), dict) and "returned" in doc["expect"]:
        out["expect"] = dict(doc["expect"], returned=value("returned", doc["expect"]["returned"],
                                                           "int"))
    return out


def to_toml(doc: dict[str, Any]) -> str:
    """A scenario document as TOML: its scalars first, then one table per object."""
    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)   # JSON's escapes are TOML's
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        raise TypeError(f"no TOML form for {v!r}")
    lines = [f"{k} = {value(v)}" for k, v in doc.items() if not isinstance(v, dict)]
    for k, v in doc.items():
        if isinstance(v, dict):
            lines += ["", f"[{k}]"] + [f"{name} = {value(x)}" for name, x in v.items()]
    return "\n".join(lines) + "\n"


def write_text(p: pathlib.Path, text: str) -> None:
    """Write a file the user named; ``OutputFileError`` (exit 74) when it cannot be."""
    try:
        p.write_text(text, encoding="utf-8")
    except OSError as e:
        raise OutputFileError(f"cannot write {str(p)!r}: {e.strerror or e}") from None


def emit_test(r: Replayed, path: str | pathlib.Path, source: str) -> pathlib.Path:
    """Write a pytest module that replays ``r.scenario`` and asserts the outcome seen now."""
    p = pathlib.Path(path)
    stem = re.sub(r"[^a-z0-9]+", "_", pathlib.Path(source).stem.lower()).strip("_") or "scenario"
    if p.is_dir():
        p = p / f"test_{stem}.py"
    if p.suffix != ".py":
        raise UsageError(f"--emit-test {str(path)!r}: give a .py file or a directory")
    if not p.parent.is_dir():
        raise UsageError(f"cannot write {str(p)!r}: directory {str(p.parent)!r} does not exist")
    scen = dataclasses.replace(r.scenario, expect=None).document()
    expected = {k: r.outcome[k] for k in EXPECT_KEYS}
    title = "\n".join(textwrap.wrap(r.scenario.description or f"the scenario {source}", 88))
    write_text(p, TEST_TEMPLATE.format(
        title=title.replace('"""', "'''"), source=source, slug=stem,
        scenario=pprint.pformat(scen, width=96, sort_dicts=False),
        expected=pprint.pformat(expected, width=96, sort_dicts=False)))
    return p


TEST_TEMPLATE = '''"""Regression: {title}

Written by `verify replay {source} --emit-test`: replays the
scenario through the model and checks that the outcome is still the one seen
when it was written.
"""
from verify.scenario import expected_of, from_doc, run

SCENARIO = {scenario}

EXPECTED = {expected}


def test_{slug}():
    assert expected_of(run(from_doc(SCENARIO)).trace) == EXPECTED
'''
