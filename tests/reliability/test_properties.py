"""Property tests and bounded fuzzing (hypothesis): the date resolver, the question parser and
the file readers never crash, whatever bytes or text they get (#8). The long variants run
under ``-m slow`` with many more examples."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.actorbook import ActorBook, load_actorbook
from detente.errors import QuestionError
from detente.ingest import read_inputs
from detente.model import Article, Skipped
from detente.stages.dates import find_dates
from detente.stages.dating import infer_window
from detente.stages.question import parse_question

EXAMPLES = int(os.environ.get("DETENTE_FUZZ_EXAMPLES", "60"))
TODAY = date(2026, 1, 1)
BOOK: ActorBook = load_actorbook()

# text that looks like news about dates: words, numbers, months, weekdays, years
WORDS = st.sampled_from(
    [
        "on",
        "in",
        "by",
        "until",
        "from",
        "to",
        "the",
        "of",
        "next",
        "last",
        "this",
        "year",
        "week",
        "will",
        "said",
        "could",
        "if",
        "Monday",
        "Friday",
        "March",
        "May",
        "June",
        "7",
        "18",
        "31",
        "2014",
        "2020",
        "2021",
        "1994",
        "ahead",
        "scheduled",
        "Belarus",
        "Russia",
        "Crimea",
        "coronavirus",
        "pandemic",
        "President",
        "Secretary",
        "of",
        "State",
        "Mike",
        "Pompeo",
        "former",
        ",",
        ".",
        "?",
        "-",
        "30.05.2020",
        "2020-03-18",
        "29th",
        "9th",
    ]
)
NEWSY = st.lists(WORDS, max_size=60).map(" ".join)
ANY_TEXT = st.one_of(NEWSY, st.text(max_size=400))


@settings(max_examples=EXAMPLES, deadline=None)
@given(ANY_TEXT)
def test_the_date_window_is_always_a_window(text: str) -> None:
    w = infer_window(text, TODAY, book=BOOK)
    if w.start is not None and w.end is not None:
        assert w.start <= w.end
    for value in (w.start, w.end):
        assert value is None or value <= TODAY
    assert all(c.bound in ("after", "before") for c in w.clues)


@settings(max_examples=EXAMPLES, deadline=None)
@given(ANY_TEXT, st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)))
def test_found_dates_point_into_the_text(text: str, reference: date) -> None:
    for found in find_dates(text, reference):
        assert 0 <= found.start < found.end <= len(text)
        assert 1900 <= found.value.year <= 2100


QUESTION_WORDS = st.sampled_from(
    [
        "Is",
        "Are",
        "Will",
        "Belarus",
        "Russia",
        "China",
        "Minsk",
        "Moscow",
        "NATO",
        "the",
        "EU",
        "moving",
        "away",
        "from",
        "towards",
        "closer",
        "getting",
        "join",
        "drifting",
        "and",
        "relations",
        "between",
        "?",
        "Georgia",
        "Jordan",
        "X",
        "Y",
    ]
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(st.lists(QUESTION_WORDS, max_size=12).map(" ".join), st.text(max_size=200)))
def test_a_question_parses_or_is_refused_clearly(text: str) -> None:
    try:
        q = parse_question(text, BOOK)
    except QuestionError as e:
        assert "understood" in str(e)
    else:
        assert q.source != q.target and q.direction in ("away", "toward", "either")


SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".warc", ".warc.gz", ".rss", ".parquet"]
HTMLISH = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<a href='",
            "javascript:alert(1)",
            "'>",
            "</a>",
            "<svg onload=alert(1)>",
            "Belarus ",
            "said ",
            "\x00",
            "\ufeff",
            "&amp;",
            "&#x0;",
            "<![CDATA[",
            "]]>",
            "<?xml ",
            "WARC/1.0\r\n",
            "Content-Length: 5\r\n\r\n",
            '{"text": ',
            '"x"}',
            "\n",
        ]
    ),
    max_size=80,
).map("".join)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(SUFFIXES), st.one_of(st.binary(max_size=2000), HTMLISH.map(str.encode)))
def test_readers_never_crash(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    items = list(read_inputs([path]))
    assert items, "every input leaves a trace: an article or a skip"
    assert all(isinstance(i, Article | Skipped) for i in items)


@pytest.mark.slow
def test_fuzz_long() -> None:
    """The same properties with many more examples (bounded: about a minute)."""
    import subprocess
    import sys

    env = {**os.environ, "DETENTE_FUZZ_EXAMPLES": "1500"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__,
         "-k", "not fuzz_long", "-m", "not slow"],
        env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
