"""The five seed articles (../shared/corpus/seeds): each gets a stance with evidence and the
undated ones a publication window (#6). The expectations are a careful reader's: the 2014
Belarus Digest piece is torn (Belarus defies Russia yet "firmly remains in Russia's camp"),
the May 2020 Tsarizm piece and the August 2020 piece see Minsk moving away, the Carnegie
piece weighs frictions against "neither is eager to break", the November 2020 piece sees
Lukashenko pushed closer to Russia and China."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detente import api
from detente.config import Settings
from detente.pipeline import Pipeline

pytestmark = pytest.mark.slow
Q = "Is Belarus moving away from Russia?"


@pytest.fixture(scope="module")
def rows(
    shared_dir: Path, pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, object]]:
    tmp = tmp_path_factory.mktemp("seeds-stances")
    settings = Settings(db=tmp / "s.duckdb", report_dir=tmp / "report")
    api.analyze([shared_dir / "corpus" / "seeds"], settings=settings, pipeline=pipeline,
                question=Q)  # fmt: skip
    found = api.stances(settings.db)
    assert (tmp / "report" / "index.html").read_text(encoding="utf-8").count("stance-") > 5
    return {Path(str(r["article_uri"])).name[:3]: r for r in found}


@pytest.mark.parametrize(
    ("seed", "labels", "window"),
    [
        ("001", {"mixed", "away"}, (date(2014, 3, 1), date(2014, 3, 31))),
        ("000", {"away"}, (date(2020, 3, 1), date(2020, 5, 9))),
        ("002", {"away"}, (date(2020, 8, 1), date(2020, 8, 9))),
        ("003", {"mixed", "away"}, (date(2020, 5, 30), date(2020, 5, 30))),
        ("004", {"toward"}, (date(2020, 11, 1), date(2020, 12, 31))),
    ],
)
def test_each_seed_gets_a_stance_and_a_window(
    rows: dict[str, dict[str, object]], seed: str, labels: set[str], window: tuple[date, date]
) -> None:
    r = rows[seed]
    assert r["label"] in labels and r["question"] == Q
    assert r["evidence"] and r["drivers"]
    start = date.fromisoformat(str(r["published_from"]))
    assert window[0] <= start <= window[1]
    if r["published_to"]:
        assert date.fromisoformat(str(r["published_to"])) <= window[1]


def test_answers_read_the_label_against_the_question(rows: dict[str, dict[str, object]]) -> None:
    assert rows["002"]["answer"] == "yes"
    assert rows["004"]["answer"] == "no"
