"""How many raw events collapse into how many clusters on WCEP items, with a sample to check.

The Wikipedia Current Events Portal (../shared/corpus/wcep) has one item per event per day;
a story running over several days gets several items, often under one `topic` headline.
This script runs the real pipeline on a slice, rebuilds the clusters and prints:

- items, raw events, clusters, and clusters with more than one item (article);
- topic agreement: of the multi-item clusters whose items all have a WCEP topic, the share
  whose items share one topic (a proxy label: one topic can hold many events, so it bounds
  wrong merges across stories, not wrong merges within one);
- a seeded random sample of multi-item clusters with their sentences, to check by hand.

    python benchmarks/dedup.py --year 2020 --sample 15
    python benchmarks/dedup.py --from 2014 --to 2021 --grep Belarus --dyad BLR-RUS
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from detente import api
from detente.config import load_settings

WCEP = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "wcep" / "events.jsonl.gz"


def write_slice(out: Path, first: int, last: int, grep: str | None, limit: int | None) -> int:
    n = 0
    with gzip.open(WCEP, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            row = json.loads(line)
            if not first <= int(row["date"][:4]) <= last:
                continue
            if grep and grep.casefold() not in (row["text"] + (row.get("topic") or "")).casefold():
                continue
            record = {
                "text": row["text"],
                "date": row["date"],
                "title": row.get("topic"),
                "sources": row.get("sources") or [],
            }
            dst.write(json.dumps(record) + "\n")
            n += 1
            if limit and n >= limit:
                break
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--year", type=int, default=None, help="one year (default 2020)")
    ap.add_argument("--from", dest="first", type=int, default=None)
    ap.add_argument("--to", dest="last", type=int, default=None)
    ap.add_argument("--grep", default=None, help="keep items whose text or topic has this")
    ap.add_argument("--limit", type=int, default=None, help="at most this many items")
    ap.add_argument("--sample", type=int, default=12)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--db", type=Path, default=None, help="keep the store here; reuse it if present"
    )
    ap.add_argument("--threshold", type=float, default=None, help="cluster_threshold to use")
    ap.add_argument("--window", type=int, default=None, help="cluster_window_days to use")
    ap.add_argument(
        "--dyad", default=None, help="also print this dyad's turning points, e.g. BLR-RUS"
    )
    args = ap.parse_args()
    if not WCEP.is_file():
        print(f"skipped: {WCEP} not found", file=sys.stderr)
        return 0
    first = args.first or args.year or 2020
    last = args.last or args.year or first
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "wcep.duckdb"
        settings = load_settings(
            {
                "db": db,
                "cluster_threshold": args.threshold,
                "cluster_window_days": args.window,
            }
        )
        seconds = 0.0
        if db.exists():
            n_items = -1  # reused store: items not re-read
        else:
            items = Path(tmp) / "wcep.jsonl"
            n_items = write_slice(items, first, last, args.grep, args.limit)
            started = time.perf_counter()
            api.analyze([items], settings=settings, report=False)
            seconds = time.perf_counter() - started
        with api.open_store(settings.db) as store:
            api.cluster_store(store, settings=settings)
            clusters = store.clusters()
            turns = _turns(store, args.dyad) if args.dyad else []
            titles = {r["id"]: r["title"] for r in store.query("SELECT id, title FROM articles")}
            sentences = {
                r["id"]: (r["published"], r["text"])
                for r in store.query(
                    """SELECT e.id, a.published, s.text FROM events e
                       JOIN articles a ON a.id = e.article_id
                       JOIN sentences s ON s.article_id = e.article_id
                        AND s.idx = e.sentence_idx"""
                )
            }
    events = sum(len(c.event_ids) for c in clusters)
    multi = [c for c in clusters if len(c.article_ids) > 1]
    sizes = Counter(min(len(c.article_ids), 5) for c in clusters)
    topical = [c for c in multi if all(titles.get(a) for a in c.article_ids)]
    same_topic = [c for c in topical if len({titles[a] for a in c.article_ids}) == 1]
    print(f"WCEP {first}-{last}{' ~' + args.grep if args.grep else ''}: {n_items} items")
    print(
        f"analysed in {seconds:.0f} s; threshold {settings.cluster_threshold}, "
        f"window {settings.cluster_window_days} days"
    )
    print(
        f"raw events: {events}   clusters: {len(clusters)}   "
        f"events per cluster: {events / max(len(clusters), 1):.3f}"
    )
    print(
        f"realised: {sum(len(c.event_ids) for c in clusters if c.realised)} events in "
        f"{sum(1 for c in clusters if c.realised)} clusters"
    )
    print(
        "clusters by number of items: "
        + ", ".join(f"{k if k < 5 else '5+'}: {v}" for k, v in sorted(sizes.items()))
    )
    print(
        f"multi-item clusters: {len(multi)}; with topics on every item: {len(topical)}; "
        f"one shared topic: {len(same_topic)}"
        + (f" ({len(same_topic) / len(topical):.0%})" if topical else "")
    )
    for line in turns:
        print(line)
    rng = random.Random(args.seed)
    sample = rng.sample(multi, min(args.sample, len(multi)))
    for c in sorted(sample, key=lambda c: (c.first_date or c.last_date or 0, c.id)):  # type: ignore[arg-type]
        print(
            f"\n[{c.id}] {c.source_country}->{c.target_country} {c.event_type} "
            f"{c.first_date}..{c.last_date} items={len(c.article_ids)}"
        )
        for e in c.event_ids:
            day, text = sentences.get(e, (None, "?"))
            print(f"   {day} {text[:160]}")
    return 0


def _turns(store: Any, dyad: str) -> list[str]:
    """The dyad's (undirected, monthly) turning points with their driving sentences."""
    from detente.analysis.turning import turning_points

    a, b = dyad.upper().split("-")
    series = api.dyad_series(store, a, b, directed=False)
    by_id = {c.id: c for c in store.clusters()}
    lines = [f"\n{a}-{b}: {sum(p.total for p in series.points)} realised clusters; turning points:"]
    for tp in turning_points(series, by_id):
        lines.append(f"  {tp.label} {tp.direction} ({tp.before:+.1f} -> {tp.after:+.1f})")
        for cid in tp.driver_ids:
            c = by_id[cid]
            row = store.query(
                """SELECT s.text FROM events e JOIN sentences s
                   ON s.article_id = e.article_id AND s.idx = e.sentence_idx WHERE e.id = ?""",
                [c.representative_id],
            )
            text = row[0]["text"] if row else "?"
            lines.append(
                f"     {c.first_date} {c.source_country}->{c.target_country} {c.event_type} "
                f"{c.intensity:+.1f}: {text[:110]}"
            )
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
