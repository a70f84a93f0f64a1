"""Clusters in the store: migration, rebuild in one transaction, read back."""

from __future__ import annotations

from pathlib import Path

from tests.unit.storage.test_store_writes import _doc

from detente import api
from detente.storage.store import MIGRATIONS, Store


def test_cluster_store_rebuilds_and_reads_back(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write_batch([_doc()])
        assert api.cluster_store(store) == 1
        assert api.cluster_store(store) == 1  # rebuilding is idempotent
        (cluster,) = store.clusters()
        (event,) = store.stored_events()
        assert cluster.event_ids == (event.id,)
        assert cluster.article_ids == (event.article_id,)
        assert cluster.outlets == ("mem:1",)  # no outlet known: the article's uri stands in
        series = api.dyad_series(store, "RUS", "BLR", freq="year")
        assert series.points == ()  # the event's date has no stated precision: not placed
        assert series.unplaced == 1


def test_old_store_is_migrated_to_the_cluster_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store.open(path) as store:
        store.con.execute("DROP TABLE cluster_events")
        store.con.execute("DROP TABLE clusters")
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Store.open(path) as store:
        assert store.migrate() == len(MIGRATIONS)
        assert store.clusters() == []
