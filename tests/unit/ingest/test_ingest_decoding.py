"""Bytes to text: byte-order marks, UTF-8 and the legacy code pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.ingest import decode_bytes, read_inputs
from detente.model import Article, Skipped, SkipReason

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


QUOTING = (
    "The ministry in Minsk published a statement in Russian on Thursday, and the state agency "
    "quoted it in full for its readers at home and abroad: "
    + RUSSIAN
    + " Officials later said that the talks would go on for at least another week."
)


def test_ingest_reads_cp1251_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(QUOTING.encode("cp1251"))
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert RUSSIAN in article.text


def test_a_russian_article_is_decoded_then_skipped_as_not_english(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes((RUSSIAN + " " + RUSSIAN).encode("cp1251"))
    [item] = list(read_inputs([path]))
    assert isinstance(item, Skipped) and item.reason == SkipReason.WRONG_LANGUAGE
    assert "Latin script" in (item.detail or "")


def test_ingest_html_uses_the_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    html = (
        '<html><head><meta charset="windows-1251"><title>Минск</title></head>'
        f"<body><article><p>{QUOTING}</p></article></body></html>"
    )
    path.write_bytes(html.encode("cp1251"))
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert RUSSIAN in article.text


@pytest.mark.parametrize(
    "text",
    [
        "La Russie a fermé sa frontière avec la Biélorussie le 18 mars 2020, et Minsk a protesté "
        "contre cette fermeture. Le ministre a convoqué l'ambassadeur pour lui dire que la "
        "décision était injuste et que les deux pays devaient en discuter au plus vite. " * 2,
        "Russland hat am 18. März 2020 seine Grenze zu Belarus geschlossen, und Minsk hat "
        "dagegen protestiert. Der Minister bestellte den Botschafter ein und sagte, die "
        "Entscheidung sei ungerecht und beide Länder müssten schnell darüber reden. " * 2,
    ],
)
def test_latin_script_foreign_articles_are_skipped(tmp_path: Path, text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    [item] = list(read_inputs([path]))
    assert isinstance(item, Skipped) and item.reason == SkipReason.WRONG_LANGUAGE
