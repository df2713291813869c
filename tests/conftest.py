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
