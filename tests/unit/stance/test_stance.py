"""Each article's stance on a relation question (#6): one hand-written article per signal."""

from __future__ import annotations

import re
from datetime import date

import pytest

from detente.analysis.portrayal import mention_tone, portray
from detente.analysis.stance import ArticleView, EventView, MentionView, score_article

NAMES = {
    "Belarus": "BLR", "Minsk": "BLR", "Lukashenko": "BLR", "Belarusian": "BLR",
    "Russia": "RUS", "Moscow": "RUS", "Kremlin": "RUS", "Russian": "RUS", "Putin": "RUS",
    "China": "CHN", "Beijing": "CHN", "Poland": "POL", "EU": "EU",
}  # fmt: skip
_NAME = re.compile(r"\b(" + "|".join(NAMES) + r")\b")
Q = "Is Belarus moving away from Russia?"


def view(
    sentences: list[str],
    *,
    title: str | None = None,
    events: tuple[EventView, ...] = (),
    published_from: date | None = None,
) -> ArticleView:
    if title is not None:
        sentences = [title, *sentences]
    mentions = [
        MentionView(sentence_idx=i, start=m.start(), end=m.end(), country=NAMES[m.group()])
        for i, s in enumerate(sentences)
        for m in _NAME.finditer(s)
    ]
    return ArticleView(
        id="a1",
        title=title,
        sentences=sentences,
        mentions=mentions,
        events=events,
        published_from=published_from,
    )


def event(idx: int, quad: int, intensity: float, **kw: object) -> EventView:
    values: dict = {
        "sentence_idx": idx, "event_type": "X", "source_country": "BLR", "target_country": "RUS",
        "quad_class": quad, "intensity": intensity, "realised": True, "modality": "asserted",
        "negated": False, "event_date": None,
    }  # fmt: skip
    values.update(kw)
    return EventView(**values)


def stance(article: ArticleView, target: str = "RUS", also: tuple[str, ...] = ()):
    return score_article(
        article, question=Q, source="BLR", target=target, direction="away", also=also
    )


FILLER = ["The weather in the capital was mild.", "Markets were quiet that week."]


def test_an_article_that_never_names_both_sides_is_unrelated() -> None:
    s = stance(view(["Belarus held a harvest festival.", *FILLER]))
    assert (s.label, s.score, s.evidence) == ("unrelated", 0.0, ())
    assert s.answer == "unrelated"


def test_conflict_events_between_the_two_pull_away() -> None:
    text = ["Belarus detained 32 Russian contractors.", "Minsk expelled a Russian diplomat."]
    s = stance(view([*text, *FILLER], events=(event(0, 4, -7.0), event(1, 4, -5.0))))
    assert s.label == "away" and s.score == -1.0
    assert s.drivers == ("events",)
    assert [e.sentence_idx for e in s.evidence] == [0, 1]
    assert s.answer == "yes"


def test_cooperation_events_pull_toward_and_other_dyads_do_not_count() -> None:
    text = ["Belarus and Russia signed a gas deal.", "Belarus detained Polish activists."]
    events = (
        event(0, 2, 7.0),
        event(1, 4, -7.0, target_country="POL"),
    )
    s = stance(view([*text, *FILLER], events=events))
    assert s.label == "toward" and s.signals["events"] == {"toward": 1.0, "away": 0.0}


def test_forecasts_and_history_are_kept_apart_and_weigh_less() -> None:
    text = [
        "Russia may cut Belarus off from gas next year.",
        "In 2004 Russia cut gas supplies to Belarus.",
        "This week Belarus and Russia agreed on oil prices.",
    ]
    events = (
        event(0, 4, -5.0, realised=False, modality="hypothetical", source_country="RUS",
              target_country="BLR"),
        event(1, 4, -5.0, source_country="RUS", target_country="BLR", event_date=date(2004, 1, 1)),
        event(2, 1, 4.0),
    )  # fmt: skip
    s = stance(view(text, events=events, published_from=date(2020, 6, 1)))
    assert set(s.signals) == {"forecasts", "history", "events"}
    assert s.signals["forecasts"]["away"] < s.signals["events"]["toward"]
    assert s.signals["history"]["away"] < s.signals["forecasts"]["away"]


