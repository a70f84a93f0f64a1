"""Each reader turns a small file into an Article with its metadata."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from detente.ingest import read_inputs
from detente.model import Article, DatePrecision, Skipped, article_id

BODY = (
    "Estonia and Latvia agreed on Monday to build a joint electricity interconnector, the two"
    " governments said in a statement after talks in Riga."
)
SECOND = "Lithuania said it would join the project once the first section is finished next year."


def read_one(path: Path) -> Article:
    [result] = list(read_inputs([path]))
    assert isinstance(result, Article), result
    return result


def test_ingest_reads_text_with_title_and_dateline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"Baltic States Agree Power Link\n\nMay 30, 2020\n\n{BODY}\n\nLeave a Reply\n")
    article = read_one(path)
    assert article.title == "Baltic States Agree Power Link"
    assert article.text == f"Baltic States Agree Power Link\n\n{BODY}"
    assert article.published == date(2020, 5, 30)
    assert article.date_precision is DatePrecision.DAY
    assert article.date_source == "dateline"
    assert article.published_from == article.published_to == date(2020, 5, 30)
    assert article.format == "txt"
    assert article.uri == str(path)
    assert article.id == article_id(article.text)
    assert article.removed_lines == 2
    assert article.language == "en"


def test_ingest_text_title_is_none_for_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "a.text"
    path.write_text(f"{BODY}\n\n{SECOND}\n")
    article = read_one(path)
    assert article.title is None
    assert article.published is None
    assert article.date_source == "none"


def test_ingest_reads_markdown_front_matter_and_strips_markup(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\n"
        "title: Baltic Power Link\n"
        "url: https://news.example/baltic\n"
        "author: [Mari Tamm, Janis Ozols]\n"
        "date: 2021-03-04\n"
        "site: Baltic Wire\n"
        "---\n"
        "# Baltic Power Link\n\n"
        f"**Estonia** and [Latvia](https://lv.example) {BODY[19:]}\n\n"
        "![a map](map.png)\n\n"
        "- first bullet of the list\n- second bullet of the list\n\n---\n\n"
        f"_{SECOND}_\n"
    )
    article = read_one(path)
    assert article.title == "Baltic Power Link"
    assert article.url == "https://news.example/baltic"
    assert article.author == "Mari Tamm, Janis Ozols"
    assert article.source == "Baltic Wire"
    assert article.published == date(2021, 3, 4)
    assert article.date_source == "metadata"
    assert article.format == "md"
    assert BODY in article.text
    assert SECOND in article.text
    assert "- first bullet of the list\n- second bullet of the list" in article.text
    for markup in ("#", "**", "](", "![", "---", "_"):
        assert markup not in article.text


def test_ingest_markdown_month_date_has_month_precision(tmp_path: Path) -> None:
    path = tmp_path / "a.markdown"
    path.write_text(f"---\ndate: '2021-03'\n---\n{BODY}\n")
    article = read_one(path)
    assert article.published == date(2021, 3, 1)
    assert article.date_precision is DatePrecision.MONTH
    assert (article.published_from, article.published_to) == (date(2021, 3, 1), date(2021, 3, 31))


def test_ingest_reads_html_with_trafilatura(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>Baltic Power Link | Baltic Wire</title>"
        '<meta name="author" content="Mari Tamm">'
        '<meta property="og:site_name" content="Baltic Wire">'
        '<meta property="article:published_time" content="2021-03-04"></head>'
        "<body><nav><a href='/'>Home</a></nav><article><h1>Baltic Power Link</h1>"
        f"<p>{BODY}</p><p>{SECOND}</p></article>"
        "<footer><p>Leave a Reply</p></footer></body></html>"
    )
    article = read_one(path)
    assert BODY in article.text
    assert SECOND in article.text
    assert "Leave a Reply" not in article.text
    assert article.title == "Baltic Power Link"
    assert article.author == "Mari Tamm"
    assert article.source == "Baltic Wire"
    assert article.published == date(2021, 3, 4)
    assert article.date_source == "metadata"
    assert article.format == "html"


def test_ingest_reads_jsonl_records_with_text_and_html(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    records = [
        {"text": BODY, "title": "Power Link", "url": "https://a.example", "date": "2021-03-04"},
        {
            "html": f"<html><body><article><p>{SECOND} {BODY}</p></article></body></html>",
            "source": "Baltic Wire",
            "author": "Mari Tamm",
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n")
    first, second = list(read_inputs([path]))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.uri, second.uri) == (f"{path}#L1", f"{path}#L2")
    assert first.text == BODY
    assert first.title == "Power Link"
    assert first.url == "https://a.example"
    assert first.published == date(2021, 3, 4)
    assert SECOND in second.text
    assert second.source == "Baltic Wire"
    assert second.author == "Mari Tamm"
    assert {first.format, second.format} == {"jsonl"}


def test_ingest_ignores_dates_outside_1900_to_2100(tmp_path: Path) -> None:
    path = tmp_path / "a.ndjson"
    path.write_text(json.dumps({"text": BODY, "date": "1850-01-01"}) + "\n")
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert article.published is None
    assert article.date_precision is DatePrecision.UNKNOWN


def test_ingest_same_text_twice_gets_the_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{BODY}\n")
    (tmp_path / "b.txt").write_text(f"{BODY}\n\n437 reads\n")
    first, second = list(read_inputs([tmp_path]))
    assert not isinstance(first, Skipped) and not isinstance(second, Skipped)
    assert first.id == second.id
