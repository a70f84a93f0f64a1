"""One event counted once: stored events that report the same happening become a cluster.

Two events are the same happening when they share the dyad (source and target country), the
PLOVER type and whether they are realised, fall within a few days of each other, and say the
same thing: their sentences share enough content words, or they have the same trigger stem,
or the same actors on both sides. Dates of month or year precision only match events in the
same month or year. A cluster never spans more than ``window_days`` from its first event, so a
daily run of clashes does not chain into one cluster for a whole war.

Within one article, the same dyad, type and date leans towards the same event mentioned again
(a lead and its follow-up paragraph): the pair's similarity gets a bonus, but two unrelated
acts of one article still stay apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean

from spacy.lang.en.stop_words import STOP_WORDS

from detente.model import DatePrecision, EventCluster, StoredEvent, content_id

WINDOW_DAYS = 7
THRESHOLD = 0.3
SAME_ARTICLE = 0.2  # added to the similarity of two events of one article and date

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
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
    return frozenset(stem(w) for w in _WORD.findall(text) if w.casefold() not in STOP_WORDS)


def similarity(a: StoredEvent, b: StoredEvent, words: dict[str, frozenset[str]]) -> float:
    """How sure we are that two events of the same dyad, type and week are one happening."""
    wa, wb = words[a.id], words[b.id]
    score = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    if stem(a.trigger.split()[0]) == stem(b.trigger.split()[0]):
        score += 0.2
    if a.source_actor_id == b.source_actor_id and a.target_actor_id == b.target_actor_id:
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
    for e in events:
        groups[_group_key(e)].append(e)
    clusters: list[EventCluster] = []
    for key in sorted(groups):
        members = sorted(groups[key], key=_order)
        words = {e.id: content_words(e.sentence) for e in members}
        clusters.extend(_build(c, words) for c in _greedy(members, words, window_days, threshold))
    clusters.sort(key=lambda c: (c.first_date or date.max, c.id))
    return clusters


def _greedy(
    members: Sequence[StoredEvent],
    words: dict[str, frozenset[str]],
    window_days: int,
    threshold: float,
) -> list[_Open]:
    """Each event joins the most similar open cluster whose first event is close in time."""
    done: list[_Open] = []
    open_: list[_Open] = []
    for e in members:
        still_open = []
        for c in open_:
            span = _day_span(c.members[0].event_date, c.members[0].date_precision)
            if span and e.event_date and (e.event_date - span[1]).days > window_days:
                done.append(c)
            else:
                still_open.append(c)
        open_ = still_open
        best: _Open | None = None
        best_score = threshold
        for c in open_:
            if not close_in_time(c.members[0], e, window_days):
                continue
            score = max(_pair_score(m, e, words) for m in c.members)
            if score >= best_score:
                best, best_score = c, score
        if best is None:
            best = _Open()
            open_.append(best)
        best.members.append(e)
    return done + open_


def _pair_score(a: StoredEvent, b: StoredEvent, words: dict[str, frozenset[str]]) -> float:
    score = similarity(a, b, words)
    if a.article_id == b.article_id and a.event_date == b.event_date:
        score += SAME_ARTICLE  # an article telling the same dyad's same act again
    return score


def _build(c: _Open, words: dict[str, frozenset[str]]) -> EventCluster:
    members = c.members
    first = members[0]
    dated = [m.event_date for m in members if m.event_date]
    rep = max(members, key=lambda m: (sum(len(words[m.id] & words[o.id]) for o in members), m.id))
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
