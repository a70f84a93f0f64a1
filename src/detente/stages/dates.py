"""Explicit dates in text: event dates in sentences and a publication window for undated articles.

Resolution rules (#2, #6):
  1. a full date ("7 March 2014", "February 1st 2020", "30.05.2020", "2020-05-30") is taken as is;
  2. a day and month without a year ("On 7 March", "July 29th") takes the year of the
     reference date, moved back a year when that would put it months after the reference;
  3. a month and year ("in June 2019") gives month precision;
  4. an article with no metadata date gets a window from what it says (stages/dating.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from detente.model import DatePrecision

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:%|percent|per cent))"),
    re.compile(r"\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"),
    re.compile(r"\b(?P<dd>[0-3]?\d)\.(?P<dm>[01]?\d)\.(?P<dy>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?:in|since|from|by|of|until)\s+{_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
]


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int
    end: int
    value: date
    precision: DatePrecision
    has_year: bool


def find_dates(
    text: str, reference: date | None = None, *, lower_bound: bool = False
) -> list[FoundDate]:
    """Every explicit date in ``text``; partial dates are completed from ``reference``.

    With ``lower_bound`` the reference is only the earliest the text can be (an inferred
    window), so a partial date takes its year without being moved back.
    """
    found: list[FoundDate] = []
    for m, day, month, year in _candidates(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        value = _complete(day, month, year, reference, lower_bound)
        if value is None:
            continue
        precision = DatePrecision.DAY if day else DatePrecision.MONTH
        found.append(FoundDate(m.start(), m.end(), value, precision, year is not None))
    return sorted(found, key=lambda f: f.start)


def _candidates(text: str) -> Iterator[tuple[re.Match[str], int | None, int, int | None]]:
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            g = m.groupdict()
            if g.get("iy"):
                yield m, int(g["id"]), int(g["im"]), int(g["iy"])
            elif g.get("dy"):
                yield m, int(g["dd"]), int(g["dm"]), int(g["dy"])
            else:
                month = MONTHS[g["mon"].lower().rstrip(".")]
                day = int(g["day"]) if g.get("day") else None
                year = int(g["year"]) if g.get("year") else None
                if g["mon"].lower() == "may" and day is None:
                    continue  # "may" the modal verb
                yield m, day, month, year


def _complete(
    day: int | None, month: int, year: int | None, reference: date | None, lower_bound: bool
) -> date | None:
    if year is None:
        if reference is None:
            return None
        year = reference.year
        if lower_bound:  # the first such date on or after the bound
            found = _safe_date(year, month, day or 1)
            if found is not None and found < reference:
                found = _safe_date(year + 1, month, day or 1)
            return found
        try:
            if date(year, month, day or 1) > reference and (month - reference.month) > 2:
                year -= 1
        except ValueError:
            return None
    return _safe_date(year, month, day or 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_of_sentence(
    text: str, reference: date | None, *, lower_bound: bool = False
) -> tuple[date | None, DatePrecision]:
    """The first date a sentence states, or (None, UNKNOWN)."""
    for found in find_dates(text, reference, lower_bound=lower_bound):
        return found.value, found.precision
    return None, DatePrecision.UNKNOWN


# "MINSK, 28 March 2014", "MOSCOW, 17 March 2020 (Continental Wire) —", "Published: 3 May 2021",
# "By Jane Doe | 12.03.2020", or a line that is nothing but a date: where news puts its own date.
_DATELINE_LEAD = re.compile(
    r"^\s*(?:(?:[A-Z][A-Z.'’ -]{1,40}|[A-Z][a-z]+(?: [A-Z][a-z]+)?),\s*"
    r"|(?:published|posted|updated|date)\s*:?\s*(?:on\s+)?"
    r"|by\b[^|\n]{1,60}[|,·•-]\s*"
    r")?",
    re.I,
)
_DATELINE_LINES = 25  # a dateline sits in the first lines of a page


def find_dateline(text: str) -> date | None:
    """The date an article gives itself in its first lines, if it gives one."""
    for line in text.splitlines()[:_DATELINE_LINES]:
        line = line.strip()
        if not line or len(line) > 120:
            continue
        lead = _DATELINE_LEAD.match(line)
        rest = line[lead.end() :] if lead else line
        found = find_dates(rest)
        if not found or found[0].start > 2 or not found[0].has_year:
            continue
        if found[0].precision != DatePrecision.DAY:
            continue
        tail = rest[found[0].end :].strip()
        if len(tail.split()) > 6 and not tail.startswith(("(", "—", "-", "–", "|")):
            continue  # a sentence that starts with a date is not a dateline
        return found[0].value
    return None
