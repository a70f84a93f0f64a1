"""The report's dyad pages: series, turning points and event clusters with their sentences."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from detente.analysis.dyads import DyadTrend, rank_dyads
from detente.analysis.series import dyad_series, in_dyad, period_label
from detente.analysis.turning import turning_points
from detente.model import EventCluster, TurningPoint
from detente.report.figures import dyad_figure
from detente.storage.store import Store


@dataclass(frozen=True, slots=True)
class Member:
    """One article's report of a clustered event: its sentence with the trigger marked."""

    event_id: str
    article_id: str
    article_title: str
    outlet: str
    sentence_idx: int
    before: str
    trigger: str
    after: str
    source_name: str
    target_name: str | None


@dataclass(frozen=True, slots=True)
class ClusterView:
    cluster: EventCluster
    period: str
    members: tuple[Member, ...]

    @property
    def lead(self) -> Member:
        rep = self.cluster.representative_id
        return next((m for m in self.members if m.event_id == rep), self.members[0])


@dataclass(frozen=True, slots=True)
class DyadView:
    trend: DyadTrend
    name_a: str
    name_b: str
    figure: Markup  # Plotly figure JSON, safe inside a <script>
    turning: tuple[tuple[TurningPoint, tuple[ClusterView, ...]], ...]
    clusters: tuple[ClusterView, ...]
    unrealised: int
    focus: bool

    @property
    def anchor(self) -> str:
        return f"dyad-{self.trend.series.source}-{self.trend.series.target}"


def script_json(value: Any) -> Markup:
    """JSON that can sit inside an inline <script> without closing it or opening a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def choose_freq(first: date | None, last: date | None) -> str:
    """Months for up to ten years of events, years beyond."""
    if first is None or last is None:
        return "month"
    return "month" if (last.year - first.year) <= 10 else "year"


def dyad_views(
    store: Store,
    *,
    focus: tuple[str, str] | None,
    limit: int = 6,
    max_clusters: int = 300,
) -> tuple[list[DyadView], int]:
    """The top dyads (the question's dyad first), and how many clusters the store holds."""
    clusters = store.clusters()
    dated = [c.first_date for c in clusters if c.first_date]
    freq = choose_freq(min(dated, default=None), max(dated, default=None))
    trends = rank_dyads(clusters, freq=freq, limit=limit)
    if focus:
        a, b = sorted(focus)
        members = [c for c in clusters if in_dyad(c, a, b, directed=False)]
        if members:
            others = [t for t in trends if (t.series.source, t.series.target) != (a, b)]
            ranked = rank_dyads(members, freq=freq, limit=1)
            first = ranked[0] if ranked else _empty_trend(members, a, b, freq)
            trends = [first, *others][:limit]
    names = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM actors")}
    views = []
    for t in trends:
        a, b = t.series.source, t.series.target
        members = [c for c in clusters if in_dyad(c, a, b, directed=False)]
        realised = [c for c in members if c.realised]
        shown = sorted(realised, key=lambda c: (c.first_date or date.max, c.id))[-max_clusters:]
        cviews = _cluster_views(store, shown, freq)
        by_id = {v.cluster.id: v for v in cviews}
        turning = tuple(
            (tp, tuple(by_id[d] for d in tp.driver_ids if d in by_id)) for tp in t.turning_points
        )
        views.append(
            DyadView(
                trend=t,
                name_a=names.get(a, a),
                name_b=names.get(b, b),
                figure=script_json(
                    dyad_figure(
                        t.series,
                        t.turning_points,
                        title=f"{names.get(a, a)} – {names.get(b, b)}",
                    )
                ),
                turning=turning,
                clusters=tuple(cviews),
                unrealised=len(members) - len(realised),
                focus=bool(focus) and (a, b) == tuple(sorted(focus or ("", ""))),
            )
        )
    return views, len(clusters)


def _empty_trend(members: list[EventCluster], a: str, b: str, freq: str) -> DyadTrend:
    """The question's dyad when none of its clusters is realised: shown, with nothing counted."""
    series = dyad_series(members, a, b, directed=False, freq=freq)
    return DyadTrend(
        series=series,
        clusters=0,
        events=0,
        cooperation=0,
        conflict=0,
        slope=0.0,
        turning_points=turning_points(series, {}),
    )


def _cluster_views(store: Store, clusters: Sequence[EventCluster], freq: str) -> list[ClusterView]:
    if not clusters:
        return []
    ids = [e for c in clusters for e in c.event_ids]
    rows = store.query(
        """
        SELECT e.id, e.article_id, e.sentence_idx, e.trigger_start, e.trigger_end,
               coalesce(a.title, a.uri) AS title, coalesce(a.source, '') AS outlet,
               s.text AS sentence, s.start_char AS sentence_start,
               coalesce(src.name, e.source_actor_id) AS source_name,
               coalesce(tgt.name, e.target_actor_id) AS target_name
        FROM events e
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_idx
        LEFT JOIN actors src ON src.id = e.source_actor_id
        LEFT JOIN actors tgt ON tgt.id = e.target_actor_id
        WHERE list_contains(?, e.id)
        """,
        [ids],
    )
    members = {r["id"]: _member(r) for r in rows}
    out = []
    for c in clusters:
        ms = tuple(members[e] for e in c.event_ids if e in members)
        if not ms:
            continue
        period = period_label(c.first_date, freq) if c.first_date else "undated"
        out.append(ClusterView(cluster=c, period=period, members=ms))
    return out


def _member(r: dict[str, Any]) -> Member:
    text = r["sentence"] or ""
    lo = r["trigger_start"] - (r["sentence_start"] or 0)
    hi = r["trigger_end"] - (r["sentence_start"] or 0)
    if not 0 <= lo <= hi <= len(text):
        lo = hi = 0
    return Member(
        event_id=r["id"],
        article_id=r["article_id"],
        article_title=r["title"],
        outlet=r["outlet"],
        sentence_idx=r["sentence_idx"],
        before=text[:lo],
        trigger=text[lo:hi],
        after=text[hi:],
        source_name=r["source_name"],
        target_name=r["target_name"],
    )
