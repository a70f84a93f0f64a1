"""Small inline SVG charts (no script needed), readable on screen and in print."""

from __future__ import annotations

from html import escape

WIDTH = 860
PANEL = 90  # height of one direction's panel
LEFT = 44
COOP = "#2e7d32"
CONFLICT = "#c62828"


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
