"""Records that flow between the pipeline stages.

Every record is a frozen, slotted, keyword-only dataclass: picklable (so a Spark job can ship
it), free of spaCy or lxml objects, and identified by a content hash so that re-ingesting the
same input is a no-op in the store.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
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
    FILTERED = "filtered"  # left out by a host or date filter before extraction


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
    date_evidence: str | None = None  # JSON: the clues an inferred window rests on
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


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredEvent:
    """The fields of a stored event that clustering and the dyad series need."""

    id: str
    article_id: str
    outlet: str  # the article's source (site) or, when unknown, its uri
    sentence: str
    trigger: str
    source_actor_id: str
    target_actor_id: str | None
    source_country: str
    target_country: str | None
    event_type: str
    quad_class: int
    intensity: float
    event_date: date | None
    date_precision: DatePrecision
    realised: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class EventCluster:
    """One real-world event: every stored event that reports it, from every article.

    Aggregates count clusters, not the events inside them, so an event that ten outlets
    reported counts once. ``id`` is the hash of the first member's id (by date, then id).
    """

    id: str
    source_country: str
    target_country: str | None
    event_type: str
    quad_class: int
    intensity: float  # mean over members
    first_date: date | None  # earliest dated member
    last_date: date | None
    date_precision: DatePrecision  # the finest precision among the members
    realised: bool
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    representative_id: str  # the member whose sentence best stands for the cluster

    @property
    def n_sources(self) -> int:
        return len(self.outlets)


@dataclass(frozen=True, slots=True, kw_only=True)
class SeriesPoint:
    """One period of a dyad series: clusters per quad class and intensity."""

    period: date  # first day of the period
    label: str  # 2020-08, 2020-W33, 2020
    counts: tuple[int, int, int, int]  # quad classes 1..4
    intensity_sum: float
    cluster_ids: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def cooperation(self) -> int:
        return self.counts[0] + self.counts[1]

    @property
    def conflict(self) -> int:
        return self.counts[2] + self.counts[3]

    @property
    def intensity_mean(self) -> float | None:
        return self.intensity_sum / self.total if self.total else None

    @property
    def net_cooperation(self) -> float | None:
        """(cooperative − conflictual) / all, in −1…+1; None for an empty period."""
        return (self.cooperation - self.conflict) / self.total if self.total else None


@dataclass(frozen=True, slots=True, kw_only=True)
class DyadSeries:
    source: str
    target: str
    directed: bool
    freq: str  # week | month | year
    include_unrealised: bool
    points: tuple[SeriesPoint, ...]
    unplaced: int = 0  # clusters left out: undated, or dated more coarsely than ``freq``

    @property
    def label(self) -> str:
        return f"{self.source}{'→' if self.directed else '–'}{self.target}"


@dataclass(frozen=True, slots=True, kw_only=True)
class TurningPoint:
    """A change point of a dyad series, with the clusters that drive the change."""

    period: date
    label: str
    before: float  # mean of the signal in the segment before
    after: float  # and after
    signal: str  # which series value was segmented
    driver_ids: tuple[str, ...]  # cluster ids, strongest first

    @property
    def direction(self) -> str:
        return "toward cooperation" if self.after > self.before else "toward conflict"


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


@dataclass(frozen=True, slots=True, kw_only=True)
class StanceEvidence:
    """One sentence behind an article's stance."""

    sentence_idx: int  # -1: the headline
    text: str
    signal: str  # events | statements | headline | conclusion | forecasts | history
    direction: str  # toward | away
    weight: float
    why: str  # the cue, or the event type, that makes it count


@dataclass(frozen=True, slots=True, kw_only=True)
class Stance:
    """What one article argues about the question's two actors."""

    article_id: str
    question: str
    source: str
    target: str
    direction: str  # what the question asks: away | toward | either
    label: str  # away | toward | mixed | unrelated
    score: float  # -1 away .. +1 toward
    confidence: float  # 0 .. 1
    signals: Mapping[str, Mapping[str, float]]  # signal -> {"toward": w, "away": w}
    drivers: tuple[str, ...]  # the signals that drove the label, strongest first
    evidence: tuple[StanceEvidence, ...]

    @property
    def answer(self) -> str:
        """yes / no / mixed / unrelated: the label read against the question's direction."""
        if self.label in ("mixed", "unrelated") or self.direction == "either":
            return self.label
        return "yes" if self.label == self.direction else "no"


@dataclass(frozen=True, slots=True, kw_only=True)
class Portrayal:
    """How one article portrays one actor: the tone around its mentions."""

    article_id: str
    actor_id: str
    mentions: int
    tone: float  # mean compound tone of the words around each mention, -1 .. +1
    positive: int
    negative: int
    example_idx: int | None
