"""Every rejected input comes back as Skipped with its reason, never as an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.ingest import read_inputs
from detente.model import Article, Skipped, SkipReason

BODY = "Poland and Lithuania held joint military exercises near the Suwałki gap on Friday."


def read_skip(path: Path, **kwargs: int) -> Skipped:
    [result] = list(read_inputs([path], **kwargs))
    assert isinstance(result, Skipped), result
    assert result.uri == str(path)
    return result


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.txt", b""),
        ("b.txt", b"  \n\t\r\n "),
        ("c.md", b"\n\n"),
        ("d.html", b""),
        ("e.jsonl", b""),
    ],
)
def test_ingest_skips_empty_files(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert read_skip(path).reason is SkipReason.EMPTY


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.jsonl"])
def test_ingest_skips_binary_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert read_skip(path).reason is SkipReason.BINARY


def test_ingest_skips_control_heavy_files_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"ab\x01\x02\x03\x04cd\x05\x06\x07\x08" * 50)
    assert read_skip(path).reason is SkipReason.BINARY


def test_ingest_skips_undecodable_files(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d " * 40)
    assert read_skip(path).reason is SkipReason.UNDECODABLE


@pytest.mark.parametrize("name", ["a.pdf", "a.docx", "README", "a.csv"])
def test_ingest_skips_unsupported_suffixes(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(BODY)
    skipped = read_skip(path)
    assert skipped.reason is SkipReason.UNSUPPORTED_FORMAT
    assert "suffix" in skipped.detail


def test_ingest_skips_files_larger_than_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY * 10)
    skipped = read_skip(path, max_bytes=100)
    assert skipped.reason is SkipReason.TOO_LARGE
    assert "max_bytes=100" in skipped.detail


def test_ingest_skips_text_that_is_only_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Leave a Reply\n\nBack to Top\n")
    skipped = read_skip(path)
    assert skipped.reason is SkipReason.NO_TEXT


def test_ingest_skips_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav></nav></body></html>")
    assert read_skip(path).reason is SkipReason.NO_TEXT


def test_ingest_reports_a_parser_failure_as_malformed(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    from detente.ingest.html import extract_html

    def explode(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", explode)
    skipped = extract_html("mem://page", "<html><body><p>x</p></body></html>")
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.MALFORMED
    assert "RecursionError" in skipped.detail


@pytest.mark.parametrize(
    ("front_matter", "detail"),
    [
        ("---\ntitle: [unclosed\n---\n", "invalid YAML"),
        ("---\n- a\n- b\n---\n", "mapping"),
        ("---\ntitle: no closing line\n", "closing"),
        ("---\ntitle: {a: 1}\n---\n", "title must be a string"),
        ("---\ndate: 12.5\n---\n", "date must be"),
    ],
)
def test_ingest_skips_markdown_with_invalid_front_matter(
    tmp_path: Path, front_matter: str, detail: str
) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"{front_matter}{BODY}\n")
    skipped = read_skip(path)
    assert skipped.reason is SkipReason.MALFORMED
    assert detail in skipped.detail


def test_ingest_jsonl_skips_broken_lines_and_reads_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"text": BODY}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": 42}),
        json.dumps({"text": BODY, "title": ["a", "list"]}),
        "",
        json.dumps({"text": BODY + " Again.", "date": 2020}),
        json.dumps({"text": "   "}),
        json.dumps({"text": BODY + " Finally."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    results = list(read_inputs([path]))
    by_line = {result.uri.rsplit("#L", 1)[1]: result for result in results}
    assert sorted(by_line, key=int) == ["1", "2", "3", "4", "5", "6", "8", "9", "10"]
    assert isinstance(by_line["1"], Article)
    assert isinstance(by_line["10"], Article)
    for lineno in ("2", "3", "4", "5", "6", "8"):
        skipped = by_line[lineno]
        assert isinstance(skipped, Skipped)
        assert skipped.reason is SkipReason.MALFORMED, skipped
    assert isinstance(by_line["9"], Skipped) and by_line["9"].reason is SkipReason.EMPTY


def test_ingest_jsonl_limits_each_line_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    small = json.dumps({"text": BODY})
    path.write_text("\n".join([small, json.dumps({"text": BODY * 20}), small]) + "\n")
    results = list(read_inputs([path], max_bytes=len(small) + 10))
    assert [type(r).__name__ for r in results] == ["Article", "Skipped", "Article"]
    assert isinstance(results[1], Skipped) and results[1].reason is SkipReason.TOO_LARGE
    assert results[2].uri.endswith("#L3")
