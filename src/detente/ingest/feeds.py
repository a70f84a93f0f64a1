"""RSS and Atom feeds (``.rss``, ``.atom``, ``.feed.xml``): one article per entry.

An outlet's feed, saved by a scheduler (``curl -o bbc-2026-11-23.rss ...``) and handed to
``detente analyze`` every hour, is incremental monitoring: entries already read have the same
content hash and are not analysed again. An entry's full content (``content:encoded``,
Atom ``content``) is used when the feed carries it, else its summary; its link is the URL,
its own published or updated date the publication date, the feed's title the outlet.
Parsing is feedparser's (``pip install 'detente[feeds]'``); a feed it cannot read, or an
entry with no text, is a recorded skip.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from detente.ingest._build import ArticleMeta, build_article
from detente.ingest.html import build_html_article
from detente.ingest.text import read_file_bytes
from detente.model import Article, DatePrecision, Skipped, SkipReason


def read_feed_file(path: Path, *, max_bytes: int) -> Iterator[Article | Skipped]:
    base = str(path)
    try:
        import feedparser
    except ImportError:
        detail = "reading feeds needs feedparser: pip install 'detente[feeds]'"
        yield Skipped(uri=base, reason=SkipReason.UNSUPPORTED_FORMAT, detail=detail)
        return
    data = read_file_bytes(path, max_bytes=max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    parsed = feedparser.parse(data)
    entries = list(parsed.get("entries") or ())
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f"no feed entries ({problem!r})"[:200] if problem else "no feed entries"
        yield Skipped(uri=base, reason=SkipReason.MALFORMED, detail=detail)
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for n, entry in enumerate(entries, 1):
        yield _entry_article(f"{base}#{n}", entry, outlet)


def _entry_article(uri: str, entry: Any, outlet: str | None) -> Article | Skipped:
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = date(*when[:3]) if isinstance(when, time.struct_time) else None
    meta = ArticleMeta(
        title=entry.get("title") or None,
        author=entry.get("author") or None,
        url=entry.get("link") or None,
        source=outlet,
        published=published,
        date_precision=DatePrecision.DAY if published else DatePrecision.UNKNOWN,
        date_source="metadata" if published else "none",
    )
    contents = [c.get("value") for c in entry.get("content") or () if c.get("value")]
    body = max(contents, key=len) if contents else entry.get("summary") or ""
    if not body.strip():
        return Skipped(uri=uri, reason=SkipReason.EMPTY, detail="feed entry without text")
    if "<" in body and ">" in body:
        return build_html_article(uri, f"<html><body><article>{body}</article></body></html>",
                                  format="feed", defaults=meta)  # fmt: skip
    return build_article(uri, body, meta=meta, format="feed")
