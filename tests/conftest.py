"""Shared fixtures: one Session per (design, word size), built once per test run."""
from __future__ import annotations

import functools

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
