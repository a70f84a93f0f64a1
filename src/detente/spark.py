"""The Spark engine: ``detente analyze --engine spark``.

The same functions as the local engine run inside Spark tasks: ``read_inputs`` on each input
file, ``analyze_batch`` on each partition of articles (the spaCy model loaded once per Python
worker), and the store's own ``write_batch`` into a small in-memory DuckDB per task, whose
tables are handed back to Spark as Arrow and written as Parquet, partitioned by the month of
each article's publication (``storage/parquet.py`` describes the folder). Articles are counted
once however many files carry them (a content-hash id), and a rerun analyses only the articles
no committed run holds.

Local mode (``--spark-master local[*]``, the default) needs only Java; ``--spark-master`` takes
any cluster URL, with the input paths and the output folder on storage every node can reach.
"""

from __future__ import annotations

import io
import logging
import pickle
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.errors import ConfigError
from detente.ingest import WarcFilter, expand_paths, read_inputs
from detente.model import Article, Skipped, SkipReason, content_id
from detente.storage import parquet

if TYPE_CHECKING:
    import pyarrow as pa

    from detente.pipeline import Pipeline
    from detente.storage.store import Store

logger = logging.getLogger(__name__)

READ_SCHEMA = "kind string, id string, uri string, blob binary, pos bigint"
PACK_SCHEMA = "tbl string, blob binary"
UNDATED = "undated"


@dataclass(frozen=True, slots=True)
class Job:
    """What every task needs to know (shipped to the executors with the functions)."""

    model: str
    actors_files: tuple[str, ...]
    max_bytes: int
    batch_size: int
    min_confidence: float
    warc_filter: WarcFilter | None


@dataclass(frozen=True, slots=True)
class SparkRun:
    """What a Spark run did: counts over this run's input, and the run's folder."""

    run_id: str
    read: int
    new: int
    duplicates: int
    known: int
    skipped: int
    removed_unfinished: tuple[str, ...]


def session(master: str, app: str = "detente") -> Any:
    """A Spark session with what detente needs: Arrow exchange, this Python on the workers,
    quiet logs."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:  # pragma: no cover - depends on the install
        raise ConfigError(
            "the Spark engine needs PySpark: pip install 'detente[spark]' (and Java 17+)"
        ) from e
    spark = (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.pyspark.driver.python", sys.executable)
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run(
    spark: Any,
    paths: Sequence[str | Path],
    root: Path,
    job: Job,
    *,
    inputs: str,
    question: str | None = None,
) -> SparkRun:
    """Read, analyse and write one run into the Parquet store folder ``root``.

    The run's files land in ``root/runs/<run id>/`` and count only once its commit record is
    written (last); the leftovers of runs that never committed are deleted first."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    parquet.check_writable(root)
    files = [str(p) for p in expand_paths(paths)]
    started = datetime.now()
    run_id = content_id("run", started.isoformat(), inputs)
    with parquet.writer_lock(root):
        removed = parquet.remove_unfinished(root)
        folder = root / parquet.RUNS / run_id
        parallelism = max(1, int(spark.sparkContext.defaultParallelism))
        spark.conf.set("spark.sql.shuffle.partitions", str(parallelism * 2))

        names = spark.createDataFrame(list(enumerate(files)), "file bigint, path string")
        read = names.repartition(max(1, min(len(files), parallelism * 4))).mapInArrow(
            _read_files(job), READ_SCHEMA
        )
        read = read.persist()
        articles = read.filter(F.col("kind") == "article")
        by_id = Window.partitionBy("id").orderBy("pos")  # the first copy read is kept
        ranked = articles.withColumn("rank", F.row_number().over(by_id)).withColumn(
            "keep", F.first("uri").over(by_id)
        )
        kept = ranked.filter(F.col("rank") == 1).select("kind", "id", "uri", "blob", "pos")
        dupes = ranked.filter(F.col("rank") > 1).select(
            F.lit("duplicate").alias("kind"),
            "id",
            "uri",
            F.col("keep").cast("binary").alias("blob"),
            "pos",
        )
        done = _committed_ids(spark, root)
        if done is not None:
            known = kept.join(done, "id", "left_semi").select(
                F.lit("link").alias("kind"),
                "id",
                "uri",
                F.lit(None).cast("binary").alias("blob"),
                "pos",
            )
            kept = kept.join(done, "id", "left_anti")
        else:
            known = None
        others = read.filter(F.col("kind") == "skipped").unionByName(dupes)
        if known is not None:
            others = others.unionByName(known)

        analysed = kept.repartition(parallelism * 2).mapInArrow(_analyse(job), PACK_SCHEMA)
        side = others.repartition(max(1, parallelism)).mapInArrow(_pack_others(job), PACK_SCHEMA)
        packs = analysed.unionByName(side).persist()
        schemas = _table_schemas()
        clock = time.perf_counter()
        for table in parquet.RUN_TABLES:
            out = packs.filter(F.col("tbl") == table).mapInArrow(
                _unpack(schemas[table]), _spark_schema(schemas[table])
            )
            if table in parquet.MONTHLY:
                out.write.mode("overwrite").partitionBy("month").parquet(str(folder / table))
            else:
                out.drop("month").write.mode("overwrite").parquet(str(folder / table))
            logger.info(
                "spark run %s: %s written after %.1f s", run_id, table, time.perf_counter() - clock
            )
        counts = _run_counts(read, dupes, known, kept)
        packs.unpersist()
        read.unpersist()
        parquet.commit_run(
            folder,
            {
                "id": run_id,
                "started_at": started.isoformat(),
                "finished_at": datetime.now().isoformat(),
                "inputs": inputs,
                "question": question,
                "read": counts["read"],
                "new": counts["new"],
                "skipped": counts["skipped"],
                "duplicates": counts["duplicates"],
                "known": counts["known"],
                "engine": "spark",
                "master": spark.sparkContext.master,
            },
        )
    return SparkRun(
        run_id=run_id,
        read=counts["read"],
        new=counts["new"],
        duplicates=counts["duplicates"],
        known=counts["known"],
        skipped=counts["skipped"],
        removed_unfinished=tuple(removed),
    )


