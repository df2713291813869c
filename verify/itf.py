"""Sequence traces in the Informal Trace Format (ITF) of Apalache and Quint
(https://apalache-mc.org/docs/adr/015adr-trace.html), so that existing trace
viewers read them.

A trace is ``{"#meta": {...}, "vars": [...], "states": [...]}``; each state has
``"#meta": {"index": i}`` and one entry per variable.  Integers are
``{"#bigint": "<decimal>"}``, sets ``{"#set": [...]}``, records JSON objects.
The action that led to each state is the variable ``mbt::actionTaken`` ("init"
for state 0) and its parameters ``mbt::nondetPicks``, as Quint writes them.
A set of pages is the set of their first addresses.
"""
from __future__ import annotations

import json
import os
from typing import Any

from verify.errors import OutputFileError
from verify.transition import SeqTrace

FORMAT_DESCRIPTION = "https://apalache-mc.org/docs/adr/015adr-trace.html"
ACTION = "mbt::actionTaken"
PICKS = "mbt::nondetPicks"


def encode(value: Any) -> Any:
    """A Python value as an ITF value."""
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, int):
        return {"#bigint": str(value)}
    if isinstance(value, (set, frozenset)):
        return {"#set": [encode(v) for v in sorted(value)]}
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    raise TypeError(f"no ITF encoding for {type(value).__name__}")


def decode(value: Any) -> Any:
    """An ITF value as a Python value (sets become frozensets)."""
    if isinstance(value, dict):
        if "#bigint" in value:
            return int(value["#bigint"])
        if "#set" in value:
            return frozenset(decode(v) for v in value["#set"])
        if "#tup" in value:
            return tuple(decode(v) for v in value["#tup"])
        if "#map" in value:
            return {decode(k): decode(v) for k, v in value["#map"]}
        return {k: decode(v) for k, v in value.items() if k != "#meta"}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def to_itf(trace: SeqTrace, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    names = [v.name for v in trace.variables]
    states = []
    for i, st in enumerate(trace.states):
        step = trace.steps[i - 1] if i > 0 else None
        entry: dict[str, Any] = {"#meta": {"index": i}}
        if step is not None:
            entry["#meta"]["changed"] = list(step.changed)
        for n in names:
            entry[n] = encode(st[n])
        entry[ACTION] = step.action if step else "init"
        entry[PICKS] = encode(dict(step.params)) if step else {}
        states.append(entry)
    head = {"format": "ITF", "format-description": FORMAT_DESCRIPTION,
            "source": f"mmap-action-verifier: {trace.system}",
            "description": f"{trace.what} of {trace.prop}"
                           + (f" (fails in state {trace.position})" if trace.position is not None
                              else ""),
            **(meta or {})}
    return {"#meta": head, "vars": names + [ACTION, PICKS], "states": states}


def states_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The decoded states of an ITF document, in order."""
    return [decode(s) for s in sorted(doc["states"], key=lambda s: s["#meta"]["index"])]


def check_writable(path: str) -> None:
    """Fail early, before any solving, when ``path`` cannot be written."""
    parent = os.path.dirname(os.path.abspath(path)) or "."
    if os.path.isdir(path):
        raise OutputFileError(f"cannot write the trace to {path!r}: it is a directory; "
                             "give a file name")
    if not os.path.isdir(parent):
        raise OutputFileError(f"cannot write the trace to {path!r}: directory {parent!r} does "
                             "not exist; create it or choose another path")
    if not os.access(parent, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise OutputFileError(f"cannot write the trace to {path!r}: permission denied; "
                             "choose a writable path")


def write(doc: dict[str, Any], path: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
    except OSError as e:
        raise OutputFileError(f"cannot write the trace to {path!r}: {e.strerror or e}; "
                             "choose a writable path") from None
