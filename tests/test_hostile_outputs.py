"""Output paths: --save x.toml writes TOML that replay reads, --save with no witness
says so and exits 1, empty output paths are refused, --assume is never silently dropped."""
from __future__ import annotations

import tomllib

import pytest

from verify.errors import EXIT_REFUTED, EXIT_USAGE


def test_save_toml_writes_toml_that_replay_reads(cli, tmp_path):
    p = tmp_path / "w.toml"
    rc, _, err = cli("query", "ret == -ENOMEM", "--save", str(p))
    assert rc == 0, err
    doc = tomllib.loads(p.read_text())
    assert doc["design"] == "override" and "inputs" in doc
    rc, out, err = cli("replay", str(p))
    assert rc == 0, err
    assert "expectations met" in out


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_save_for_an_impossible_query_says_so(cli, tmp_path, json_flag):
    p = tmp_path / "w.json"
    rc, out, err = cli("query", "ret > 0", "--save", str(p), *json_flag)
    assert rc == EXIT_REFUTED and "nothing saved" in err and not p.exists()


@pytest.mark.parametrize("args", [
    ["export", "--smt2", ""], ["docs", "--out", ""], ["query", "ret == 0", "--save", ""],
    ["replay", "examples/compat-raw-error.json", "--emit-test", ""],
    ["check-seq", "-k", "1", "--trace-out", ""],
])
def test_empty_output_paths_are_refused(cli, args, tmp_path, monkeypatch):
    if args[0] == "replay":
        import pathlib
        args = [args[0], str(pathlib.Path(__file__).parent.parent / args[1]), *args[2:]]
    monkeypatch.chdir(tmp_path)
    rc, _, err = cli(*args)
    assert rc == EXIT_USAGE and "path is empty" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("assume, words", [
    (["none", "base"], "cannot be combined"),
    (["base", "base"], "given twice"),
    (["vma-well-formed", "vma-well-formed"], "given twice"),
])
def test_repeated_or_contradictory_assume_is_refused(cli, assume, words):
    args = [x for a in assume for x in ("-a", a)]
    rc, _, err = cli("query", "ret == 0", *args)
    assert rc == EXIT_USAGE and words in err


def test_several_distinct_assumptions_are_honoured(cli):
    rc, out, err = cli("query", "ret == 0", "-a", "mapped-returns-errno", "-a", "vma-well-formed")
    assert rc == 0, err
    assert "assuming mapped-returns-errno, vma-well-formed" in " ".join(out.split())


@pytest.mark.parametrize("where", ["file-as-folder", "under-a-file", "timings-folder-missing"])
def test_unwritable_docs_paths_fail_before_any_proof(cli, tmp_path, monkeypatch, where):
    """A docs folder that cannot be made, or a --timings file in no folder, is refused at
    once (exit 64, one line), before a single obligation is proved."""
    import verify.docs.collect as collect
    calls = []
    monkeypatch.setattr(collect, "collect", lambda *a, **k: calls.append(a))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    args = {"file-as-folder": ["--out", str(blocker)],
            "under-a-file": ["--out", str(blocker / "docs")],
            "timings-folder-missing": ["--out", str(tmp_path / "d"),
                                       "--timings", str(tmp_path / "no" / "t.md")]}[where]
    rc, _, err = cli("docs", *args)
    assert rc == EXIT_USAGE and len(err.strip().splitlines()) == 1, err
    assert calls == []


def test_emoji_codes_are_printed_literally(cli):
    # rich would print ':100:' as an emoji; the query is echoed as it was typed.
    query = "(ret > 0 ? ret > 0 ? ret :100: 0) == 1"
    rc, out, err = cli("query", "-d", "hooks", query)
    assert rc == 0, err
    assert out.splitlines()[0] == f"query: {query}"


def test_the_text_console_prints_emoji_codes_literally():
    import io

    from verify.render.console import console
    buf = io.StringIO()
    console(buf).print("a :100: b :smile:", markup=False)
    assert buf.getvalue() == "a :100: b :smile:\n"
