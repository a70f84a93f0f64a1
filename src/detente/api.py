"""The library surface: the CLI, the web app and the Spark job all call these functions."""

from __future__ import annotations

import collections
import csv
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from detente.actorbook import ActorBook, load_actorbook
from detente.analysis.dyads import DyadTrend
from detente.analysis.stance import ArticleView
from detente.config import Settings, load_settings
from detente.errors import ConfigError, InputError
from detente.ingest import WarcFilter, read_inputs
from detente.model import (
    SCHEMA_VERSION,
    Actor,
    AnalyzedArticle,
    Article,
    DyadSeries,
    Portrayal,
    RunSummary,
    Skipped,
    SkipReason,
    Stance,
    article_id,
)
from detente.pipeline import (
    Pipeline,
    actors_used,
    analyze_batch,
    filter_confidence,
    load_pipeline,
)
from detente.stages.question import Question, parse_question
from detente.storage.store import Store

logger = logging.getLogger(__name__)

Progress = Callable[[str, int], None]  # (uri, articles done so far)

EXPORT_FIELDS = (
    "schema_version",
    "event_id",
    "article_id",
    "article_uri",
    "article_title",
    "sentence_index",
    "sentence",
    "trigger",
    "event_date",
    "date_precision",
    "source_name",
    "source_actor_id",
    "source_country",
    "source_sector",
    "target_name",
    "target_actor_id",
    "target_country",
    "target_sector",
    "event_type",
    "mode",
    "quad_class",
    "intensity",
    "cameo",
    "negated",
    "modality",
    "realised",
    "attribution",
    "confidence",
    "rule",
)


def open_store(path: str | Path, *, read_only: bool = False) -> Store:
    """Open (and migrate) a store; ``read_only`` for reporting and serving."""
    return Store.open(path, read_only=read_only)


@dataclass(slots=True)
class _Run:
    pipe: Pipeline
    store: Store
    settings: Settings
    summary: dict[str, Any]
    skipped: list[Skipped]
    seen: dict[str, str]  # article id -> first uri this run
    written: list[Skipped]  # skips already in the store
    links: list[tuple[str, str]] = field(default_factory=list)  # (article id, uri) to record


def analyze(
    paths: Sequence[str | Path],
    *,
    settings: Settings | None = None,
    question: str | None = None,
    report: bool = True,
    progress: Progress | None = None,
    pipeline: Pipeline | None = None,
    warc_filter: WarcFilter | None = None,
) -> RunSummary:
    """Read, analyse and store articles; write the report. Safe to re-run on the same input.

    ``warc_filter`` keeps only the WARC records of some hosts or crawl dates (the others are
    recorded as skipped before any extraction)."""
    settings = settings or load_settings()
    if not paths:
        raise InputError("no input paths given")
    if settings.engine == "spark":
        return _analyze_spark(paths, settings, question, report, warc_filter)
    if settings.engine != "local":
        raise ConfigError(f"unknown engine {settings.engine!r}: use local or spark")
    pipe = pipeline or load_pipeline(settings.model, settings.actors_files)
    parsed_question = parse_question(question, pipe.book) if question else None
    started = datetime.now()
    # the workers first: they are forked before the store's threads exist (#7)
    with _Workers(settings, pipe) as workers, Store.open(settings.db) as store:
        run = _Run(pipe, store, settings, {"read": 0, "new": 0, "dupes": 0}, [], {}, [])
        batch: list[Article] = []
        for item in read_inputs(paths, max_bytes=settings.max_bytes, warc_filter=warc_filter):
            if isinstance(item, Skipped):
                run.skipped.append(item)
                continue
            batch.append(item)
            run.summary["read"] += 1
            if progress:
                progress(item.uri, run.summary["read"])
            if len(batch) >= settings.batch_size:
                _flush(run, batch, workers)
                batch = []
        _flush(run, batch, workers)
        workers.drain(lambda done: _write(run, done))
        store.record_run(
            started=started,
            inputs=" ".join(map(str, paths)),
            question=question,
            read=run.summary["read"],
            new=run.summary["new"],
            skipped=len(run.skipped),
        )
        if run.summary["new"] or not store.query("SELECT 1 FROM clusters LIMIT 1"):
            cluster_store(store, settings=settings)
        if parsed_question is not None:
            score_stances(store, parsed_question)
        report_path = None
        if report:
            report_path = str(_write_report(store, settings.report_dir, parsed_question))
        return _summary(run, store, report_path)