def _committed_ids(spark: Any, root: Path) -> Any:
    folders = [
        str(r / "articles") for r in parquet.committed_runs(root) if (r / "articles").is_dir()
    ]
    folders = [f for f in folders if any(Path(f).rglob("*.parquet"))]
    if not folders:
        return None
    return spark.read.option("basePath", folders[0]).parquet(*folders).select("id").distinct()


def _run_counts(read: Any, dupes: Any, known: Any, kept: Any) -> dict[str, int]:
    from pyspark.sql import functions as F

    by_kind = {
        r["kind"]: int(r["n"]) for r in read.groupBy("kind").agg(F.count("*").alias("n")).collect()
    }
    return {
        "read": by_kind.get("article", 0),
        "skipped": by_kind.get("skipped", 0),
        "duplicates": int(dupes.count()),
        "known": int(known.count()) if known is not None else 0,
        "new": int(kept.count()),
    }


# -- what runs in the tasks --------------------------------------------------------------

_PIPES: dict[tuple[str, tuple[str, ...]], Pipeline] = {}


def _pipeline(job: Job) -> Pipeline:
    """The pipeline of this worker process, loaded on first use (once per Python worker)."""
    from detente.pipeline import load_pipeline

    key = (job.model, job.actors_files)
    if key not in _PIPES:
        _PIPES[key] = load_pipeline(job.model, [Path(p) for p in job.actors_files])
    return _PIPES[key]


