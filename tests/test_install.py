"""Installed as users install it: a wheel built with ``python -m build``, installed
with pip in a fresh virtual environment, runs ``verify prove`` and ``verify docs``
(whose templates must be inside the wheel) from a folder outside the source tree.

No network: the wheel is built without build isolation, installed with
``--no-deps --no-index``, and the environment sees the dependencies already
installed beside the running interpreter through one ``.pth`` line (they are not
what is under test; the wheel is).  About a minute; ``-m "not install"`` leaves
it out."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CACHES = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
TOP = {".git", ".venv", "venv", "build", "dist", ".pytest_cache", ".hypothesis", "tests",
       "benchmarks", "docs", "examples"}


def skip(folder: str, names: list[str]) -> set[str]:
    """What a wheel is not built from: caches anywhere; the tests, docs, ... at the top."""
    out = set(CACHES(folder, names))
    return out | (TOP & set(names) if Path(folder) == ROOT else set())

pytestmark = pytest.mark.install


def run(args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=300, **kw)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The ``verify`` script of a fresh environment holding only the built wheel."""
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=skip)
    p = run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--skip-dependency-check",
             "--outdir", str(tmp / "dist"), str(src)])
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    (wheel,) = (tmp / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("verify/docs/templates/") and n.endswith(".md.j2") for n in names)
    assert not any(n.startswith("tests/") for n in names)
    env = tmp / "env"
    venv.create(env, with_pip=False)
    py = env / ("Scripts" if os.name == "nt" else "bin") / "python"
    p = run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps",
             "--no-index", "--quiet", str(wheel)])
    assert p.returncode == 0, p.stderr[-2000:]
    site = Path(run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
                .stdout.strip())
    (site / "zz-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return py.parent / "verify"


def test_the_installed_verify_is_the_wheel(installed, tmp_path):
    py = installed.parent / "python"
    p = run([str(py), "-c", "import verify, models, proofs; print(verify.__file__)"], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert Path(p.stdout.strip()).is_relative_to(installed.parent.parent)


def test_version_names_the_solvers(installed, tmp_path):
    p = run([str(installed), "--version"], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    from importlib.metadata import version
    from verify import __version__
    assert p.stdout.splitlines()[0] == f"verify, version {__version__}"
    assert f"z3 {version('z3-solver')}" in p.stdout


def test_prove_runs_installed(installed, tmp_path):
    p = run([str(installed), "prove", "-w", "64", "--format", "junit"], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    from junitparser import JUnitXml
    xml = JUnitXml.fromstring(p.stdout.encode())
    assert xml.tests > 0 and xml.failures == xml.errors == 0
    p = run([str(installed), "prove", "-d", "hooks", "-w", "64", "-c", "mmu-normal",
             "-i", "ret-valid-errno"], cwd=tmp_path)
    assert p.returncode == 1 and "counterexample" in p.stdout


def test_docs_run_installed_from_the_wheel_templates(installed, tmp_path):
    p = run([str(installed), "docs", "--design", "hooks", "--out", str(tmp_path / "docs")],
            cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    pages = sorted(q.relative_to(tmp_path / "docs").as_posix()
                   for q in (tmp_path / "docs").rglob("*.md"))
    assert "invariants.md" in pages and "designs/hooks.md" in pages
    assert "invariants/ret-valid-errno.md" in pages
