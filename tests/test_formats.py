"""The output formats, each read back by its own tooling: KTAP by tap.py and our
reader of the KTAP-only lines, JUnit XML by junitparser, SARIF by the SARIF 2.1.0
object model (sarif-om: every property name and required property) and by
sarif-tools, a reader of code-scanning results.  Each format's verdicts must
agree with the command's JSON and exit code.

The SARIF 2.1.0 JSON schema itself is not shipped here: it is OASIS work product
under the OASIS IPR policy, not an open-source licence this repository can carry;
sarif-om is generated from it (by its authors, MIT) and is what the test reads."""
from __future__ import annotations

import dataclasses
import io
import json

import attr
import pytest
import sarif_om
from junitparser import Error, Failure, JUnitXml, Skipped
from sarif import loader
from tap.parser import Parser

from ktap_reader import leaves, levels, read
from verify.render import formats
from verify.render.cases import Verdict
from verify.results import Status

OBLIGATION_COMMANDS = ("prove", "matrix", "mutate", "history", "check-seq")
HOOKS = ("prove", "-d", "hooks", "-w", "64", "-c", "mmu-normal", "-c", "mmu-compat",
         "-i", "ret-valid-errno", "-i", "no-unmap-detached", "-i", "success-means-mapped")
SMALL = {
    "prove": HOOKS,
    "matrix": ("matrix", "-d", "hooks-2025", "-w", "64", "-i", "unlock-before-unmap", "--traces",
               "-j", "1"),
    "mutate": ("mutate", "-m", "unmap-skipped", "-m", "lock-leaked", "-i", "unmap-on-failure",
               "-w", "64", "-j", "1"),
    "history": ("history", "--version", "v-ac0a3fc", "--version", "v-override", "-i",
                "unlock-before-unmap", "-w", "64", "-j", "1"),
    "check-seq": ("check-seq", "-d", "hooks", "-i", "reported-success-is-mapped", "-k", "3",
                  "-w", "64"),
}


@pytest.fixture(scope="module")
def outputs():
    """Each small run in every format: {(command, format): (exit code, stdout)}."""
    from verify.cli import main
    import contextlib
    got = {}
    for cmd, args in SMALL.items():
        for fmt in formats.FORMATS:
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                rc = main([*args, "--format", fmt])
            got[(cmd, fmt)] = (rc, buf.getvalue())
    return got


# ---- the option ------------------------------------------------------------------------
@pytest.mark.parametrize("cmd", OBLIGATION_COMMANDS)
def test_every_obligation_command_has_format_and_json(cli, cmd):
    rc, out, _ = cli(cmd, "--help")
    assert rc == 0 and "--format NAME" in out and "--json" in out
    for name in formats.FORMATS:
        assert name in out


@pytest.mark.parametrize("cmd", OBLIGATION_COMMANDS)
def test_unknown_format_is_one_line_and_exit_64(cli, cmd):
    rc, out, err = cli(cmd, "--format", "xml")
    assert rc == 64 and out == ""
    assert len(err.strip().splitlines()) == 1 and "'xml' is not one of" in err


def test_json_is_an_alias_and_contradictions_are_refused(cli):
    a = cli(*HOOKS, "--json")
    b = cli(*HOOKS, "--format", "json")
    def strip(doc):
        return [(o["id"], o["status"]) for o in json.loads(doc)["obligations"]]
    assert a[0] == b[0] == 1 and strip(a[1]) == strip(b[1])
    rc, _, err = cli(*HOOKS, "--json", "--format", "ktap")
    assert rc == 64 and "contradict" in err


def test_every_registered_result_kind_loads():
    for kind in formats.RESULTS:
        for path in (kind.result, kind.text, kind.cases):
            assert path is None or callable(formats._load(path)), path
        assert set(kind.formats) >= {"text", "json"}
        assert kind.cases is not None or all(not formats.FORMATS[f].cases for f in kind.formats)
    for f in formats.FORMATS.values():
        assert callable(formats._load(f"{f.module}:render"))


# ---- agreement with the JSON and the exit code ------------------------------------------
def _json_statuses(outputs):
    rc, doc = outputs[("prove", "json")]
    return rc, {o["id"]: o["status"] for o in json.loads(doc)["obligations"]}


