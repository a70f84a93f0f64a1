"""Dyad series: clusters per period and quad class, intensity and a net cooperation index.

A series counts event *clusters* (one real-world event reported by many articles counts once)
and, by default, only realised ones: hypothetical, future, habitual and negated events are
left out unless ``include_unrealised`` is set, and the series records which choice was made.
Periods run without gaps from the first to the last (or the given) period, so empty months
show as zeros rather than vanishing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from detente.errors import ConfigError
from detente.model import DatePrecision, DyadSeries, EventCluster, SeriesPoint

FREQS = ("week", "month", "year")
_NEEDS = {  # the coarsest date precision a cluster may have to be placed in a period
    "week": (DatePrecision.DAY,),
    "month": (DatePrecision.DAY, DatePrecision.MONTH),
    "year": (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR),
}


def period_start(d: date, freq: str) -> date:
    if freq == "week":
        return d - timedelta(days=d.weekday())
    if freq == "month":
        return date(d.year, d.month, 1)
    if freq == "year":
        return date(d.year, 1, 1)
    raise ConfigError(f"unknown period {freq!r}: use one of {', '.join(FREQS)}")


def period_label(d: date, freq: str) -> str:
    if freq == "week":
        year, week, _ = d.isocalendar()
        return f"{year}-W{week:02d}"
    if freq == "month":
        return f"{d.year}-{d.month:02d}"
    return str(d.year)


def next_period(d: date, freq: str) -> date:
    if freq == "week":
        return d + timedelta(days=7)
    if freq == "month":
        return date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return date(d.year + 1, 1, 1)


def in_dyad(c: EventCluster, a: str, b: str, *, directed: bool) -> bool:
    if c.source_country == a and c.target_country == b:
        return True
    return not directed and c.source_country == b and c.target_country == a


def dyad_series(
    clusters: Iterable[EventCluster],
    source: str,
    target: str,
    *,
    directed: bool = True,
    freq: str = "month",
    include_unrealised: bool = False,
    start: date | None = None,
    end: date | None = None,
) -> DyadSeries:
    """The series of one dyad. ``source``/``target`` are country or IGO codes."""
    period_start(date(2000, 1, 1), freq)  # validates freq
    chosen = [
        c
        for c in clusters
        if in_dyad(c, source, target, directed=directed) and (include_unrealised or c.realised)
    ]
    placeable = [c for c in chosen if c.first_date is not None and c.date_precision in _NEEDS[freq]]
    placed = [
        c
        for c in placeable
        if c.first_date
        and (start is None or c.first_date >= start)
        and (end is None or c.first_date <= end)
    ]
    by_period: dict[date, list[EventCluster]] = defaultdict(list)
    for c in placed:
        assert c.first_date is not None
        by_period[period_start(c.first_date, freq)].append(c)
    points = _points(by_period, freq, start, end)
    return DyadSeries(
        source=source,
        target=target,
        directed=directed,
        freq=freq,
        include_unrealised=include_unrealised,
        points=points,
        unplaced=len(chosen) - len(placeable),
    )


def _points(
    by_period: dict[date, list[EventCluster]], freq: str, start: date | None, end: date | None
) -> tuple[SeriesPoint, ...]:
    if not by_period and not (start and end):
        return ()
    first = period_start(start, freq) if start else min(by_period)
    last = period_start(end, freq) if end else max(by_period)
    points = []
    current = first
    while current <= last:
        members = by_period.get(current, [])
        counts = [0, 0, 0, 0]
        for c in members:
            counts[c.quad_class - 1] += 1
        points.append(
            SeriesPoint(
                period=current,
                label=period_label(current, freq),
                counts=(counts[0], counts[1], counts[2], counts[3]),
                intensity_sum=round(sum(c.intensity for c in members), 3),
                cluster_ids=tuple(c.id for c in members),
            )
        )
        current = next_period(current, freq)
    return tuple(points)


def signal(series: DyadSeries, name: str = "intensity_sum") -> list[float]:
    """One number per period: ``intensity_sum`` (0 when empty), ``net_cooperation`` (0 when
    empty), ``total`` or ``conflict``/``cooperation`` counts."""
    values = []
    for p in series.points:
        value = getattr(p, name)
        values.append(float(value) if value is not None else 0.0)
    return values


def trend(values: Sequence[float | None]) -> float:
    """Least-squares slope per period over the periods that have a value (None = empty
    period, left out rather than read as zero); 0 for fewer than two values."""
    pairs = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(pairs) < 2:
        return 0.0
    mean_x = sum(i for i, _ in pairs) / len(pairs)
    mean_y = sum(v for _, v in pairs) / len(pairs)
    sxx = sum((i - mean_x) ** 2 for i, _ in pairs)
    sxy = sum((i - mean_x) * (v - mean_y) for i, v in pairs)
    return sxy / sxx if sxx else 0.0
