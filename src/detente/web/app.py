"""``detente serve``: a local, read-only web app over a store.

Every page is rendered on the server from ``detente.api`` calls and Jinja templates with
autoescaping. The store is opened read-only once; DuckDB connections are not thread-safe, so
every request takes a cursor under a lock. plotly.js is served from the installed package,
never a CDN, and a Content-Security-Policy keeps every load on this origin.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from detente import api
from detente.analysis.series import FREQS, dyad_series, in_dyad, period_label
from detente.analysis.turning import turning_points
from detente.report.dyads import script_json
from detente.report.figures import dyad_figure, plotly_js
from detente.storage.store import Store

CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'"
)
PAGE = 100
MEMO = 256
_PINNED = frozenset(("clusters", "names", "trends"))


class _ReadOnly:
    """One read-only store; each request gets a cursor of its own.

    While the app holds the store open read-only no detente process can write it (DuckDB's
    file lock), so what is computed from the whole store -- every cluster, the dyad ranking
    -- is computed once and kept for the life of the app (``memo``)."""

    def __init__(self, db: Path) -> None:
        self.store = api.open_store(db, read_only=True)
        self.lock = threading.RLock()
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._memo_lock = threading.RLock()

    def memo(self, key: tuple[Any, ...], compute: Any) -> Any:
        """``compute(store)`` once per key; the ``MEMO`` most recent keys are kept (request
        parameters are part of some keys, so the memo must not grow without bound)."""
        with self._memo_lock:
            if key in self._memo:
                value = self._memo.pop(key)  # most recent last
            else:
                with self.cursor() as store:
                    value = compute(store)
            self._memo[key] = value
            while (
                len(self._memo) > MEMO
            ):  # the oldest per-request entry goes; whole-store ones stay
                oldest = next((k for k in self._memo if k[0] not in _PINNED), None)
                if oldest is None:
                    break
                del self._memo[oldest]
            return value

    @contextmanager
    def cursor(self) -> Iterator[Store]:
        """A cursor of its own for each request: DuckDB runs them side by side (each is a
        connection to the one read-only database), so one slow page does not queue the rest."""
        with self.lock:  # creating a cursor touches the shared connection: one at a time
            cur = self.store.con.cursor()
        try:
            yield Store(cur, self.store.path, read_only=True)
        finally:
            cur.close()


class _ResponseCache:
    """Answers already given, by URL: the store cannot change while the app holds it, so a
    page is the same every time it is asked for. Bounded by total size (least recently used
    go first), so varied query strings cannot exhaust memory."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.items: dict[str, tuple[bytes, int, str | None]] = {}
        self.lock = threading.Lock()

    def get(self, key: str) -> tuple[bytes, int, str | None] | None:
        with self.lock:
            item = self.items.pop(key, None)
            if item is not None:
                self.items[key] = item  # most recent last
            return item

    def put(self, key: str, item: tuple[bytes, int, str | None]) -> None:
        if len(item[0]) > self.max_bytes // 8:
            return  # plotly.js and other big answers are cached by the browser instead
        with self.lock:
            old = self.items.pop(key, None)
            self.size -= len(old[0]) if old else 0
            self.items[key] = item
            self.size += len(item[0])
            while self.size > self.max_bytes and self.items:
                first = next(iter(self.items))
                self.size -= len(self.items.pop(first)[0])


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("detente.web", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["web_url"] = web_url
    return env


def web_url(value: object) -> str | None:
    """A URL from an article, fit for a link: http(s) only (never ``javascript:``,
    ``data:`` or ``file:``), else None and the page shows no link."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    return text if scheme in ("http", "https") and "\n" not in text else None


def _dyad(value: str) -> tuple[str, str]:
    parts = value.upper().replace(">", "-").split("-")
    if len(parts) != 2 or not all(p.isalnum() and len(p) <= 12 for p in parts):
        raise HTTPException(400, f"a dyad is two codes like BLR-RUS, not {value!r}")
    return parts[0], parts[1]


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def _freq(value: str) -> str:
    if value not in FREQS:
        raise HTTPException(400, f"freq must be one of {', '.join(FREQS)}")
    return value


def create_app(db: Path) -> FastAPI:
    """The web app over the store at ``db`` (which must exist; it is never written)."""
    ro = _ReadOnly(Path(db))
    ro.memo(("clusters",), lambda store: store.clusters())  # the costly parts, before serving
    ro.memo(("trends", 12), lambda store: api.dyad_trends(store, limit=12))
    env = _env()
    app = FastAPI(title="detente", docs_url=None, redoc_url=None, openapi_url=None)

    def page(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context))

    cache = _ResponseCache()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        key = str(request.url.path) + "?" + str(request.url.query)
        cached = cache.get(key) if request.method == "GET" else None
        if cached is not None:
            body, status, media = cached
            response: Response = Response(body, status_code=status, media_type=media)
        else:
            response = await call_next(request)
            if request.method == "GET" and response.status_code == 200:
                body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
                media = response.media_type or response.headers.get("content-type")
                cache.put(key, (body, response.status_code, media))
                kept = {
                    k: v
                    for k, v in response.headers.items()
                    if k.lower() not in ("content-length", "content-type")
                }
                response = Response(body, status_code=200, media_type=media, headers=kept)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        html = env.get_template("error.html.j2").render(status=exc.status_code, detail=exc.detail)
        return HTMLResponse(html, status_code=exc.status_code)

    @app.get("/static/plotly.min.js")
    def plotly() -> Response:
        return Response(
            plotly_js(),
            media_type="text/javascript",
            headers={"Cache-Control": "max-age=86400"},
        )

    @app.get("/", response_class=HTMLResponse)
    def overview() -> HTMLResponse:
        trends = ro.memo(("trends", 12), lambda store: api.dyad_trends(store, limit=12))
        names = ro.memo(("names",), _names)
        with ro.cursor() as store:
            counts = store.counts()
            clusters = store.query("SELECT count(*) AS n FROM clusters")[0]["n"]
            outlets = store.query(
                "SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL "
                "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 30"
            )
        return page(
            "index.html.j2",
            counts=counts,
            clusters=clusters,
            trends=trends,
            names=names,
            outlets=outlets,
        )

    @app.get("/dyad/{pair}", response_class=HTMLResponse)
    def dyad_page(
        pair: str,
        directed: bool = False,
        freq: str = "month",
        include_unrealised: bool = False,
        since: str | None = None,
        until: str | None = None,
    ) -> HTMLResponse:
        a, b = _dyad(pair)
        start, end = _day(since, "since"), _day(until, "until")
        names = ro.memo(("names",), _names)
        key = ("dyad", a, b, directed, _freq(freq), include_unrealised, start, end)
        series, turns, figure, n_members = ro.memo(
            key,
            lambda _: _dyad_view(
                ro.memo(("clusters",), lambda store: store.clusters()),
                a,
                b,
                directed=directed,
                freq=_freq(freq),
                include_unrealised=include_unrealised,
                start=start,
                end=end,
                title=f"{names.get(a, a)} – {names.get(b, b)}",
            ),
        )
        return page(
            "dyad.html.j2",
            a=a,
            b=b,
            names=names,
            series=series,
            figure=figure,
            turns=turns,
            n_clusters=n_members,
            query={
                "directed": directed,
                "freq": freq,
                "include_unrealised": include_unrealised,
                "since": since or "",
                "until": until or "",
            },
        )

    @app.get("/api/series")
    def series_json(
        dyad: str, directed: bool = False, freq: str = "month", include_unrealised: bool = False
    ) -> JSONResponse:
        a, b = _dyad(dyad)
        clusters = ro.memo(("clusters",), lambda store: store.clusters())
        series = dyad_series(
            clusters,
            a,
            b,
            directed=directed,
            freq=_freq(freq),
            include_unrealised=include_unrealised,
        )
        turns = turning_points(series, {c.id: c for c in clusters})
        return JSONResponse(dyad_figure(series, turns))

    @app.get("/api/events")
    def events_json(
        dyad: str | None = None,
        period: str | None = None,
        freq: str = "month",
        directed: bool = False,
        include_unrealised: bool = False,
        limit: int = PAGE,
    ) -> JSONResponse:
        """The events of one dyad, optionally of one period (as labelled in its series)."""
        pair = _dyad(dyad) if dyad else None
        _freq(freq)
        with ro.cursor() as store:
            rows = api.query_events(
                store,
                api.EventFilter(dyad=pair, directed=directed, realised_only=not include_unrealised),
            )
        if period:
            rows = [
                r
                for r in rows
                if r["event_date"]
                and period_label(date.fromisoformat(r["event_date"]), freq) == period
            ]
        keep = (
            "event_id",
            "event_date",
            "source_name",
            "source_country",
            "event_type",
            "target_name",
            "target_country",
            "sentence",
            "trigger",
            "article_title",
            "intensity",
            "modality",
            "negated",
        )
        return JSONResponse(
            {"count": len(rows), "events": [{k: r[k] for k in keep} for r in rows[: max(limit, 0)]]}
        )

    @app.get("/events", response_class=HTMLResponse)
    def events_page(
        dyad: str | None = None,
        directed: bool = False,
        actor: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        realised: bool = False,
        offset: int = 0,
    ) -> HTMLResponse:
        filt = api.EventFilter(
            dyad=_dyad(dyad) if dyad else None,
            directed=directed,
            actor=actor.upper() if actor and len(actor) <= 4 else actor or None,
            event_type=type or None,
            since=_day(since, "since"),
            until=_day(until, "until"),
            outlet=source or None,
            realised_only=realised,
            limit=PAGE + 1,
            offset=max(offset, 0),
        )
        with ro.cursor() as store:
            rows = api.query_events(store, filt)
            types = [
                r["event_type"]
                for r in store.query("SELECT DISTINCT event_type FROM events ORDER BY 1")
            ]
        return page(
            "events.html.j2",
            rows=rows[:PAGE],
            more=len(rows) > PAGE,
            offset=max(offset, 0),
            page_size=PAGE,
            types=types,
            form={
                "dyad": dyad or "",
                "directed": directed,
                "actor": actor or "",
                "type": type or "",
                "since": since or "",
                "until": until or "",
                "source": source or "",
                "realised": realised,
            },
        )

    @app.get("/event/{event_id}", response_class=HTMLResponse)
    def event_page(event_id: str) -> HTMLResponse:
        with ro.cursor() as store:
            rows = store.query(_EVENT_SQL + " WHERE e.id = ?", [event_id])
            if not rows:
                raise HTTPException(404, f"no event {event_id}")
            event = rows[0]
            cluster = store.query(
                """SELECT c.* FROM clusters c JOIN cluster_events ce ON ce.cluster_id = c.id
                   WHERE ce.event_id = ?""",
                [event_id],
            )
            siblings = store.query(
                _EVENT_SQL
                + """ WHERE e.id IN (SELECT event_id FROM cluster_events WHERE cluster_id =
                      (SELECT cluster_id FROM cluster_events WHERE event_id = ?))
                      ORDER BY e.event_date NULLS LAST, e.id""",
                [event_id],
            ) or [event]
            for s in siblings:
                s["context"] = _context(store, s)
        return page(
            "event.html.j2", event=event, cluster=cluster[0] if cluster else None, reports=siblings
        )

    @app.get("/article/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: str, s: int | None = None) -> HTMLResponse:
        with ro.cursor() as store:
            found = store.query("SELECT * FROM articles WHERE id = ?", [article_id])
            if not found:
                raise HTTPException(404, f"no article {article_id}")
            sentences = store.query(
                "SELECT idx, text FROM sentences WHERE article_id = ? ORDER BY idx", [article_id]
            )
            events = store.query(
                _EVENT_SQL + " WHERE e.article_id = ? ORDER BY e.sentence_idx, e.trigger_start",
                [article_id],
            )
        with_events = {e["sentence_idx"] for e in events}
        return page(
            "article.html.j2",
            article=found[0],
            sentences=sentences,
            events=events,
            with_events=with_events,
            highlight=s,
        )

    return app


_EVENT_SQL = """
SELECT e.*, a.title AS article_title, a.uri AS article_uri, a.source AS outlet,
       a.published AS published, s.text AS sentence, s.start_char AS sentence_start,
       coalesce(src.name, e.source_actor_id) AS source_name,
       coalesce(tgt.name, e.target_actor_id) AS target_name
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_idx
LEFT JOIN actors src ON src.id = e.source_actor_id
LEFT JOIN actors tgt ON tgt.id = e.target_actor_id
"""


def _dyad_view(
    clusters: list[Any],
    a: str,
    b: str,
    *,
    directed: bool,
    freq: str,
    include_unrealised: bool,
    start: date | None,
    end: date | None,
    title: str,
) -> tuple[Any, list[Any], Any, int]:
    """(series, turning points with their driving clusters, figure JSON, clusters) of a dyad."""
    series = dyad_series(
        clusters,
        a,
        b,
        directed=directed,
        freq=freq,
        include_unrealised=include_unrealised,
        start=start,
        end=end,
    )
    by_id = {c.id: c for c in clusters}
    turns = turning_points(series, by_id)
    figure = script_json(dyad_figure(series, turns, title=title))
    members = sum(1 for c in clusters if in_dyad(c, a, b, directed=directed))
    return series, [(t, [by_id[d] for d in t.driver_ids]) for t in turns], figure, members


def _names(store: Store) -> dict[str, str]:
    return {r["id"]: r["name"] for r in store.query("SELECT id, name FROM actors")}


def _context(store: Store, event: dict[str, Any]) -> dict[str, Any]:
    """The event's sentence split around its trigger, with the sentences either side."""
    around = store.query(
        """SELECT idx, text FROM sentences WHERE article_id = ? AND idx BETWEEN ? AND ?
           ORDER BY idx""",
        [event["article_id"], event["sentence_idx"] - 1, event["sentence_idx"] + 1],
    )
    text = event["sentence"] or ""
    lo = event["trigger_start"] - (event["sentence_start"] or 0)
    hi = event["trigger_end"] - (event["sentence_start"] or 0)
    if not 0 <= lo <= hi <= len(text):
        lo = hi = 0
    return {
        "before_sentences": [r["text"] for r in around if r["idx"] < event["sentence_idx"]],
        "after_sentences": [r["text"] for r in around if r["idx"] > event["sentence_idx"]],
        "before": text[:lo],
        "trigger": text[lo:hi],
        "after": text[hi:],
    }
