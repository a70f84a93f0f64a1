"""The DuckDB store: the only code that writes to the database.

Ids are content hashes and every insert is ``INSERT OR IGNORE``, so writing the same records
twice is a no-op; each batch is one transaction, so an interrupted run keeps every finished
batch and loses nothing else.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from detente.errors import StoreError, StoreLockedError
from detente.model import (
    Actor,
    AnalyzedArticle,
    DatePrecision,
    EventCluster,
    Portrayal,
    Skipped,
    Stance,
    StoredEvent,
    content_id,
)

logger = logging.getLogger(__name__)

# numbered in order: index + 1 is the schema version
MIGRATIONS = ("schema.sql", "002_clusters.sql", "003_stances.sql")


@dataclass(frozen=True, slots=True)
class Counts:
    articles: int
    skipped: int
    sentences: int
    mentions: int
    actors: int
    events: int
    realised_events: int


class Store:
    """A DuckDB file (or in-memory database) holding articles, sentences, mentions and events."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, path: str, *, read_only: bool = False
    ) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self.parquet_root: Path | None = None  # set for a Parquet store folder

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Store:
        """Open a DuckDB store file, or a Parquet store folder (read through views)."""
        target = str(path)
        if target != ":memory:" and Path(target).is_dir():
            return cls.open_parquet(Path(target))
        if read_only and target != ":memory:" and not Path(target).is_file():
            raise StoreError(f"no store at {target}: run 'detente analyze' first")
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(target, read_only=read_only)
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise StoreLockedError(
                    f"{target} is in use by another detente process; wait for it to finish"
                ) from e
            raise StoreError(f"cannot open store {target}: {e}") from e
        except duckdb.Error as e:
            raise StoreError(f"cannot open store {target}: {e}") from e
        store = cls(con, target, read_only=read_only)
        if not read_only:
            store.migrate()
        return store

    @classmethod
    def open_parquet(cls, root: Path) -> Store:
        """A Parquet store folder (written by the Spark engine) as a store: its tables are
        views over the committed files in an in-memory database. Clusters and stances can be
        recomputed in memory; articles cannot be written through it."""
        from detente.storage import parquet

        if not parquet.is_parquet_store(root):
            raise StoreError(f"{root} is a folder but not a detente Parquet store")
        store = cls(duckdb.connect(":memory:"), str(root))
        store.migrate()
        try:
            parquet.attach_views(store.con, root)
        except duckdb.Error as e:
            raise StoreError(f"cannot read the Parquet store {root}: {e}") from e
        store.parquet_root = root
        return store

    @classmethod
    def in_memory(cls) -> Store:
        return cls.open(":memory:")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> int:
        """Apply the numbered migrations not yet applied; return the schema version."""
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        current = int(row[0]) if row else 0
        folder = resources.files("detente") / "storage"
        for number, name in enumerate(MIGRATIONS, start=1):
            if number <= current:
                continue
            sql = (folder / name).read_text(encoding="utf-8")
            with self.transaction():
                self.con.execute(sql)
                self.con.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(number)]
                )
            current = number
        return current

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    # -- the write path -------------------------------------------------------------------
    def write_batch(
        self,
        analyzed: Sequence[AnalyzedArticle],
        skipped: Sequence[Skipped] = (),
        actors: Iterable[Actor] = (),
        sources: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Write one batch in one transaction. Re-writing the same records changes nothing."""
        if self.read_only:
            raise StoreError("store opened read-only")
        if self.parquet_root is not None:
            raise StoreError(
                f"{self.path} is a Parquet store: only 'detente analyze --engine spark' adds to it"
            )
        try:
            with self.transaction():
                self._insert_many("articles", [_article_row(a) for a in analyzed])
                self._insert_many(
                    "article_sources",
                    [(a.article.id, a.article.uri) for a in analyzed] + list(sources),
                )
                self._insert_many(
                    "sentences",
                    [
                        (s.article_id, s.index, s.start_char, s.end_char, s.text)
                        for a in analyzed
                        for s in a.sentences
                    ],
                )
                self._insert_many(
                    "mentions", [_mention_row(m) for a in analyzed for m in a.mentions]
                )
                self._insert_many("events", [_event_row(e) for a in analyzed for e in a.events])
                self._insert_many("actors", [_actor_row(x) for x in actors])
                self._insert_many(
                    "skipped", [(s.id, s.uri, s.reason.value, s.detail) for s in skipped]
                )
        except duckdb.Error as e:
            raise StoreError(f"writing a batch to {self.path} failed: {e}") from e

    def _insert_many(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert rows through an Arrow table: one statement per batch, not one per row
        (``executemany`` costs about a millisecond a row in DuckDB)."""
        if not rows:
            return
        import pyarrow as pa

        columns = [c.strip() for c in _COLUMNS[table].split(",")]
        batch = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
        view = f"_detente_batch_{table}"
        self.con.register(view, batch)
        try:
            self.con.execute(
                f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
                f"SELECT {', '.join(columns)} FROM {view}"
            )
        finally:
            self.con.unregister(view)

    def replace_clusters(self, clusters: Sequence[EventCluster]) -> None:
        """Swap in a new set of event clusters in one transaction (readers never see a mix)."""
        if self.read_only:
            raise StoreError("store opened read-only")
        try:
            with self.transaction():
                self.con.execute("DELETE FROM cluster_events")
                self.con.execute("DELETE FROM clusters")
                self._insert_many("clusters", [_cluster_row(c) for c in clusters])
                self._insert_many(
                    "cluster_events", [(e, c.id) for c in clusters for e in c.event_ids]
                )
        except duckdb.Error as e:
            raise StoreError(f"writing clusters to {self.path} failed: {e}") from e

    def replace_stances(
        self, question: str, stances: Sequence[Stance], portrayals: Sequence[Portrayal]
    ) -> None:
        """Swap in every article's stance on ``question`` and every article's portrayals, in
        one transaction."""
        if self.read_only:
            raise StoreError("store opened read-only")
        try:
            with self.transaction():
                self.con.execute("DELETE FROM stances WHERE question = ?", [question])
                self._insert_many("stances", [_stance_row(x) for x in stances])
                self.con.execute("DELETE FROM portrayals")
                self._insert_many("portrayals", [_portrayal_row(p) for p in portrayals])
        except duckdb.Error as e:
            raise StoreError(f"writing stances to {self.path} failed: {e}") from e

    def record_run(
        self,
        *,
        started: datetime,
        inputs: str,
        question: str | None,
        read: int,
        new: int,
        skipped: int,
    ) -> None:
        run_id = content_id("run", started.isoformat(), inputs)
        with self.transaction():
            self.con.execute(
                "INSERT OR IGNORE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [run_id, started, datetime.now(), inputs, question, read, new, skipped],
            )

    # -- reads ----------------------------------------------------------------------------
    def known_article_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE list_contains(?, id)", [list(ids)]
        ).fetchall()
        return {r[0] for r in rows}

    def stored_events(self) -> Iterator[StoredEvent]:
        """Every stored event with what clustering needs, in a stable order."""
        cur = self.con.execute(
            """SELECT e.id, e.article_id, coalesce(a.source, a.uri), s.text, e.trigger,
                      e.source_actor_id, e.target_actor_id, e.source_country, e.target_country,
                      e.event_type, e.quad_class, e.intensity, e.event_date, e.date_precision,
                      e.realised
               FROM events e JOIN articles a ON a.id = e.article_id
               LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_idx
               ORDER BY e.id"""
        )
        while rows := cur.fetchmany(10_000):
            for r in rows:
                yield StoredEvent(
                    id=r[0],
                    article_id=r[1],
                    outlet=r[2],
                    sentence=r[3] or r[4],
                    trigger=r[4],
                    source_actor_id=r[5],
                    target_actor_id=r[6],
                    source_country=r[7],
                    target_country=r[8],
                    event_type=r[9],
                    quad_class=int(r[10]),
                    intensity=float(r[11]),
                    event_date=r[12],
                    date_precision=DatePrecision(r[13] or "unknown"),
                    realised=bool(r[14]),
                )

    def clusters(self) -> list[EventCluster]:
        """Every stored cluster, oldest first."""
        members: dict[str, list[str]] = {}
        for event_id, cluster_id in self.con.execute(
            "SELECT event_id, cluster_id FROM cluster_events ORDER BY event_id"
        ).fetchall():
            members.setdefault(cluster_id, []).append(event_id)
        articles: dict[str, list[str]] = {}
        for cluster_id, article in self.con.execute(
            """SELECT DISTINCT ce.cluster_id, e.article_id FROM cluster_events ce
               JOIN events e ON e.id = ce.event_id ORDER BY 1, 2"""
        ).fetchall():
            articles.setdefault(cluster_id, []).append(article)
        rows = self.con.execute(
            """SELECT id, source_country, target_country, event_type, quad_class, intensity,
                      first_date, last_date, date_precision, realised, outlets,
                      representative_id
               FROM clusters ORDER BY first_date NULLS LAST, id"""
        ).fetchall()
        return [
            EventCluster(
                id=r[0],
                source_country=r[1],
                target_country=r[2],
                event_type=r[3],
                quad_class=int(r[4]),
                intensity=float(r[5]),
                first_date=r[6],
                last_date=r[7],
                date_precision=DatePrecision(r[8]),
                realised=bool(r[9]),
                event_ids=tuple(members.get(r[0], ())),
                article_ids=tuple(articles.get(r[0], ())),
                outlets=tuple(r[10] or ()),
                representative_id=r[11],
            )
            for r in rows
        ]

    def _scalar(self, sql: str) -> int:
        row = self.con.execute(sql).fetchone()
        return int(row[0]) if row else 0

    def counts(self) -> Counts:
        one = self._scalar
        return Counts(
            articles=one("SELECT count(*) FROM articles"),
            skipped=one("SELECT count(*) FROM skipped"),
            sentences=one("SELECT count(*) FROM sentences"),
            mentions=one("SELECT count(*) FROM mentions"),
            actors=one("SELECT count(DISTINCT actor_id) FROM mentions WHERE actor_id IS NOT NULL"),
            events=one("SELECT count(*) FROM events"),
            realised_events=one("SELECT count(*) FROM events WHERE realised"),
        )

    def top_dyads(self, limit: int = 10) -> list[tuple[str, str, int]]:
        rows = self.con.execute(
            """SELECT source_country, target_country, count(*) AS n FROM events
               WHERE realised AND source_country <> target_country
               GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?""",
            [limit],
        ).fetchall()
        return [(r[0], r[1], int(r[2])) for r in rows]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a read query with parameters; rows as dicts."""
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


_COLUMNS = {
    "articles": "id, uri, title, author, source, url, published, date_precision, date_source, "
    "published_from, published_to, language, format, removed_lines, n_words, text, date_evidence",
    "article_sources": "article_id, uri",
    "stances": "article_id, question, source, target, direction, label, score, confidence, "
    "signals, evidence",
    "portrayals": "article_id, actor_id, mentions, tone, positive, negative, example_idx",
    "sentences": "article_id, idx, start_char, end_char, text",
    "mentions": "id, article_id, sentence_idx, start_char, end_char, text, actor_id, method, "
    "label, country",
    "events": "id, article_id, sentence_idx, trigger, trigger_start, trigger_end, source_actor_id, "
    "source_text, target_actor_id, target_text, source_country, source_sector, target_country, "
    "target_sector, event_type, mode, quad_class, intensity, cameo, event_date, date_precision, "
    "negated, modality, realised, attribution, confidence, rule",
    "actors": "id, name, kind, country, sector, aliases",
    "skipped": "id, uri, reason, detail",
    "clusters": "id, source_country, target_country, event_type, quad_class, intensity, "
    "first_date, last_date, date_precision, realised, n_events, n_articles, n_sources, outlets, "
    "representative_id",
    "cluster_events": "event_id, cluster_id",
}


def _article_row(a: AnalyzedArticle) -> tuple[Any, ...]:
    x = a.article
    return (
        x.id,
        x.uri,
        x.title,
        x.author,
        x.source,
        x.url,
        x.published,
        x.date_precision.value,
        x.date_source,
        x.published_from,
        x.published_to,
        x.language,
        x.format,
        x.removed_lines,
        len(x.text.split()),
        x.text,
        x.date_evidence,
    )


def _mention_row(m: Any) -> tuple[Any, ...]:
    return (
        m.id,
        m.article_id,
        m.sentence_index,
        m.start_char,
        m.end_char,
        m.text,
        m.actor_id,
        m.method,
        m.label,
        m.country,
    )


def _event_row(e: Any) -> tuple[Any, ...]:
    return (
        e.id,
        e.article_id,
        e.sentence_index,
        e.trigger,
        e.trigger_start,
        e.trigger_end,
        e.source.actor_id,
        e.source.text,
        e.target.actor_id if e.target else None,
        e.target.text if e.target else None,
        e.source.country,
        e.source.sector,
        e.target.country if e.target else None,
        e.target.sector if e.target else None,
        e.event_type,
        e.mode,
        e.quad_class,
        e.intensity,
        e.cameo,
        e.event_date,
        e.date_precision.value,
        e.negated,
        e.modality.value,
        e.realised,
        e.attribution,
        e.confidence,
        e.rule,
    )


def _actor_row(a: Actor) -> tuple[Any, ...]:
    return (a.id, a.name, a.kind, a.country, a.sector, list(a.aliases))


def _cluster_row(c: EventCluster) -> tuple[Any, ...]:
    return (
        c.id,
        c.source_country,
        c.target_country,
        c.event_type,
        c.quad_class,
        c.intensity,
        c.first_date,
        c.last_date,
        c.date_precision.value,
        c.realised,
        len(c.event_ids),
        len(c.article_ids),
        c.n_sources,
        list(c.outlets),
        c.representative_id,
    )


def _stance_row(x: Stance) -> tuple[Any, ...]:
    signals = {"weights": x.signals, "drivers": list(x.drivers)}
    evidence = [
        {
            "sentence": e.sentence_idx,
            "text": e.text,
            "signal": e.signal,
            "direction": e.direction,
            "weight": e.weight,
            "why": e.why,
        }
        for e in x.evidence
    ]
    return (
        x.article_id,
        x.question,
        x.source,
        x.target,
        x.direction,
        x.label,
        x.score,
        x.confidence,
        json.dumps(signals, ensure_ascii=False),
        json.dumps(evidence, ensure_ascii=False),
    )


def _portrayal_row(p: Portrayal) -> tuple[Any, ...]:
    return (p.article_id, p.actor_id, p.mentions, p.tone, p.positive, p.negative, p.example_idx)