@pytest.mark.parametrize("cmd", list(SMALL))
def test_every_format_gives_the_same_exit_code(outputs, cmd):
    codes = {fmt: outputs[(cmd, fmt)][0] for fmt in formats.FORMATS}
    assert len(set(codes.values())) == 1, codes


# ---- KTAP ------------------------------------------------------------------------------
@pytest.mark.parametrize("cmd", list(SMALL))
def test_ktap_reads_as_ktap_and_each_level_as_tap(outputs, cmd):
    rc, text = outputs[(cmd, "ktap")]
    top = read(text)
    for level in levels(top):
        tap = [t for t in Parser().parse_text(level.tap) if t.category == "test"]
        plans = [p for p in Parser().parse_text(level.tap) if p.category == "plan"]
        assert len(plans) == 1 and plans[0].expected_tests == len(tap) == len(level.tests)
        assert [t.ok for t in tap] == [t.ok for t in level.tests]
        assert [t.description for t in tap] == [t.name for t in level.tests]
    failed = [t for t in top.tests if not t.ok]
    assert bool(failed) == (rc != 0)


def test_ktap_prove_one_test_per_obligation_with_counterexample(outputs):
    rc, statuses = _json_statuses(outputs)
    top = read(outputs[("prove", "ktap")][1])
    tests = {t.name: t for t in leaves(top)}
    assert set(tests) == set(statuses)
    for name, status in statuses.items():
        assert tests[name].ok == (status == "proved")
        if status == "refuted":
            assert any(d.strip().startswith("inputs:") for d in tests[name].diagnostics)
            assert any("mmap returns" in d for d in tests[name].diagnostics)
    # nested per design, then per invariant
    assert [t.name for t in top.tests] == ["hooks"]
    assert {t.name for t in top.tests[0].subtests} == {s.split("[")[0] for s in statuses}


def test_ktap_matrix_refutations_are_xfail_and_the_exit_is_0(outputs):
    rc, text = outputs[("matrix", "ktap")]
    cells = leaves(read(text))
    refuted = [t for t in cells if t.directive == "XFAIL"]
    assert rc == 0 and refuted and all(t.ok for t in cells)


def test_ktap_mutate_a_surviving_mutant_fails(outputs):
    rc, text = outputs[("mutate", "ktap")]
    top = read(text)
    mutants = {t.name: t for t in next(t for t in top.tests if t.name == "mutants").subtests}
    assert rc == 1 and mutants["unmap-skipped"].ok and not mutants["lock-leaked"].ok


# ---- JUnit -----------------------------------------------------------------------------
def _junit(text: str) -> JUnitXml:
    return JUnitXml.fromstring(text.encode())


def test_junit_prove_failures_are_the_refuted_obligations(outputs):
    rc, statuses = _json_statuses(outputs)
    xml = _junit(outputs[("prove", "junit")][1])
    cases = {c.name: c for suite in xml for c in suite}
    assert set(cases) == set(statuses)
    for name, status in statuses.items():
        kinds = [type(r) for r in cases[name].result]
        assert kinds == ([Failure] if status == "refuted" else [])
        if status == "refuted":
            assert "counterexample" in cases[name].result[0].text
    assert xml.failures == sum(s == "refuted" for s in statuses.values())
    assert xml.tests == len(statuses) and xml.errors == 0


@pytest.mark.parametrize("cmd", list(SMALL))
def test_junit_counts_agree_with_the_exit_code(outputs, cmd):
    rc, text = outputs[(cmd, "junit")]
    xml = _junit(text)
    assert xml.tests == sum(1 for suite in xml for _ in suite) > 0
    if rc == 2:
        assert xml.errors > 0
    else:
        assert xml.errors == 0 and (xml.failures > 0) == (rc == 1)


def test_junit_matrix_refutations_are_skipped_xfail(outputs):
    xml = _junit(outputs[("matrix", "junit")][1])
    skipped = [c for suite in xml for c in suite if any(isinstance(r, Skipped) for r in c.result)]
    assert skipped and all(r.type == "xfail" for c in skipped for r in c.result)
    assert not [c for suite in xml for c in suite
                if any(isinstance(r, (Failure, Error)) for r in c.result)]


