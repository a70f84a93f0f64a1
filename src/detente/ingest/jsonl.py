"""The JSON Lines reader: one article per line, with ``text`` or ``html``.

The file is streamed line by line, so ``max_bytes`` limits each line, not the file: a
corpus export may be far larger than one article. A broken line is Skipped(MALFORMED) and
the other lines are still read. Each line's uri is ``f"{path}#L{lineno}"``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from detente.ingest._build import build_article, read_meta_fields
from detente.ingest.html import build_html_article
from detente.ingest.text import decode_input, looks_binary
from detente.model import Article, Skipped, SkipReason

logger = logging.getLogger(__name__)

_SNIFF_BYTES = 8192


def read_jsonl_file(path: Path, *, max_bytes: int) -> Iterator[Article | Skipped]:
    """Every record of a JSON Lines file, in order."""
    uri = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
            if not head.strip() and not handle.read(1):
                yield Skipped(uri=uri, reason=SkipReason.EMPTY)
                return
            if looks_binary(head):
                yield Skipped(uri=uri, reason=SkipReason.BINARY, detail="NUL or control bytes")
                return
            handle.seek(0)
            n = 0
            for item in _read_lines(uri, handle, max_bytes=max_bytes):
                n += 1
                yield item
            if not n:  # blank lines and a byte-order mark only: say so, never leave no trace
                yield Skipped(uri=uri, reason=SkipReason.EMPTY, detail="no records")
    except OSError as e:
        detail = f"{type(e).__name__}: {e.strerror or e}"
        yield Skipped(uri=uri, reason=SkipReason.UNREADABLE, detail=detail)


def _read_lines(uri: str, handle: BinaryIO, *, max_bytes: int) -> Iterator[Article | Skipped]:
    lineno = 0
    while data := handle.readline(max_bytes + 1):
        lineno += 1
        line_uri = f"{uri}#L{lineno}"
        if len(data) > max_bytes and not data.endswith(b"\n"):
            yield Skipped(uri=line_uri, reason=SkipReason.TOO_LARGE, detail=f"> {max_bytes} bytes")
            _skip_rest_of_line(handle, max_bytes)
            continue
        if lineno == 1:
            data = data.removeprefix(b"\xef\xbb\xbf")
        if data.strip():
            yield read_record(line_uri, data)


def _skip_rest_of_line(handle: BinaryIO, max_bytes: int) -> None:
    while chunk := handle.readline(max_bytes + 1):
        if chunk.endswith(b"\n"):
            return


def read_record(uri: str, data: bytes) -> Article | Skipped:
    """One JSON Lines record: decoded, parsed, checked and built."""
    text = decode_input(uri, data)
    if isinstance(text, Skipped):
        return text
    try:
        record = json.loads(text)
    except json.JSONDecodeError as e:
        return _malformed(uri, f"invalid JSON: {e.msg} at column {e.colno}")
    if not isinstance(record, dict):
        return _malformed(uri, f"a record must be a JSON object, not {type(record).__name__}")
    return record_article(uri, record, format="jsonl")


def record_article(uri: str, record: dict[str, Any], *, format: str) -> Article | Skipped:
    """An article from one record (a JSON object, a Parquet row): ``text`` or ``html`` and
    the optional ``url, title, author, date, source``."""
    meta = read_meta_fields(record)
    if isinstance(meta, str):
        return _malformed(uri, meta)
    body, html = record.get("text"), record.get("html")
    for name, value in (("text", body), ("html", html)):
        if value is not None and not isinstance(value, str):
            return _malformed(uri, f"{name} must be a string, not {type(value).__name__}")
    if isinstance(body, str) and body.strip():
        return build_article(uri, body, meta=meta, format=format)
    if isinstance(html, str) and html.strip():
        return build_html_article(uri, html, format=format, defaults=meta)
    if body is not None or html is not None:
        return Skipped(uri=uri, reason=SkipReason.EMPTY, detail="text and html are empty")
    return _malformed(uri, "a record needs a 'text' or 'html' field")


def _malformed(uri: str, detail: str) -> Skipped:
    logger.debug("skipped %s: malformed: %s", uri, detail)
    return Skipped(uri=uri, reason=SkipReason.MALFORMED, detail=detail)
