"""Read input files into Articles (or Skipped records saying why not).

``read_inputs`` takes files, folders (read recursively, in sorted order, hidden names
skipped) and glob patterns, and dispatches each file on its suffix.
"""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from detente.errors import InputError
from detente.ingest._build import ArticleMeta, build_article, guess_title
from detente.ingest.feeds import read_feed_file
from detente.ingest.html import read_html_file
from detente.ingest.jsonl import read_jsonl_file
from detente.ingest.markdown import read_markdown_file
from detente.ingest.parquet import read_parquet_file
from detente.ingest.text import decode_bytes, read_text_file
from detente.ingest.warc import WarcFilter, read_warc_file
from detente.model import Article, Skipped, SkipReason

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ArticleMeta",
    "WarcFilter",
    "build_article",
    "decode_bytes",
    "guess_title",
    "read_inputs",
]

logger = logging.getLogger(__name__)


class _Reader(Protocol):
    def __call__(self, path: Path, *, max_bytes: int) -> Iterator[Article | Skipped]: ...


_READERS: dict[str, _Reader] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".md": read_markdown_file,
    ".markdown": read_markdown_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".xhtml": read_html_file,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".parquet": read_parquet_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
    ".feed.xml": read_feed_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
    ".arc.gz": read_warc_file,
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_READERS)
DEFAULT_MAX_BYTES = 50_000_000
_GLOB_CHARS = frozenset("*?[")


def read_inputs(
    paths: Sequence[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    warc_filter: WarcFilter | None = None,
) -> Iterator[Article | Skipped]:
    """Every article in ``paths``, in order; files a reader rejects come back as Skipped.

    Raises:
        InputError: at once, before anything is read, if a path does not exist and (as a
            glob pattern) matches nothing.
    """
    files = list(expand_paths(paths))
    return _read_files(files, max_bytes=max_bytes, warc_filter=warc_filter)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files named by ``paths``: each file once, in the order first named."""
    checked = [_expand_one(path) for path in paths]  # 1. fail early on a missing path
    seen: set[Path] = set()
    for files in checked:  # 2. then list the files
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file


def _expand_one(path: str | Path) -> Iterable[Path]:
    candidate = Path(path)
    if candidate.is_dir():
        return _walk(candidate)
    if candidate.exists():
        return [candidate]
    if isinstance(path, str) and _GLOB_CHARS & set(path):
        matches = sorted(glob.glob(path, recursive=True))
        if matches:
            return _expand_matches(matches)
        raise InputError(f"no input matches the pattern {path!r}")
    raise InputError(f"input path does not exist: {str(path)!r}")


def _expand_matches(matches: Sequence[str]) -> Iterator[Path]:
    for match in matches:
        found = Path(match)
        yield from _walk(found) if found.is_dir() else (found,)


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, sorted, skipping hidden files and folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _suffix(path: Path) -> str:
    """ ".warc.gz" for a compressed archive, else the last suffix."""
    double = "".join(path.suffixes[-2:]).lower()
    return double if double in _READERS else path.suffix.lower()


def _read_files(
    files: Sequence[Path], *, max_bytes: int, warc_filter: WarcFilter | None = None
) -> Iterator[Article | Skipped]:
    for path in files:
        suffix = _suffix(path)
        if suffix in (".warc", ".warc.gz", ".arc.gz"):
            yield from read_warc_file(path, max_bytes=max_bytes, filters=warc_filter)
            continue
        reader = _READERS.get(suffix)
        if reader is None:
            detail = f"unsupported suffix {path.suffix or '(none)'!r}"
            logger.debug("skipped %s: %s", path, detail)
            yield Skipped(uri=str(path), reason=SkipReason.UNSUPPORTED_FORMAT, detail=detail)
            continue
        yield from reader(path, max_bytes=max_bytes)
