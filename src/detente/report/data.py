"""What the report shows, read from the store with plain SQL (parameterised, read-only)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from detente.report.dyads import DyadView, dyad_views
from detente.storage.store import Store

# An event's date: its own, else its article's publication date, else the start of the
# article's inferred window.
EVENT_DATE = "COALESCE(e.event_date, a.published, a.published_from)"

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    when: date | None
    source: str
    source_name: str
    target: str | None
    target_name: str | None
    event_type: str
    mode: str | None
    quad_class: int
    intensity: float
    modality: str
    negated: bool
    realised: bool
    attribution: str | None
    rule: str | None
    before: str  # sentence text before the trigger
    trigger: str
    after: str
    article_id: str
    article_title: str
    sentence_idx: int


@dataclass(slots=True)
class ReportData:
    question: str | None
    focus: tuple[str, str] | None
    counts: dict[str, int]
    first: date | None
    last: date | None
    dyads: list[DyadView] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    events_total: int = 0
    actors: list[dict[str, Any]] = field(default_factory=list)
    unresolved: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    type_counts: list[tuple[str, int]] = field(default_factory=list)
    stances: list[dict[str, Any]] = field(default_factory=list)
    shared_events: list[dict[str, Any]] = field(default_factory=list)
    portrayals: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def collect(
    store: Store,
    *,
    question: str | None,
    focus: tuple[str, str] | None,
    top_dyads: int = 6,
    max_events: int = 1000,
) -> ReportData:
    con = store.con
    counts = {
        "articles": _scalar(con, "SELECT count(*) FROM articles"),
        "skipped": _scalar(con, "SELECT count(*) FROM skipped"),
        "sentences": _scalar(con, "SELECT count(*) FROM sentences"),
        "mentions": _scalar(con, "SELECT count(*) FROM mentions"),
        "unresolved": _scalar(
            con, "SELECT count(*) FROM mentions WHERE actor_id IS NULL AND method <> 'place'"
        ),
        "actors": _scalar(
            con, "SELECT count(DISTINCT actor_id) FROM mentions WHERE actor_id IS NOT NULL"
        ),
        "events": _scalar(con, "SELECT count(*) FROM events"),
        "realised": _scalar(con, "SELECT count(*) FROM events WHERE realised"),
    }
    span = con.execute(
        f"SELECT min({EVENT_DATE}), max({EVENT_DATE}) FROM events e "
        "JOIN articles a ON a.id = e.article_id"
    ).fetchone()
    data = ReportData(
        question=question,
        focus=focus,
        counts=counts,
        first=span[0] if span else None,
        last=span[1] if span else None,
    )
    data.dyads, data.counts["clusters"] = dyad_views(store, focus=focus, limit=top_dyads)
    data.events, data.events_total = _events(con, focus, max_events)
    data.actors, data.unresolved = _actors(con)
    data.articles = _rows(
        con,
        """
        SELECT a.id, a.uri, a.title, a.source, a.url, a.published, a.published_from,
               a.published_to, a.date_source, a.n_words, a.removed_lines, a.format,
               (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,
               (SELECT count(*) FROM events e WHERE e.article_id = a.id AND e.realised)
                   AS realised,
               (SELECT count(*) FROM article_sources s WHERE s.article_id = a.id) AS copies
        FROM articles a
        ORDER BY coalesce(a.published, a.published_from) NULLS LAST, a.uri
        """,
    )
    data.skipped = _rows(con, "SELECT uri, reason, detail FROM skipped ORDER BY reason, uri")
    if question:
        _sources(store, data, question)
    data.type_counts = [
        (r["event_type"], r["n"])
        for r in _rows(
            con,
            "SELECT event_type, count(*) AS n FROM events WHERE realised "
            "GROUP BY event_type ORDER BY n DESC, event_type",
        )
    ]
    return data


def _events(
    con: duckdb.DuckDBPyConnection, focus: tuple[str, str] | None, limit: int
) -> tuple[list[EventRow], int]:
    order = "ORDER BY d NULLS LAST, e.article_id, e.sentence_idx, e.trigger_start"
    where = ""
    params: list[Any] = []
    if focus:
        # the focus dyad first, then everything else
        order = (
            "ORDER BY coalesce((e.source_country = ? AND e.target_country = ?) OR "
            "(e.source_country = ? AND e.target_country = ?), false) DESC, "
            + order.removeprefix("ORDER BY ")
        )
        params = [focus[0], focus[1], focus[1], focus[0]]
    total = _scalar(con, "SELECT count(*) FROM events")
    rows = _rows(
        con,
        f"""
        SELECT e.*, {EVENT_DATE} AS d, a.title AS article_title, a.uri AS article_uri,
               s.text AS sentence, s.start_char AS sentence_start,
               coalesce(src.name, e.source_actor_id) AS source_name,
               coalesce(tgt.name, e.target_actor_id) AS target_name
        FROM events e
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_idx
        LEFT JOIN actors src ON src.id = e.source_actor_id
        LEFT JOIN actors tgt ON tgt.id = e.target_actor_id
        {where} {order} LIMIT ?
        """,
        [*params, limit],
    )
    out = []
    for r in rows:
        text = r["sentence"] or ""
        lo = r["trigger_start"] - (r["sentence_start"] or 0)
        hi = r["trigger_end"] - (r["sentence_start"] or 0)
        if not 0 <= lo <= hi <= len(text):
            lo = hi = 0
        out.append(
            EventRow(
                id=r["id"],
                when=r["d"],
                source=r["source_actor_id"],
                source_name=r["source_name"],
                target=r["target_actor_id"],
                target_name=r["target_name"],
                event_type=r["event_type"],
                mode=r["mode"],
                quad_class=r["quad_class"],
                intensity=r["intensity"],
                modality=r["modality"],
                negated=r["negated"],
                realised=r["realised"],
                attribution=r["attribution"],
                rule=r["rule"],
                before=text[:lo],
                trigger=text[lo:hi],
                after=text[hi:],
                article_id=r["article_id"],
                article_title=r["article_title"] or r["article_uri"],
                sentence_idx=r["sentence_idx"],
            )
        )
    return out, total


def _actors(con: duckdb.DuckDBPyConnection) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows = _rows(
        con,
        """
        SELECT m.actor_id, m.text, m.method, count(*) AS n,
               count(DISTINCT m.article_id) AS articles
        FROM mentions m GROUP BY 1, 2, 3
        """,
    )
    known = {
        r["id"]: r
        for r in _rows(con, "SELECT id, name, kind, country, sector, aliases FROM actors")
    }
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    methods: dict[str, Counter[str]] = defaultdict(Counter)
    unresolved: Counter[str] = Counter()
    unresolved_articles: Counter[str] = Counter()
    for r in rows:
        if r["actor_id"] is None and r["method"] == "place":
            continue  # a city: a known place, not an unknown actor
        if r["actor_id"] is None:
            unresolved[r["text"]] += r["n"]
            unresolved_articles[r["text"]] += r["articles"]
            continue
        forms[r["actor_id"]][r["text"]] += r["n"]
        methods[r["actor_id"]][r["method"]] += r["n"]
    actors = []
    for actor_id, seen in forms.items():
        info = known.get(actor_id, {})
        actors.append(
            {
                "id": actor_id,
                "name": info.get("name", actor_id),
                "kind": info.get("kind", ""),
                "country": info.get("country", ""),
                "sector": info.get("sector", ""),
                "mentions": sum(seen.values()),
                "forms": seen.most_common(),
                "methods": methods[actor_id].most_common(),
            }
        )
    actors.sort(key=lambda x: (-x["mentions"], x["id"]))
    unresolved_rows = [
        {"text": t, "mentions": n, "articles": unresolved_articles[t]}
        for t, n in unresolved.most_common()
    ]
    return actors, unresolved_rows


def _sources(store: Store, data: ReportData, question: str) -> None:
    """The sources side by side: stances, the events they share, how they portray actors."""
    from detente import api

    data.stances = [r for r in api.stance_rows(store, question) if r["label"] != "unrelated"]
    titles = {r["article_id"]: r["title"] or r["article_uri"] for r in data.stances}
    labels = {r["article_id"]: r["label"] for r in data.stances}
    if titles:
        rows = _rows(
            store.con,
            """SELECT c.id, c.first_date, c.event_type, c.source_country, c.target_country,
                      c.quad_class, s.text AS sentence, list(DISTINCT e.article_id) AS articles
               FROM clusters c
               JOIN cluster_events ce ON ce.cluster_id = c.id
               JOIN events e ON e.id = ce.event_id
               JOIN events r ON r.id = c.representative_id
               LEFT JOIN sentences s ON s.article_id = r.article_id AND s.idx = r.sentence_idx
               WHERE list_contains(?, e.article_id)
               GROUP BY ALL HAVING count(DISTINCT e.article_id) > 1
               ORDER BY c.first_date NULLS LAST, c.id""",
            [list(titles)],
        )
        for row in rows:
            arts = sorted(a for a in row["articles"] if a in titles)
            if len(arts) < 2:
                continue
            found = {labels[a] for a in arts}
            row["reports"] = [(titles[a], labels[a]) for a in arts]
            row["verdict"] = (
                "contradict"
                if {"toward", "away"} <= found
                else "agree"
                if len(found) == 1
                else "partly agree"
            )
            data.shared_events.append(row)
    for p in api.portrayals(store):
        if p["article_id"] in titles:
            data.portrayals.setdefault(p["article_id"], []).append(p)
