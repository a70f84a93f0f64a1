"""WARC and WARC.gz files (web archives, Common Crawl News): one article per HTML response.

Records are read with FastWARC (``fastwarc==2.0.1``; its 2.x API) when it is installed, else
with ``warcio``; both stream, so a file of any size is read in bounded memory. Only
``response`` records with an HTML content type are articles; before the costly extraction a
record is dropped, as a recorded skip, when its host is not among the wanted ones or its crawl
date falls outside the wanted range (``WarcFilter``). A truncated or corrupt file ends with a
MALFORMED skip after every record read before the damage; a record over ``max_bytes`` is
skipped as TOO_LARGE. The crawl date (``WARC-Date``) is never taken as the publication date:
the page's own metadata gives that, and an undated page gets a window from its text.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from detente.ingest._build import ArticleMeta
from detente.ingest.html import build_html_article, decode_html
from detente.model import Article, Skipped, SkipReason

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml")


@dataclass(frozen=True, slots=True, kw_only=True)
class WarcFilter:
    """Which records are worth extracting: hosts (a record's host or any parent domain of
    it), and a crawl-date range. Empty means everything."""

    hosts: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None

    def reason(self, url: str, crawled: date | None) -> str | None:
        """Why a record is left out, or None to keep it."""
        if self.hosts:
            host = (urlsplit(url).hostname or "").lower()
            parts = host.split(".")
            if not any(".".join(parts[i:]) in self.hosts for i in range(len(parts))):
                return f"host {host or '?'} not wanted"
        if crawled is not None:
            if self.since and crawled < self.since:
                return f"crawled {crawled} before {self.since}"
            if self.until and crawled > self.until:
                return f"crawled {crawled} after {self.until}"
        return None


@dataclass(frozen=True, slots=True)
class _Record:
    url: str
    crawled: date | None
    content_type: str
    length: int
    read: Any  # () -> bytes


def read_warc_file(
    path: Path, *, max_bytes: int, filters: WarcFilter | None = None
) -> Iterator[Article | Skipped]:
    """Every HTML response of a WARC file as an Article, in file order."""
    filters = filters or WarcFilter()
    base = str(path)
    if not _backend_available():
        detail = "reading WARC needs FastWARC or warcio: pip install 'detente[warc]'"
        yield Skipped(uri=base, reason=SkipReason.UNSUPPORTED_FORMAT, detail=detail)
        return
    n = pages = 0
    try:
        for record in _records(path):
            n += 1
            uri = f"{base}#{n}:{record.url}"
            if not record.content_type.lower().startswith(_HTML_TYPES):
                continue  # images, scripts, robots.txt: not articles, not worth a skip row
            pages += 1
            why = filters.reason(record.url, record.crawled)
            if why is not None:
                yield Skipped(uri=uri, reason=SkipReason.FILTERED, detail=why)
                continue
            if record.length > max_bytes:
                detail = f"{record.length} bytes > {max_bytes}"
                yield Skipped(uri=uri, reason=SkipReason.TOO_LARGE, detail=detail)
                continue
            page = decode_html(uri, record.read())
            if isinstance(page, Skipped):
                yield page
                continue
            yield build_html_article(uri, page, format="warc", defaults=ArticleMeta(url=record.url))
        if not pages:  # nothing to show for the file: say so rather than leave no trace
            detail = f"no HTML response among {n} WARC response record(s)"
            yield Skipped(uri=base, reason=SkipReason.NO_TEXT, detail=detail)
        if path.suffix.lower() == ".gz" and not _gzip_complete(path):
            detail = f"truncated: the compressed stream ends inside a record after record {n}"
            yield Skipped(uri=base, reason=SkipReason.MALFORMED, detail=detail)
    except (PermissionError, FileNotFoundError, IsADirectoryError) as e:
        yield Skipped(uri=base, reason=SkipReason.UNREADABLE, detail=str(e)[:200])
    except Exception as e:  # a truncated gzip member or a broken header: data, not a crash
        logger.debug("WARC %s broken after %d records: %r", base, n, e)
        detail = f"unreadable after record {n}: {e!r}"[:200]
        yield Skipped(uri=base, reason=SkipReason.MALFORMED, detail=detail)


def _gzip_complete(path: Path, chunk: int = 1 << 20) -> bool:
    """Does every gzip member of the file end properly? A reader may stop quietly at a cut;
    this streams the file once more (decompression is cheap next to everything after it)."""
    member = zlib.decompressobj(zlib.MAX_WBITS | 16)
    pending = False  # bytes fed to a member that has not ended yet
    with path.open("rb") as fh:
        while data := fh.read(chunk):
            while data:
                try:
                    member.decompress(data)
                except zlib.error:
                    return False
                pending = True
                if member.eof:
                    data = member.unused_data
                    member = zlib.decompressobj(zlib.MAX_WBITS | 16)
                    pending = False
                else:
                    data = b""
    return not pending


def _backend_available() -> bool:
    import importlib.util

    return any(importlib.util.find_spec(m) is not None for m in ("fastwarc", "warcio"))


def _records(path: Path) -> Iterator[_Record]:
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:  # pragma: no cover - exercised where FastWARC is not installed
        yield from _warcio_records(path)
        return
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
            headers = rec.http_headers
            yield _Record(
                url=rec.headers.get("WARC-Target-URI") or "",
                crawled=rec.record_date.date() if rec.record_date else None,
                content_type=(headers.get("Content-Type") if headers else None) or "",
                length=int(rec.content_length or 0),
                read=rec.reader.read,
            )


def _warcio_records(path: Path) -> Iterator[_Record]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type != "response":
                continue
            headers = rec.http_headers
            yield _Record(
                url=rec.rec_headers.get_header("WARC-Target-URI") or "",
                crawled=_warc_date(rec.rec_headers.get_header("WARC-Date")),
                content_type=(headers.get_header("Content-Type") if headers else None) or "",
                length=int(rec.rec_headers.get_header("Content-Length") or 0),
                read=rec.content_stream().read,
            )


def _warc_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None