SPARK_DEFAULT_DB = Path("detente-parquet")


def _analyze_spark(
    paths: Sequence[str | Path],
    settings: Settings,
    question: str | None,
    report: bool,
    warc_filter: WarcFilter | None,
) -> RunSummary:
    """The Spark engine (``detente/spark.py``): the same stages in Spark tasks, the store a
    folder of Parquet files; clusters, stances and the report are then made here as usual."""
    from detente import spark as engine
    from detente.storage import parquet

    root = SPARK_DEFAULT_DB if settings.db == Settings().db else Path(settings.db)
    parsed_question = (
        parse_question(question, load_actorbook(settings.actors_files)) if question else None
    )
    job = engine.Job(
        model=settings.model,
        actors_files=tuple(str(p) for p in settings.actors_files),
        max_bytes=settings.max_bytes,
        batch_size=settings.batch_size,
        min_confidence=settings.min_confidence,
        warc_filter=warc_filter,
    )
    spark = engine.session(settings.spark_master)
    try:
        done = engine.run(
            spark, paths, root, job, inputs=" ".join(map(str, paths)), question=question
        )
    finally:
        spark.stop()
    with Store.open_parquet(root) as store:
        if done.new or not store.query("SELECT 1 FROM clusters LIMIT 1"):
            cluster_store(store, settings=settings)
            parquet.save_clusters(store.con, root, done.run_id)
        if parsed_question is not None:
            score_stances(store, parsed_question)
        report_path = None
        if report:
            report_path = str(_write_report(store, settings.report_dir, parsed_question))
        skipped = (
            tuple(
                Skipped(uri=r["uri"], reason=SkipReason(r["reason"]), detail=r["detail"] or "")
                for r in store.query(
                    "SELECT uri, reason, detail FROM read_parquet(?) ORDER BY uri LIMIT 10000",
                    [str(root / parquet.RUNS / done.run_id / "skipped" / "*.parquet")],
                )
            )
            if done.skipped or done.duplicates
            else ()
        )
        counts = store.counts()
        return RunSummary(
            read=done.read + done.skipped,
            analysed=done.read - done.duplicates,
            new_articles=done.new,
            duplicates=done.duplicates,
            skipped=skipped,
            sentences=counts.sentences,
            mentions=counts.mentions,
            actors=counts.actors,
            events=counts.events,
            realised_events=counts.realised_events,
            top_dyads=tuple(store.top_dyads(settings.top_dyads)),
            db_path=str(root),
            report_path=report_path,
            extra={"engine": "spark", "run": done.run_id},
        )


class _Workers:
    """The local engine: batches analysed in worker processes, written by this one.

    With ``workers == 1`` everything runs in this process. Otherwise a pool of processes
    analyses batches while this process reads the next ones and writes finished ones to the
    store in the order they were read; at most two batches per worker are in flight, so memory
    stays bounded however large the input. On Linux the workers are forked from this process
    with its pipeline already loaded (shared copy-on-write, nothing pickled): a spawned worker
    spends 10-15 s importing spaCy and loading the model, the actor book and its matcher before
    its first batch, which on a 2-core machine cost more than a second worker gained (#7).
    Elsewhere (fork is unsafe on macOS) each spawned worker loads the pipeline once.
    """

    def __init__(self, settings: Settings, pipe: Pipeline) -> None:
        import os

        self.pipe = pipe
        self.batch_size = settings.batch_size
        self.n = settings.workers if settings.workers > 0 else (os.cpu_count() or 1)
        self.pool: Any = None
        self.pending: collections.deque[Any] = collections.deque()
        if self.n > 1:
            self.pool = _start_pool(self.n, settings, pipe)

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, todo: list[Article], write: Callable[[list[AnalyzedArticle]], None]) -> None:
        if self.pool is None:
            write(analyze_batch(self.pipe, todo, batch_size=self.batch_size) if todo else [])
            return
        self.pending.append(self.pool.submit(_analyze_in_worker, todo, self.batch_size))
        while len(self.pending) > 2 * self.n:
            write(self.pending.popleft().result())

    def drain(self, write: Callable[[list[AnalyzedArticle]], None]) -> None:
        while self.pending:
            write(self.pending.popleft().result())


