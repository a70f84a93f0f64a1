"""Inline SVG charts: no scripts, no network, readable on screen and in print."""

from __future__ import annotations

from html import escape

from detente.report.data import DyadSeries

WIDTH = 860
PANEL = 90  # height of one direction's panel
LEFT = 44
COOP = "#2e7d32"
CONFLICT = "#c62828"


def dyad_chart(series: DyadSeries) -> str:
    """Two panels, one per direction: cooperation bars up, conflict bars down, per period."""
    directions = (
        ("a>b", f"{series.name_a} → {series.name_b}"),
        ("b>a", f"{series.name_b} → {series.name_a}"),
    )
    n = max(len(series.periods), 1)
    step = (WIDTH - LEFT - 10) / n
    bar = max(min(step * 0.8, 24.0), 1.0)
    peak = max(
        [max(c[0], c[1]) for c in series.cells.values()] + [1],
    )
    height = 2 * PANEL + 60
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(_label(series))}">',
        f"<title>{escape(_label(series))}</title>",
    ]
    for row, (key, title) in enumerate(directions):
        top = 20 + row * (PANEL + 20)
        mid = top + PANEL / 2
        half = PANEL / 2 - 4
        parts.append(
            f'<text x="{LEFT}" y="{top - 6}" class="panel-title">{escape(title)}</text>'
            f'<line x1="{LEFT}" x2="{WIDTH - 10}" y1="{mid}" y2="{mid}" class="axis"/>'
            f'<text x="{LEFT - 6}" y="{top + 10}" class="tick" text-anchor="end">{peak}</text>'
            f'<text x="{LEFT - 6}" y="{top + PANEL}" class="tick" text-anchor="end">{peak}</text>'
        )
        for i, period in enumerate(series.periods):
            cell = series.cells.get((key, period))
            if not cell:
                continue
            x = LEFT + i * step + (step - bar) / 2
            coop, conflict, net = cell
            if coop:
                h = half * coop / peak
                parts.append(
                    f'<rect x="{x:.1f}" y="{mid - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="{COOP}"><title>{escape(period)}: {int(coop)} cooperative '
                    f"(net intensity {net:+.1f})</title></rect>"
                )
            if conflict:
                h = half * conflict / peak
                parts.append(
                    f'<rect x="{x:.1f}" y="{mid:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="{CONFLICT}"><title>{escape(period)}: {int(conflict)} conflictual '
                    f"(net intensity {net:+.1f})</title></rect>"
                )
    # period ticks: every year (or every few years when long)
    years = [i for i, p in enumerate(series.periods) if len(p) == 4 or p.endswith("-01")]
    if len(series.periods) and (not years or years[0] != 0):
        years = [0, *years]
    stride = max(1, len(years) // 12)
    base = 2 * PANEL + 50
    for i in years[::stride]:
        x = LEFT + i * step
        parts.append(
            f'<text x="{x:.1f}" y="{base}" class="tick">{escape(series.periods[i][:4])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _label(series: DyadSeries) -> str:
    return (
        f"Realised events between {series.name_a} and {series.name_b} per "
        f"{'year' if series.periods and len(series.periods[0]) == 4 else 'month'}: "
        "cooperation above the line, conflict below"
    )


def bar_list(items: list[tuple[str, int]], width: int = 420) -> str:
    """A small horizontal bar chart of counts (event types)."""
    if not items:
        return ""
    peak = max(n for _, n in items) or 1
    row = 18
    parts = [
        f'<svg class="bars" viewBox="0 0 {width} {row * len(items) + 4}" role="img" '
        'xmlns="http://www.w3.org/2000/svg" aria-label="Realised events by type">'
    ]
    for i, (label, n) in enumerate(items):
        y = i * row + 2
        w = (width - 170) * n / peak
        parts.append(
            f'<text x="110" y="{y + 12}" class="tick" text-anchor="end">{escape(label)}</text>'
            f'<rect x="116" y="{y}" width="{w:.1f}" height="{row - 5}" fill="#455a64"/>'
            f'<text x="{120 + w:.1f}" y="{y + 12}" class="tick">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
