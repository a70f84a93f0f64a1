"""One event counted once: stored events that report the same happening become a cluster.

Two events are the same happening when they share the dyad (source and target country), the
PLOVER type and whether they are realised, fall within a few days of each other, and say the
same thing: their sentences share enough content words and numbers, weighted by inverse
document frequency over the whole store (so shared names and figures count, shared
"killed ... in ... province" does not), with a little extra for the same trigger stem and a
little less for each day between them (reports of one event come within a day or two; alike
acts a week apart are usually a series of events, not one). Dates of month or year precision
only match events in the same month or year. A cluster never spans more than ``window_days``
from its first event, so a daily run of clashes does not chain into one cluster for a war.

Within one article, the same dyad, type and date leans towards the same event mentioned again
(a lead and its follow-up paragraph): the pair's similarity gets a bonus, but two unrelated
acts of one article still stay apart.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean

from spacy.lang.en.stop_words import STOP_WORDS

from detente.model import DatePrecision, EventCluster, StoredEvent, content_id

WINDOW_DAYS = 7
THRESHOLD = 0.4
SAME_ARTICLE = 0.2  # added to the similarity of two events of one article and date
PER_DAY = 0.03  # taken off the similarity per day between two day-dated events

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude English stem: enough to equate detained/detains/detention's stem 'detain'."""
    w = word.casefold()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w[:6]


def content_words(text: str) -> frozenset[str]:
    """Stems of the content words of a sentence, and its numbers ("32 Russians")."""
    return frozenset(
        stem(w) for w in _WORD.findall(text) if w.casefold() not in STOP_WORDS
    ) | frozenset(_NUMBER.findall(text))