def _start_pool(n: int, settings: Settings, pipe: Pipeline) -> Any:
    """A pool of ``n`` processes, each with a pipeline (see ``_Workers``), already started."""
    import gc
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    if sys.platform == "linux":
        # 1. fork: the children share this process's loaded pipeline; its objects are frozen
        # out of the collector's reach first, so a child's collections do not write to (and
        # copy) every page of the model and the actor book
        gc.freeze()
        try:
            pool = ProcessPoolExecutor(
                max_workers=n,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_use_pipeline,
                initargs=(pipe,),  # inherited by fork, not pickled
            )
            pool.submit(int)  # a fork pool starts all its processes at the first task
        finally:
            gc.unfreeze()
        return pool
    # 2. spawn: each worker loads its own pipeline once
    return ProcessPoolExecutor(
        max_workers=n,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(settings.model, tuple(settings.actors_files)),
    )


_WORKER_PIPE: Pipeline | None = None


def _use_pipeline(pipe: Pipeline) -> None:
    global _WORKER_PIPE
    _WORKER_PIPE = pipe


def _init_worker(model: str, actors_files: tuple[Path, ...]) -> None:
    _use_pipeline(load_pipeline(model, actors_files))


def _analyze_in_worker(articles: list[Article], batch_size: int) -> list[AnalyzedArticle]:
    assert _WORKER_PIPE is not None, "worker used before its pipeline was loaded"
    return analyze_batch(_WORKER_PIPE, articles, batch_size=batch_size) if articles else []


def _flush(run: _Run, batch: list[Article], workers: _Workers) -> None:
    """Hand the new articles of a batch to the engine; written, with the skips read so far,
    when analysed."""
    fresh: list[Article] = []
    links: list[tuple[str, str]] = []
    for article in batch:
        if article.id in run.seen:
            run.summary["dupes"] += 1
            links.append((article.id, article.uri))
            run.skipped.append(
                Skipped(
                    uri=article.uri,
                    reason=SkipReason.DUPLICATE,
                    detail=f"same text as {run.seen[article.id]}",
                )
            )
            continue
        run.seen[article.id] = article.uri
        fresh.append(article)
    known = run.store.known_article_ids([a.id for a in fresh])
    run.links += [(a.id, a.uri) for a in fresh if a.id in known]
    run.links += links
    todo = [a for a in fresh if a.id not in known]
    workers.submit(todo, lambda done: _write(run, done))


def _write(run: _Run, analyzed: list[AnalyzedArticle]) -> None:
    """One transaction: the analysed articles, the skips and duplicate links read so far."""
    analyzed = [filter_confidence(a, run.settings.min_confidence) for a in analyzed]
    run.summary["new"] += len(analyzed)
    store_links = [(aid, uri) for aid, uri in run.links]
    run.store.write_batch(analyzed, run.skipped, actors_used(run.pipe.book, analyzed), store_links)
    run.written.extend(run.skipped)
    run.skipped = []
    run.links = []


def _summary(run: _Run, store: Store, report_path: str | None) -> RunSummary:
    counts = store.counts()
    skipped = tuple(run.written)
    return RunSummary(
        read=run.summary["read"] + sum(1 for s in skipped if s.reason != SkipReason.DUPLICATE),
        analysed=run.summary["read"] - run.summary["dupes"],
        new_articles=run.summary["new"],
        duplicates=run.summary["dupes"],
        skipped=skipped,
        sentences=counts.sentences,
        mentions=counts.mentions,
        actors=counts.actors,
        events=counts.events,
        realised_events=counts.realised_events,
        top_dyads=tuple(store.top_dyads(run.settings.top_dyads)),
        db_path=store.path,
        report_path=report_path,
    )


def _write_report(store: Store, out_dir: Path, question: Question | None) -> Path:
    from detente.report import write_report as render

    focus = (question.source, question.target) if question else None
    return render(store, Path(out_dir), question=question.text if question else None, focus=focus)