def _read_files(job: Job) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    def read(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            for file, path in zip(
                batch.column("file").to_pylist(), batch.column("path").to_pylist(), strict=True
            ):
                rows: list[dict[str, Any]] = []
                items = read_inputs([path], max_bytes=job.max_bytes, warc_filter=job.warc_filter)
                for n, item in enumerate(items):
                    kind = "skipped" if isinstance(item, Skipped) else "article"
                    rows.append(
                        {
                            "kind": kind,
                            "id": item.id,
                            "uri": item.uri,
                            "blob": pickle.dumps(item),
                            "pos": (file << 32) + n,  # read order, as the local engine reads
                        }
                    )
                    if len(rows) >= 64:
                        yield _rows_batch(rows)
                        rows = []
                if rows:
                    yield _rows_batch(rows)

    return read


def _rows_batch(rows: list[dict[str, Any]]) -> pa.RecordBatch:
    import pyarrow as pa

    schema = pa.schema(
        [
            ("kind", pa.string()),
            ("id", pa.string()),
            ("uri", pa.string()),
            ("blob", pa.binary()),
            ("pos", pa.int64()),
        ]
    )
    return pa.RecordBatch.from_pylist(rows, schema=schema)


def _analyse(job: Job) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    def analyse(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from detente.storage.store import Store

        pipe = _pipeline(job)
        todo: list[Article] = []
        with Store.in_memory() as store:
            for batch in batches:
                todo += [pickle.loads(b) for b in batch.column("blob").to_pylist()]
                while len(todo) >= job.batch_size:
                    chunk, todo = todo[: job.batch_size], todo[job.batch_size :]
                    yield from _pack_analysed(store, pipe, job, chunk)
            if todo:
                yield from _pack_analysed(store, pipe, job, todo)

    return analyse


def _pack_analysed(
    store: Store, pipe: Pipeline, job: Job, chunk: list[Article]
) -> Iterator[pa.RecordBatch]:
    from detente.pipeline import actors_used, analyze_batch, filter_confidence

    analysed = analyze_batch(pipe, chunk, batch_size=job.batch_size)
    docs = [filter_confidence(d, job.min_confidence) for d in analysed]
    store.write_batch(docs, (), actors_used(pipe.book, docs))
    months = {d.article.id: _month(d.article) for d in docs}
    yield from _export(store, months)


def _pack_others(job: Job) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """Skips, duplicates (a second copy of an article read this run) and links (an article a
    committed run already holds, read again from another uri) become rows of ``skipped`` and
    ``article_sources``."""

    def pack(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from detente.storage.store import Store

        with Store.in_memory() as store:
            for batch in batches:
                skipped: list[Skipped] = []
                links: list[tuple[str, str]] = []
                for row in batch.to_pylist():
                    if row["kind"] == "skipped":
                        skipped.append(pickle.loads(row["blob"]))
                    elif row["kind"] == "duplicate":
                        skipped.append(
                            Skipped(
                                uri=row["uri"],
                                reason=SkipReason.DUPLICATE,
                                detail=f"same text as {row['blob'].decode()}",
                            )
                        )
                        links.append((row["id"], row["uri"]))
                    else:
                        links.append((row["id"], row["uri"]))
                store.write_batch((), skipped, (), links)
                yield from _export(store, {})

    return pack


def _export(store: Any, months: dict[str, str]) -> Iterator[pa.RecordBatch]:
    """Every row the in-memory store holds, one Arrow IPC blob per table; the store is then
    emptied for the next batch."""
    import pyarrow as pa

    for table in parquet.RUN_TABLES:
        data = store.con.sql(f"SELECT * FROM {table}").to_arrow_table()
        if data.num_rows == 0:
            continue
        if table in parquet.MONTHLY:
            key = "id" if table == "articles" else "article_id"
            month = [months.get(k, UNDATED) for k in data.column(key).to_pylist()]
        else:
            month = [UNDATED] * data.num_rows
        data = data.append_column("month", pa.array(month, pa.string()))
        sink = io.BytesIO()
        with pa.ipc.new_stream(sink, data.schema) as writer:
            writer.write_table(data)
        yield pa.RecordBatch.from_pylist(
            [{"tbl": table, "blob": sink.getvalue()}],
            schema=pa.schema([("tbl", pa.string()), ("blob", pa.binary())]),
        )
        store.con.execute(f"DELETE FROM {table}")


def _unpack(schema: pa.Schema) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    def unpack(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        for batch in batches:
            for blob in batch.column("blob").to_pylist():
                table = pa.ipc.open_stream(blob).read_all().cast(schema)
                yield from table.to_batches()

    return unpack


def _month(article: Article) -> str:
    when = article.published or article.published_from
    return when.strftime("%Y-%m") if when else UNDATED


def _table_schemas() -> dict[str, pa.Schema]:
    """Each run table's Arrow schema, as the store makes it, plus the partition column."""
    import pyarrow as pa
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    from detente.storage.store import Store

    out = {}
    with Store.in_memory() as store:
        for table in parquet.RUN_TABLES:
            schema = store.con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
            schema = schema.append(pa.field("month", pa.string()))
            # round-trip through Spark's types so the batches match what Spark expects
            out[table] = to_arrow_schema(from_arrow_schema(schema))
    return out


def _spark_schema(schema: pa.Schema) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)
