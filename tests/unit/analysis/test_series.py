"""Series arithmetic and change-point wiring on small hand-made clusters."""

from __future__ import annotations

from datetime import date

import pytest

from detente.analysis.dyads import rank_dyads
from detente.analysis.series import dyad_series, period_label, period_start, trend
from detente.analysis.turning import turning_points
from detente.errors import ConfigError
from detente.model import DatePrecision, EventCluster


def cl(
    cid: str,
    day: date | None,
    quad: int,
    intensity: float,
    *,
    src: str = "BLR",
    tgt: str = "RUS",
    realised: bool = True,
    precision: DatePrecision = DatePrecision.DAY,
    outlets: tuple[str, ...] = ("BBC",),
) -> EventCluster:
    return EventCluster(
        id=cid,
        source_country=src,
        target_country=tgt,
        event_type="X",
        quad_class=quad,
        intensity=intensity,
        first_date=day,
        last_date=day,
        date_precision=precision,
        realised=realised,
        event_ids=(cid,),
        article_ids=(cid,),
        outlets=outlets,
        representative_id=cid,
    )


def test_monthly_counts_per_quad_and_gaps_filled() -> None:
    clusters = [
        cl("a", date(2020, 1, 5), 1, 3.0),
        cl("b", date(2020, 1, 20), 4, -8.0),
        cl("c", date(2020, 3, 2), 3, -4.0),
    ]
    s = dyad_series(clusters, "BLR", "RUS")
    assert [p.label for p in s.points] == ["2020-01", "2020-02", "2020-03"]
    jan, feb, mar = s.points
    assert jan.counts == (1, 0, 0, 1)
    assert jan.intensity_sum == -5.0
    assert jan.intensity_mean == -2.5
    assert jan.net_cooperation == 0.0
    assert feb.total == 0 and feb.net_cooperation is None
    assert mar.net_cooperation == -1.0
    assert mar.cluster_ids == ("c",)


def test_directed_undirected_and_unrealised_choice() -> None:
    clusters = [
        cl("a", date(2020, 1, 5), 1, 3.0),
        cl("b", date(2020, 1, 6), 3, -2.0, src="RUS", tgt="BLR"),
        cl("c", date(2020, 1, 7), 4, -9.0, realised=False),
    ]
    assert dyad_series(clusters, "BLR", "RUS").points[0].total == 1
    assert dyad_series(clusters, "BLR", "RUS", directed=False).points[0].total == 2
    everything = dyad_series(clusters, "BLR", "RUS", directed=False, include_unrealised=True)
    assert everything.points[0].total == 3
    assert everything.include_unrealised


def test_coarse_dates_are_unplaced_not_guessed() -> None:
    clusters = [
        cl("a", date(2020, 1, 5), 1, 3.0),
        cl("b", date(2020, 1, 1), 1, 3.0, precision=DatePrecision.MONTH),
        cl("c", None, 1, 3.0, precision=DatePrecision.UNKNOWN),
    ]
    weekly = dyad_series(clusters, "BLR", "RUS", freq="week")
    assert weekly.unplaced == 2
    monthly = dyad_series(clusters, "BLR", "RUS", freq="month")
    assert monthly.unplaced == 1
    assert monthly.points[0].total == 2


def test_periods_and_bad_freq() -> None:
    assert period_start(date(2020, 8, 13), "week") == date(2020, 8, 10)
    assert period_label(date(2020, 8, 10), "week") == "2020-W33"
    assert period_start(date(2020, 8, 13), "year") == date(2020, 1, 1)
    with pytest.raises(ConfigError):
        period_start(date(2020, 8, 13), "fortnight")


def test_range_pads_with_empty_periods() -> None:
    s = dyad_series(
        [cl("a", date(2020, 2, 5), 1, 1.0)],
        "BLR",
        "RUS",
        start=date(2020, 1, 1),
        end=date(2020, 4, 30),
    )
    assert [p.total for p in s.points] == [0, 1, 0, 0]


def test_trend_skips_empty_periods() -> None:
    assert trend([1.0, None, 0.0, None, -1.0]) == pytest.approx(-0.5)
    assert trend([None, 1.0]) == 0.0


def _two_regimes() -> list[EventCluster]:
    out = []
    for m in range(1, 13):  # a year of cooperation, then a year of conflict from 2021-01
        out.append(cl(f"c{m}", date(2020, m, 10), 2, 6.0))
        out.append(cl(f"k{m}", date(2021, m, 10), 4, -7.0, outlets=("A", "B", "C")))
    return out


def test_change_point_found_where_the_regime_switches_with_its_drivers() -> None:
    clusters = _two_regimes()
    s = dyad_series(clusters, "BLR", "RUS")
    found = turning_points(s, {c.id: c for c in clusters})
    assert [t.label for t in found] == ["2021-01"]
    (t,) = found
    assert t.before == 6.0 and t.after == -7.0
    assert t.direction == "toward conflict"
    assert t.driver_ids and all(d.startswith("k") for d in t.driver_ids)


def test_no_turning_point_in_a_flat_or_thin_series() -> None:
    flat = [cl(f"c{m}", date(2020, m, 10), 2, 6.0) for m in range(1, 13)]
    assert turning_points(dyad_series(flat, "BLR", "RUS"), {}) == ()
    thin = [cl("a", date(2020, 1, 1), 2, 6.0), cl("b", date(2020, 9, 1), 4, -9.0)]
    assert turning_points(dyad_series(thin, "BLR", "RUS"), {}) == ()


def test_rank_dyads_orders_by_clusters_and_reports_trend() -> None:
    clusters = [*_two_regimes(), cl("x", date(2020, 5, 1), 1, 2.0, src="USA", tgt="BLR")]
    (top, second) = rank_dyads(clusters, limit=5)
    assert top.series.label == "BLR–RUS"
    assert top.clusters == 24 and top.cooperation == 12 and top.conflict == 12
    assert top.arrow == "↘" and top.slope < 0
    assert [t.label for t in top.turning_points] == ["2021-01"]
    assert second.series.label == "BLR–USA"
