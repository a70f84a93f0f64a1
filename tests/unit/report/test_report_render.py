"""The static report, rendered from a hand-built store (#2, #5, #8)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from detente.api import cluster_store
from detente.model import (
    Actor,
    AnalyzedArticle,
    Article,
    DatePrecision,
    Event,
    EventActor,
    Mention,
    Modality,
    Sentence,
    Skipped,
    SkipReason,
    article_id,
)
from detente.report import write_report
from detente.storage.store import Store

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _article(text: str, title: str, published: date | None) -> Article:
    return Article(
        id=article_id(text), uri=f"mem://{title}", text=text, title=title, published=published
    )


def _event(art: Article, sent: Sentence, trigger: str, src: str, tgt: str, **kw: object) -> Event:
    start = art.text.index(trigger, sent.start_char)
    return Event(
        article_id=art.id,
        sentence_index=sent.index,
        trigger=trigger,
        trigger_start=start,
        trigger_end=start + len(trigger),
        source=EventActor(actor_id=src, name=src, country=src, sector="GOV", text=src),
        target=EventActor(actor_id=tgt, name=tgt, country=tgt, sector="GOV", text=tgt),
        event_type=str(kw.pop("event_type", "ACCUSE")),
        mode="",
        quad_class=int(kw.pop("quad_class", 3)),  # type: ignore[call-overload]
        intensity=float(kw.pop("intensity", -3.0)),  # type: ignore[arg-type]
        cameo="112",
        **kw,  # type: ignore[arg-type]
    )


def _store(tmp_path: Path) -> Store:
    text = f"Belarus accused Russia of lying. Russia could invade Belarus. {HOSTILE}"
    art = _article(text, f"Row {HOSTILE}", date(2020, 8, 5))
    s1 = Sentence(article_id=art.id, index=0, start_char=0, end_char=32, text=text[:32])
    s2 = Sentence(article_id=art.id, index=1, start_char=33, end_char=61, text=text[33:61])
    e1 = _event(
        art,
        s1,
        "accused",
        "BLR",
        "RUS",
        event_date=date(2020, 8, 4),
        date_precision=DatePrecision.DAY,
    )
    e2 = _event(
        art,
        s2,
        "invade",
        "RUS",
        "BLR",
        event_type="ASSAULT",
        quad_class=4,
        intensity=-9.0,
        modality=Modality.HYPOTHETICAL,
    )
    mentions = (
        Mention(
            article_id=art.id,
            sentence_index=0,
            start_char=0,
            end_char=7,
            text="Belarus",
            actor_id="BLR",
            method="name",
        ),
        Mention(
            article_id=art.id,
            sentence_index=0,
            start_char=16,
            end_char=22,
            text="Russia",
            actor_id="RUS",
            method="name",
        ),
        Mention(
            article_id=art.id,
            sentence_index=1,
            start_char=62,
            end_char=70,
            text="Qworpian",
            actor_id=None,
            method="unresolved",
        ),
    )
    store = Store.open(tmp_path / "r.duckdb")
    store.write_batch(
        [AnalyzedArticle(article=art, sentences=(s1, s2), mentions=mentions, events=(e1, e2))],
        [Skipped(uri="bad.bin", reason=SkipReason.BINARY, detail="NUL bytes")],
        [
            Actor(id="BLR", name="Belarus", kind="country", country="BLR", sector="GOV"),
            Actor(id="RUS", name="Russia", kind="country", country="RUS", sector="GOV"),
        ],
    )
    return store


def _render(tmp_path: Path) -> str:
    with _store(tmp_path) as store:
        cluster_store(store)
        path = write_report(
            store,
            tmp_path / "rep",
            question="Is Belarus moving away from Russia?",
            focus=("BLR", "RUS"),
        )
    assert path == tmp_path / "rep" / "index.html"
    return path.read_text(encoding="utf-8")


def test_report_shows_events_with_marked_triggers_and_counts_only_realised(tmp_path: Path) -> None:
    html = _render(tmp_path)
    assert "<mark>accused</mark>" in html
    assert "Belarus – Russia" in html
    assert "1 realised event cluster(s)" in html  # the hypothetical invasion is not counted
    assert "1 hypothetical, negated or habitual cluster(s) not counted" in html
    assert "not counted" in html and "hypothetical" in html


def test_report_lists_actors_unresolved_names_articles_and_skips(tmp_path: Path) -> None:
    html = _render(tmp_path)
    assert "Qworpian" in html
    assert "bad.bin" in html and "binary" in html
    assert "2020-08-05" in html


def test_report_is_self_contained_and_inert(tmp_path: Path) -> None:
    html = _render(tmp_path)
    scripts = re.findall(r"<script[^>]*>", html, flags=re.IGNORECASE)
    assert scripts and set(scripts) == {"<script>"}  # inline only: plotly.js and our charts
    assert html.count("<script>") == 2  # plotly.js, and one chart (Belarus – Russia)
    assert "alert(1)" not in html.replace("&lt;script&gt;alert(1)", "")
    assert "<img" not in html  # the payload appears only escaped, as text
    assert "&lt;script&gt;" in html
    # plotly.js (the first script) holds link strings it never loads; the page itself must not
    page = re.sub(r"<script>.*?</script>", "", html, count=1, flags=re.DOTALL)
    assert not re.search(r'(src|href)="(https?:)?//', page)  # no remote loads
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', html)
    assert csp and "default-src 'none'" in csp.group(1) and "connect-src 'none'" in csp.group(1)


def test_report_rewrites_in_place(tmp_path: Path) -> None:
    first = _render(tmp_path / "a")
    second = _render(tmp_path / "a")
    assert re.sub(r"Generated [^<]*", "", first) == re.sub(r"Generated [^<]*", "", second)
    assert [p.name for p in (tmp_path / "a" / "rep").iterdir()] == ["index.html"]
