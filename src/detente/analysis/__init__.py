"""Analysis over stored events: event clusters, dyad series and their turning points."""

from detente.analysis.clusters import cluster_events
from detente.analysis.dyads import DyadTrend, rank_dyads
from detente.analysis.series import dyad_series, period_start, trend
from detente.analysis.turning import turning_points

__all__ = [
    "DyadTrend",
    "cluster_events",
    "dyad_series",
    "period_start",
    "rank_dyads",
    "trend",
    "turning_points",
]
