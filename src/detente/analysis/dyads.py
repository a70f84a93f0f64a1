"""The most active dyads over a period, with their trend and latest turning point."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from detente.analysis.series import dyad_series, trend
from detente.analysis.turning import turning_points
from detente.model import DyadSeries, EventCluster, TurningPoint

FLAT = 0.02  # |slope| of the net cooperation index per period under which a trend is flat


@dataclass(frozen=True, slots=True, kw_only=True)
class DyadTrend:
    series: DyadSeries
    clusters: int
    events: int
    cooperation: int
    conflict: int
    slope: float  # least-squares slope of the net cooperation index per period (empty = 0)
    turning_points: tuple[TurningPoint, ...]

    @property
    def net(self) -> float:
        total = self.cooperation + self.conflict
        return (self.cooperation - self.conflict) / total if total else 0.0

    @property
    def arrow(self) -> str:
        if self.slope > FLAT:
            return "↗"
        if self.slope < -FLAT:
            return "↘"
        return "→"


def _key(c: EventCluster, directed: bool) -> tuple[str, str]:
    pair = (c.source_country, c.target_country or "")
    return pair if directed else tuple(sorted(pair))  # type: ignore[return-value]


def rank_dyads(
    clusters: Sequence[EventCluster],
    *,
    directed: bool = False,
    freq: str = "month",
    since: date | None = None,
    until: date | None = None,
    include_unrealised: bool = False,
    limit: int = 15,
) -> list[DyadTrend]:
    """Dyads between two different actors ranked by how many clusters they have."""

    def within(c: EventCluster) -> bool:
        if not c.target_country or c.target_country == c.source_country:
            return False
        if not (include_unrealised or c.realised):
            return False
        if since and (c.first_date is None or c.first_date < since):
            return False
        return not (until and (c.first_date is None or c.first_date > until))

    chosen = [c for c in clusters if within(c)]
    counts = Counter(_key(c, directed) for c in chosen)
    by_id = {c.id: c for c in chosen}
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    out = []
    for (a, b), n in ranked:
        members = [c for c in chosen if _key(c, directed) == (a, b)]
        series = dyad_series(
            members,
            a,
            b,
            directed=directed,
            freq=freq,
            include_unrealised=include_unrealised,
            start=since,
            end=until,
        )
        out.append(
            DyadTrend(
                series=series,
                clusters=n,
                events=sum(len(c.event_ids) for c in members),
                cooperation=sum(1 for c in members if c.quad_class <= 2),
                conflict=sum(1 for c in members if c.quad_class >= 3),
                slope=round(trend([p.net_cooperation for p in series.points]), 4),
                turning_points=turning_points(series, by_id),
            )
        )
    return out
