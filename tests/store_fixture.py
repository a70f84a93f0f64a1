"""A small store built without spaCy: three reports of July 2020, two of one detention.

Shared by the web-app unit tests and the browser tests.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from detente import api
from detente.model import (
    Actor,
    AnalyzedArticle,
    Article,
    DatePrecision,
    Event,
    EventActor,
    Mention,
    Sentence,
    article_id,
)
from detente.storage.store import Store

HOSTILE = '<script>alert("x")</script>'
REPORTS = [
    ("Belarusian police detained 32 Russian mercenaries near Minsk.", "detained", "BBC", 29),
    ("Minsk detains 32 Russian mercenaries of the Wagner group.", "detains", "Reuters", 30),
    ("Russia accused Belarus of staging a provocation. " + HOSTILE, "accused", "TASS", 31),
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
    mentions = tuple(
        Mention(
            article_id=aid,
            sentence_index=0,
            start_char=m.start(),
            end_char=m.end(),
            text=m.group(),
            actor_id=_NAMES[m.group()],
            method="name",
            country=_NAMES[m.group()],
        )
        for m in re.finditer("|".join(_NAMES), text)
    )
    return AnalyzedArticle(article=art, sentences=(sentence,), mentions=mentions, events=(event,))


_NAMES = {"Belarusian": "BLR", "Belarus": "BLR", "Minsk": "BLR", "Russian": "RUS", "Russia": "RUS"}


def build_store(path: Path) -> Path:
    """Write the reports, their actors and clusters to a store at ``path``."""
    with Store.open(path) as store:
        store.write_batch(
            [_doc(*r) for r in REPORTS],
            actors=[
                Actor(id="BLR", name="Belarus", kind="country", country="BLR", sector="GOV"),
                Actor(id="RUS", name="Russia", kind="country", country="RUS", sector="GOV"),
            ],
        )
        api.cluster_store(store)
    return path