def write_report(
    db: str | Path,
    out_dir: str | Path,
    *,
    question: str | None = None,
    actors_files: Sequence[Path] = (),
) -> Path:
    """Re-render the static report from an existing store."""
    parsed = parse_question(question, load_actorbook(actors_files)) if question else None
    with Store.open(db, read_only=True) as store:
        return _write_report(store, Path(out_dir), parsed)


# -- the analyst's question: stances and portrayals -------------------------------------


def score_stances(store: Store, question: Question) -> list[Stance]:
    """Every article's stance on ``question`` and every article's portrayal of its main
    actors, computed from the store and written back to it (replacing earlier ones)."""
    from detente.analysis.portrayal import portray
    from detente.analysis.stance import score_article

    stances: list[Stance] = []
    portrayals: list[Portrayal] = []
    for view, named in _article_views(store):
        stances.append(
            score_article(
                view,
                question=question.text,
                source=question.source,
                target=question.target,
                direction=question.direction,
                also=question.also,
            )
        )
        portrayals.extend(portray(view.id, view.sentences, named))
    store.replace_stances(question.text, stances, portrayals)
    return stances


def _article_views(store: Store) -> Iterator[tuple[ArticleView, list[tuple[int, int, int, str]]]]:
    from detente.analysis.stance import ArticleView, EventView, MentionView

    articles = store.query("SELECT id, title, published_from FROM articles ORDER BY id")
    for chunk_start in range(0, len(articles), 200):
        chunk = articles[chunk_start : chunk_start + 200]
        ids = [a["id"] for a in chunk]
        sentences: dict[str, list[str]] = {i: [] for i in ids}
        offsets: dict[tuple[str, int], int] = {}
        for r in store.query(
            "SELECT article_id, idx, start_char, text FROM sentences "
            "WHERE list_contains(?, article_id) ORDER BY article_id, idx",
            [ids],
        ):
            doc = sentences[r["article_id"]]
            doc.extend([""] * (r["idx"] - len(doc)))  # keep idx == position
            doc.append(r["text"])
            offsets[(r["article_id"], r["idx"])] = r["start_char"]
        mentions: dict[str, list[MentionView]] = {i: [] for i in ids}
        named: dict[str, list[tuple[int, int, int, str]]] = {i: [] for i in ids}
        for r in store.query(
            "SELECT article_id, sentence_idx, start_char, end_char, actor_id, country "
            "FROM mentions WHERE list_contains(?, article_id)",
            [ids],
        ):
            base = offsets.get((r["article_id"], r["sentence_idx"]), 0)
            start, end = r["start_char"] - base, r["end_char"] - base
            mentions[r["article_id"]].append(
                MentionView(
                    sentence_idx=r["sentence_idx"], start=start, end=end, country=r["country"]
                )
            )
            if r["actor_id"]:
                named[r["article_id"]].append((r["sentence_idx"], start, end, r["actor_id"]))
        events: dict[str, list[EventView]] = {i: [] for i in ids}
        for r in store.query(
            "SELECT article_id, sentence_idx, event_type, source_country, target_country, "
            "quad_class, intensity, realised, modality, negated, event_date FROM events "
            "WHERE list_contains(?, article_id) ORDER BY id",
            [ids],
        ):
            events[r.pop("article_id")].append(EventView(**r))
        for a in chunk:
            view = ArticleView(
                id=a["id"],
                title=a["title"],
                sentences=sentences[a["id"]],
                mentions=mentions[a["id"]],
                events=events[a["id"]],
                published_from=a["published_from"],
            )
            yield view, named[a["id"]]


def stances(
    db: str | Path,
    *,
    question: str | None = None,
    actors_files: Sequence[Path] = (),
) -> list[dict[str, Any]]:
    """Each article's stance, one dict per article (the `detente stances` contract).

    With ``question`` the stances are (re)computed for it and stored; without, the stored
    stances of the most recent question are read.
    """
    if question is not None:
        parsed = parse_question(question, load_actorbook(actors_files))
        with Store.open(db) as store:
            score_stances(store, parsed)
    with Store.open(db, read_only=True) as store:
        if question is None:
            row = store.query(
                "SELECT question FROM runs WHERE question IS NOT NULL "
                "AND question IN (SELECT question FROM stances) ORDER BY finished_at DESC LIMIT 1"
            ) or store.query("SELECT question FROM stances LIMIT 1")
            if not row:
                raise InputError(
                    "no stances in this store: give a question, e.g. "
                    '--question "Is Belarus moving away from Russia?"'
                )
            question = row[0]["question"]
        return stance_rows(store, question)


