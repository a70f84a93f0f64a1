"""A corpus of hostile inputs, written by the tests themselves (#8)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

ENGLISH = (
    "Russia closed its border with Belarus on 18 March 2020. Minsk protested against the "
    "closure and summoned the Russian ambassador, the foreign ministry said on Thursday."
)
RUSSIAN = "Министр иностранных дел России прибыл в Минск для переговоров с белорусской стороной. "


def _warc_record(url: str, body: bytes, ctype: str = "text/html") -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n".encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2020-03-20T08:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def page(text: str) -> bytes:
    return f"<html><body><article><p>{text}</p></article></body></html>".encode()


def write_corpus(root: Path, *, huge: bool = False) -> dict[str, str]:
    """Write every kind of bad input under ``root``; return file name -> what it is. With
    ``huge`` also the slow ones: a 200 MB single-line file, 100,000 sentences."""
    root.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, str] = {}

    def put(name: str, data: bytes, what: str) -> None:
        (root / name).write_bytes(data)
        kinds[name] = what

    put("empty.txt", b"", "empty")
    put("spaces.txt", b"   \n\t\n  ", "whitespace only")
    put("binary.txt", bytes(range(256)) * 40, "binary with a text suffix")
    put("nul.md", b"# Title\n\x00\x00\x00" * 100, "NUL bytes in markdown")
    put("cp1251.txt", (RUSSIAN * 5).encode("cp1251"), "cp1251 Russian page")
    put("utf16.txt", ("\ufeff" + ENGLISH).encode("utf-16-le"), "UTF-16 with BOM")
    put("mixed.txt", ENGLISH.encode() + b" \xff\xfe\xc3\x28 " + ENGLISH.encode(), "mixed encodings")
    put("one-word.txt", b"Belarus", "one word")
    put("nested.html", b"<div>" * 20_000 + b"deep" + b"</span>" * 100, "deeply nested broken HTML")
    put(
        "unclosed.html",
        b"<html><body><p>" + ENGLISH.encode() + b"<p><b><i><table><tr>",
        "unclosed tags",
    )
    put("script.html", b"<script>" + b"x" * 100_000, "a page that is all script")
    lines = [
        json.dumps({"text": ENGLISH}),
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"text": 5}),
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"html": "<p>" + ENGLISH + "</p>"}),
    ]
    put("broken.jsonl", "\n".join(lines).encode(), "JSONL with broken lines")
    put("truncated.jsonl", json.dumps({"text": ENGLISH})[:40].encode(), "a cut JSON line")
    french = (
        "La Russie a fermé sa frontière et Minsk a protesté contre la décision "
        "du gouvernement, selon le ministère des affaires étrangères. "
    )
    put("french.txt", french.encode() * 5, "not English (French)")
    put("russian-utf8.txt", (RUSSIAN * 5).encode(), "not English (Russian)")
    warc = _warc_record("https://a.example/1", page(ENGLISH))
    put("good.warc", warc, "a good WARC")
    put("truncated.warc.gz", gzip.compress(warc * 5)[:-40], "a truncated WARC.gz")
    put("corrupt.warc.gz", b"\x1f\x8b\x08\x00" + bytes(range(200)) * 20, "a corrupt gzip")
    put(
        "garbage.warc",
        b"WARC/1.0\r\nContent-Length: 99999999999\r\n\r\nshort",
        "a lying WARC header",
    )
    bomb = io.BytesIO()
    with gzip.GzipFile(fileobj=bomb, mode="wb", compresslevel=9) as gz:
        body = b"<html><body>" + b"A" * (120 * 1024 * 1024) + b"</body></html>"
        gz.write(_warc_record("https://bomb.example/", body))
    put("bomb.warc.gz", bomb.getvalue(), "a decompression bomb (120 MB in ~120 KB)")
    put("gzip-bomb.txt", gzip.compress(b"0" * (60 * 1024 * 1024)), "gzip bytes with a .txt suffix")
    put("fake.parquet", b"PAR1" + b"\x00" * 100, "not Parquet")
    put("broken.rss", b"<rss><channel><item><title>x", "a broken feed")
    put("fine.txt", ENGLISH.encode(), "a good article")
    if huge:
        put("huge-line.txt", b"word " * (40 * 1024 * 1024), "a 200 MB single line")
        many = " ".join(f"Belarus and Russia met on day {i}." for i in range(100_000))
        put("many-sentences.txt", many.encode(), "100,000 sentences")
    return kinds
