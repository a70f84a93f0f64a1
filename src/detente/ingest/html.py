"""The HTML reader: trafilatura finds the main text and the page metadata.

trafilatura is called with ``deduplicate=False`` so that its process-wide LRU cache of seen
text (``trafilatura.deduplication.LRU_TEST``) is never filled; its other caches are bounded.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from detente.ingest._build import ArticleMeta, build_article, parse_date_value
from detente.ingest.text import decode_input, looks_binary, read_file_bytes
from detente.model import Article, DatePrecision, Skipped, SkipReason

logger = logging.getLogger(__name__)

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_DETAIL_MAX = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlDocument:
    """What trafilatura found in a page."""

    text: str
    meta: ArticleMeta


def read_html_file(path: Path, *, max_bytes: int) -> Iterator[Article | Skipped]:
    """An HTML page: main text, title, author, date, site name and URL."""
    uri = str(path)
    data = read_file_bytes(path, max_bytes=max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    html = decode_html(uri, data)
    if isinstance(html, Skipped):
        yield html
        return
    yield build_html_article(uri, html, format="html")


def build_html_article(
    uri: str, html: str, *, format: str, defaults: ArticleMeta | None = None
) -> Article | Skipped:
    """Extract ``html`` and build the Article; ``defaults`` fill what the page lacks."""
    document = extract_html(uri, html, url=defaults.url if defaults else None)
    if isinstance(document, Skipped):
        return document
    meta = _merge(defaults, document.meta) if defaults else document.meta
    return build_article(uri, document.text, meta=meta, format=format)


def decode_html(uri: str, data: bytes) -> str | Skipped:
    """Decode with the charset the page declares when it fits, else like any other input."""
    declared = _CHARSET.search(data[:4096])
    if declared and data.strip() and not looks_binary(data):
        try:
            text = data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            return text.removeprefix("\ufeff")
    return decode_input(uri, data)


def extract_html(uri: str, html: str, *, url: str | None = None) -> HtmlDocument | Skipped:
    """Main text and metadata of a page; NO_TEXT when there is none, MALFORMED when the
    parser fails (any exception: trafilatura and lxml raise many kinds)."""
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,
        )
    except Exception as e:  # a broken page is data, not a crash
        logger.debug("trafilatura failed on %s: %r", uri, e)
        return Skipped(uri=uri, reason=SkipReason.MALFORMED, detail=repr(e)[:_DETAIL_MAX])
    text = _attribute(document, "text") if document is not None else None
    if not text or not text.strip():
        return Skipped(uri=uri, reason=SkipReason.NO_TEXT, detail="no main text found")
    raw_date = _attribute(document, "date")
    parsed = parse_date_value(raw_date) if raw_date else None
    meta = ArticleMeta(
        title=_attribute(document, "title"),
        author=_attribute(document, "author"),
        url=_attribute(document, "url") or url,
        source=_attribute(document, "sitename"),
        published=parsed[0] if parsed else None,
        date_precision=parsed[1] if parsed else DatePrecision.UNKNOWN,
        date_source="metadata" if parsed else "none",
    )
    return HtmlDocument(text=text, meta=meta)


def _attribute(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    return value if isinstance(value, str) and value.strip() else None


def _merge(defaults: ArticleMeta, found: ArticleMeta) -> ArticleMeta:
    """Fields given with the record win over the ones found in the page."""
    dated = defaults if defaults.published is not None else found
    return ArticleMeta(
        title=defaults.title or found.title,
        author=defaults.author or found.author,
        url=defaults.url or found.url,
        source=defaults.source or found.source,
        published=dated.published,
        date_precision=dated.date_precision,
        date_source=dated.date_source,
    )