def stance_rows(store: Store, question: str) -> list[dict[str, Any]]:
    """The stored stances on ``question``, with each article's title and date fields."""
    rows = store.query(
        """SELECT a.uri AS article_uri, a.id AS article_id, a.title, a.source AS outlet,
                  s.question, s.label, s.score, s.confidence, s.direction, s.source, s.target,
                  s.signals, s.evidence, a.published, a.published_from, a.published_to,
                  a.date_source, a.date_evidence
           FROM stances s JOIN articles a ON a.id = s.article_id
           WHERE s.question = ?
           ORDER BY coalesce(a.published, a.published_from) NULLS LAST, a.uri""",
        [question],
    )
    for r in rows:
        signals = json.loads(r.pop("signals"))
        r["signals"] = signals["weights"]
        r["drivers"] = signals["drivers"]
        r["evidence"] = json.loads(r["evidence"])
        r["date_evidence"] = json.loads(r["date_evidence"]) if r["date_evidence"] else []
        r["answer"] = _answer(r["label"], r["direction"])
        for key in ("published", "published_from", "published_to"):
            r[key] = r[key].isoformat() if r[key] else None
    return rows


def _answer(label: str, direction: str) -> str:
    if label in ("mixed", "unrelated") or direction == "either":
        return label
    return "yes" if label == direction else "no"


def portrayals(store: Store, article_id: str | None = None) -> list[dict[str, Any]]:
    """Stored portrayals (optionally of one article), with actor names and example sentences."""
    return store.query(
        """SELECT p.article_id, p.actor_id, coalesce(ac.name, p.actor_id) AS actor, p.mentions,
                  p.tone, p.positive, p.negative, p.example_idx, s.text AS example
           FROM portrayals p
           LEFT JOIN actors ac ON ac.id = p.actor_id
           LEFT JOIN sentences s ON s.article_id = p.article_id AND s.idx = p.example_idx
           WHERE ? IS NULL OR p.article_id = ?
           ORDER BY p.article_id, p.mentions DESC, p.actor_id""",
        [article_id, article_id],
    )


# -- clusters and dyads ------------------------------------------------------------------


def cluster_store(store: Store, *, settings: Settings | None = None) -> int:
    """Rebuild the event clusters from every stored event; return how many there are."""
    from detente.analysis.clusters import cluster_events

    settings = settings or load_settings()
    clusters = cluster_events(
        store.stored_events(),
        window_days=settings.cluster_window_days,
        threshold=settings.cluster_threshold,
    )
    store.replace_clusters(clusters)
    return len(clusters)


def dyad_series(
    store: Store,
    source: str,
    target: str,
    *,
    directed: bool = True,
    freq: str = "month",
    include_unrealised: bool = False,
    since: date | None = None,
    until: date | None = None,
) -> DyadSeries:
    """The series of one dyad from the stored clusters (see ``detente.analysis.series``)."""
    from detente.analysis.series import dyad_series as build

    return build(
        store.clusters(),
        source,
        target,
        directed=directed,
        freq=freq,
        include_unrealised=include_unrealised,
        start=since,
        end=until,
    )


def dyad_trends(
    store: Store,
    *,
    directed: bool = False,
    freq: str = "month",
    since: date | None = None,
    until: date | None = None,
    include_unrealised: bool = False,
    limit: int = 15,
) -> list[DyadTrend]:
    """The most active dyads with their trends and turning points (``detente dyads``)."""
    from detente.analysis.dyads import rank_dyads

    return rank_dyads(
        store.clusters(),
        directed=directed,
        freq=freq,
        since=since,
        until=until,
        include_unrealised=include_unrealised,
        limit=limit,
    )


# -- reading events back -----------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    dyad: tuple[str, str] | None = None  # (source country, target country); either direction
    directed: bool = False
    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    actor: str | None = None
    outlet: str | None = None  # the article's source (site), exact
    realised_only: bool = False
    limit: int | None = None
    offset: int = 0