def test_evaluative_statements_about_the_relationship() -> None:
    s = stance(view(["Relations between Belarus and Russia are souring fast.", *FILLER]))
    assert s.label == "away" and s.drivers == ("statements",)
    assert "souring" in s.evidence[0].why


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("The crisis pushes Lukashenko closer to Russia.", "toward"),
        ("Belarus remains firmly in Russia's camp.", "toward"),
        ("The pandemic pushed Minsk away from Moscow.", "away"),
        ("Lukashenko has no loyalty to Moscow.", "away"),  # negated toward
        ("Minsk rejected proposals from Moscow for closer integration.", "away"),  # refusal
        ("That does not mean Belarus will break ties with Russia.", "toward"),  # negated away
        ("Lukashenko is moving closer to the EU, not to Russia.", "away"),  # someone else
        ("This is not the first time Belarus has disobeyed Russia.", "away"),  # not negation
    ],
)
def test_statement_readings(sentence: str, label: str) -> None:
    s = stance(view([sentence, *FILLER]))
    assert [e.direction for e in s.evidence] == [label]


def test_hedged_statements_weigh_less() -> None:
    plain = stance(view(["Relations between Belarus and Russia are souring.", *FILLER]))
    hedged = stance(view(["Relations between Belarus and Russia may be souring.", *FILLER]))
    assert hedged.signals["statements"]["away"] < plain.signals["statements"]["away"]


def test_a_concessive_turn_weighs_more_than_what_it_answers() -> None:
    text = [
        "Relations between Belarus and Russia have soured.",
        "However, Belarus remains firmly in Russia's camp.",
        *FILLER,
        "Trade fairs opened.",
    ]
    s = stance(view(text))
    assert s.label == "toward"
    assert s.evidence[-1].weight > s.evidence[0].weight if s.evidence[0].direction == "away" else 1


def test_although_clauses_count_less_than_the_main_clause() -> None:
    text = ["Although Belarus is dependent on Russia, Minsk is distancing itself from Moscow."]
    s = stance(view([*text, *FILLER]))
    assert s.label == "away"


def test_the_headline_counts_double_unless_it_asks() -> None:
    body = ["Belarus and Russia held talks.", *FILLER, "Talks will go on.", "Trade opened."]
    told = stance(view(body, title="Belarus Drifting Towards Russia"))
    assert told.label == "toward" and told.drivers[0] == "headline"
    asked = stance(view(body, title="Is Belarus Drifting Towards Russia?"))
    assert "headline" not in asked.signals and asked.label == "unrelated"


def test_the_conclusion_weighs_more_than_the_body() -> None:
    body = [
        "Relations between Belarus and Russia have soured.",
        *FILLER,
        "Farmers harvested wheat.",
        "Schools reopened.",
        "Overall, the crisis pushes Lukashenko closer to Russia.",
    ]
    s = stance(view(body))
    assert s.label == "toward" and s.drivers[0] == "conclusion"


def test_balanced_evidence_is_mixed_and_shows_both_sides() -> None:
    text = [
        "Relations between Belarus and Russia have soured.",
        "Belarus remains firmly in Russia's camp.",
        *FILLER,
        "Farmers harvested wheat.",
        "Schools reopened.",
        "Buses ran late.",
    ]
    s = stance(view(text))
    assert s.label == "mixed"
    assert {e.direction for e in s.evidence} == {"toward", "away"}
    assert s.answer == "mixed"


def test_several_targets() -> None:
    text = ["The crisis pushes Lukashenko closer to China.", *FILLER]
    assert stance(view(text)).label == "unrelated"
    assert stance(view(text), also=("CHN",)).label == "toward"


def test_portrayal_tone_is_read_around_each_mention() -> None:
    sentence = "Russia praised the wonderful deal, while Poland condemned the terrible vote."
    assert mention_tone(sentence, 0, 6) > 0.3
    at = sentence.index("Poland")
    assert mention_tone(sentence, at, at + 6) < -0.3
    sentences = [sentence, "Russia offered generous help.", "Poland protested angrily."]
    found = portray("a", sentences, [(0, 0, 6, "RUS"), (1, 0, 6, "RUS"), (0, at, at + 6, "POL")])
    assert [(p.actor_id, p.mentions, p.positive) for p in found] == [("RUS", 2, 2)]
    assert found[0].tone > 0.3 and found[0].example_idx in (0, 1)
