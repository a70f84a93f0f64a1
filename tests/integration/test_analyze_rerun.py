"""A real DuckDB file: analyse, re-run, resume (#2)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from detente.api import analyze, query_events
from detente.config import Settings
from detente.pipeline import Pipeline
from detente.storage.store import Store

ARTICLE_A = """Border row deepens

Russia closed its border with Belarus on 18 March 2020. Minsk protested against the closure.
Lukashenko accused Russia of ignoring the alliance.
"""
ARTICLE_B = """Talks in Minsk

On 26 November 2020, Sergei Lavrov visited Minsk and met Lukashenko. Belarus and Russia agreed
to coordinate their foreign policy.
"""


def _corpus(root: Path) -> Path:
    folder = root / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.md").write_text(
        "---\ntitle: Talks\ndate: 2020-11-26\n---\n" + ARTICLE_B, encoding="utf-8"
    )
    (folder / "copy-of-a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "junk.bin").write_bytes(b"\x00\x01\x02")
    return folder


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with Store.open(db, read_only=True) as s:
        return {
            t: sorted(
                map(tuple, s.con.execute(f"SELECT * EXCLUDE ({cols}) FROM {t}").fetchall()),
                key=repr,
            )
            for t, cols in (("articles", "ingested_at"), ("skipped", "skipped_at"))
        } | {
            t: sorted(s.con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in ("sentences", "mentions", "events", "actors", "article_sources")
        }


def test_rerun_adds_nothing(tmp_path: Path, settings: Settings, pipeline: Pipeline) -> None:
    folder = _corpus(tmp_path)
    first = analyze([folder], settings=settings, pipeline=pipeline, report=False)
    before = _snapshot(settings.db)
    second = analyze([folder], settings=settings, pipeline=pipeline, report=False)
    assert _snapshot(settings.db) == before
    assert first.new_articles == 2 and second.new_articles == 0
    assert first.duplicates == 1
    reasons = {s.reason.value for s in first.skipped}
    assert {"duplicate", "empty", "unsupported_format"} <= reasons


def test_interrupted_run_resumes_to_the_same_store(
    tmp_path: Path, settings: Settings, pipeline: Pipeline
) -> None:
    folder = _corpus(tmp_path)
    one = dataclasses.replace(settings, batch_size=1)
    analyze([folder / "a.txt"], settings=one, pipeline=pipeline, report=False)  # "killed" after a
    analyze([folder], settings=one, pipeline=pipeline, report=False)
    resumed = _snapshot(one.db)
    fresh = dataclasses.replace(settings, db=tmp_path / "fresh.duckdb", batch_size=1)
    analyze([folder], settings=fresh, pipeline=pipeline, report=False)
    assert {k: v for k, v in resumed.items() if k != "article_sources"} == {
        k: v for k, v in _snapshot(fresh.db).items() if k != "article_sources"
    }


def test_events_point_back_to_their_sentence(
    tmp_path: Path, settings: Settings, pipeline: Pipeline
) -> None:
    analyze([_corpus(tmp_path)], settings=settings, pipeline=pipeline, report=False)
    with Store.open(settings.db, read_only=True) as s:
        rows = query_events(s)
        texts = {r[0]: r[1] for r in s.con.execute("SELECT id, text FROM articles").fetchall()}
        offsets = s.con.execute(
            "SELECT article_id, trigger, trigger_start, trigger_end FROM events"
        ).fetchall()
    assert rows, "the corpus yields events"
    for aid, trigger, start, end in offsets:
        assert texts[aid][start:end] == trigger
    for r in rows:
        assert r["trigger"] in r["sentence"]
        json.dumps(r)


def test_question_must_name_two_actors(
    tmp_path: Path, settings: Settings, pipeline: Pipeline
) -> None:
    from detente.errors import QuestionError

    with pytest.raises(QuestionError, match="understood"):
        analyze(
            [_corpus(tmp_path)], settings=settings, pipeline=pipeline, question="Is it raining?"
        )
