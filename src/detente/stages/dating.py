"""When was an undated article written? A publication window from what the text says (#6).

Metadata always wins, then the article's own dateline. Otherwise every clue the text gives
becomes a bound, and the window is the tightest one they allow:

- **stated dates** in past-tense wording ("On 7 March, Belarus refused ...") — published on or
  after them; a date that only closes a range ("banned ... from March 18 to May 1") says nothing;
- **future dates** ("the parade scheduled for May 9 will take place", "ahead of the August 9th
  election") — published before them;
- **years with tense**: "in 2014" in a past sentence — on or after 1 January 2014; "in 2021" in a
  future sentence — before the end of 2021; "next year's 2021 vote" — during 2020; "last year, in
  2019" — during 2020;
- **weekdays** with a day and month ("on Friday, 7 August") pick the year in which that day fell
  on that weekday;
- **anchor events** the article names ("the Crimea invasion", "the coronavirus pandemic"): no
  earlier than the day the name could first be used (a shipped list, `data/anchors.yaml`);
- **dated roles**: "Secretary of State Mike Pompeo", "the secretary of the Security Council,
  Andrei Ravkov", "Dmitry Medvedev, the deputy chairman of Russia's Security Council" — no
  earlier than the day the named person first held that office (in the country the title
  names, if it names one); "former", "then-" and the like bound nothing.

Dates without a year ("On 7 March") take the first year the bounds found so far allow, so
they come last. Every bound keeps the words it came from (`DateClue`), stored with the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from detente.actorbook import ActorBook
from detente.errors import ConfigError
from detente.model import DatePrecision
from detente.stages.dates import MONTHS, FoundDate, find_dateline, find_dates
from detente.yamlfile import parse_yaml

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
# where one clause ends and the next begins: its tense is its own
_CLAUSE = re.compile(r"[,;:()—–]|\s-\s|\b(?:and|but|while|whereas|although|though)\b")
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|(?:is|are|am) going to|scheduled|planned for|set (?:for|to)|"
    r"upcoming|forthcoming|ahead of|expected (?:to|on|in)|due (?:on|in)|to be held|"
    r"plans? to|intends? to|next)\b",
    re.I,
)
# "may" only in lower case: "May 9" is a month
# a future verb right after the date: "the parade scheduled for May 9 will take place"
_FUTURE_VERB = re.compile(
    r"^(?:\W+\w+){0,3}?\W+(?:will|shall|won['’]t|(?:is|are) (?:going|due|set|expected) to)\b",
    re.I,
)
_CONDITIONAL = re.compile(r"\b(?:[Ii]f|[Uu]nless|[Ww]ould|[Cc]ould|[Mm]ight|may|[Ss]hould)\b")
_RANGE_END = re.compile(r"\b(?:to|until|till|through|thru|by)\s*$", re.I)
_YEAR = re.compile(
    r"\b(?:19[5-9]\d|20\d\d)\b(?!\s*(?:%|percent|per cent|km|kilomet|people|troops))"
)
_RELATIVE_YEAR = re.compile(
    r"\b(?P<rel>next|last|this)\s+year(?:['’]s)?\b(?:\W+\w+){0,5}?\W+(?P<y>(?:19|20)\d\d)\b"
    r"|\b(?P<y2>(?:19|20)\d\d)\b(?:\W+\w+){0,3}?\W+(?P<rel2>next|last|this)\s+year\b",
    re.I,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(?P<wd>" + "|".join(_WEEKDAYS) + r")\b[\s,(]*(?:the\s+)?$", re.I)
_WEEKDAY_AFTER = re.compile(r"^[\s,(]*(?P<wd>" + "|".join(_WEEKDAYS) + r")\b", re.I)
_NOT_CURRENT = re.compile(r"\b(?:former|ex|late|then|previous|future|incoming|would-be)\b", re.I)


@dataclass(frozen=True, slots=True)
class DateClue:
    """One bound on the publication date and the words it came from."""

    bound: str  # after | before
    value: date
    rule: str  # stated-date, future-date, stated-year, future-year, relative-year, anchor:ID, role
    text: str


@dataclass(frozen=True, slots=True)
class DateWindow:
    start: date | None
    end: date | None
    precision: DatePrecision
    how: str
    clues: tuple[DateClue, ...] = ()


@dataclass(frozen=True, slots=True)
class Anchor:
    id: str
    name: str
    happened: date
    named_from: date
    patterns: tuple[re.Pattern[str], ...]


def infer_window(
    text: str,
    today: date | None = None,
    *,
    book: ActorBook | None = None,
    anchors: Sequence[Anchor] | None = None,
) -> DateWindow:
    """A publication window for an article with no date metadata (see the module doc)."""
    today = today or date.today()
    dateline = find_dateline(text)
    if dateline is not None and dateline <= today:
        clue = DateClue("after", dateline, "dateline", _snippet(text, 0, 60))
        return DateWindow(dateline, dateline, DatePrecision.DAY, "dateline", (clue,))
    anchors = load_anchors() if anchors is None else anchors
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    # two cheap passes over the whole text decide whether any sentence needs the costlier ones
    anchor_gate = _anchor_gate(tuple(anchors)) if anchors else None
    any_anchor = anchor_gate is not None and anchor_gate.search(text) is not None
    index = _role_index(frozenset(book.roles.items())) if book is not None else None
    any_role = index is not None and index.gate.search(text) is not None
    clues: list[DateClue] = []
    partial: list[tuple[str, FoundDate, str | None, str]] = []  # bound, date, weekday, words
    for sentence in sentences:
        conditional = bool(_CONDITIONAL.search(sentence))
        spans: list[tuple[int, int]] = []
        for found in find_dates(sentence, date(2000, 1, 1), lower_bound=True):
            spans.append((found.start, found.end))
            bound = _bound_at(sentence, found.start, found.end, conditional)
            if bound is None:
                continue
            words = _snippet(sentence, found.start, found.end)
            if not found.has_year:
                partial.append((bound, found, _weekday_near(sentence, found), words))
                continue
            value = found.value if bound == "after" else _period_end(found)
            if value <= today:
                rule = "stated-date" if bound == "after" else "future-date"
                clues.append(DateClue(bound, value, rule, words))
            elif bound == "before":
                clues.append(DateClue(bound, value, "future-date", words))
        clues.extend(_year_clues(sentence, spans, conditional, today))
        if any_anchor and anchor_gate is not None and anchor_gate.search(sentence):
            clues.extend(_anchor_clues(sentence, anchors, today))
        if any_role and book is not None and index is not None:
            clues.extend(_role_clues(sentence, book, index, today))
    # a date without a year falls in the first year the dated clues allow; past ones are
    # placed from those clues alone (not from each other), future ones from every past one
    base: date | None = max((c.value for c in clues if c.bound == "after"), default=None)
    for bound, found, weekday, words in sorted(partial, key=lambda p: p[0] != "after"):
        if bound == "before":
            base = max((c.value for c in clues if c.bound == "after"), default=None)
        placed = _place_partial(found, base, weekday)
        if placed is None or (placed > today and bound == "after"):
            continue
        rule = "stated-date" if bound == "after" else "future-date"
        rule += "+weekday" if weekday else ""
        clues.append(DateClue(bound, placed, rule, words))
    return _window(clues, today)


def _window(clues: list[DateClue], today: date) -> DateWindow:
    if not clues:
        return DateWindow(None, None, DatePrecision.UNKNOWN, "none")
    afters = [c for c in clues if c.bound == "after"]
    start_clue = max(afters, key=lambda c: c.value, default=None)
    start = start_clue.value if start_clue else None
    # a "before" earlier than the start is a schedule the text reports from the past
    befores = [c for c in clues if c.bound == "before" and (start is None or c.value >= start)]
    end_clue = min(befores, key=lambda c: c.value, default=None)
    if end_clue is not None and end_clue.value > today:
        end_clue = None  # every article is older than today anyway
    end = end_clue.value if end_clue else None
    used = tuple(c for c in (start_clue, end_clue) if c is not None)
    how = "+".join(dict.fromkeys(c.rule.split("+")[0] for c in used)) or "none"
    if start is not None and end is not None and (end - start).days <= 31:
        precision = DatePrecision.DAY if start == end else DatePrecision.MONTH
    elif start is not None or end is not None:
        precision = DatePrecision.YEAR
    else:
        precision = DatePrecision.UNKNOWN
    return DateWindow(start, end, precision, how, tuple(sorted(clues, key=_clue_order)))


def _clue_order(c: DateClue) -> tuple[str, date]:
    return (c.bound, c.value)


def _bound_at(sentence: str, start: int, end: int, conditional: bool) -> str | None:
    """after, before or None (says nothing) for a date at sentence[start:end]."""
    clause_start = _clause_start(sentence, start)
    after = sentence[end : _clause_end(sentence, end)]
    if (
        _FUTURE.search(sentence[clause_start:start])
        or _FUTURE.search(sentence[max(0, start - 14) : start])
        or _FUTURE_VERB.match(after)
    ):
        return "before"
    if conditional:
        return None  # "he could decide not to host the bases after 2021" bounds nothing
    if _RANGE_END.search(sentence[max(0, start - 8) : start]):
        return None  # "from March 18 to May 1": the end of a range may be a schedule
    return "after"


def _clause_start(sentence: str, start: int) -> int:
    left = 0
    for m in _CLAUSE.finditer(sentence, 0, start):
        left = m.end()
    return left


def _clause_end(sentence: str, end: int) -> int:
    m = _CLAUSE.search(sentence, end)
    return m.start() if m else len(sentence)


def _period_end(found: FoundDate) -> date:
    if found.precision == DatePrecision.MONTH:
        nxt = date(found.value.year + found.value.month // 12, found.value.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return found.value


def _year_clues(
    sentence: str, taken: list[tuple[int, int]], conditional: bool, today: date
) -> Iterable[DateClue]:
    relative_spans: list[tuple[int, int]] = []
    for m in _RELATIVE_YEAR.finditer(sentence):
        year = int(m.group("y") or m.group("y2"))
        rel = (m.group("rel") or m.group("rel2")).lower()
        relative_spans.append(m.span())
        published = year - 1 if rel == "next" else year + 1 if rel == "last" else year
        words = _snippet(sentence, m.start(), m.end())
        if date(published, 1, 1) <= today:
            yield DateClue("after", date(published, 1, 1), "relative-year", words)
            yield DateClue("before", date(published, 12, 31), "relative-year", words)
    for m in _YEAR.finditer(sentence):
        if any(s <= m.start() < e for s, e in [*taken, *relative_spans]):
            continue
        year = int(m.group())
        bound = _bound_at(sentence, m.start(), m.end(), conditional)
        words = _snippet(sentence, m.start(), m.end())
        if bound == "after" and year <= today.year:
            yield DateClue("after", date(year, 1, 1), "stated-year", words)
        elif bound == "before" and year >= 1990:
            yield DateClue("before", date(year, 12, 31), "future-year", words)


def _weekday_near(sentence: str, found: FoundDate) -> str | None:
    before = _WEEKDAY.search(sentence[max(0, found.start - 16) : found.start])
    if before:
        return before.group("wd").lower()
    after = _WEEKDAY_AFTER.match(sentence[found.end : found.end + 16])
    return after.group("wd").lower() if after else None


def _place_partial(found: FoundDate, start: date | None, weekday: str | None) -> date | None:
    """The first day with this month and day on or after ``start`` (in a year where it fell on
    ``weekday``, when the text names one)."""
    if start is None:
        return None
    month, day = found.value.month, found.value.day
    first = None
    for year in range(start.year, start.year + 12):
        try:
            value = date(year, month, day)
        except ValueError:
            continue
        if value < start:
            continue
        if first is None:
            first = value
            if weekday is None:
                return value
        if weekday is not None and _WEEKDAYS[value.weekday()] == weekday:
            return value
    return first


@lru_cache(maxsize=8)
def _anchor_gate(anchors: tuple[Anchor, ...]) -> re.Pattern[str]:
    """One pattern that any sentence naming any anchor matches: the most specific part of
    each (the one whose shortest alternative is longest: "crimea", not "russia|moscow")."""

    def specific(p: re.Pattern[str]) -> int:
        return min(len(alt) for alt in p.pattern.split("|"))

    parts = [max(a.patterns, key=specific).pattern for a in anchors]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.I)


def _anchor_clues(sentence: str, anchors: Sequence[Anchor], today: date) -> Iterable[DateClue]:
    for anchor in anchors:
        matches = [p.search(sentence) for p in anchor.patterns]
        if all(matches) and anchor.named_from <= today:
            first = matches[0]
            assert first is not None
            words = _snippet(sentence, first.start(), first.end())
            yield DateClue("after", anchor.named_from, f"anchor:{anchor.id}", words)


_CAPITALISED = re.compile(r"[A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+){0,7}")
_ARTICLES = frozenset(("the", "a", "an"))
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_TITLE_WORDS = 12  # the longest title looked at, with its articles and country words
# where an appositive title after a name ends: "Mike Pompeo, the US secretary of state, said"
# (a full stop after a capital is an abbreviation: "the U.S. secretary of state")
_APPOSITIVE_END = re.compile(r"[,;:!?()\[\]\"“”—–]|(?<![A-Z])\.|\s-\s|\b(?:who|whose|which|that)\b")


@dataclass(frozen=True, slots=True)
class _RoleIndex:
    titles: dict[str, str]  # role phrase without articles -> title
    last_words: frozenset[str]  # the words a role phrase can end with
    gate: re.Pattern[str]  # any role phrase, maybe with an article or a country inside


@lru_cache(maxsize=8)
def _role_index(roles: frozenset[tuple[str, str]]) -> _RoleIndex:
    titles = {" ".join(w for w in p.split() if w not in _ARTICLES): t for p, t in roles}
    phrases = sorted(p for p in titles if p)
    # up to two words between the words of a phrase: "deputy chairman of Russia's Security
    # Council" is the phrase "deputy chairman of the security council"
    gap = r"\W+(?:[\w.'’-]+\W+){0,2}?"
    alts = [gap.join(re.escape(w) for w in p.split()) for p in phrases]
    gate = re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.I)
    return _RoleIndex(titles, frozenset(p.split()[-1] for p in phrases), gate)


def _role_clues(
    sentence: str, book: ActorBook, index: _RoleIndex, today: date
) -> Iterable[DateClue]:
    """A person under a title is no earlier than the day he first held it: before the name
    ("Secretary of State Mike Pompeo", "the secretary of the Security Council, Andrei
    Ravkov") or after it ("Dmitry Medvedev, the deputy chairman of Russia's Security
    Council"). A country in the title ("Russia's", "Belarusian") must be the role's."""
    for m in _CAPITALISED.finditer(sentence):
        run = m.group().split()
        start, name = _title_before(book, index, sentence, m.start(), run, today)
        if start is not None:
            yield DateClue("after", start, "role", _snippet(sentence, m.start(), m.end()))
            continue
        after = _title_after(book, index, sentence, m.end())
        if after is not None:
            title, country, end = after
            start = _earliest_in_role(book, " ".join(name), title, country, today)
            if start is not None:
                yield DateClue("after", start, "role", _snippet(sentence, m.start(), end))


def _title_before(
    book: ActorBook, index: _RoleIndex, sentence: str, at: int, run: list[str], today: date
) -> tuple[date | None, list[str]]:
    """A title that ends inside or just before the capitalised ``run`` at ``at``: the day
    the person after it first held it (None if never, or a "former" title) and the name."""
    before = _words_before(sentence, at)
    words, lead, name = [*before, *run], len(before), run
    for k in range(len(run)):
        if run[k] == "of" or not _may_end_title(book, index, words[: lead + k]):
            continue
        # a comma ends a title: "the secretary of the Security Council, Andrei Ravkov"
        first = lead if k and before and before[-1].endswith(",") else 0
        for i in range(max(first, lead + k - _TITLE_WORDS), lead + k):
            found = _strip_title(book, words[i : lead + k])
            if found is None or found[0] not in index.titles:
                continue
            name = run[k:]
            # "former", "then-", "ex-" just before the title or the name
            told = " ".join(words[i:lead])
            lo = max(0, at - len(told) - 25)
            if _NOT_CURRENT.search(sentence[lo:at] + " " + " ".join(run[:k])):
                return None, name
            title, country = index.titles[found[0]], found[1]
            start = _earliest_in_role(book, " ".join(name), title, country, today)
            if start is not None:
                return start, name
            break  # not this person's title: a longer one may be ("President of Slovenia")
    return None, name


def _words_before(sentence: str, at: int) -> list[str]:
    """The words a title before a name at ``at`` may take: a comma may end them, no other
    punctuation may be among them."""
    words = sentence[max(0, at - 120) : at].split()[-_TITLE_WORDS:]
    if words and not (words[-1][-1].isalnum() or words[-1][-1] in ",.'’"):
        return []  # "leader: Duterte", "(Lukashenko"
    for i in range(len(words) - 2, -1, -1):
        if not (words[i][-1].isalnum() or words[i][-1] in ".'’"):
            return words[i + 1 :]
    return words


def _title_after(
    book: ActorBook, index: _RoleIndex, sentence: str, at: int
) -> tuple[str, str | None, int] | None:
    """An appositive title after the name that ends at ``at``: its title, its country and
    where it ends ("Dmitry Medvedev, the deputy chairman of Russia's Security Council")."""
    comma = re.match(r",\s+", sentence[at:])
    if comma is None:
        return None
    lo = at + comma.end()
    stop = _APPOSITIVE_END.search(sentence, lo)
    hi = stop.start() if stop else len(sentence)
    words = sentence[lo:hi].split()[:_TITLE_WORDS]
    if not words:
        return None
    # the title starts the appositive, after an article, a country word or one modifier
    # ("the long-serving foreign minister"), never after a verb ("meeting the president")
    opener = words[0].lower() in _ARTICLES or _country_word(book, words[0]) is not None
    for end in range(len(words), 0, -1):
        nxt = words[end] if end < len(words) else ""
        if nxt == "of" or nxt[:1].isupper() or not _may_end_title(book, index, words[:end]):
            continue  # "president of the Senate", "the North Korean leader Kim Jong Un's"
        for first in range(0, min(end, 3 if opener else 1)):
            found = _strip_title(book, words[first:end])
            if found is None or found[0] not in index.titles:
                continue
            if _NOT_CURRENT.search(" ".join(words[:end])):
                return None
            return index.titles[found[0]], found[1], lo + len(" ".join(words[:end]))
    return None


def _may_end_title(book: ActorBook, index: _RoleIndex, words: list[str]) -> bool:
    """Whether a title may end with these words: a role word or a country ("of El Salvador")."""
    if not words:
        return False
    if words[-1].rstrip(",").lower() in index.last_words:
        return True
    tail = [w.rstrip(",") for w in words[-3:]]
    return any(_country_word(book, " ".join(tail[i:])) for i in range(len(tail)))


def _strip_title(book: ActorBook, words: list[str]) -> tuple[str, str | None] | None:
    """Title words as a role phrase without articles or country words ("the deputy chairman
    of Russia's Security Council" -> "deputy chairman of security council", RUS); None when
    they name two countries."""
    kept: list[str] = []
    country: str | None = None
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            span = " ".join(w.rstrip(",;:") for w in words[i : i + n])
            code = _country_word(book, span) if i + n <= len(words) else None
            if code is not None:
                break
        if code is None:
            word = words[i].rstrip(",;:").lower()
            if word not in _ARTICLES:
                kept.append(word)
            i += 1
            continue
        if country not in (None, code):
            return None
        country = code
        if kept and kept[-1] == "of" and not _POSSESSIVE.search(span) and span not in book.demonyms:
            kept.pop()  # "president of Belarus": the country is not part of the title
        i += n
    return " ".join(kept), country


def _country_word(book: ActorBook, text: str) -> str | None:
    """The country a capitalised name or demonym names ("Russia's", "US", "Belarusian")."""
    if not text[:1].isupper():
        return None
    if text in book.demonyms:
        return book.demonyms[text]
    bare = _POSSESSIVE.sub("", text)
    for alias in book.aliases.get(bare, ()):
        if alias.method == "name":
            actor = book.actors.get(alias.actor_id)
            if actor is not None and actor.kind == "country":
                return actor.id
    return None


def _earliest_in_role(
    book: ActorBook, name: str, title: str, country: str | None, today: date
) -> date | None:
    people = [a.actor_id for a in book.aliases.get(name, ()) if not a.ambiguous]
    if not people:
        # a surname alone, or with a name the person goes by: "Edmund King" is not King
        # Salman, nor "Wei Lai" William Lai
        *given, surname = name.split()
        people = [
            pid
            for pid in book.surnames.get(surname, ())
            if (actor := book.actors.get(pid)) is not None
            and (not given or set(given) & {w for a in actor.aliases for w in a.split()})
        ]
    starts = [
        r.start
        for pid in people
        if (actor := book.actors.get(pid)) is not None
        for r in actor.roles
        if r.title == title
        and (country is None or r.country == country)
        and r.start is not None
        and r.start <= today
    ]
    return min(starts, default=None)


def _snippet(text: str, start: int, end: int, pad: int = 30) -> str:
    lo = max(0, start - pad)
    hi = min(len(text), end + pad)
    return (("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")).replace(
        "\n", " "
    )


@lru_cache(maxsize=1)
def _shipped_anchors() -> tuple[Anchor, ...]:
    path = resources.files("detente") / "data" / "anchors.yaml"
    return tuple(_read_anchors(path.read_text(encoding="utf-8"), "anchors.yaml"))


def load_anchors(extra_files: Sequence[Path] = ()) -> tuple[Anchor, ...]:
    """The shipped anchor events plus a user's own files (same format; same id replaces)."""
    found = {a.id: a for a in _shipped_anchors()}
    for path in extra_files:
        for anchor in _read_anchors(Path(path).read_text(encoding="utf-8"), str(path)):
            found[anchor.id] = anchor
    return tuple(found.values())


def _read_anchors(text: str, origin: str) -> list[Anchor]:
    try:
        data = parse_yaml(text) or {}
    except yaml.YAMLError as e:
        raise ConfigError(f"{origin}: not valid YAML: {e}") from e
    rows = data.get("anchors") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise ConfigError(f"{origin}: expected a top-level 'anchors:' list")
    return [_read_anchor(row, origin) for row in rows]


def _read_anchor(row: Any, origin: str) -> Anchor:
    if not isinstance(row, dict) or not {"id", "date", "all"} <= row.keys():
        raise ConfigError(f"{origin}: an anchor needs id, date and all: {row!r}")
    when = _as_date(row["date"], origin)
    named_from = _as_date(row.get("named_from", row["date"]), origin)
    fragments = row["all"]
    if not isinstance(fragments, list) or not fragments:
        raise ConfigError(f"{origin}: anchor {row['id']}: 'all' must be a non-empty list")
    try:
        patterns = tuple(re.compile(rf"\b(?:{f})", re.I) for f in fragments)
    except re.error as e:
        raise ConfigError(f"{origin}: anchor {row['id']}: bad pattern: {e}") from e
    return Anchor(str(row["id"]), str(row.get("name", row["id"])), when, named_from, patterns)


def _as_date(value: Any, origin: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise ConfigError(f"{origin}: not a date: {value!r}") from e


__all__ = ["MONTHS", "Anchor", "DateClue", "DateWindow", "infer_window", "load_anchors"]
