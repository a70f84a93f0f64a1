"""The Parquet store folder without Spark: what counts, what is refused, the writer's lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import StoreError, StoreLockedError
from detente.storage import parquet
from detente.storage.store import Store


def test_a_second_writer_fails_clearly(tmp_path: Path) -> None:
    with (
        parquet.writer_lock(tmp_path / "pq"),
        pytest.raises(StoreLockedError, match="in use"),
        parquet.writer_lock(tmp_path / "pq"),
    ):
        pass
    with parquet.writer_lock(tmp_path / "pq"):  # released: the next run may write
        pass


def test_an_empty_folder_is_an_empty_store_and_unfinished_runs_count_for_nothing(
    tmp_path: Path,
) -> None:
    root = tmp_path / "pq"
    (root / parquet.RUNS / "r1" / "articles").mkdir(parents=True)
    with Store.open(root) as s:
        assert s.counts().articles == 0
        with pytest.raises(StoreError, match="Parquet store"):
            s.write_batch([])
    assert parquet.remove_unfinished(root) == ["r1"]
    assert not (root / parquet.RUNS / "r1").exists()


def test_a_folder_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError, match="not a detente Parquet store"):
        Store.open(tmp_path)
