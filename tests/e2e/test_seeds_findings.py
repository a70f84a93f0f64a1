"""The five real seed articles (../shared/corpus/seeds): the findings issue #2 asks for."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.api import analyze, query_events
from detente.config import Settings
from detente.pipeline import Pipeline
from detente.storage.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_events(
    shared_dir: Path, pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory
) -> list[dict[str, object]]:
    tmp = tmp_path_factory.mktemp("seeds")
    settings = Settings(db=tmp / "s.duckdb", report_dir=tmp / "report")
    analyze(
        [shared_dir / "corpus" / "seeds"],
        settings=settings,
        pipeline=pipeline,
        question="Is Belarus moving away from Russia?",
    )
    with Store.open(settings.db, read_only=True) as store:
        return query_events(store)


def _find(
    events: list[dict[str, object]], src: str, etype: str, tgt: str, words: str
) -> list[dict[str, object]]:
    return [
        e
        for e in events
        if e["source_country"] == src
        and e["event_type"] == etype
        and e["target_country"] == tgt
        and words in str(e["sentence"])
    ]


def test_crimea_observers_refusal(seed_events: list[dict[str, object]]) -> None:
    found = _find(seed_events, "BLR", "REJECT", "RUS", "refused to send observers")
    assert found and all(e["realised"] for e in found)


def test_wagner_detention(seed_events: list[dict[str, object]]) -> None:
    found = _find(seed_events, "BLR", "COERCE", "RUS", "detained 32 Russians")
    assert found and all(e["realised"] for e in found)


def test_medvedev_warning(seed_events: list[dict[str, object]]) -> None:
    found = _find(seed_events, "RUS", "THREATEN", "BLR", "sad consequences")
    assert found and found[0]["realised"]


def test_lavrov_visit(seed_events: list[dict[str, object]]) -> None:
    found = _find(seed_events, "RUS", "CONSULT", "BLR", "arrived in Minsk")
    assert found and found[0]["realised"]


def test_bases_forecast_is_not_realised(seed_events: list[dict[str, object]]) -> None:
    hosting = [e for e in seed_events if "continue hosting" in str(e["sentence"])]
    assert not any(e["realised"] for e in hosting)