def idf_weights(word_sets: Iterable[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each word over the given sentences: words every report
    uses ("kill", "province") weigh little, names and numbers weigh much."""
    df: Counter[str] = Counter()
    n = 0
    for words in word_sets:
        df.update(words)
        n += 1
    return {w: 1.0 + math.log((n + 1) / (k + 1)) for w, k in df.items()}


def similarity(
    a: StoredEvent,
    b: StoredEvent,
    words: dict[str, frozenset[str]],
    idf: dict[str, float] | None = None,
) -> float:
    """How sure we are that two events of the same dyad, type and week are one happening:
    the IDF-weighted overlap (weighted Jaccard) of their sentences' words, plus a little for
    the same trigger stem."""
    wa, wb = words[a.id], words[b.id]
    weights = idf or {}
    union = sum(weights.get(w, 1.0) for w in wa | wb)
    score = sum(weights.get(w, 1.0) for w in wa & wb) / union if union else 0.0
    if stem(a.trigger.split()[0]) == stem(b.trigger.split()[0]):
        score += 0.1
    return score


def _day_span(d: date | None, precision: DatePrecision) -> tuple[date, date] | None:
    if d is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR:
        return date(d.year, 1, 1), date(d.year, 12, 31)
    if precision == DatePrecision.MONTH:
        nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
        return date(d.year, d.month, 1), date.fromordinal(nxt.toordinal() - 1)
    return d, d


def close_in_time(a: StoredEvent, b: StoredEvent, window_days: int) -> bool:
    """Whether two events can be the same happening by their dates.

    Undated events only match events of the same article. A month- or year-precise date
    matches the dates inside that month or year; day dates match within the window.
    """
    sa, sb = _day_span(a.event_date, a.date_precision), _day_span(b.event_date, b.date_precision)
    if sa is None or sb is None:
        return a.article_id == b.article_id
    if a.date_precision != DatePrecision.DAY or b.date_precision != DatePrecision.DAY:
        return sa[0] <= sb[1] and sb[0] <= sa[1]
    return abs((sa[0] - sb[0]).days) <= window_days


@dataclass(slots=True)
class _Open:
    members: list[StoredEvent] = field(default_factory=list)


def _group_key(e: StoredEvent) -> tuple[str, str, str, bool]:
    return (e.source_country, e.target_country or "", e.event_type, e.realised)


def _order(e: StoredEvent) -> tuple[date, str]:
    return (e.event_date or date.max, e.id)


def cluster_events(
    events: Iterable[StoredEvent],
    *,
    window_days: int = WINDOW_DAYS,
    threshold: float = THRESHOLD,
) -> list[EventCluster]:
    """Group events into clusters; every event lands in exactly one cluster."""
    groups: dict[tuple[str, str, str, bool], list[StoredEvent]] = defaultdict(list)
    words: dict[str, frozenset[str]] = {}
    for e in events:
        groups[_group_key(e)].append(e)
        words[e.id] = content_words(e.sentence)
    idf = idf_weights(words.values())
    clusters: list[EventCluster] = []
    for key in sorted(groups):
        members = sorted(groups[key], key=_order)
        found = _greedy(members, words, idf, window_days, threshold)
        clusters.extend(_build(c, words) for c in found)
    clusters.sort(key=lambda c: (c.first_date or date.max, c.id))
    return clusters


def _greedy(
    members: Sequence[StoredEvent],
    words: dict[str, frozenset[str]],
    idf: dict[str, float],
    window_days: int,
    threshold: float,
) -> list[_Open]:
    """Each event joins the most similar open cluster whose first event is close in time.

    Work stays near linear however many events there are: a dated cluster closes once the
    events pass its window; a cluster whose first event is undated can only take events of
    the same article, so those are looked up by article, at most ``_CANDIDATES`` recent ones;
    and an event is compared with a cluster's first members and latest ones, not all of them.
    """
    done: list[_Open] = []
    open_: list[_Open] = []  # clusters whose first event has a date
    undated: dict[str, list[_Open]] = defaultdict(list)  # article -> its undated clusters
    for e in members:
        still_open = []
        for c in open_:
            span = _day_span(c.members[0].event_date, c.members[0].date_precision)
            if span and e.event_date and (e.event_date - span[1]).days > window_days:
                done.append(c)
            else:
                still_open.append(c)
        open_ = still_open
        candidates = undated.get(e.article_id, [])[-_CANDIDATES:] + open_
        best: _Open | None = None
        best_score = threshold
        for c in candidates:
            if not close_in_time(c.members[0], e, window_days):
                continue
            score = max(_pair_score(m, e, words, idf) for m in _sample(c.members))
            if score >= best_score:
                best, best_score = c, score
        if best is None:
            best = _Open()
            if _day_span(e.event_date, e.date_precision) is None:
                undated[e.article_id].append(best)
            else:
                open_.append(best)
        best.members.append(e)
    return done + open_ + [c for cs in undated.values() for c in cs]


_CANDIDATES = 200  # undated clusters of one article an event is compared with
_SAMPLE = 8  # first and latest members of a cluster an event is compared with


def _sample(members: list[StoredEvent]) -> list[StoredEvent]:
    if len(members) <= 2 * _SAMPLE:
        return members
    return members[:_SAMPLE] + members[-_SAMPLE:]


def _pair_score(
    a: StoredEvent, b: StoredEvent, words: dict[str, frozenset[str]], idf: dict[str, float]
) -> float:
    score = similarity(a, b, words, idf)
    if a.article_id == b.article_id and a.event_date == b.event_date:
        score += SAME_ARTICLE  # an article telling the same dyad's same act again
    if a.event_date and b.event_date and DatePrecision.DAY == a.date_precision == b.date_precision:
        # reports of one event come within a day or two; alike acts days apart are a series
        score -= PER_DAY * abs((a.event_date - b.event_date).days)
    return score


def _build(c: _Open, words: dict[str, frozenset[str]]) -> EventCluster:
    members = c.members
    first = members[0]
    dated = [m.event_date for m in members if m.event_date]
    # the member sharing most words with the others (summed overlaps, counted in one pass)
    counts = Counter(w for m in members for w in words[m.id])
    rep = max(members, key=lambda m: (sum(counts[w] for w in words[m.id]), m.id))
    outlets = sorted({m.outlet for m in members})
    return EventCluster(
        id=content_id("cluster", first.id),
        source_country=first.source_country,
        target_country=first.target_country,
        event_type=first.event_type,
        quad_class=first.quad_class,
        intensity=round(fmean(m.intensity for m in members), 3),
        first_date=min(dated) if dated else None,
        last_date=max(dated) if dated else None,
        date_precision=_finest(m.date_precision for m in members),
        realised=first.realised,
        event_ids=tuple(m.id for m in members),
        article_ids=tuple(sorted({m.article_id for m in members})),
        outlets=tuple(outlets),
        representative_id=rep.id,
    )


_PRECISION_RANK = {
    DatePrecision.DAY: 0,
    DatePrecision.MONTH: 1,
    DatePrecision.YEAR: 2,
    DatePrecision.UNKNOWN: 3,
}


def _finest(precisions: Iterable[DatePrecision]) -> DatePrecision:
    return min(precisions, key=_PRECISION_RANK.__getitem__)