_EXPORT_SQL = """
SELECT e.*, a.uri AS article_uri, a.title AS article_title, s.text AS sentence,
       src.name AS source_name, tgt.name AS target_name
FROM {events} e
JOIN articles a ON a.id = e.article_id
LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_idx
LEFT JOIN actors src ON src.id = e.source_actor_id
LEFT JOIN actors tgt ON tgt.id = e.target_actor_id
"""


def query_events(store: Store, filt: EventFilter = EventFilter()) -> list[dict[str, Any]]:
    """Events with their article and sentence, in export-contract form."""
    where: list[str] = []
    params: list[Any] = []
    if filt.dyad:
        a, b = filt.dyad
        if filt.directed:
            where.append("(e.source_country = ? AND e.target_country = ?)")
            params += [a, b]
        else:
            where.append(
                "((e.source_country = ? AND e.target_country = ?)"
                " OR (e.source_country = ? AND e.target_country = ?))"
            )
            params += [a, b, b, a]
    if filt.since:
        where.append("e.event_date >= ?")
        params.append(filt.since)
    if filt.until:
        where.append("e.event_date <= ?")
        params.append(filt.until)
    if filt.event_type:
        where.append("e.event_type = ?")
        params.append(filt.event_type.upper())
    if filt.actor:
        where.append(
            "(e.source_actor_id = ? OR e.target_actor_id = ?"
            " OR e.source_country = ? OR e.target_country = ?)"
        )
        params += [filt.actor] * 4
    if filt.outlet:
        where.append("a.source = ?")
        params.append(filt.outlet)
    if filt.realised_only:
        where.append("e.realised")
    condition = " WHERE " + " AND ".join(where) if where else ""
    order = " ORDER BY e.event_date NULLS LAST, a.uri, e.sentence_idx, e.trigger_start"
    if filt.limit is None and not filt.offset:
        sql = _EXPORT_SQL.format(events="events") + condition + order
        return [_to_export(row) for row in store.query(sql, params)]
    # a page: pick its event ids over the two narrow tables first, then fetch the wide rows of
    # those ids only (sorting every joined row to keep a hundred is what makes a page slow)
    page = "SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id" + condition + order
    if filt.limit is not None:
        page += " LIMIT ?"
        params.append(filt.limit)
    if filt.offset:
        page += " OFFSET ?"
        params.append(filt.offset)
    ids = [r["id"] for r in store.query(page, params)]
    if not ids:
        return []
    chosen = "(SELECT * FROM events WHERE id IN (SELECT unnest(?::VARCHAR[])))"
    rows = store.query(_EXPORT_SQL.format(events=chosen) + order, [ids])
    return [_to_export(row) for row in rows]


def _to_export(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "event_id": row["id"],
        "article_id": row["article_id"],
        "article_uri": row["article_uri"],
        "article_title": row["article_title"],
        "sentence_index": row["sentence_idx"],
        "sentence": row["sentence"],
        "trigger": row["trigger"],
        "event_date": row["event_date"].isoformat() if row["event_date"] else None,
        "date_precision": row["date_precision"],
        "source_name": row["source_name"] or row["source_text"],
        "source_actor_id": row["source_actor_id"],
        "source_country": row["source_country"],
        "source_sector": row["source_sector"],
        "target_name": row["target_name"] or row["target_text"],
        "target_actor_id": row["target_actor_id"],
        "target_country": row["target_country"],
        "target_sector": row["target_sector"],
        "event_type": row["event_type"],
        "mode": row["mode"] or None,
        "quad_class": row["quad_class"],
        "intensity": row["intensity"],
        "cameo": row["cameo"],
        "negated": bool(row["negated"]),
        "modality": row["modality"],
        "realised": bool(row["realised"]),
        "attribution": row["attribution"],
        "confidence": row["confidence"],
        "rule": row["rule"],
    }


