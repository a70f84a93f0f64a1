from datetime import date

import pytest

from detente.model import DatePrecision
from detente.stages.dates import date_of_sentence, find_dateline, find_dates
from detente.stages.dating import infer_window


def test_full_dates_in_several_forms() -> None:
    text = "Talks on 7 March 2014, then February 1st 2020, 30.05.2020 and 2021-11-10."
    assert [f.value for f in find_dates(text)] == [
        date(2014, 3, 7),
        date(2020, 2, 1),
        date(2020, 5, 30),
        date(2021, 11, 10),
    ]


def test_partial_date_takes_reference_year() -> None:
    assert date_of_sentence("On July 29th, police detained 32 men.", date(2020, 8, 2)) == (
        date(2020, 7, 29),
        DatePrecision.DAY,
    )


def test_partial_date_months_after_reference_is_last_year() -> None:
    when, _ = date_of_sentence("On 25 November, he arrived.", date(2021, 1, 10))
    assert when == date(2020, 11, 25)


def test_partial_date_with_lower_bound_keeps_year() -> None:
    when, _ = date_of_sentence("On 25 November, he arrived.", date(2020, 2, 1), lower_bound=True)
    assert when == date(2020, 11, 25)


def test_partial_date_without_reference_is_unknown() -> None:
    assert date_of_sentence("On 7 March, Belarus refused.", None) == (None, DatePrecision.UNKNOWN)


def test_month_year_gives_month_precision() -> None:
    found = find_dates("In June 2019 Belarus owed Russia $7.55 billion.")
    assert found[0].value == date(2019, 6, 1)
    assert found[0].precision == DatePrecision.MONTH


def test_modal_may_is_not_a_month() -> None:
    assert find_dates("There may not be enough money.") == []
    found = find_dates("from March 18 to May 1", date(2020, 3, 20))
    assert [f.value for f in found] == [date(2020, 3, 18), date(2020, 5, 1)]


def test_percentages_are_not_days() -> None:
    assert find_dates("production rose by March 11 percent") == []


def test_window_from_latest_past_full_date() -> None:
    text = "Pompeo visited on February 1st 2020. Sanctions came in 2006. It will end after 2030."
    window = infer_window(text, today=date(2026, 1, 1))
    assert window.start == date(2020, 2, 1)
    assert window.how == "stated-date"
    assert window.end is None  # 2030 is after today: it bounds nothing


def test_window_from_years_ignores_future_sentences() -> None:
    text = "In 2006 Washington imposed sanctions. He could leave after 2021."
    window = infer_window(text, today=date(2026, 1, 1))
    assert (window.start, window.precision) == (date(2006, 1, 1), DatePrecision.YEAR)


def test_window_unknown_without_dates() -> None:
    assert infer_window("No dates here at all.").start is None


def test_window_prefers_a_later_bare_year_over_an_old_full_date() -> None:
    text = "He has served since 20 July 1994. He ran in the 2020 election."
    window = infer_window(text, today=date(2026, 1, 1))
    assert (window.start, window.how) == (date(2020, 1, 1), "stated-year")


def test_partial_date_before_lower_bound_moves_to_next_year() -> None:
    when, _ = date_of_sentence("from March 18 to May 1", date(2019, 6, 1), lower_bound=True)
    assert when == date(2020, 3, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ledger | Home\n\nHeadline\n\nBy Jo Doe\nMINSK, 28 March 2014\n\nBody.",
            date(2014, 3, 28),
        ),
        (
            "Headline\n\nMOSCOW, 17 March 2020 (Continental Wire) — Russia will close its border.",
            date(2020, 3, 17),
        ),
        ("Menu\n30.05.2020\nThe title\n\nText of the article.", date(2020, 5, 30)),
        ("Published: 3 May 2021\n\nText.", date(2021, 5, 3)),
    ],
)
def test_datelines_give_the_publication_date(text: str, expected: date) -> None:
    assert find_dateline(text) == expected
    window = infer_window(text, today=date(2026, 1, 1))
    assert (window.start, window.end, window.how) == (expected, expected, "dateline")


def test_a_sentence_starting_with_a_date_is_not_a_dateline() -> None:
    text = "Title\n\n12 March 2014 was the day the parliament of Crimea voted to hold a referendum."
    assert find_dateline(text) is None


def test_future_dateline_is_ignored() -> None:
    assert infer_window("MINSK, 28 March 2031\n\nText.", today=date(2026, 1, 1)).how != "dateline"
