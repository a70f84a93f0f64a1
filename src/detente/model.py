"""Records that flow between the pipeline stages.

Every record is a frozen, slotted, keyword-only dataclass: picklable (so a Spark job can ship
it), free of spaCy or lxml objects, and identified by a content hash so that re-ingesting the
same input is a no-op in the store.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

SCHEMA_VERSION = "1.0"


class SkipReason(StrEnum):
    """Why an input was not analysed. Stored and counted, never raised."""

    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    UNSUPPORTED_FORMAT = "unsupported_format"
    MALFORMED = "malformed"
    NO_TEXT = "no_text"
    TOO_LARGE = "too_large"
    DUPLICATE = "duplicate"
    WRONG_LANGUAGE = "wrong_language"
    UNREADABLE = "unreadable"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class Modality(StrEnum):
    """How the text commits to an event happening. Only ASSERTED and REPORTED are realised."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    HYPOTHETICAL = "hypothetical"
    FUTURE = "future"
    HABITUAL = "habitual"

    @property
    def realised(self) -> bool:
        return self in (Modality.ASSERTED, Modality.REPORTED)


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One input document after ingest and cleaning.

    ``id`` is the hash of the normalised cleaned text, so the same article read twice (or from
    two files) gets the same id.
    """

    id: str
    uri: str
    text: str
    title: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    date_source: str = "none"
    published_from: date | None = None
    published_to: date | None = None
    language: str = "en"
    format: str = "txt"
    removed_lines: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """An input that was rejected, with the reason. A value, not an exception."""

    uri: str
    reason: SkipReason
    detail: str = ""

    @property
    def id(self) -> str:
        return content_id("skip", self.uri, self.reason.value)


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    article_id: str
    index: int
    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A span of the article text that names an actor (resolved or not)."""

    article_id: str
    sentence_index: int
    start_char: int
    end_char: int
    text: str
    actor_id: str | None
    method: str  # name, alias, capital, seat, demonym, role, coref, unresolved
    label: str = ""  # spaCy entity label when the span came from NER
    country: str | None = None  # the actor's country; for unresolved names, a guess from context

    @property
    def id(self) -> str:
        return content_id("mention", self.article_id, str(self.start_char), str(self.end_char))


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """A dated office held by a person actor."""

    title: str  # head_of_state, head_of_government, foreign_minister, defence_minister, ...
    country: str
    start: date | None = None
    end: date | None = None

    def holds_on(self, when: date | None) -> bool:
        if when is None:
            return True
        if self.start is not None and when < self.start:
            return False
        return not (self.end is not None and when > self.end)


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    id: str
    name: str
    kind: str  # country, person, organisation, igo
    country: str  # ISO 3166-1 alpha-3, or the IGO's own code
    sector: str  # GOV, MIL, OPP, MED, BUS, CVL, IGO, SEC, REB, ...
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    note: str = ""
    gender: str | None = None  # f | m, for people: lets "she" / "he" find the right antecedent


@dataclass(frozen=True, slots=True, kw_only=True)
class EventActor:
    """One side of an event: the actor and the words that named it."""

    actor_id: str
    name: str
    country: str
    sector: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Who did what to whom, with the sentence it came from."""

    article_id: str
    sentence_index: int
    trigger: str
    trigger_start: int
    trigger_end: int
    source: EventActor
    target: (
        EventActor | None
    )  # None: an event with no one on the receiving end ("Russia mobilised")
    event_type: str  # PLOVER type
    mode: str
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    intensity: float  # -10 hostile .. +10 cooperative
    cameo: str
    event_date: date | None = None
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    attribution: str | None = None
    confidence: float = 0.5
    rule: str = ""  # why it was coded: trigger lemma and pattern

    @property
    def id(self) -> str:
        return content_id(
            "event",
            self.article_id,
            str(self.sentence_index),
            str(self.trigger_start),
            self.source.actor_id,
            self.target.actor_id if self.target else "",
            self.event_type,
        )

    @property
    def realised(self) -> bool:
        return self.modality.realised and not self.negated


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalyzedArticle:
    """An article with everything the stages have found in it."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RunSummary:
    """What one ``analyze`` run did, for the terminal summary."""

    read: int = 0
    analysed: int = 0
    new_articles: int = 0
    duplicates: int = 0
    skipped: tuple[Skipped, ...] = ()
    sentences: int = 0
    mentions: int = 0
    actors: int = 0
    events: int = 0
    realised_events: int = 0
    top_dyads: tuple[tuple[str, str, int], ...] = ()
    db_path: str = ""
    report_path: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Fold Unicode compatibility forms, case and white space, for hashing and duplicates."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub(" ", folded).strip()


def content_id(*parts: str) -> str:
    """A stable 16-hex-digit id from the given parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


def article_id(text: str) -> str:
    return content_id("article", normalise_text(text))
