"""Bytes to text: byte-order marks, UTF-8 and the legacy code pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.ingest import decode_bytes, read_inputs
from detente.model import Article

ENGLISH = "Kazakhstan and Uzbekistan opened a new border crossing near Tashkent on Thursday."
RUSSIAN = "Министр иностранных дел России прибыл в Минск для переговоров с белорусской стороной."
FRENCH = "Le ministre français a rencontré son homologue allemand à Bruxelles, dit-on à l'Élysée."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_ingest_decodes_byte_order_marks(codec: str) -> None:
    data = ENGLISH.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        bom = "\ufeff".encode(codec)
        data = bom + data
    assert decode_bytes(data).lstrip("\ufeff") == ENGLISH  # type: ignore[union-attr]


def test_ingest_decodes_utf8_without_bom() -> None:
    assert decode_bytes(RUSSIAN.encode("utf-8")) == RUSSIAN


def test_ingest_decodes_cp1251_cyrillic() -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251")) == RUSSIAN


def test_ingest_decodes_cp1252_latin() -> None:
    assert decode_bytes(FRENCH.encode("cp1252")) == FRENCH


def test_ingest_rejects_implausible_legacy_text() -> None:
    assert decode_bytes(b"\x81\x8d\x8f\x90\x9d" * 20) is None


def test_ingest_reads_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(f"{ENGLISH}\n\n{ENGLISH}\n".encode("utf-16"))
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert article.text == f"{ENGLISH}\n\n{ENGLISH}"


def test_ingest_reads_cp1251_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert article.text == RUSSIAN


def test_ingest_html_uses_the_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    html = (
        '<html><head><meta charset="windows-1251"><title>Минск</title></head>'
        f"<body><article><p>{RUSSIAN} {RUSSIAN}</p></article></body></html>"
    )
    path.write_bytes(html.encode("cp1251"))
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert RUSSIAN in article.text
