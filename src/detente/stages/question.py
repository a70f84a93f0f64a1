"""The analyst's question: which two actors it is about and which way it asks.

"Is Belarus moving away from Russia?" -> Question(source=BLR, target=RUS, direction="away").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.actorbook import ActorBook
from detente.errors import QuestionError

FORMS = (
    "Is X moving away from Y?",
    "Is X drifting towards Y?",
    "Are X and Y getting closer?",
    "Are relations between X and Y improving / getting worse?",
    "Will X join Y?",
)
_AWAY = re.compile(
    r"\b(away|distanc\w*|drift\w* apart|break\w*|split\w*|worse|sour\w*|deteriorat\w*|leav\w*)\b",
    re.I,
)
_TOWARD = re.compile(
    r"\b(toward|towards|closer|join\w*|integrat\w*|improv\w*|warm\w*|align\w*|rapprochement)\b",
    re.I,
)
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*")


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    text: str
    source: str  # actor id (a country code or IGO code)
    target: str
    direction: str  # away | toward | either
    also: tuple[str, ...] = ()  # further targets: "Is X drifting towards Y and Z?"

    @property
    def targets(self) -> tuple[str, ...]:
        return (self.target, *self.also)


def parse_question(text: str, book: ActorBook) -> Question:
    """Find the two actors and the direction a question asks about."""
    found: list[str] = []
    for m in _NAME.finditer(text):
        for candidate in _shrinking(m.group()):
            code = _lookup(book, candidate)
            if code:
                if code not in found:
                    found.append(code)
                break
    if len(found) < 2:
        forms = "\n  ".join(FORMS)
        raise QuestionError(
            f"cannot find two countries or organisations in {text!r}; questions of these forms "
            f"are understood:\n  {forms}"
        )
    direction = "away" if _AWAY.search(text) else "toward" if _TOWARD.search(text) else "either"
    return Question(
        text=text, source=found[0], target=found[1], direction=direction, also=tuple(found[2:])
    )


def _shrinking(phrase: str) -> list[str]:
    words = phrase.split()
    return [" ".join(words[i:j]) for i in range(len(words)) for j in range(len(words), i, -1)]


def _lookup(book: ActorBook, text: str) -> str | None:
    text = re.sub(r"['’]s?$", "", text.rstrip("?.,!;:"))  # "Russia's" -> "Russia"
    for alias in book.aliases.get(text, ()):
        actor = book.actors.get(alias.actor_id)
        if actor is not None and actor.kind in ("country", "igo") and not alias.ambiguous:
            return actor.id
    code = book.demonyms.get(text)
    return code
