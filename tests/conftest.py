"""Shared fixtures: settings, an in-memory store, the loaded pipeline, paths to test data."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.config import Settings
from detente.pipeline import Pipeline, load_pipeline
from detente.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "belarus-russia"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The real spaCy model and the shipped actor and lexicon data, loaded once."""
    return load_pipeline()


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(db=tmp_path / "test.duckdb", report_dir=tmp_path / "report")


@pytest.fixture()
def store() -> Store:
    s = Store.in_memory()
    yield s  # type: ignore[misc]
    s.close()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
