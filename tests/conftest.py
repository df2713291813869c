"""Shared fixtures: one Session per (design, word size), built once per test process;
one build folder for the C harness per test run, shared by the pytest-xdist workers."""
from __future__ import annotations

import functools
import gc
import os
import shutil
import tempfile

import pytest

from verify import catalog
from verify.engine import Session


@functools.lru_cache(maxsize=None)
def session(design: str, word: int) -> Session:
    return Session(catalog.design(design), word)


@pytest.fixture
def get_session():
    return session


@pytest.fixture
def cli(capsys):
    """The CLI in this process (models stay cached): ``cli(*args) -> (exit code, stdout, stderr)``."""
    from verify.cli import main

    def go(*args):
        rc = main(list(args))
        out, err = capsys.readouterr()
        return rc, out, err
    return go


def pytest_configure(config):
    """The controller (or a run without xdist) makes the C harness's build folder; the
    workers it starts inherit it through the environment, so that each binary is built
    once per run (tests/c/harness.py)."""
    from c.harness import BUILD_DIR_ENV
    if hasattr(config, "workerinput") or os.environ.get(BUILD_DIR_ENV):
        return
    # The `verify` processes the tests start run as an installed tool does, from bytecode:
    # with PYTHONDONTWRITEBYTECODE set, each of them would compile every module it imports.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    d = tempfile.mkdtemp(prefix="mmap-action-harness-")
    os.environ[BUILD_DIR_ENV] = d
    config.add_cleanup(lambda: (shutil.rmtree(d, True), os.environ.pop(BUILD_DIR_ENV, None)))


def pytest_collection_finish(session):
    """What collection built (modules, the test items, the registries) lives to the end
    of the run: moved out of the collector's reach, so that each full collection scans
    only what the tests made since."""
    gc.freeze()
