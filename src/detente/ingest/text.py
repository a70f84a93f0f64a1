"""Bytes to text for every reader, and the plain-text reader.

Decoding order: a byte-order mark (UTF-32, UTF-8, UTF-16), then strict UTF-8, then one
legacy code page (cp1251 when the bytes read as Cyrillic, else cp1252, else latin-1) kept
only when the result looks like text.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from detente.ingest._build import ArticleMeta, build_article
from detente.model import Article, DatePrecision, Skipped, SkipReason
from detente.stages.clean import parse_date_line

logger = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}
_MAX_CONTROL_SHARE = 0.05
_DATELINE_LINES = 15
_COMMON_EXTRA = frozenset("ЁёІіЇїЄєЎўҐґ")


def read_file_bytes(path: Path, *, max_bytes: int) -> bytes | Skipped:
    """The file's bytes, or Skipped(TOO_LARGE) without reading past ``max_bytes``."""
    uri = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _skip(uri, SkipReason.TOO_LARGE, f"{size} bytes > max_bytes={max_bytes}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as e:
        return _skip(uri, SkipReason.UNREADABLE, f"{type(e).__name__}: {e.strerror or e}")
    if len(data) > max_bytes:  # the file grew after stat()
        return _skip(uri, SkipReason.TOO_LARGE, f"more than max_bytes={max_bytes}")
    return data


def decode_input(uri: str, data: bytes) -> str | Skipped:
    """Decode ``data``, or say why not: EMPTY, BINARY or UNDECODABLE."""
    if not data.strip():
        return _skip(uri, SkipReason.EMPTY)
    if looks_binary(data):
        return _skip(uri, SkipReason.BINARY, "NUL or control bytes")
    text = decode_bytes(data)
    if text is None:
        return _skip(uri, SkipReason.UNDECODABLE, "not UTF-8 and no plausible legacy encoding")
    if not text.strip():
        return _skip(uri, SkipReason.EMPTY)
    return text


def looks_binary(data: bytes) -> bool:
    """NUL bytes without a UTF-16/32 byte-order mark, or many control bytes."""
    if any(data.startswith(bom) for bom, codec in _BOMS if codec != "utf-8-sig"):
        return False
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return controls > _MAX_CONTROL_SHARE * len(head)


def decode_bytes(data: bytes) -> str | None:
    """Text from bytes: BOM, then UTF-8, then a plausible legacy code page; None if none fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for codec in _legacy_codecs(data):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _is_plausible(text) and (codec != "cp1251" or _is_common_cyrillic(text)):
            logger.debug("decoded as %s", codec)
            return text
    return None


_HIGH_RUN = re.compile(rb"[\xc0-\xff\xa8\xb8]{3,}")
_HIGH = re.compile(rb"[\x80-\xff]")


def _legacy_codecs(data: bytes) -> tuple[str, ...]:
    """cp1251 first when the high bytes read as Cyrillic words, else cp1252 first.

    Cyrillic text in cp1251 is whole words of high bytes; Western text in cp1252 has a high
    byte here and there inside ASCII words ("Élysée", "Größe"). So what decides is the share
    of high bytes standing in runs of three or more, not their share of all letters: an
    English article quoting a Russian statement is still cp1251."""
    sample = data[: _SNIFF_BYTES * 8]
    high = len(_HIGH.findall(sample))
    in_runs = sum(len(m.group()) for m in _HIGH_RUN.finditer(sample))
    cyrillic = high > 0 and in_runs / high >= 0.5
    return ("cp1251", "cp1252", "latin-1") if cyrillic else ("cp1252", "cp1251", "latin-1")


def _is_plausible(text: str) -> bool:
    """Mostly letters, digits, punctuation and spaces; almost no control characters."""
    sample = text[:_SNIFF_BYTES]
    controls = sum(
        1 for c in sample if (ord(c) < 0x20 and c not in "\t\n\r\f") or 0x7F <= ord(c) < 0xA0
    )
    if controls > 0.01 * len(sample):
        return False
    visible = [c for c in sample if not c.isspace()]
    wordy = sum(1 for c in visible if c.isalnum() or c in ".,;:!?'\"()-–—%$€£/&@#")
    return wordy >= 0.8 * max(1, len(visible))


def _is_common_cyrillic(text: str) -> bool:
    """Russian, Belarusian and Ukrainian letters, not cp1251's rarer Serbian and Macedonian
    letters, which is what random high bytes decode to."""
    cyrillic = [c for c in text[:_SNIFF_BYTES] if "\u0400" <= c <= "\u04ff"]
    common = sum(1 for c in cyrillic if "\u0410" <= c <= "\u044f" or c in _COMMON_EXTRA)
    return common >= 0.8 * len(cyrillic)


def read_text_file(path: Path, *, max_bytes: int) -> Iterator[Article | Skipped]:
    """A plain-text article: title from the first line, date from a dateline near the top."""
    data = read_file_bytes(path, max_bytes=max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    text = decode_input(str(path), data)
    if isinstance(text, Skipped):
        yield text
        return
    published = find_dateline(text)
    meta = ArticleMeta(
        published=published,
        date_precision=DatePrecision.DAY if published else DatePrecision.UNKNOWN,
        date_source="dateline" if published else "none",
    )
    yield build_article(str(path), text, meta=meta, format="txt")


def find_dateline(text: str) -> date | None:
    """The date of a standalone date line among the first non-empty lines."""
    lines = (line.strip().strip("*_#> ") for line in text.splitlines())
    for count, line in enumerate(line for line in lines if line):
        if count >= _DATELINE_LINES:
            break
        found = parse_date_line(line)
        if found is not None:
            return found
    return None


def _skip(uri: str, reason: SkipReason, detail: str = "") -> Skipped:
    logger.debug("skipped %s: %s %s", uri, reason.value, detail)
    return Skipped(uri=uri, reason=reason, detail=detail)
