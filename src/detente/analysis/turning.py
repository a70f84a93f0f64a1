"""Turning points of a dyad series: change points found by ``ruptures`` (PELT, L2 cost).

The segmented signal is one number per period (by default the summed intensity of the
period's clusters, so a month of many hostile acts weighs more than one). The penalty, unless
given, is a BIC-like ``σ² log n`` with σ² the variance of the signal, so a noisy dyad needs a
larger shift before a turning point is claimed. Each turning point lists the clusters that
drive it: those of its first three periods whose intensity points the way the series moved,
strongest (|intensity| × sources) first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from statistics import fmean

from detente.analysis.series import signal
from detente.model import DyadSeries, EventCluster, TurningPoint


def default_penalty(values: list[float]) -> float:
    """``σ² log n`` with σ² the variance of the whole signal: a BIC-like penalty that is
    conservative (the variance includes the shifts themselves) and scale-free."""
    if len(values) < 2:
        return 0.0
    mean = fmean(values)
    variance = fmean((v - mean) ** 2 for v in values)
    return variance * math.log(len(values))


def turning_points(
    series: DyadSeries,
    clusters: Mapping[str, EventCluster],
    *,
    signal_name: str = "intensity_sum",
    penalty: float | None = None,
    min_size: int = 1,
    min_clusters: int = 6,
    max_drivers: int = 5,
) -> tuple[TurningPoint, ...]:
    """The change points of a series, each with its before/after means and driving clusters.

    A series with fewer than ``min_clusters`` clusters, or fewer than ``2 * min_size``
    periods, has no turning points: too little evidence to claim a change. A change that no
    event of its first periods explains (the series falling silent after a burst) is not a
    turning point either.
    """
    values = signal(series, signal_name)
    n = len(values)
    if n < 2 * min_size or len(set(values)) < 2:
        return ()
    if sum(p.total for p in series.points) < min_clusters:
        return ()
    pen = default_penalty(values) if penalty is None else penalty
    if pen <= 0:
        return ()
    import numpy as np
    import ruptures

    algo = ruptures.Pelt(model="l2", min_size=min_size, jump=1)
    ends = algo.fit(np.asarray(values, dtype=float).reshape(-1, 1)).predict(pen=pen)
    bounds = [0, *ends]
    found = []
    for i in range(1, len(bounds) - 1):
        lo, at, hi = bounds[i - 1], bounds[i], bounds[i + 1]
        before, after = fmean(values[lo:at]), fmean(values[at:hi])
        drivers = _drivers(series, clusters, at, hi, after > before, max_drivers)
        if not drivers:
            continue
        point = series.points[at]
        found.append(
            TurningPoint(
                period=point.period,
                label=point.label,
                before=round(before, 3),
                after=round(after, 3),
                signal=signal_name,
                driver_ids=drivers,
            )
        )
    return tuple(found)


def _drivers(
    series: DyadSeries,
    clusters: Mapping[str, EventCluster],
    at: int,
    hi: int,
    upward: bool,
    limit: int,
) -> tuple[str, ...]:
    window = series.points[at : min(at + 3, hi)]
    candidates = [clusters[cid] for p in window for cid in p.cluster_ids if cid in clusters]
    pointing = [c for c in candidates if c.intensity != 0 and (c.intensity > 0) == upward]
    ranked = sorted(pointing, key=lambda c: (-abs(c.intensity) * c.n_sources, c.first_date, c.id))
    return tuple(c.id for c in ranked[:limit])
