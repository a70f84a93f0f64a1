"""The ``detente`` command: a thin shell over ``detente.api``."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from detente import api
from detente.config import load_settings
from detente.errors import DetenteError, InputError
from detente.ingest import WarcFilter

console = Console(stderr=True)
out = Console()

_DB = click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=None,
    help="Store: a DuckDB file, or a Parquet store folder written by --engine spark "
    "[default: detente.duckdb].",
)


class _Group(click.Group):
    """Turn detente's own errors into one clear line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DetenteError as e:
            console.print(f"[red]error:[/red] {e}", highlight=False, markup=True, soft_wrap=True)
            sys.exit(2)


@click.group(cls=_Group)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="detente")
def main(verbose: int) -> None:
    """detente: how relations between countries move, from the articles you read.

    \b
    Example:
      detente analyze examples/belarus-russia --question "Is Belarus moving away from Russia?"
      detente events --dyad BLR-RUS
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(
        level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s"
    )


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_DB
@click.option(
    "--report",
    "report_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Report folder [default: report].",
)
@click.option("--no-report", is_flag=True, help="Do not write the static report.")
@click.option(
    "--question",
    default=None,
    help='The analyst\'s question, e.g. "Is Belarus moving away from Russia?"',
)
@click.option(
    "--actors",
    "actors_files",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Extra actor YAML file (repeatable).",
)
@click.option(
    "--batch-size",
    type=int,
    default=None,
    help="Articles per batch and per transaction [default: 32].",
)
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Processes analysing articles; 0 = one per CPU core [default: 1].",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default=None,
    help="local: processes on this machine; spark: PySpark jobs writing a Parquet store "
    "folder (--db names the folder) [default: local].",
)
@click.option(
    "--spark-master",
    default=None,
    help="With --engine spark: the Spark master URL [default: local[*]].",
)
@click.option(
    "--host",
    "hosts",
    multiple=True,
    help="WARC input: keep only pages of this host or its subdomains (repeatable).",
)
@click.option(
    "--crawled-since", default=None, help="WARC input: records crawled on or after YYYY-MM-DD."
)
@click.option(
    "--crawled-until", default=None, help="WARC input: records crawled on or before YYYY-MM-DD."
)
def analyze(
    paths: tuple[str, ...],
    db: Path | None,
    report_dir: Path | None,
    no_report: bool,
    question: str | None,
    actors_files: tuple[Path, ...],
    batch_size: int | None,
    workers: int | None,
    engine: str | None,
    spark_master: str | None,
    hosts: tuple[str, ...],
    crawled_since: str | None,
    crawled_until: str | None,
) -> None:
    """Read articles (files, folders, globs: .txt .md .html .jsonl .parquet .warc .warc.gz),
    find actors and events, store them and write the report. Re-running on the same input
    changes nothing; an interrupted run resumes.

    \b
    Examples:
      detente analyze ../shared/corpus/seeds --question "Is Belarus moving away from Russia?"
      detente analyze crawl/*.warc.gz --host belta.by --workers 0
      detente analyze crawl/ --engine spark --db store-parquet/
      detente serve --db store-parquet/
    """
    settings = load_settings(
        {
            "db": db,
            "report_dir": report_dir,
            "batch_size": batch_size,
            "actors_files": actors_files or None,
            "workers": workers,
            "engine": engine,
            "spark_master": spark_master,
        }
    )
    try:
        warc_filter = WarcFilter(
            hosts=frozenset(h.lower().strip(".") for h in hosts),
            since=date.fromisoformat(crawled_since) if crawled_since else None,
            until=date.fromisoformat(crawled_until) if crawled_until else None,
        )
    except ValueError as e:
        raise InputError(f"crawl dates are YYYY-MM-DD: {e}") from e
    with _progress() as bar:
        task = bar.add_task("reading", total=None)
        summary = api.analyze(
            list(paths),
            settings=settings,
            question=question,
            report=not no_report,
            warc_filter=warc_filter,
            progress=lambda uri, n: bar.update(task, completed=n, description=_short(uri)),
        )
    _print_summary(summary)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _short(uri: str) -> str:
    return uri if len(uri) < 50 else "…" + uri[-49:]


def _print_summary(s: Any) -> None:
    reasons: dict[str, int] = {}
    for sk in s.skipped:
        reasons[sk.reason.value] = reasons.get(sk.reason.value, 0) + 1
    console.print(
        f"articles read: {s.read}   new: {s.new_articles}   duplicates: {s.duplicates}   "
        f"skipped: {len(s.skipped) - s.duplicates}"
        + (f" ({', '.join(f'{k}: {v}' for k, v in sorted(reasons.items()))})" if reasons else "")
    )
    for sk in s.skipped[:20]:
        console.print(f"  skipped {sk.uri}: {sk.reason.value} {sk.detail}", highlight=False)
    console.print(
        f"in the store: {s.sentences} sentences, {s.mentions} mentions, {s.actors} actors, "
        f"{s.events} events ({s.realised_events} realised)"
    )
    if s.top_dyads:
        table = Table(title="Top dyads (realised events)", title_justify="left")
        for col in ("source", "target", "events"):
            table.add_column(col)
        for a, b, n in s.top_dyads:
            table.add_row(a, b, str(n))
        console.print(table)
    console.print(f"store:  {s.db_path}")
    if s.report_path:
        console.print(f"report: {s.report_path}")


def _parse_dyad(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    parts = value.replace(">", "-").split("-")
    if len(parts) != 2 or not all(parts):
        raise InputError(f"--dyad wants two codes like BLR-RUS, not {value!r}")
    return parts[0].upper(), parts[1].upper()


def _filters(
    dyad: str | None,
    directed: bool,
    since: str | None,
    until: str | None,
    etype: str | None,
    actor: str | None,
    realised: bool,
    limit: int | None,
) -> api.EventFilter:
    try:
        return api.EventFilter(
            dyad=_parse_dyad(dyad),
            directed=directed,
            since=date.fromisoformat(since) if since else None,
            until=date.fromisoformat(until) if until else None,
            event_type=etype,
            actor=actor,
            realised_only=realised,
            limit=limit,
        )
    except ValueError as e:
        raise InputError(f"dates are YYYY-MM-DD: {e}") from e


_FILTER_OPTIONS = [
    click.option(
        "--dyad", default=None, help="Two country codes, e.g. BLR-RUS (either direction)."
    ),
    click.option("--directed", is_flag=True, help="With --dyad: only source -> target."),
    click.option("--since", default=None, help="Events on or after YYYY-MM-DD."),
    click.option("--until", default=None, help="Events on or before YYYY-MM-DD."),
    click.option("--type", "etype", default=None, help="PLOVER event type, e.g. ACCUSE."),
    click.option("--actor", default=None, help="Actor id or country code on either side."),
    click.option(
        "--realised",
        is_flag=True,
        help="Only realised events (no hypothetical, future, habitual or negated).",
    ),
]


def _with_filters(f: Any) -> Any:
    for option in reversed(_FILTER_OPTIONS):
        f = option(f)
    return f


@main.command()
@_DB
@_with_filters
@click.option("--limit", type=int, default=200, help="At most this many rows [default: 200].")
def events(
    db: Path | None,
    dyad: str | None,
    directed: bool,
    since: str | None,
    until: str | None,
    etype: str | None,
    actor: str | None,
    realised: bool,
    limit: int,
) -> None:
    """Print stored events as a table.

    \b
    Example:
      detente events --dyad BLR-RUS --since 2020-01-01 --type ACCUSE
    """
    settings = load_settings({"db": db})
    filt = _filters(dyad, directed, since, until, etype, actor, realised, limit)
    with api.open_store(settings.db, read_only=True) as store:
        rows = api.query_events(store, filt)
    table = Table(expand=True, show_lines=False)
    table.add_column("date", no_wrap=True)
    table.add_column("source", ratio=2)
    table.add_column("type", no_wrap=True)
    table.add_column("target", ratio=2)
    table.add_column("int.", justify="right", no_wrap=True)
    table.add_column("flags", ratio=1)
    table.add_column("sentence", ratio=6)
    for r in rows:
        flags = [r["modality"]] if r["modality"] != "asserted" else []
        flags += ["negated"] if r["negated"] else []
        table.add_row(
            r["event_date"] or "?",
            f"{r['source_name']} ({r['source_country']})",
            r["event_type"] + (f"/{r['mode']}" if r["mode"] else ""),
            f"{r['target_name']} ({r['target_country']})" if r["target_actor_id"] else "—",
            f"{r['intensity']:+.1f}",
            ",".join(flags),
            (r["sentence"] or "")[:200],
        )
    out.print(table)
    console.print(f"{len(rows)} event(s)")


@main.command()
@_DB
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Output file [default: stdout; required for parquet].",
)
@_with_filters
def export(
    db: Path | None,
    fmt: str,
    out: Path | None,
    dyad: str | None,
    directed: bool,
    since: str | None,
    until: str | None,
    etype: str | None,
    actor: str | None,
    realised: bool,
) -> None:
    """Export events in the versioned event contract (see README).

    \b
    Example:
      detente export --format csv --out events.csv --dyad BLR-RUS
    """
    settings = load_settings({"db": db})
    filt = _filters(dyad, directed, since, until, etype, actor, realised, None)
    with api.open_store(settings.db, read_only=True) as store:
        n = api.export_events(store, fmt, out, filt)
    console.print(f"{n} event(s) exported" + (f" to {out}" if out else ""))


@main.command()
@click.argument("source", default="-")
@click.option(
    "--date", "published", default=None, help="Reference date YYYY-MM-DD for partial dates."
)
def code(source: str, published: str | None) -> None:
    """Event-code loose sentences without storing them.

    SOURCE is a file or - (stdin): one sentence per line, or JSONL objects with "id" and "text".
    Prints one JSON object per input: {"id", "text", "events": [...]}, main event first.

    \b
    Example:
      echo "Belarus refused to send observers to Crimea." | detente code -
    """
    when = date.fromisoformat(published) if published else None
    for row in api.code_texts(_read_items(source), published=when):
        out.print_json(json.dumps(row, ensure_ascii=False)) if sys.stdout.isatty() else print(
            json.dumps(row, ensure_ascii=False)
        )


def _read_items(source: str) -> Iterator[tuple[str, str]]:
    try:
        fh = sys.stdin if source == "-" else open(source, encoding="utf-8")  # noqa: SIM115
    except OSError as e:
        raise InputError(f"cannot read {source}: {e}") from e
    with fh:
        for n, line in enumerate(fh, start=1):
            line = line.strip()
            if not line:
                continue
            if line.startswith("{"):
                try:
                    obj = json.loads(line)
                    yield str(obj.get("id", n)), str(obj["text"])
                    continue
                except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
                    console.print(f"line {n}: not a JSON object with 'text'; coded as plain text")
            yield str(n), line


@main.command()
@_DB
@click.option(
    "--report",
    "report_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Report folder [default: report].",
)
@click.option("--question", default=None, help="The question to frame the report with.")
def report(db: Path | None, report_dir: Path | None, question: str | None) -> None:
    """Re-render the static HTML report from the store.

    \b
    Example:
      detente report --report brief/ --question "Is Belarus moving away from Russia?"
    """
    settings = load_settings({"db": db, "report_dir": report_dir})
    path = api.write_report(
        settings.db, settings.report_dir, question=question, actors_files=settings.actors_files
    )
    console.print(f"report: {path}")


@main.command()
@click.argument("search", required=False)
@click.option(
    "--kind", type=click.Choice(["country", "person", "organisation", "igo"]), default=None
)
@click.option(
    "--actors",
    "actors_files",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Extra actor YAML file (repeatable).",
)
@click.option("--limit", type=int, default=100, show_default=True)
def actors(
    search: str | None, kind: str | None, actors_files: tuple[Path, ...], limit: int
) -> None:
    """List or search the actor dictionary (names, aliases, countries, roles).

    \b
    Example:
      detente actors lukashenka
    """
    from detente.actorbook import load_actorbook

    book = load_actorbook(actors_files)
    rows = api.search_actors(book, search, kind=kind)
    table = Table()
    for col in ("id", "name", "kind", "country", "sector", "aliases / roles"):
        table.add_column(col, overflow="fold")
    for a in rows[:limit]:
        roles = "; ".join(f"{r.title} {r.country} {r.start or '?'}–{r.end or ''}" for r in a.roles)
        table.add_row(
            a.id,
            a.name,
            a.kind,
            a.country,
            a.sector,
            ", ".join(a.aliases[:8]) + (f" | {roles}" if roles else ""),
        )
    out.print(table)
    console.print(f"{len(rows)} actor(s)" + (f", first {limit} shown" if len(rows) > limit else ""))


@main.command()
@_DB
def articles(db: Path | None) -> None:
    """List stored articles and skipped inputs.

    \b
    Example:
      detente articles --db news.duckdb
    """
    settings = load_settings({"db": db})
    with api.open_store(settings.db, read_only=True) as store:
        rows = api.list_articles(store)
        skipped = store.query("SELECT uri, reason, detail FROM skipped ORDER BY uri")
    table = Table()
    for col in ("id", "date", "title", "source", "words", "events", "uri"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r["id"],
            str(r["published"] or r["published_from"] or "?"),
            r["title"] or "",
            r["source"] or "",
            str(r["n_words"]),
            str(r["events"]),
            r["uri"],
        )
    out.print(table)
    for s in skipped:
        out.print(f"skipped {s['uri']}: {s['reason']} {s['detail'] or ''}", highlight=False)


@main.command()
@_DB
@click.option("--since", default=None, help="Clusters on or after YYYY-MM-DD.")
@click.option("--until", default=None, help="Clusters on or before YYYY-MM-DD.")
@click.option(
    "--freq",
    type=click.Choice(["week", "month", "year"]),
    default="month",
    show_default=True,
    help="Period of the series the trend is fitted to.",
)
@click.option("--directed", is_flag=True, help="Keep A→B and B→A apart.")
@click.option(
    "--include-unrealised",
    is_flag=True,
    help="Also count hypothetical, future, habitual and negated events.",
)
@click.option("--limit", type=int, default=15, show_default=True)
def dyads(
    db: Path | None,
    since: str | None,
    until: str | None,
    freq: str,
    directed: bool,
    include_unrealised: bool,
    limit: int,
) -> None:
    """The most active dyads, their balance and trend, and their latest turning point.

    Counts are event clusters: one event reported by several articles counts once. The trend
    is the least-squares slope of the net cooperation index ((coop - conflict) / all, per
    period with events); turning points come from change-point detection (ruptures, PELT).

    \b
    Example:
      detente dyads --since 2020-01-01 --freq month
    """
    settings = load_settings({"db": db})
    try:
        start = date.fromisoformat(since) if since else None
        end = date.fromisoformat(until) if until else None
    except ValueError as e:
        raise InputError(f"dates are YYYY-MM-DD: {e}") from e
    with api.open_store(settings.db, read_only=True) as store:
        trends = api.dyad_trends(
            store,
            directed=directed,
            freq=freq,
            since=start,
            until=end,
            include_unrealised=include_unrealised,
            limit=limit,
        )
    table = Table()
    for col in ("dyad", "clusters", "events", "coop", "conflict", "net", "trend", "last turn"):
        table.add_column(col, justify="left" if col in ("dyad", "last turn") else "right")
    for t in trends:
        turn = t.turning_points[-1] if t.turning_points else None
        table.add_row(
            t.series.label,
            str(t.clusters),
            str(t.events),
            str(t.cooperation),
            str(t.conflict),
            f"{t.net:+.2f}",
            f"{t.arrow} {t.slope:+.3f}/{freq}",
            f"{turn.label} {turn.direction}" if turn else "—",
        )
    out.print(table)
    realised = "all events" if include_unrealised else "realised events only"
    console.print(f"{len(trends)} dyad(s); {realised}; clusters, not raw events")


@main.command()
@_DB
@click.option(
    "--question",
    default=None,
    help="Score every article on this question (and store it); without, show the stored "
    "stances of the last question asked.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl"]),
    default="table",
    show_default=True,
)
def stances(db: Path | None, question: str | None, fmt: str) -> None:
    """What each article argues about the question: label, score, evidence, signals, date.

    Labels are toward / away / mixed / unrelated (score -1 away .. +1 toward); `signals` says
    which of the article's events, evaluative statements, headline and conclusion drove it.
    Undated articles carry the publication window inferred from their text.

    \b
    Examples:
      detente stances --question "Is Belarus moving away from Russia?"
      detente stances --format jsonl > stances.jsonl
    """
    settings = load_settings({"db": db})
    rows = api.stances(settings.db, question=question, actors_files=settings.actors_files)
    if fmt == "jsonl":
        for r in rows:
            r.pop("article_id", None)
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    if rows:
        console.print(f"[bold]{rows[0]['question']}[/bold]")
    table = Table()
    for col in ("article", "date", "label", "score", "drivers", "evidence"):
        table.add_column(col, justify="right" if col == "score" else "left")
    for r in rows:
        when = r["published"] or (
            f"{r['published_from'] or '?'}..{r['published_to'] or '?'}"
            if r["published_from"] or r["published_to"]
            else "unknown"
        )
        shown = [e for e in r["evidence"] if e["direction"] == r["label"]] or r["evidence"]
        best = max(shown, key=lambda e: e["weight"], default=None)
        table.add_row(
            (r["title"] or _short(r["article_uri"]))[:48],
            f"{when}\n[dim]{r['date_source']}[/dim]",
            r["label"],
            f"{r['score']:+.2f}",
            ", ".join(r["drivers"]),
            f"[{best['sentence']}] {best['text'][:110]}" if best else "—",
        )
    out.print(table)
    console.print(f"{len(rows)} article(s)")


@main.command()
@_DB
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=int, default=8000, show_default=True)
def serve(db: Path | None, host: str, port: int) -> None:
    """Browse the store in a local web app (read-only).

    Filter events by dyad, actor, type, dates and source; click a chart bar to list that
    period's events; click an event to see its sentences highlighted in their articles.

    \b
    Example:
      detente serve --db detente.duckdb      # then open http://127.0.0.1:8000
    """
    import uvicorn

    from detente.web import create_app

    settings = load_settings({"db": db})
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(
            f"[yellow]warning:[/yellow] serving on {host}: anyone who can reach this "
            "address can read the store"
        )
    app = create_app(settings.db)
    console.print(f"serving {settings.db} at http://{host}:{port} (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


if __name__ == "__main__":  # pragma: no cover
    main()
