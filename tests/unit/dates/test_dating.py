"""Publication windows inferred from what an undated article says (#6): one test per rule."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from detente.actorbook import ActorBook, load_actorbook
from detente.errors import ConfigError
from detente.model import Article, DatePrecision
from detente.pipeline import date_article
from detente.stages.dating import infer_window, load_anchors

TODAY = date(2026, 1, 1)
NO_ANCHORS: tuple = ()


@pytest.fixture(scope="module")
def book() -> ActorBook:
    return load_actorbook()  # seconds to read: once for every role test here


def window(text: str, **kw):
    kw.setdefault("anchors", NO_ANCHORS)
    return infer_window(text, TODAY, **kw)


def test_a_past_full_date_is_a_lower_bound() -> None:
    w = window("The ministers met in Minsk on 12 June 2019. Talks went well.")
    assert (w.start, w.end) == (date(2019, 6, 12), None)
    assert w.clues[0].rule == "stated-date" and "12 June 2019" in w.clues[0].text


def test_a_future_date_is_an_upper_bound() -> None:
    w = window("Talks began on 3 May 2021. The summit is scheduled for 20 May 2021.")
    assert (w.start, w.end) == (date(2021, 5, 3), date(2021, 5, 20))
    assert w.how == "stated-date+future-date"
    assert w.precision == DatePrecision.MONTH


def test_ahead_of_marks_a_future_date() -> None:
    w = window("In 2020 the row deepened ahead of the August 9th election.")
    assert (w.start, w.end) == (date(2020, 1, 1), date(2020, 8, 9))


def test_the_end_of_a_range_bounds_nothing() -> None:
    w = window("In 2020 Russia banned entry from March 18 to May 1.")
    assert w.start == date(2020, 3, 18)


def test_conditional_sentences_bound_nothing() -> None:
    w = window("Sanctions came in 2006. He could decide not to host the bases after 2021.")
    assert (w.start, w.end) == (date(2006, 1, 1), None)


def test_a_month_and_year_in_the_future_ends_with_its_month() -> None:
    w = window("Sanctions came in 2019. Elections will be held in June 2021.")
    assert w.end == date(2021, 6, 30)


def test_years_with_tense() -> None:
    w = window("Crimea was seized in 2014. The treaty will expire in 2024.")
    assert (w.start, w.end) == (date(2014, 1, 1), date(2024, 12, 31))
    assert w.precision == DatePrecision.YEAR or w.precision == DatePrecision.MONTH


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Next year's presidential election in 2021 worries Moscow.", 2020),
        ("Last year, in 2019, trade fell by a third.", 2020),
        ("The 2024 vote, due this year, is the first since the war.", 2024),
    ],
)
def test_next_and_last_year_fix_the_year(text: str, year: int) -> None:
    w = window(text)
    assert (w.start, w.end) == (date(year, 1, 1), date(year, 12, 31))


def test_a_date_without_year_takes_the_first_year_the_clues_allow() -> None:
    w = window("Since the 2014 crisis relations froze. On 7 March, Minsk refused to come.")
    assert w.start == date(2014, 3, 7)


def test_dates_without_year_are_placed_from_dated_clues_not_from_each_other() -> None:
    text = "After 2014 nothing was the same. On 7 March, Minsk refused. On 5 March, Astana refused."
    w = window(text)
    assert w.start == date(2014, 3, 7)
    assert date(2014, 3, 5) in [c.value for c in w.clues]


def test_a_weekday_picks_the_year() -> None:
    # 7 August fell on a Friday in 2020 (not in 2018 or 2019)
    w = window("The crisis began in 2018. On Friday, 7 August, the talks collapsed.")
    assert w.start == date(2020, 8, 7)
    assert any(c.rule == "stated-date+weekday" for c in w.clues)


def test_an_anchor_event_is_a_lower_bound() -> None:
    w = infer_window("The coronavirus pandemic pushed Minsk away from Moscow.", TODAY)
    assert w.start == date(2020, 3, 11)
    assert w.how == "anchor:covid-pandemic"


def test_anchors_need_every_part_in_one_sentence() -> None:
    assert infer_window("Crimea is a peninsula. Russia is large.", TODAY).start is None
    w = infer_window("Russia's annexation of Crimea shocked Minsk.", TODAY)
    assert w.start == date(2014, 2, 27)


def test_a_dated_role_is_a_lower_bound(book: ActorBook) -> None:
    w = window("Secretary of State Mike Pompeo visited Minsk.", book=book)
    assert w.start == date(2018, 4, 26)
    assert w.clues[0].rule == "role"


def test_a_former_title_bounds_nothing(book: ActorBook) -> None:
    assert window("Former Secretary of State Mike Pompeo spoke.", book=book).start is None


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            "Sergei Shoigu, the secretary of Russia's Security Council, flew to Tehran.",
            (2024, 5, 12),
        ),
        ("Talks were led by Mike Pompeo, the US secretary of state.", (2018, 4, 26)),
        ("Viktor Khrenin, Belarus's defence minister, toured the border.", (2020, 1, 20)),
    ],
)
def test_a_title_after_the_name_is_a_lower_bound(
    book: ActorBook, text: str, start: tuple[int, int, int]
) -> None:
    w = window(text, book=book)
    assert w.start == date(*start)
    assert [c.rule for c in w.clues] == ["role"]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            "The state secretary of the Security Council, Andrei Ravkov, met reporters.",
            (2020, 1, 20),
        ),
        (
            "The deputy chairman of the Security Council of Russia, Dmitry Medvedev, wrote.",
            (2020, 1, 16),
        ),
        ("Russia's Security Council Secretary Nikolai Patrushev flew to Beijing.", (2008, 5, 12)),
    ],
)
def test_a_long_title_before_the_name_is_a_lower_bound(
    book: ActorBook, text: str, start: tuple[int, int, int]
) -> None:
    assert window(text, book=book).start == date(*start)


@pytest.mark.parametrize(
    "text",
    [
        "Sergei Shoigu, the former defence minister, flew to Tehran.",
        "The former secretary of the Security Council, Nikolai Patrushev, wrote a book.",
        "Talks were led by then-President Alexander Lukashenko.",
        # a country in the title must be the one the person served
        "Talks were led by Mike Pompeo, the Russian secretary of state.",
        # a first name the person never went by: someone else with that surname
        "Club President Ivan Lukashenko opened the season.",
        # not an appositive title: the president of something else
        "Dmitry Medvedev, president of the national judo federation, spoke.",
    ],
)
def test_titles_that_are_not_current_bound_nothing(book: ActorBook, text: str) -> None:
    assert window(text, book=book).start is None


def test_a_role_begun_in_2020_places_dates_without_a_year(book: ActorBook) -> None:
    text = (
        "On 5 August, riot police broke up a rally in Minsk. President Alexander Lukashenko "
        "blamed foreign money, and Andrei Ravkov, the state secretary of the Security "
        "Council, said agents had crossed the border."
    )
    dated = date_article(Article(id="a", uri="u", text=text), TODAY, book=book)
    assert dated.published_from == date(2020, 8, 5)
    clues = json.loads(dated.date_evidence or "[]")
    assert {"role", "stated-date"} <= {c["rule"] for c in clues}


def test_a_before_that_contradicts_the_start_is_dropped() -> None:
    w = window("On 12 June 2019 they met. The old plan was scheduled for 2017.")
    assert (w.start, w.end) == (date(2019, 6, 12), None)


def test_nothing_to_go_on() -> None:
    w = window("Relations are complicated.")
    assert (w.start, w.end, w.how) == (None, None, "none")


def test_user_anchor_files_add_and_replace(tmp_path: Path) -> None:
    path = tmp_path / "anchors.yaml"
    path.write_text(
        "anchors:\n  - {id: covid-19, date: 2020-02-11, all: ['covid']}\n"
        "  - {id: summit, date: 2023-07-11, all: ['vilnius summit']}\n",
        encoding="utf-8",
    )
    anchors = {a.id: a for a in load_anchors([path])}
    assert anchors["covid-19"].named_from == date(2020, 2, 11)
    text = "After the Vilnius summit, talks stalled."
    w = infer_window(text, TODAY, anchors=tuple(anchors.values()))
    assert w.start == date(2023, 7, 11)


@pytest.mark.parametrize(
    "content",
    [
        "anchors: 3\n",
        "anchors:\n  - {id: x}\n",
        "anchors:\n  - {id: x, date: soon, all: [a]}\n",
        "anchors:\n  - {id: x, date: 2020-01-01, all: ['(']}\n",
        "anchors: [\n",
    ],
)
def test_bad_anchor_files_say_what_is_wrong(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml"):
        load_anchors([path])


def test_metadata_always_wins() -> None:
    text = "The coronavirus pandemic is here."
    art = Article(id="a", uri="u", text=text, published=date(2019, 1, 2))
    dated = date_article(art, TODAY)
    assert (dated.published_from, dated.published_to) == (date(2019, 1, 2), date(2019, 1, 2))
    assert dated.date_evidence is None


def test_the_window_and_its_evidence_are_kept_with_the_article() -> None:
    art = Article(id="a", uri="u", text="In 2020 things changed ahead of the August 9th election.")
    dated = date_article(art, TODAY, anchors=NO_ANCHORS)
    assert (dated.published_from, dated.published_to) == (date(2020, 1, 1), date(2020, 8, 9))
    assert dated.date_source == "text:stated-year+future-date"
    clues = json.loads(dated.date_evidence or "[]")
    assert {c["rule"] for c in clues} == {"stated-year", "future-date"}


def test_a_one_day_window_is_the_publication_date() -> None:
    text = "It happened on 3 May 2021. The vote is set for 3 May 2021."
    dated = date_article(Article(id="a", uri="u", text=text), TODAY, anchors=NO_ANCHORS)
    assert dated.published == date(2021, 5, 3)
    assert dated.date_precision == DatePrecision.DAY
