"""The static report in a real browser: a chart bar clicked down to its sentences."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from detente import api
from detente.model import (
    Actor,
    AnalyzedArticle,
    Article,
    DatePrecision,
    Event,
    EventActor,
    Sentence,
    article_id,
)
from detente.storage.store import Store

pytestmark = pytest.mark.browser

REPORTS = [
    ("Belarusian police detained 32 Russian mercenaries near Minsk.", "detained", "BBC", 29),
    ("Minsk detains 32 Russian mercenaries of the Wagner group.", "detains", "Reuters", 30),
    ("Russia accused Belarus of staging a provocation.", "accused", "TASS", 31),
]


def _doc(text: str, trigger: str, outlet: str, day: int) -> AnalyzedArticle:
    aid = article_id(text)
    when = date(2020, 7, day)
    art = Article(
        id=aid,
        uri=f"mem://{outlet}",
        text=text,
        title=f"{outlet} report",
        source=outlet,
        published=when,
    )
    hostile = "RUS" if trigger == "accused" else "BLR"
    other = "BLR" if hostile == "RUS" else "RUS"
    start = text.index(trigger)
    event = Event(
        article_id=aid,
        sentence_index=0,
        trigger=trigger,
        trigger_start=start,
        trigger_end=start + len(trigger),
        source=EventActor(
            actor_id=hostile, name=hostile, country=hostile, sector="GOV", text=hostile
        ),
        target=EventActor(actor_id=other, name=other, country=other, sector="GOV", text=other),
        event_type="ACCUSE" if trigger == "accused" else "COERCE",
        mode="",
        quad_class=3 if trigger == "accused" else 4,
        intensity=-3.0 if trigger == "accused" else -5.0,
        cameo="112",
        event_date=when,
        date_precision=DatePrecision.DAY,
    )
    sentence = Sentence(article_id=aid, index=0, start_char=0, end_char=len(text), text=text)
    return AnalyzedArticle(article=art, sentences=(sentence,), events=(event,))


@pytest.fixture
def report(tmp_path: Path) -> Path:
    with Store.open(tmp_path / "b.duckdb") as store:
        store.write_batch(
            [_doc(*r) for r in REPORTS],
            actors=[
                Actor(id="BLR", name="Belarus", kind="country", country="BLR", sector="GOV"),
                Actor(id="RUS", name="Russia", kind="country", country="RUS", sector="GOV"),
            ],
        )
        api.cluster_store(store)
    return api.write_report(
        tmp_path / "b.duckdb", tmp_path / "rep", question="Is Belarus moving away from Russia?"
    )


def test_chart_bar_click_lists_the_period_clusters_with_sentences(
    page: Any, report: Path, shot: Any
) -> None:
    page.goto(report.as_uri())
    plot = page.locator("#plot-0")
    plot.wait_for(state="visible")
    plot.scroll_into_view_if_needed()
    shot(page, "report-dyad-chart")
    drawn = [
        box
        for box in (b.bounding_box() for b in page.locator("#plot-0 .bars path").all())
        if box and box["height"] > 2
    ]
    assert len(drawn) == 2  # 2020-07: one material-conflict bar, one verbal-conflict bar
    box = drawn[0]
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    picked = page.locator("#clusters-0 tbody tr.picked")
    picked.first.wait_for(state="visible")
    assert picked.count() == 2  # two clusters: the detention (two outlets) and the accusation
    detention = page.locator("#clusters-0 tbody tr.picked", has_text="2 source(s)")
    assert detention.count() == 1
    marks = detention.locator("mark").all_inner_texts()
    assert sorted(marks) == ["detained", "detains"]
    assert "BBC" in detention.inner_text() and "Reuters" in detention.inner_text()
    assert page.locator("#clusters-0").get_attribute("data-period") == "2020-07"
    page.wait_for_timeout(600)  # the smooth scroll to the picked rows
    shot(page, "report-period-clicked")
    # every request stayed inside the file: no network
    assert all(u.startswith(("file:", "data:", "blob:", "about:")) for u in page.requests_seen)
    assert page.errors_seen == []
