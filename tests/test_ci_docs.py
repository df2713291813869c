"""docs/ci/: the GitHub Actions workflow, the GitLab CI job and the pre-commit hook
parse as YAML of their kind, and every `verify` command they hold runs, as written,
on a fixture kernel tree: exit 0, and output its format's reader accepts."""
from __future__ import annotations

import contextlib
import io
import json
import shlex
from pathlib import Path

import pytest
import yaml
from junitparser import JUnitXml
from sarif import loader

from verify.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]
CI = ROOT / "docs" / "ci"
TREE = ROOT / "tests" / "trees" / "override"
FILES = ("github-actions.yml", "gitlab-ci.yml", "pre-commit-config.yaml")


def load(name: str):
    return yaml.safe_load((CI / name).read_text())


def shell_lines(name: str) -> list[str]:
    doc = load(name)
    if name == "github-actions.yml":
        return [s["run"] for job in doc["jobs"].values() for s in job["steps"] if "run" in s]
    if name == "gitlab-ci.yml":
        return [line for job in doc.values() for key in ("before_script", "script")
                for line in job.get(key, [])]
    return [h["entry"] for repo in doc["repos"] for h in repo["hooks"]]


def verify_commands(name: str) -> list[tuple[list[str], str | None]]:
    """Each `verify ...` command line: its arguments and the file its output goes to."""
    out = []
    for line in shell_lines(name):
        words = shlex.split(line, comments=True)
        if not words or words[0] != "verify":
            continue
        args, target = words[1:], None
        if ">" in args:
            k = args.index(">")
            args, target = args[:k], args[k + 1]
        if "||" in args:
            args = args[:args.index("||")]
        out.append((args, target))
    return out


def test_every_file_is_there_and_docs_ci_md_names_it():
    page = (ROOT / "docs" / "ci.md").read_text()
    for name in FILES:
        assert (CI / name).is_file() and f"ci/{name}" in page


def test_github_workflow_shape():
    doc = load("github-actions.yml")
    on = doc.get("on", doc.get(True))       # YAML 1.1 reads the key `on` as true
    assert set(on) == {"push", "pull_request"}
    assert on["push"]["paths"] == on["pull_request"]["paths"]
    assert {"mm/util.c", "mm/internal.h"} <= set(on["push"]["paths"])
    (job,) = doc["jobs"].values()
    uses = [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s]
    assert "github/codeql-action/upload-sarif" in uses and "actions/checkout" in uses
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("github/codeql"))
    sarif = [t for a, t in verify_commands("github-actions.yml") if "sarif" in a]
    assert upload["with"]["sarif_file"] in sarif


def test_gitlab_job_shape():
    (job,) = load("gitlab-ci.yml").values()
    junit = [t for a, t in verify_commands("gitlab-ci.yml") if "junit" in a]
    assert job["artifacts"]["reports"]["junit"] in junit and job["artifacts"]["when"] == "always"


def test_pre_commit_hook_shape():
    (repo,) = load("pre-commit-config.yaml")["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local" and hook["pass_filenames"] is False
    assert {"id", "name", "entry", "language", "files"} <= set(hook)
    assert "mmap-action-verifier" in hook["additional_dependencies"]
    import re
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("mm/util.c", "mm/vma.c", "include/linux/err.h"))
    assert not files.search("mm/mmap.c") and not files.search("drivers/mm/util.c")


RAN: dict[tuple[str, ...], tuple[int, str, str]] = {}
CASES = [(name, args, target) for name in FILES for args, target in verify_commands(name)]


def test_the_files_hold_the_commands_the_docs_promise():
    held = {(name, " ".join(a)) for name, a, _ in CASES}
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        assert (name, "source --tree . --format sarif") in held
        assert (name, "source --tree . --format junit") in held
    assert ("pre-commit-config.yaml", "source --tree .") in held


@pytest.mark.parametrize("name,args,target", CASES,
                         ids=[f"{n}:{' '.join(a)}" for n, a, _ in CASES])
def test_each_command_runs_on_a_fixture_tree(name, args, target, monkeypatch):
    assert args[0] in COMMANDS or args == ["--version"], args
    key = tuple(args)
    if key not in RAN:      # the files share commands: run each once
        monkeypatch.chdir(TREE)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            RAN[key] = main(list(args)), out.getvalue(), err.getvalue()
    rc, text, err = RAN[key]
    assert rc == 0, err
    if "--format" in args:
        fmt = args[args.index("--format") + 1]
        if fmt == "sarif":
            doc = json.loads(text)
            assert doc["version"] == "2.1.0" and doc["runs"][0]["results"] == []
        elif fmt == "junit":
            xml = JUnitXml.fromstring(text.encode())
            assert xml.tests > 0 and xml.failures == xml.errors == 0
    elif args[0] == "source":
        assert "0 refuted" in text


def test_a_refuting_tree_reports_at_its_lines(tmp_path, monkeypatch):
    """The compat test dropped from mmap_action_finish: the SARIF results point at the
    tree's mm/util.c lines, and the code flow passes the do_munmap call."""
    tree = tmp_path / "linux"
    for p in TREE.rglob("*"):
        if p.is_file():
            (tree / p.relative_to(TREE)).parent.mkdir(parents=True, exist_ok=True)
            (tree / p.relative_to(TREE)).write_bytes(p.read_bytes())
    util = tree / "mm" / "util.c"
    src = util.read_text()
    assert src.count("if (!err || is_compat)") == 1
    util.write_text(src.replace("if (!err || is_compat)", "if (!err)"))
    lines = util.read_text().splitlines()
    munmap = next(n for n, line in enumerate(lines, 1) if line.strip().startswith("do_munmap("))
    monkeypatch.chdir(tree)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        rc = main(["source", "--tree", ".", "-w", "64", "-c", "mmu-compat",
                   "-i", "no-unmap-detached", "--format", "sarif"])
    assert rc == 1
    path = tmp_path / "out.sarif"
    path.write_text(out.getvalue())
    (rec,) = loader.load_sarif_file(str(path)).get_records()
    assert rec["Code"] == "no-unmap-detached" and rec["Location"] == "mm/util.c"
    assert 1 <= int(rec["Line"]) <= len(lines)
    (res,) = json.loads(out.getvalue())["runs"][0]["results"]
    flow = res["codeFlows"][0]["threadFlows"][0]["locations"]
    cited = [(f["location"]["physicalLocation"]["artifactLocation"]["uri"],
              f["location"]["physicalLocation"].get("region", {}).get("startLine"))
             for f in flow if "physicalLocation" in f["location"]]
    assert ("mm/util.c", munmap) in cited
