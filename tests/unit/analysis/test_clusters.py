"""Dedup rules: the same happening reported by several articles becomes one cluster."""

from __future__ import annotations

from datetime import date

from detente.analysis.clusters import close_in_time, cluster_events, content_words, stem
from detente.model import DatePrecision, StoredEvent


def ev(
    eid: str,
    *,
    article: str | None = None,
    outlet: str = "BBC",
    sentence: str = "Belarusian police detained 32 Russian mercenaries near Minsk.",
    trigger: str = "detained",
    src: str = "BLR",
    tgt: str | None = "RUS",
    etype: str = "COERCE",
    day: date | None = date(2020, 7, 29),
    precision: DatePrecision = DatePrecision.DAY,
    realised: bool = True,
    intensity: float = -5.0,
) -> StoredEvent:
    return StoredEvent(
        id=eid,
        article_id=article or f"a-{eid}",
        outlet=outlet,
        sentence=sentence,
        trigger=trigger,
        source_actor_id=src,
        target_actor_id=tgt,
        source_country=src,
        target_country=tgt,
        event_type=etype,
        quad_class=4 if etype == "COERCE" else 1,
        intensity=intensity,
        event_date=day,
        date_precision=precision,
        realised=realised,
    )


def test_same_event_from_three_outlets_is_one_cluster() -> None:
    events = [
        ev("e1", outlet="BBC"),
        ev(
            "e2",
            outlet="Reuters",
            sentence="Minsk detains 32 Russian mercenaries from the Wagner group.",
            trigger="detains",
            day=date(2020, 7, 30),
        ),
        ev(
            "e3",
            outlet="TASS",
            sentence="Belarus detained 32 Russian citizens it says are Wagner mercenaries.",
            trigger="detained",
            day=date(2020, 7, 31),
        ),
    ]
    (cluster,) = cluster_events(events)
    assert cluster.event_ids == ("e1", "e2", "e3")
    assert cluster.n_sources == 3
    assert cluster.first_date == date(2020, 7, 29)
    assert cluster.last_date == date(2020, 7, 31)
    assert cluster.intensity == -5.0


def test_different_dyad_type_or_realisation_never_merge() -> None:
    events = [
        ev("e1"),
        ev("e2", src="RUS", tgt="BLR"),
        ev("e3", etype="ACCUSE"),
        ev("e4", realised=False),
    ]
    assert len(cluster_events(events)) == 4


def test_events_far_apart_in_time_are_separate() -> None:
    events = [ev("e1"), ev("e2", day=date(2020, 8, 20))]
    assert len(cluster_events(events)) == 2


def test_a_daily_run_does_not_chain_past_the_window() -> None:
    days = [date(2020, 7, d) for d in range(1, 21)]
    events = [ev(f"e{i:02d}", day=d) for i, d in enumerate(days)]
    clusters = cluster_events(events, window_days=7)
    assert len(clusters) >= 3
    for c in clusters:
        assert c.first_date and c.last_date
        assert (c.last_date - c.first_date).days <= 7


def test_templated_reports_of_different_attacks_stay_apart() -> None:
    events = [
        ev(
            f"e{i}",
            sentence=f"Militants kill {n} police officers in {place} District, {prov} Province.",
            trigger="kill",
            etype="ASSAULT",
            tgt=None,
            day=date(2020, 10, 18 + i),
        )
        for i, (n, place, prov) in enumerate(
            [(8, "Sahib", "Kunduz"), (12, "Baharak", "Takhar"), (6, "Chahar", "Nimruz")]
        )
    ]
    # the rest of the store: the same template about other places, which is what makes
    # "militants kill police officers in ... district" common and names rare
    background = [
        ev(
            f"b{i}",
            sentence=f"Militants kill police officers in District {i}, Province {i}.",
            trigger="kill",
            etype="ASSAULT",
            src="PAK",
            tgt=None,
            day=date(2020, 1, 1 + i),
        )
        for i in range(20)
    ]
    clusters = cluster_events(events + background)
    attacks = [c for c in clusters if c.source_country == "BLR"]
    assert len(attacks) == 3


def test_unrelated_sentences_same_week_stay_apart() -> None:
    events = [
        ev("e1"),
        ev(
            "e2",
            sentence="Belarus arrested a Russian blogger over posts about the election campaign.",
            trigger="arrested",
            day=date(2020, 7, 31),
        ),
    ]
    assert len(cluster_events(events)) == 2


def test_one_article_repeating_an_event_is_one_cluster() -> None:
    events = [
        ev("e1", article="a1"),
        ev(
            "e2",
            article="a1",
            sentence="The 32 Russians were held at a sanatorium outside Minsk.",
            trigger="held",
        ),
    ]
    (cluster,) = cluster_events(events)
    assert cluster.article_ids == ("a1",)
    assert cluster.n_sources == 1


def test_month_precision_matches_days_inside_that_month() -> None:
    a = ev("e1", day=date(2020, 7, 1), precision=DatePrecision.MONTH)
    b = ev("e2", day=date(2020, 7, 29))
    c = ev("e3", day=date(2020, 8, 2))
    assert close_in_time(a, b, 7)
    assert not close_in_time(a, c, 7)


def test_undated_events_only_match_within_their_article() -> None:
    a = ev("e1", article="a1", day=None, precision=DatePrecision.UNKNOWN)
    b = ev("e2", article="a2", day=None, precision=DatePrecision.UNKNOWN)
    assert not close_in_time(a, b, 7)
    assert len(cluster_events([a, b])) == 2


def test_cluster_ids_are_stable_and_every_event_is_in_one_cluster() -> None:
    events = [ev("e1"), ev("e2", outlet="Reuters"), ev("e3", src="RUS", tgt="BLR")]
    first = cluster_events(events)
    second = cluster_events(list(reversed(events)))
    assert [c.id for c in first] == [c.id for c in second]
    members = [e for c in first for e in c.event_ids]
    assert sorted(members) == ["e1", "e2", "e3"]


def test_stem_and_content_words() -> None:
    assert stem("detained") == stem("detains") == stem("detain")
    assert "the" not in content_words("the border was closed")
    assert stem("closed") in content_words("the border was closed")