# ---- SARIF -----------------------------------------------------------------------------
# The SARIF 2.1.0 object model: which class each property holds (the rest are plain values
# or property bags).  Building the objects from the document checks every property name
# and every required property against the model generated from the SARIF 2.1.0 schema.
NESTED = {
    (sarif_om.SarifLog, "runs"): sarif_om.Run,
    (sarif_om.Run, "tool"): sarif_om.Tool,
    (sarif_om.Run, "invocations"): sarif_om.Invocation,
    (sarif_om.Run, "results"): sarif_om.Result,
    (sarif_om.Tool, "driver"): sarif_om.ToolComponent,
    (sarif_om.ToolComponent, "rules"): sarif_om.ReportingDescriptor,
    (sarif_om.ReportingDescriptor, "shortDescription"): sarif_om.MultiformatMessageString,
    (sarif_om.ReportingDescriptor, "fullDescription"): sarif_om.MultiformatMessageString,
    (sarif_om.ReportingDescriptor, "help"): sarif_om.MultiformatMessageString,
    (sarif_om.Invocation, "toolExecutionNotifications"): sarif_om.Notification,
    (sarif_om.Notification, "message"): sarif_om.Message,
    (sarif_om.Result, "message"): sarif_om.Message,
    (sarif_om.Result, "locations"): sarif_om.Location,
    (sarif_om.Result, "codeFlows"): sarif_om.CodeFlow,
    (sarif_om.CodeFlow, "threadFlows"): sarif_om.ThreadFlow,
    (sarif_om.ThreadFlow, "locations"): sarif_om.ThreadFlowLocation,
    (sarif_om.ThreadFlowLocation, "location"): sarif_om.Location,
    (sarif_om.Location, "physicalLocation"): sarif_om.PhysicalLocation,
    (sarif_om.Location, "logicalLocations"): sarif_om.LogicalLocation,
    (sarif_om.Location, "message"): sarif_om.Message,
    (sarif_om.PhysicalLocation, "artifactLocation"): sarif_om.ArtifactLocation,
    (sarif_om.PhysicalLocation, "region"): sarif_om.Region,
}
ENUMS = {(sarif_om.Result, "level"): {"none", "note", "warning", "error"},
         (sarif_om.Result, "kind"): {"notApplicable", "pass", "fail", "review", "open",
                                     "informational"},
         (sarif_om.Notification, "level"): {"none", "note", "warning", "error"},
         (sarif_om.Run, "columnKind"): {"utf16CodeUnits", "unicodeCodePoints"}}


def build(cls, doc: dict):
    """``doc`` as an instance of the SARIF object-model class ``cls`` (raises on an unknown
    or a missing required property)."""
    fields = {f.metadata["schema_property_name"]: f for f in attr.fields(cls)}
    kwargs = {}
    for key, value in doc.items():
        if key == "$schema" and cls is sarif_om.SarifLog:
            key = "schema_uri"
            kwargs[key] = value
            continue
        assert key in fields, f"{cls.__name__} has no property {key!r}"
        if (cls, key) in ENUMS:
            assert value in ENUMS[(cls, key)], f"{cls.__name__}.{key} = {value!r}"
        sub = NESTED.get((cls, key))
        if sub is not None:
            value = [build(sub, v) for v in value] if isinstance(value, list) else build(sub, value)
        kwargs[fields[key].name] = value
    return cls(**kwargs)


def _sarif(outputs, cmd, tmp_path):
    rc, text = outputs[(cmd, "sarif")]
    doc = json.loads(text)
    log = build(sarif_om.SarifLog, doc)
    assert log.version == "2.1.0"
    path = tmp_path / f"{cmd}.sarif"
    path.write_text(text)
    return rc, doc, loader.load_sarif_file(str(path))