def export_events(
    store: Store, fmt: str, out: Path | None, filt: EventFilter = EventFilter()
) -> int:
    """Write events in the export contract as jsonl, csv or parquet; return the row count."""
    rows = query_events(store, filt)
    if fmt == "jsonl":
        _write_text(out, (json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    elif fmt == "csv":
        _write_csv(out, rows)
    elif fmt == "parquet":
        if out is None:
            raise InputError("parquet export needs --out FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = (
            pa.Table.from_pylist(rows)
            if rows
            else pa.table({k: pa.array([], pa.string()) for k in EXPORT_FIELDS})
        )
        pq.write_table(table, str(out))
    else:
        raise InputError(f"unknown export format {fmt!r}: use jsonl, csv or parquet")
    return len(rows)


def _write_text(out: Path | None, chunks: Iterable[str]) -> None:
    import sys

    if out is None:
        for c in chunks:
            sys.stdout.write(c)
        return
    with open(out, "w", encoding="utf-8") as fh:
        fh.writelines(chunks)


def _write_csv(out: Path | None, rows: list[dict[str, Any]]) -> None:
    import sys

    fh = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout  # noqa: SIM115
    try:
        writer = csv.DictWriter(fh, fieldnames=list(EXPORT_FIELDS))
        writer.writeheader()
        writer.writerows(rows)
    finally:
        if out:
            fh.close()


# -- coding loose sentences --------------------------------------------------------------


def code_texts(
    items: Iterable[tuple[str, str]],
    *,
    pipeline: Pipeline | None = None,
    settings: Settings | None = None,
    published: date | None = None,
) -> Iterator[dict[str, Any]]:
    """Event-code loose sentences without storing them: ``(id, text)`` in, one dict out each.

    Each text is analysed as its own one-paragraph article; events come main event first.
    """
    settings = settings or load_settings()
    pipe = pipeline or load_pipeline(settings.model, settings.actors_files)
    chunk: list[tuple[str, str]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= 256:
            yield from _code_chunk(pipe, chunk, published)
            chunk = []
    yield from _code_chunk(pipe, chunk, published)


def _code_chunk(
    pipe: Pipeline, chunk: list[tuple[str, str]], published: date | None
) -> Iterator[dict[str, Any]]:
    if not chunk:
        return
    articles = [
        Article(
            id=article_id(text) or key,
            uri=str(key),
            text=text.replace("\n", " "),
            published=published,
        )
        for key, text in chunk
    ]
    for (key, text), doc in zip(chunk, analyze_batch(pipe, articles), strict=True):
        yield {"id": key, "text": text, "events": [_event_dict(e) for e in doc.events]}


def _event_dict(e: Any) -> dict[str, Any]:
    return {
        "event_type": e.event_type,
        "mode": e.mode or None,
        "quad_class": e.quad_class,
        "intensity": e.intensity,
        "cameo": e.cameo,
        "trigger": e.trigger,
        "source_name": e.source.name,
        "source_actor_id": e.source.actor_id,
        "source_country": e.source.country,
        "source_sector": e.source.sector,
        "source_text": e.source.text,
        "target_name": e.target.name if e.target else None,
        "target_actor_id": e.target.actor_id if e.target else None,
        "target_country": e.target.country if e.target else None,
        "target_sector": e.target.sector if e.target else None,
        "target_text": e.target.text if e.target else None,
        "event_date": e.event_date.isoformat() if e.event_date else None,
        "negated": e.negated,
        "modality": e.modality.value,
        "realised": e.realised,
        "attribution": e.attribution,
        "confidence": e.confidence,
        "rule": e.rule,
    }


# -- actors and articles -----------------------------------------------------------------


def search_actors(
    book: ActorBook, search: str | None = None, *, kind: str | None = None
) -> list[Actor]:
    """Actors whose id, name, country or any alias contains ``search`` (case-insensitive)."""
    needle = (search or "").casefold()
    found = []
    for actor in book.actors.values():
        if kind and actor.kind != kind:
            continue
        hay = [actor.id, actor.name, actor.country, *actor.aliases]
        if not needle or any(needle in h.casefold() for h in hay):
            found.append(actor)
    return sorted(found, key=lambda a: (a.kind, a.id))


def list_articles(store: Store) -> list[dict[str, Any]]:
    return store.query(
        """SELECT a.id, a.uri, a.title, a.source, a.published, a.published_from, a.n_words,
                  (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events
           FROM articles a ORDER BY coalesce(a.published, a.published_from), a.uri"""
    )
