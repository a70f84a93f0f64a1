"""The static report: one self-contained HTML file that makes no network request.

``write_report(store, out_dir)`` reads the store and writes ``out_dir/index.html``. Every
string from an article passes through Jinja's autoescaping; the dyad charts are Plotly figures
drawn by plotly.js, which is inlined once (about 4.5 MB); figure data is JSON escaped for a
script context; a Content-Security-Policy allows inline scripts only and no remote loads.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from detente.errors import StoreError
from detente.model import SCHEMA_VERSION
from detente.report.charts import bar_list
from detente.report.data import QUAD_NAMES, collect
from detente.report.dyads import script_json
from detente.report.figures import plotly_js, stance_figure
from detente.storage.store import Store

__all__ = ["write_report"]


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("detente.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["quad"] = lambda q: QUAD_NAMES.get(q, str(q))
    return env


def write_report(
    store: Store,
    out_dir: Path,
    *,
    question: str | None = None,
    focus: tuple[str, str] | None = None,
    max_events: int = 1000,
) -> Path:
    """Render the report of everything in the store; returns the path of index.html."""
    data = collect(store, question=question, focus=focus, max_events=max_events)
    stance_chart = (
        script_json(stance_figure(data.stances, title="Each source's stance over time"))
        if data.stances
        else None
    )
    html = (
        _environment()
        .get_template("index.html.j2")
        .render(
            d=data,
            plotly_js=Markup(plotly_js().replace("</script", "<\\/script")),
            types_chart=Markup(bar_list(data.type_counts[:16])),
            stance_chart=stance_chart,
            generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
            schema_version=SCHEMA_VERSION,
        )
    )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        # write to a temporary file first: a crash never leaves half a report behind
        fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".index-", suffix=".html")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a report is for reading
        target = out_dir / "index.html"
        os.replace(tmp, target)
    except OSError as e:
        raise StoreError(f"cannot write the report to {out_dir}: {e}") from e
    return target
