"""The Markdown reader: YAML front matter for metadata, markup stripped from the body."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from detente.ingest._build import ArticleMeta, build_article, read_meta_fields
from detente.ingest.text import decode_input, read_file_bytes
from detente.model import Article, Skipped, SkipReason
from detente.stages.clean import strip_markdown

logger = logging.getLogger(__name__)

_OPENING = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^\s*(?:```|~~~)")


def read_markdown_file(path: Path, *, max_bytes: int) -> Iterator[Article | Skipped]:
    """A Markdown article; invalid front matter is Skipped(MALFORMED)."""
    uri = str(path)
    data = read_file_bytes(path, max_bytes=max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    text = decode_input(uri, data)
    if isinstance(text, Skipped):
        yield text
        return
    parsed = split_front_matter(text)
    if isinstance(parsed, str):
        logger.debug("skipped %s: malformed front matter: %s", uri, parsed)
        yield Skipped(uri=uri, reason=SkipReason.MALFORMED, detail=parsed)
        return
    meta, body = parsed
    yield build_article(uri, markdown_to_text(body), meta=meta, format="md")


def split_front_matter(text: str) -> tuple[ArticleMeta, str] | str:
    """Metadata and body of a Markdown document, or what is wrong with its front matter."""
    opening = _OPENING.match(text)
    if opening is None:
        return ArticleMeta(), text
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        return "front matter has no closing '---' line"
    try:
        record = yaml.safe_load(text[opening.end() : closing.start()])
    except yaml.YAMLError as e:
        return f"invalid YAML front matter: {_first_line(str(e))}"
    if record is None:
        record = {}
    if not isinstance(record, dict):
        return f"front matter must be a mapping, not {type(record).__name__}"
    meta = read_meta_fields({str(key): value for key, value in record.items()})
    if isinstance(meta, str):
        return f"front matter: {meta}"
    return meta, text[closing.end() :]


def markdown_to_text(body: str) -> str:
    """Plain text from Markdown: fences, rules and images dropped, links and emphasis
    unwrapped, heading marks removed; list items stay as lines."""
    lines = [line for line in body.splitlines() if not _FENCE.match(line)]
    return strip_markdown("\n".join(lines))


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "unknown error"
