"""Plotly figure specifications (plain dicts) for the report and the web app.

The figures are built here as JSON-ready dicts and drawn in the page by plotly.js, which the
static report inlines and the web app serves itself: no network either way. Every bar carries
its period and dyad in ``customdata`` so a click can fetch that period's events.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from detente.model import DyadSeries, TurningPoint

QUAD_COLOURS = {1: "#8bc34a", 2: "#2e7d32", 3: "#ff9800", 4: "#c62828"}
QUAD_LABELS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@cache
def plotly_js() -> str:
    """The plotly.js bundle shipped with the ``plotly`` package (read once)."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return path.read_text(encoding="utf-8")


def dyad_figure(
    series: DyadSeries,
    turning: Sequence[TurningPoint] = (),
    *,
    title: str | None = None,
) -> dict[str, Any]:
    """Stacked bars per period: cooperation up, conflict down; a line of net intensity;
    dashed lines at turning points with their direction."""
    labels = [p.label for p in series.points]
    dyad = f"{series.source}-{series.target}"
    traces: list[dict[str, Any]] = []
    for quad in (2, 1, 3, 4):
        sign = 1 if quad <= 2 else -1
        traces.append(
            {
                "type": "bar",
                "name": QUAD_LABELS[quad],
                "x": labels,
                "y": [sign * p.counts[quad - 1] for p in series.points],
                "marker": {"color": QUAD_COLOURS[quad]},
                "customdata": [[p.label, dyad, quad] for p in series.points],
                "hovertemplate": "%{x}: %{y} " + QUAD_LABELS[quad] + "<extra></extra>",
            }
        )
    traces.append(
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "net intensity (sum)",
            "x": labels,
            "y": [p.intensity_sum for p in series.points],
            "yaxis": "y2",
            "line": {"color": "#37474f", "width": 1.5},
            "marker": {"size": 4},
            "customdata": [[p.label, dyad, 0] for p in series.points],
            "hovertemplate": "%{x}: net intensity %{y}<extra></extra>",
        }
    )
    shapes, notes = [], []
    for n, t in enumerate(turning):
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": t.label,
                "x1": t.label,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#6a1b9a", "dash": "dash", "width": 1.5},
            }
        )
        notes.append(
            {
                "x": t.label,
                "y": 1.02 + 0.06 * (n % 2),  # neighbouring labels alternate heights
                "xref": "x",
                "yref": "paper",
                "text": ("▲ " if t.after > t.before else "▼ ") + t.label,
                "showarrow": False,
                "font": {"size": 11, "color": "#6a1b9a"},
            }
        )
    # both axes symmetric around zero, so the bars' and the line's zero coincide
    peak = max([max(p.cooperation, p.conflict) for p in series.points] + [1])
    peak2 = max([abs(p.intensity_sum) for p in series.points] + [1.0])
    realised = (
        "all events, hypothetical included"
        if series.include_unrealised
        else ("realised events only")
    )
    return {
        "data": traces,
        "layout": {
            "title": {"text": title or f"{series.label}: event clusters per {series.freq}"},
            "barmode": "relative",
            "template": "plotly_white",
            "height": 340,
            "margin": {"l": 50, "r": 50, "t": 60, "b": 40},
            "legend": {"orientation": "h", "y": -0.2},
            "xaxis": {"type": "category", "tickangle": -45, "automargin": True},
            "yaxis": {
                "title": {"text": "clusters (conflict below 0)"},
                "zeroline": True,
                "range": [-peak * 1.15, peak * 1.15],
            },
            "yaxis2": {
                "title": {"text": "net intensity"},
                "overlaying": "y",
                "side": "right",
                "showgrid": False,
                "zeroline": False,
                "range": [-peak2 * 1.15, peak2 * 1.15],
            },
            "shapes": shapes,
            "annotations": [
                *notes,
                {
                    "text": realised,
                    "xref": "paper",
                    "yref": "paper",
                    "x": 1,
                    "y": 1.12,
                    "showarrow": False,
                    "font": {"size": 10, "color": "#666"},
                },
            ],
        },
        "config": {"displaylogo": False, "responsive": True},
    }


STANCE_COLOURS = {
    "toward": "#2e7d32",
    "away": "#c62828",
    "mixed": "#ff9800",
    "unrelated": "#9e9e9e",
}


def stance_figure(rows: Sequence[dict[str, Any]], *, title: str) -> dict[str, Any]:
    """Each article's stance score over time: a dot at its date (the middle of an inferred
    window), the window itself as a line; colour by label. Undated articles are left out."""
    traces: list[dict[str, Any]] = []
    for label, colour in STANCE_COLOURS.items():
        xs, ys, texts = [], [], []
        for r in rows:
            if r["label"] != label:
                continue
            lo, hi = r["published_from"] or r["published"], r["published_to"] or r["published"]
            if lo is None and hi is None:
                continue
            when = _middle(lo, hi)
            xs.append(when)
            ys.append(r["score"])
            texts.append(f"{r['title'] or r['article_uri']}<br>{r['date_source']}")
            if lo and hi and lo != hi:
                traces.append(
                    {
                        "type": "scatter",
                        "mode": "lines",
                        "x": [lo, hi],
                        "y": [r["score"], r["score"]],
                        "line": {"color": colour, "width": 3},
                        "opacity": 0.35,
                        "showlegend": False,
                        "hoverinfo": "skip",
                    }
                )
            elif lo and not hi:  # open window: a short dotted tail says "or later"
                traces.append(
                    {
                        "type": "scatter",
                        "mode": "lines",
                        "x": [lo, _plus_days(lo, 60)],
                        "y": [r["score"], r["score"]],
                        "line": {"color": colour, "width": 2, "dash": "dot"},
                        "opacity": 0.5,
                        "showlegend": False,
                        "hoverinfo": "skip",
                    }
                )
        if xs:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "name": label,
                    "x": xs,
                    "y": ys,
                    "text": texts,
                    "marker": {"color": colour, "size": 11},
                    "hovertemplate": "%{text}<br>score %{y:+.2f}<extra>" + label + "</extra>",
                }
            )
    return {
        "data": traces,
        "layout": {
            "title": {"text": title},
            "template": "plotly_white",
            "height": 320,
            "margin": {"l": 50, "r": 20, "t": 50, "b": 40},
            "xaxis": {"type": "date"},
            "yaxis": {"title": {"text": "← away · toward →"}, "range": [-1.1, 1.1]},
            "legend": {"orientation": "h", "y": -0.2},
        },
        "config": {"displaylogo": False, "responsive": True},
    }


def _middle(lo: str | None, hi: str | None) -> str | None:
    from datetime import date

    if lo and hi:
        a, b = date.fromisoformat(lo), date.fromisoformat(hi)
        return (a + (b - a) / 2).isoformat()
    return lo or hi


def _plus_days(day: str, n: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=n)).isoformat()
