"""Questions about the relation between two actors, parsed into actors and a direction."""

from __future__ import annotations

import pytest

from detente.actorbook import ActorBook, load_actorbook
from detente.errors import QuestionError
from detente.stages.question import FORMS, parse_question


@pytest.fixture(scope="module")
def book() -> ActorBook:
    return load_actorbook()


@pytest.mark.parametrize(
    ("text", "source", "targets", "direction"),
    [
        ("Is Belarus moving away from Russia?", "BLR", ("RUS",), "away"),
        ("Are Belarus and Russia getting closer?", "BLR", ("RUS",), "toward"),
        ("Is Belarus drifting towards Russia and China?", "BLR", ("RUS", "CHN"), "toward"),
        ("Will Ukraine join NATO?", "UKR", ("NATO",), "toward"),
        ("Are relations between Armenia and Azerbaijan getting worse?", "ARM", ("AZE",), "away"),
        ("Is Minsk distancing itself from Moscow?", "BLR", ("RUS",), "away"),
        ("How are Kazakhstan's ties with China?", "KAZ", ("CHN",), "either"),
    ],
)
def test_question_forms(
    book: ActorBook, text: str, source: str, targets: tuple[str, ...], direction: str
) -> None:
    q = parse_question(text, book)
    assert (q.source, q.targets, q.direction) == (source, targets, direction)


def test_an_unparseable_question_lists_the_forms_understood(book: ActorBook) -> None:
    with pytest.raises(QuestionError) as err:
        parse_question("Is it going to rain tomorrow?", book)
    for form in FORMS:
        assert form in str(err.value)
