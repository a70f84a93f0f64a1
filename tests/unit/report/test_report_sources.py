"""The report's sources section and the `stances` contract, on the hand-built store."""

from __future__ import annotations

from pathlib import Path

from tests.store_fixture import HOSTILE, build_store

from detente import api
from detente.report import write_report
from detente.stages.question import Question
from detente.storage.store import Store

Q = Question(text="Is Belarus moving away from Russia?", source="BLR", target="RUS",
             direction="away")  # fmt: skip
FIELDS = {
    "article_uri", "title", "question", "label", "score", "confidence", "answer", "evidence",
    "signals", "drivers", "published", "published_from", "published_to", "date_source",
    "date_evidence",
}  # fmt: skip


def test_stances_follow_the_contract_and_rescoring_replaces(tmp_path: Path) -> None:
    db = build_store(tmp_path / "s.duckdb")
    with Store.open(db) as store:
        api.score_stances(store, Q)
        api.score_stances(store, Q)  # idempotent: replaces, never duplicates
        assert store.query("SELECT count(*) AS n FROM stances")[0]["n"] == 3
    rows = api.stances(db)
    assert len(rows) == 3 and set(rows[0]) >= FIELDS
    assert {r["label"] for r in rows} == {"away"}  # detentions and an accusation
    assert all(r["answer"] == "yes" and r["drivers"] == ["events"] for r in rows)
    assert all(r["evidence"][0]["sentence"] == 0 for r in rows)
    assert rows[0]["published"] == "2020-07-29"


def test_report_puts_sources_side_by_side(tmp_path: Path) -> None:
    db = build_store(tmp_path / "s.duckdb")
    with Store.open(db) as store:
        api.score_stances(store, Q)
        html = write_report(store, tmp_path / "r", question=Q.text).read_text(encoding="utf-8")
    assert 'id="sources"' in html and 'id="plot-stances"' in html
    assert "The same events in several sources" in html
    assert "BBC report" in html and "Reuters report" in html and "<b>agree</b>" in html
    assert HOSTILE not in html  # article text in the evidence is escaped


def test_no_question_no_sources_section(tmp_path: Path) -> None:
    db = build_store(tmp_path / "s.duckdb")
    with Store.open(db, read_only=True) as store:
        html = write_report(store, tmp_path / "r").read_text(encoding="utf-8")
    assert 'id="sources"' not in html
