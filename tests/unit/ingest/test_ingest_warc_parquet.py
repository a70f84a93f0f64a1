"""WARC / WARC.gz and Parquet inputs, from small files the tests write themselves (#7)."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest

from detente.ingest import WarcFilter, read_inputs
from detente.ingest.warc import _warcio_records, read_warc_file
from detente.model import Article, Skipped, SkipReason

PAGE = (
    "<html><head><title>{title}</title><meta name='date' content='2020-03-19'></head><body>"
    "<article><h1>{title}</h1><p>Russia closed its border with Belarus on 18 March 2020. "
    "Minsk protested against the closure and summoned the Russian ambassador.</p>"
    "<p>{extra}</p></article></body></html>"
)


def write_warc(path: Path, records: list[tuple[str, str, bytes]], *, gz: bool) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, ctype, body in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2020-03-20T08:00:00Z"},
            )
            writer.write_record(record)
            record.raw_stream.close()  # warcio spools the payload to a temporary file
            record._orig_stream.close()
    return path


def _page(title: str, extra: str = "") -> bytes:
    return PAGE.format(title=title, extra=extra).encode("utf-8")


RECORDS = [
    ("https://news.example.com/border", "text/html; charset=utf-8", _page("Border closed")),
    ("https://news.example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
    ("https://blog.other.org/post", "text/html", _page("Other blog", "A different story.")),
]


@pytest.mark.parametrize("gz", [False, True])
def test_html_responses_become_articles(tmp_path: Path, gz: bool) -> None:
    path = write_warc(tmp_path / ("a.warc.gz" if gz else "a.warc"), RECORDS, gz=gz)
    items = list(read_inputs([path]))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.url for a in articles] == [
        "https://news.example.com/border",
        "https://blog.other.org/post",
    ]
    assert articles[0].title == "Border closed" and articles[0].format == "warc"
    assert articles[0].published == date(2020, 3, 19)  # the page's date, not the crawl date
    assert "Minsk protested" in articles[0].text
    assert all(isinstance(i, Article) for i in items)  # an image is not an article, not a skip


def test_hosts_and_crawl_dates_filter_before_extraction(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "a.warc.gz", RECORDS, gz=True)
    keep_news = WarcFilter(hosts=frozenset({"example.com"}))
    items = list(read_warc_file(path, max_bytes=10_000_000, filters=keep_news))
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [i.url for i in items if isinstance(i, Article)] == ["https://news.example.com/border"]
    assert [s.reason for s in skipped] == [SkipReason.FILTERED]
    assert "blog.other.org" in (skipped[0].detail or "")
    later = WarcFilter(since=date(2021, 1, 1))
    items = list(read_warc_file(path, max_bytes=10_000_000, filters=later))
    assert {i.reason for i in items if isinstance(i, Skipped)} == {SkipReason.FILTERED}


def test_a_truncated_warc_keeps_what_was_read_and_says_where_it_broke(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "a.warc.gz", RECORDS * 3, gz=True)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    items = list(read_inputs([cut]))
    assert any(isinstance(i, Article) for i in items)
    last = items[-1]
    assert isinstance(last, Skipped) and last.reason in (SkipReason.MALFORMED, SkipReason.NO_TEXT)


def test_garbage_with_a_warc_suffix_is_a_skip_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00 not really gzip at all" * 10)
    items = list(read_inputs([path]))
    assert all(isinstance(i, Skipped) for i in items)


def test_an_oversized_record_is_skipped(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "a.warc", RECORDS[:1], gz=False)
    items = list(read_warc_file(path, max_bytes=100))
    assert [i.reason for i in items if isinstance(i, Skipped)] == [SkipReason.TOO_LARGE]


def test_the_warcio_fallback_reads_the_same_records(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "a.warc.gz", RECORDS, gz=True)
    urls = [r.url for r in _warcio_records(path)]
    assert urls == [u for u, _, _ in RECORDS]


def write_parquet(path: Path, rows: list[dict[str, object]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def test_parquet_rows_become_articles(tmp_path: Path) -> None:
    rows = [
        {"text": "Russia closed its border with Belarus. Minsk protested.", "title": "One",
         "url": "https://a.example/1", "date": datetime(2020, 3, 19, 10, 0), "html": None},
        {"text": None, "title": "Two", "url": "https://a.example/2", "date": None,
         "html": PAGE.format(title="Two", extra="")},
        {"text": "", "title": "Empty", "url": None, "date": None, "html": ""},
    ]  # fmt: skip
    items = list(read_inputs([write_parquet(tmp_path / "articles.parquet", rows)]))
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in arts] == ["One", "Two"]
    assert arts[0].published == date(2020, 3, 19) and arts[0].format == "parquet"
    assert [i.reason for i in items if isinstance(i, Skipped)] == [SkipReason.EMPTY]
    assert items[2].uri.endswith("articles.parquet#3")


def test_parquet_without_a_text_column_or_not_parquet_at_all(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "wrong.parquet", [{"body": "x"}])
    [item] = list(read_inputs([path]))
    assert isinstance(item, Skipped) and "no 'text' or 'html' column" in (item.detail or "")
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 this is not parquet")
    [item] = list(read_inputs([bad]))
    assert isinstance(item, Skipped) and item.reason == SkipReason.MALFORMED


def test_a_warc_runs_through_analyze_with_its_filters(tmp_path: Path, pipeline: object) -> None:
    from detente.api import analyze
    from detente.config import Settings
    from detente.storage.store import Store

    path = write_warc(tmp_path / "crawl.warc.gz", RECORDS, gz=True)
    settings = Settings(db=tmp_path / "s.duckdb")
    only_news = WarcFilter(hosts=frozenset({"example.com"}))
    summary = analyze([path], settings=settings, pipeline=pipeline, report=False,  # type: ignore[arg-type]
                      warc_filter=only_news)  # fmt: skip
    assert summary.new_articles == 1
    with Store.open(settings.db, read_only=True) as store:
        rows = store.query("SELECT url, format FROM articles")
        skipped = store.query("SELECT reason FROM skipped")
        dyads = store.top_dyads()
    assert rows == [{"url": "https://news.example.com/border", "format": "warc"}]
    assert skipped == [{"reason": "filtered"}]
    assert any({a, b} == {"RUS", "BLR"} for a, b, _ in dyads)
