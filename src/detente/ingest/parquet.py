"""Parquet datasets of articles: one row per article, the same fields as a JSON Lines record
(``text`` or ``html``; optional ``url, title, author, date, source``).

Rows are read in batches of ``BATCH_ROWS`` with pyarrow, only the columns detente uses, so a
file larger than memory streams. A date column may be a string or a date/timestamp type.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from detente.ingest.jsonl import record_article
from detente.model import Article, Skipped, SkipReason

BATCH_ROWS = 1_000
COLUMNS = ("text", "html", "url", "title", "author", "date", "published", "source", "site")


def read_parquet_file(path: Path, *, max_bytes: int) -> Iterator[Article | Skipped]:
    import pyarrow.parquet as pq

    base = str(path)
    try:
        parquet = pq.ParquetFile(path)
    except Exception as e:  # not Parquet, truncated footer, unreadable
        yield Skipped(
            uri=base, reason=SkipReason.MALFORMED, detail=f"not a Parquet file: {e}"[:200]
        )
        return
    names = set(parquet.schema_arrow.names)
    columns = [c for c in COLUMNS if c in names]
    if not {"text", "html"} & names:
        detail = f"no 'text' or 'html' column (columns: {', '.join(sorted(names))[:150]})"
        yield Skipped(uri=base, reason=SkipReason.MALFORMED, detail=detail)
        return
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            for record in batch.to_pylist():
                row += 1
                uri = f"{base}#{row}"
                size = sum(len(v) for v in record.values() if isinstance(v, str))
                if size > max_bytes:
                    yield Skipped(
                        uri=uri, reason=SkipReason.TOO_LARGE, detail=f"> {max_bytes} bytes"
                    )
                    continue
                yield record_article(uri, _plain(record), format="parquet")
    except Exception as e:  # a corrupt page in the middle: keep what was read, say where
        detail = f"unreadable after row {row}: {e!r}"[:200]
        yield Skipped(uri=base, reason=SkipReason.MALFORMED, detail=detail)


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """Dates and timestamps as ISO strings, the way a JSON record carries them."""
    out = {}
    for key, value in record.items():
        if value is None:
            continue
        out[key] = value.isoformat() if isinstance(value, date | datetime) else value
    return out
