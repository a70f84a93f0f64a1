"""A store kept as Parquet files (what the Spark engine writes), read through DuckDB views.

Layout of a Parquet store folder::

    runs/<run id>/<table>/month=YYYY-MM/part-*.parquet   articles and what hangs off them
    runs/<run id>/<table>/part-*.parquet                 actors, skipped
    runs/<run id>/_COMMITTED.json                        written last: the run is complete
    clusters/<generation>/{clusters,cluster_events}.parquet
    CLUSTERS                                             the generation in use
    .lock                                                held by the run writing

A run's files count only once its ``_COMMITTED.json`` exists, so a run killed half way adds
nothing; the next run deletes its leftovers and analyses those articles again. Opening the
folder gives a :class:`~detente.storage.store.Store` whose tables are views over the committed
files, with the same columns as the DuckDB file store, so every reader (``detente serve``,
``report``, ``events`` ...) works on either.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import duckdb

from detente.errors import StoreError, StoreLockedError

RUNS = "runs"
COMMITTED = "_COMMITTED.json"
CLUSTERS_POINTER = "CLUSTERS"
# tables an analysis run writes, and those of them partitioned by the article's month
RUN_TABLES = ("articles", "article_sources", "sentences", "mentions", "events", "actors", "skipped")
MONTHLY = frozenset({"articles", "article_sources", "sentences", "mentions", "events"})
# rows that several runs can write again (the same actor, skip or uri): one of each is kept
_DISTINCT = {"actors": "id", "skipped": "id", "article_sources": "article_id, uri"}


def is_parquet_store(path: str | Path) -> bool:
    """Whether ``path`` is a folder laid out as a Parquet store (or an empty one to become one)."""
    p = Path(path)
    return p.is_dir() and ((p / RUNS).is_dir() or not any(p.iterdir()))


def committed_runs(root: Path) -> list[Path]:
    """Run folders whose run finished, oldest first (by their commit time, then name)."""
    runs = root / RUNS
    if not runs.is_dir():
        return []
    done = [d for d in runs.iterdir() if (d / COMMITTED).is_file()]
    return sorted(done, key=lambda d: ((d / COMMITTED).stat().st_mtime_ns, d.name))


def remove_unfinished(root: Path) -> list[str]:
    """Delete the folders of runs that never committed; return their names."""
    runs = root / RUNS
    if not runs.is_dir():
        return []
    gone = []
    for d in sorted(runs.iterdir()):
        if d.is_dir() and not (d / COMMITTED).is_file():
            shutil.rmtree(d)
            gone.append(d.name)
    return gone


def table_files(root: Path, table: str) -> list[str]:
    """Every Parquet file of ``table`` in the committed runs."""
    files: list[str] = []
    for run in committed_runs(root):
        folder = run / table
        if folder.is_dir():
            files += sorted(str(p) for p in folder.rglob("*.parquet"))
    return files


def cluster_files(root: Path) -> dict[str, str]:
    """The clusters generation in use: table name -> file."""
    pointer = root / CLUSTERS_POINTER
    if not pointer.is_file():
        return {}
    folder = root / "clusters" / pointer.read_text(encoding="utf-8").strip()
    return {
        name: str(folder / f"{name}.parquet")
        for name in ("clusters", "cluster_events")
        if (folder / f"{name}.parquet").is_file()
    }


def attach_views(con: duckdb.DuckDBPyConnection, root: Path) -> None:
    """Replace the (empty, migrated) tables of ``con`` by views over the committed files."""
    sources = {t: table_files(root, t) for t in RUN_TABLES}
    for table, file in cluster_files(root).items():
        # clusters are copied in, not viewed: they are small and a run recomputes them here
        con.execute(f"INSERT INTO {table} SELECT * FROM read_parquet(?)", [file])
    for table, files in sources.items():
        if not files:
            continue
        columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        cols = ", ".join(columns)
        # a view cannot hold bound parameters: the (store-made) paths are quoted into it
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        scan = f"read_parquet([{listed}], hive_partitioning = true, union_by_name = true)"
        keys = _DISTINCT.get(table)
        distinct = f"DISTINCT ON ({keys}) " if keys else ""
        body = f"SELECT {distinct}{cols} FROM {scan}"
        con.execute(f"DROP TABLE {table}")
        con.execute(f"CREATE VIEW {table} AS {body}")
    runs = [json.loads((d / COMMITTED).read_text(encoding="utf-8")) for d in committed_runs(root)]
    for r in runs:
        con.execute(
            "INSERT OR IGNORE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                r["id"],
                r["started_at"],
                r["finished_at"],
                r["inputs"],
                r.get("question"),
                r["read"],
                r["new"],
                r["skipped"],
            ],
        )


def commit_run(folder: Path, record: dict[str, object]) -> None:
    """Mark a run complete: its record is written to a temporary name, then renamed."""
    tmp = folder / (COMMITTED + ".tmp")
    tmp.write_text(json.dumps(record, default=str, indent=1), encoding="utf-8")
    os.replace(tmp, folder / COMMITTED)


def save_clusters(con: duckdb.DuckDBPyConnection, root: Path, generation: str) -> None:
    """Write the clusters tables of ``con`` as a new generation and point readers at it."""
    folder = root / "clusters" / generation
    folder.mkdir(parents=True, exist_ok=True)
    for table in ("clusters", "cluster_events"):
        target = str(folder / f"{table}.parquet").replace("'", "''")
        con.execute(f"COPY {table} TO '{target}' (FORMAT parquet)")
    swap_clusters(root, generation)


def swap_clusters(root: Path, generation: str) -> None:
    """Point readers at a new clusters generation, then delete the older ones."""
    tmp = root / (CLUSTERS_POINTER + ".tmp")
    tmp.write_text(generation, encoding="utf-8")
    os.replace(tmp, root / CLUSTERS_POINTER)
    for old in (root / "clusters").iterdir():
        if old.name != generation:
            shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def writer_lock(root: Path) -> Iterator[None]:
    """Hold the folder's lock while writing: a second writer fails at once with a clear error."""
    root.mkdir(parents=True, exist_ok=True)
    handle: IO[str] = open(root / ".lock", "w")  # noqa: SIM115 (held for the whole run)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            raise StoreLockedError(
                f"{root} is in use by another detente run; wait for it to finish"
            ) from e
        yield
    finally:
        handle.close()


def check_writable(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise StoreError(f"{root} is a file: the Spark engine writes a folder of Parquet files")
