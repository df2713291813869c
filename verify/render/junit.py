"""JUnit XML as GitLab and Jenkins read it: ``<testsuites>``, one ``<testsuite>`` per
top-level group (design, version, baseline, mutants), one ``<testcase>`` per
obligation whose ``classname`` is the command and the groups it sits in, joined
by dots (a dot inside a name, as in ``v-7.0.y``, becomes ``_``: Jenkins reads
dots as packages).

A refutation that fails the command is a ``<failure>``, no verdict an ``<error>``,
a refutation the command reports as an answer (a finding) ``<skipped
type="xfail">``, as pytest writes an expected failure; the counterexample is the
element's text (and ``<system-out>`` for an expected one).
"""
from __future__ import annotations

from typing import Any, Iterable, TextIO
from xml.etree import ElementTree as ET

from verify.render.cases import Case, Group, Run, Verdict
from verify.render.formats import cases_of


def _leaves(g: Group, path: tuple[str, ...]) -> Iterable[tuple[tuple[str, ...], Case]]:
    for item in g.items:
        if isinstance(item, Group):
            yield from _leaves(item, path + (item.name,))
        else:
            yield path, item


def _secs(ms: float | None) -> str:
    return f"{(ms or 0.0) / 1e3:.6f}"


def _message(c: Case) -> str:
    return f"{c.status}: {c.reason}" if c.reason else c.status


def _testcase(parent: ET.Element, classname: str, c: Case) -> None:
    tc = ET.SubElement(parent, "testcase", classname=classname, name=c.name, time=_secs(c.time_ms))
    body = "\n".join(c.details)
    if c.verdict is Verdict.FAIL:
        ET.SubElement(tc, "failure", message=_message(c), type=c.status).text = body or None
    elif c.verdict is Verdict.ERROR:
        ET.SubElement(tc, "error", message=_message(c), type=c.status).text = body or None
    elif c.verdict is Verdict.XFAIL:
        ET.SubElement(tc, "skipped", message=f"expected: {_message(c)}", type="xfail")
        if body:
            ET.SubElement(tc, "system-out").text = body
    elif body:
        ET.SubElement(tc, "system-out").text = body


def document(run: Run) -> ET.Element:
    root = ET.Element("testsuites", name=f"verify {run.command}")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0, "time": 0.0}
    for g in run.groups:
        leaves = list(_leaves(g, (run.command, g.name)))
        n = {"tests": len(leaves),
             "failures": sum(c.verdict is Verdict.FAIL for _, c in leaves),
             "errors": sum(c.verdict is Verdict.ERROR for _, c in leaves),
             "skipped": sum(c.verdict is Verdict.XFAIL for _, c in leaves),
             "time": sum(c.time_ms or 0.0 for _, c in leaves)}
        suite = ET.SubElement(root, "testsuite", name=g.name,
                              **{k: (_secs(v) if k == "time" else str(v)) for k, v in n.items()})
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="command", value=f"verify {run.command}")
        ET.SubElement(props, "property", name="exit_code", value=str(run.exit_code))
        for path, c in leaves:
            _testcase(suite, ".".join(p.replace(".", "_") for p in path), c)
        for k in totals:
            totals[k] += n[k]
    for k, v in totals.items():
        root.set(k, _secs(v) if k == "time" else str(v))
    return root


def render(result: Any, out: TextIO, **_: Any) -> None:
    root = document(cases_of(result))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode") + "\n")