@pytest.mark.parametrize("cmd", list(SMALL))
def test_sarif_is_sarif_2_1_0(outputs, cmd, tmp_path):
    rc, doc, read_back = _sarif(outputs, cmd, tmp_path)
    run = doc["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for r in run["results"]:
        assert rules[r["ruleIndex"]] == r["ruleId"]
    assert read_back.get_result_count() == len(run["results"])
    assert run["invocations"][0]["exitCode"] == rc


def test_sarif_prove_one_error_per_refuted_obligation(outputs, tmp_path):
    rc, statuses = _json_statuses(outputs)
    _, doc, read_back = _sarif(outputs, "prove", tmp_path)
    refuted = sorted(k for k, s in statuses.items() if s == "refuted")
    results = doc["runs"][0]["results"]
    assert sorted(r["properties"]["obligation"] for r in results) == refuted
    records = read_back.get_records()
    assert sorted(r["Code"] for r in records) == sorted(k.split("[")[0] for k in refuted)
    assert {r["Severity"] for r in records} == {"error"}
    from proofs import INVARIANTS
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    for r in results:
        inv = INVARIANTS[r["ruleId"]]
        assert rules[r["ruleId"]]["shortDescription"]["text"] == inv.statement
        # a model design: the model rule's citation, a kernel file and function, no line
        loc = r["locations"][0]
        assert "region" not in loc["physicalLocation"]
        cite = f"{loc['physicalLocation']['artifactLocation']['uri']}:" \
               f"{loc['logicalLocations'][0]['name']}"
        assert cite in inv.protects
        assert r["codeFlows"][0]["threadFlows"][0]["locations"]


def test_sarif_carries_the_tree_line_when_the_trace_cites_one(get_session):
    """A design read from a tree cites ``file:line``; the result is located there."""
    from proofs import INVARIANTS
    from models.config import CONFIGS
    from verify.render import sarif
    from verify.results import SuiteResult
    r = get_session("hooks", 64).obligation(INVARIANTS["ret-valid-errno"], CONFIGS["mmu-normal"])
    assert r.status is Status.REFUTED
    lines = {}
    steps = []
    for n, st in enumerate(r.counterexample.steps):
        if st.cite:
            lines[n] = 1000 + n
            steps.append(dataclasses.replace(st, cite=f"{st.cite.split(':')[0]}:{1000 + n}"))
        else:
            steps.append(st)
    tree = dataclasses.replace(r, counterexample=dataclasses.replace(r.counterexample,
                                                                      steps=tuple(steps)))
    doc = sarif.document(formats.cases_of(SuiteResult((tree,), "z3", "", 0.0)))
    build(sarif_om.SarifLog, doc)
    (res,) = doc["runs"][0]["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] in lines.values()
    flow = res["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [f["location"]["physicalLocation"]["region"]["startLine"] for f in flow
            if "physicalLocation" in f["location"]] == list(lines.values())


def test_sarif_matrix_findings_are_notes(outputs, tmp_path):
    rc, doc, read_back = _sarif(outputs, "matrix", tmp_path)
    assert rc == 0 and doc["runs"][0]["results"]
    assert {r["level"] for r in doc["runs"][0]["results"]} == {"note"}


def test_unknown_is_an_error_and_a_notification_never_a_pass(tmp_path):
    """A timeout: JUnit <error>, KTAP 'not ok # TIMEOUT', SARIF a failed invocation's
    notification and no result."""
    from verify.results import Obligation, ObligationResult, SuiteResult
    r = ObligationResult(Obligation("ret-valid-errno", "override", 64, "mmu-normal"),
                         Status.UNKNOWN, 1.0, reason="timeout after 1 ms")
    result = SuiteResult((r,), "z3", "", 1.0)
    assert result.exit_code == 2
    got = {}
    for fmt in ("ktap", "junit", "sarif"):
        buf = io.StringIO()
        assert formats.render(result, fmt, buf) == 2
        got[fmt] = buf.getvalue()
    (t,) = leaves(read(got["ktap"]))
    assert not t.ok and t.directive == "TIMEOUT"
    xml = _junit(got["junit"])
    assert xml.errors == 1 and xml.failures == 0
    doc = json.loads(got["sarif"])
    build(sarif_om.SarifLog, doc)
    inv = doc["runs"][0]["invocations"][0]
    assert not inv["executionSuccessful"] and inv["toolExecutionNotifications"]
    assert doc["runs"][0]["results"] == []


@pytest.mark.parametrize("text", [
    "KTAP version 1\n1..2\nok 1 a\n",                                   # plan not met
    "1..1\nok 1 a\n",                                                   # no version line
    "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: x\n    1..1\n    ok 1 y\nok 1 z\n",
    "KTAP version 1\n1..1\nok 2 a\n",                                   # wrong number
    "KTAP version 1\n1..1\n  ok 1 a\n",                                 # bad indentation
])
def test_the_ktap_reader_rejects_what_is_not_ktap(text):
    from ktap_reader import KtapError
    with pytest.raises(KtapError):
        read(text)
