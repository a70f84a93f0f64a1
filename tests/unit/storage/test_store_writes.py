from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detente.errors import StoreError
from detente.model import (
    Actor,
    AnalyzedArticle,
    Article,
    Event,
    EventActor,
    Mention,
    Modality,
    Sentence,
    Skipped,
    SkipReason,
    article_id,
)
from detente.storage.store import MIGRATIONS, Store

TEXT = "Russia closed its border with Belarus. Minsk protested."


def _doc(modality: Modality = Modality.ASSERTED) -> AnalyzedArticle:
    aid = article_id(TEXT)
    article = Article(id=aid, uri="mem:1", text=TEXT, published=date(2020, 3, 18))
    src = EventActor(actor_id="RUS", name="Russia", country="RUS", sector="GOV", text="Russia")
    tgt = EventActor(actor_id="BLR", name="Belarus", country="BLR", sector="GOV", text="Belarus")
    event = Event(
        article_id=aid,
        sentence_index=0,
        trigger="closed",
        trigger_start=7,
        trigger_end=13,
        source=src,
        target=tgt,
        event_type="SANCTION",
        mode="",
        quad_class=4,
        intensity=-4.0,
        cameo="16",
        event_date=date(2020, 3, 18),
        modality=modality,
    )
    return AnalyzedArticle(
        article=article,
        sentences=(Sentence(article_id=aid, index=0, start_char=0, end_char=38, text=TEXT[:38]),),
        mentions=(
            Mention(
                article_id=aid,
                sentence_index=0,
                start_char=0,
                end_char=6,
                text="Russia",
                actor_id="RUS",
                method="name",
            ),
        ),
        events=(event,),
    )


ACTORS = [Actor(id="RUS", name="Russia", kind="country", country="RUS", sector="GOV")]


def test_writing_twice_changes_nothing(store: Store) -> None:
    skip = Skipped(uri="x.bin", reason=SkipReason.BINARY)
    for _ in range(2):
        store.write_batch([_doc()], [skip], ACTORS)
    c = store.counts()
    assert (c.articles, c.sentences, c.mentions, c.events, c.skipped) == (1, 1, 1, 1, 1)


def test_realised_flag_follows_modality(store: Store) -> None:
    store.write_batch([_doc(Modality.HYPOTHETICAL)])
    assert store.counts().realised_events == 0
    assert store.top_dyads() == []


def test_top_dyads_count_realised(store: Store) -> None:
    store.write_batch([_doc()])
    assert store.top_dyads() == [("RUS", "BLR", 1)]


def test_failed_batch_rolls_back(store: Store) -> None:
    bad = _doc()
    with pytest.raises(StoreError):
        store.write_batch(
            [bad], actors=[Actor(id=None, name="x", kind="country", country="X", sector="GOV")]
        )  # type: ignore[arg-type]
    assert store.counts().articles == 0


def test_file_store_persists_and_reopens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as s:
        s.write_batch([_doc()])
    with Store.open(path, read_only=True) as s:
        assert s.counts().events == 1
        with pytest.raises(StoreError):
            s.write_batch([_doc()])


def test_read_only_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run 'detente analyze' first"):
        Store.open(tmp_path / "none.duckdb", read_only=True)


def test_migration_is_recorded_once(store: Store) -> None:
    assert store.migrate() == len(MIGRATIONS)
    assert store.migrate() == len(MIGRATIONS)


def test_duplicate_rows_inside_one_batch_are_written_once(store: Store) -> None:
    store._insert_many("article_sources", [("a", "u"), ("a", "u"), ("b", "v")])
    store._insert_many("article_sources", [("a", "u")])
    assert store.con.execute("SELECT count(*) FROM article_sources").fetchone() == (2,)
