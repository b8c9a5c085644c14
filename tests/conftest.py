"""Shared fixtures: the small test catalogue and rules, and the repository's paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import tiltak
from tiltak.catalogue import Catalogue, load_catalogue
from tiltak.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
MINI = DATA / "mini"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The CLI's knowledge-base cache in a folder of the test run's, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TILTAK_CACHE_DIR", str(tmp_path_factory.mktemp("cache") / "tiltak"))
        patch.delenv("TILTAK_NO_CACHE", raising=False)
        yield


@pytest.fixture(scope="session")
def mini_catalogue() -> Catalogue:
    return load_catalogue(MINI / "catalogue")


@pytest.fixture(scope="session")
def mini_engine() -> Engine:
    return tiltak.load(MINI / "rules", MINI / "catalogue")


@pytest.fixture(scope="session")
def default_engine() -> Engine:
    return tiltak.load()
