"""SARIF 2.1.0 for code scanning (GitHub, GitLab): one result per refuted obligation.

The rules are the invariants (``ruleId`` is the invariant id, its statement the
rule's description).  A result is located where ``verify.render.locate`` puts
the refutation: the tree's ``file:line`` when the design was read from a kernel
tree, else the kernel file and function of the model rule (a logical location,
no line); paths are relative to the tree (``%SRCROOT%``).  The counterexample is
the result's code flow, one location a step.  A refutation that fails the
command is an ``error``, one the command reports as an answer (a finding) a
``note``.  Obligations with no verdict (unknown, timeout, vacuous) are tool
notifications of the invocation, which is then not successful.
"""
from __future__ import annotations

import json
from typing import Any, TextIO

from verify.render.cases import Case, Run, Verdict
from verify.render.formats import cases_of
from verify.render.locate import Location, flow, locate

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Verdict.FAIL: "error", Verdict.XFAIL: "note", Verdict.PASS: "note"}


def tool_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("mmap-action-verifier")
    except PackageNotFoundError:
        return None


def _location(loc: Location, message: str | None = None) -> dict[str, Any]:
    phys: dict[str, Any] = {"artifactLocation": {"uri": loc.file, "uriBaseId": "%SRCROOT%"}}
    if loc.line is not None:
        phys["region"] = {"startLine": loc.line}
    out: dict[str, Any] = {"physicalLocation": phys}
    if loc.function:
        out["logicalLocations"] = [{"name": loc.function, "kind": "function"}]
    if message:
        out["message"] = {"text": message}
    return out


def _rule(inv: Any) -> dict[str, Any]:
    return {"id": inv.id, "shortDescription": {"text": inv.statement},
            "fullDescription": {"text": f"{inv.statement} (formula: {inv.formula_text})"},
            "help": {"text": f"Invariant {inv.id}: {inv.statement}. Formula: {inv.formula_text}. "
                             f"Protects: {', '.join(inv.protects)}."},
            "properties": {"formula": inv.formula_text, "protects": list(inv.protects)}}


def _result(c: Case, run: Run, index: dict[str, int]) -> dict[str, Any]:
    inv = run.rules.get(c.invariant or "")
    text = f"{c.name}: {c.status}"
    if inv is not None:
        text += f": {inv.statement}"
    if c.reason:
        text += f" ({c.reason})"
    if c.trace is not None:
        ins = " ".join(f"{k[3:]}={v}" for k, v in c.trace.shown.items() if k.startswith("in."))
        text += f". Counterexample: {ins}"
    out: dict[str, Any] = {"ruleId": c.invariant, "level": LEVEL[c.verdict], "kind": "fail",
                           "message": {"text": text}}
    if c.invariant in index:
        out["ruleIndex"] = index[c.invariant]
    where = locate(c.trace, inv)
    if where is not None:
        out["locations"] = [_location(where)]
    if c.trace is not None and c.trace.steps:
        steps = [{"location": _location(loc, what) if loc else {"message": {"text": what}}}
                 for what, loc in flow(c.trace)]
        out["codeFlows"] = [{"threadFlows": [{"locations": steps}]}]
    out["properties"] = {"obligation": c.name, "status": c.status, "verdict": c.verdict.value}
    return out


def document(run: Run) -> dict[str, Any]:
    ids = list(run.rules)
    index = {i: k for k, i in enumerate(ids)}
    driver: dict[str, Any] = {"name": "verify", "fullName": "mmap-action-verifier",
                              "rules": [_rule(run.rules[i]) for i in ids]}
    version = tool_version()
    if version:
        driver["version"] = version
    cases = list(run.cases())
    results = [_result(c, run, index) for c in cases if c.refuted and c.invariant]
    notes = [{"level": "error" if c.verdict is Verdict.FAIL else "warning",
              "message": {"text": f"{c.name}: {c.status}" + (f": {c.reason}" if c.reason else "")}}
             for c in cases if c.verdict in (Verdict.ERROR, Verdict.FAIL) and not c.refuted]
    invocation: dict[str, Any] = {"executionSuccessful": not any(c.verdict is Verdict.ERROR
                                                                 for c in cases),
                                  "exitCode": run.exit_code,
                                  "commandLine": f"verify {run.command}"}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": driver}, "invocations": [invocation], "columnKind": "utf16CodeUnits",
        "results": results}]}


def render(result: Any, out: TextIO, **_: Any) -> None:
    out.write(json.dumps(document(cases_of(result)), indent=2) + "\n")
