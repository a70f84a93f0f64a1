"""The one place where readers turn raw text and metadata into an ``Article``."""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from detente.model import Article, DatePrecision, Skipped, SkipReason, article_id
from detente.stages.clean import clean_text, parse_date_line

logger = logging.getLogger(__name__)

_MIN_YEAR = 1900
_MAX_YEAR = 2100
_TITLE_MAX = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleMeta:
    """What a reader knows about an article besides its text."""

    title: str | None = None
    author: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    date_source: str = "none"


def build_article(uri: str, raw_text: str, *, meta: ArticleMeta, format: str) -> Article | Skipped:
    """Clean ``raw_text`` and build the Article, or Skipped(NO_TEXT) if nothing is left."""
    cleaned = clean_text(raw_text)
    if not cleaned.text.strip():
        return Skipped(uri=uri, reason=SkipReason.NO_TEXT, detail="nothing left after cleaning")
    foreign = not_english(cleaned.text)
    if foreign is not None:
        return Skipped(uri=uri, reason=SkipReason.WRONG_LANGUAGE, detail=foreign)
    published, precision, date_source = meta.published, meta.date_precision, meta.date_source
    if published is not None and not _MIN_YEAR <= published.year <= _MAX_YEAR:
        logger.debug("ignoring out-of-range date %s for %s", published, uri)
        published, precision, date_source = None, DatePrecision.UNKNOWN, "none"
    if published is None:
        precision, date_source = DatePrecision.UNKNOWN, "none"
    start, end = _date_range(published, precision)
    return Article(
        id=article_id(cleaned.text),
        uri=uri,
        text=cleaned.text,
        title=_clean_field(meta.title) or guess_title(cleaned.text),
        author=_clean_field(meta.author),
        source=_clean_field(meta.source),
        url=_clean_field(meta.url),
        published=published,
        date_precision=precision,
        date_source=date_source,
        published_from=start,
        published_to=end,
        format=format,
        removed_lines=len(cleaned.removed),
    )


# the commonest English function words: a real English text of any length is full of them
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "it",
        "at",
        "from",
        "are",
        "be",
        "this",
        "have",
        "has",
        "not",
        "an",
        "were",
        "which",
        "but",
        "or",
        "its",
        "their",
        "his",
        "her",
        "they",
        "he",
        "she",
        "been",
        "will",
        "would",
        "said",
        "who",
    ]
)  # no "a": French, Spanish and Portuguese use it as much
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_NOT_LETTERS = re.compile(r"[\W\d_]+", re.UNICODE)
_MIN_WORDS = 40  # shorter texts (a headline, a tweet, a list of names) are not judged


def not_english(text: str) -> str | None:
    """Why ``text`` is not English (detente reads English only), or None when it is or is too
    short to tell. Two cheap tests: most letters outside the Latin alphabet (Russian,
    Arabic, Chinese ...), or Latin words among which English function words are rare
    (French, German, Polish ...: under 8 % where English prose has 35-50 %)."""
    sample = text[:20_000]
    letters = _NOT_LETTERS.sub("", sample)  # one string, no loop over characters (#7)
    if len(letters) < 40:
        return None
    latin = len(letters.encode("ascii", "ignore"))  # its ASCII letters
    if latin / len(letters) < 0.5:
        return f"not English: {100 - 100 * latin // len(letters)}% of letters outside Latin script"
    found = _LATIN_WORD.findall(sample)
    words = [w.lower() for w in found if not w[0].isupper()]  # names say nothing of language
    if len(words) < _MIN_WORDS:
        return None
    share = sum(1 for w in words if w in _ENGLISH) / len(words)
    if share < 0.08:
        return f"not English: {share:.0%} English function words"
    return None


def guess_title(text: str) -> str | None:
    """The first non-empty line when it reads as a headline: short, not ending a sentence.

    A final "?" is allowed when the line is in title case ("Is Belarus Moving Away From
    Russia?"), since question headlines are common.
    """
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first or len(first) >= _TITLE_MAX or first[-1] in ".!":
        return None
    if first.endswith("?") and not _looks_title_case(first):
        return None
    return first


def _looks_title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.7


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _date_range(
    published: date | None, precision: DatePrecision
) -> tuple[date | None, date | None]:
    """The first and last day a date of this precision can mean."""
    if published is None or precision is DatePrecision.UNKNOWN:
        return None, None
    if precision is DatePrecision.YEAR:
        return date(published.year, 1, 1), date(published.year, 12, 31)
    if precision is DatePrecision.MONTH:
        last = calendar.monthrange(published.year, published.month)[1]
        return published.replace(day=1), published.replace(day=last)
    return published, published


# -- metadata fields shared by markdown front matter and JSONL records ----------------------

_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ISO_YEAR = re.compile(r"\d{4}")
_ALIASES = {"date": ("date", "published"), "source": ("source", "site", "sitename", "sources")}


def parse_date_value(value: date | datetime | str) -> tuple[date, DatePrecision] | None:
    """A metadata date: a date, a datetime, or a string (ISO 8601 or a written date)."""
    if isinstance(value, datetime):
        return value.date(), DatePrecision.DAY
    if isinstance(value, date):
        return value, DatePrecision.DAY
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date(), DatePrecision.DAY
    except ValueError:
        pass
    written = parse_date_line(text)
    if written is not None:
        return written, DatePrecision.DAY
    try:
        if month := _ISO_MONTH.fullmatch(text):
            return date(int(month[1]), int(month[2]), 1), DatePrecision.MONTH
        if _ISO_YEAR.fullmatch(text):
            return date(int(text), 1, 1), DatePrecision.YEAR
    except ValueError:
        return None
    return None


def read_meta_fields(record: Mapping[str, object]) -> ArticleMeta | str:
    """The metadata fields of a front matter block or JSONL record, or what is wrong with them.

    Fields: url, title, author (a string or a list of strings), date (or published) and
    source (or site, sitename, sources; a list of outlets is joined with "; "). Unknown
    fields are ignored.
    """
    strings: dict[str, str | None] = {}
    for name in ("url", "title", "source"):
        value = _first_present(record, _ALIASES.get(name, (name,)))
        if name == "source" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "; ".join(value) or None  # several outlets cited for one item
        if value is not None and not isinstance(value, str):
            return f"{name} must be a string, not {type(value).__name__}"
        strings[name] = value
    author = record.get("author")
    if isinstance(author, list) and all(isinstance(a, str) for a in author):
        author = ", ".join(str(a) for a in author)
    if author is not None and not isinstance(author, str):
        return f"author must be a string or a list of strings, not {type(author).__name__}"
    raw_date = _first_present(record, _ALIASES["date"])
    if raw_date is not None and not isinstance(raw_date, date | str):
        return f"date must be a string or a date, not {type(raw_date).__name__}"
    parsed = parse_date_value(raw_date) if raw_date is not None else None
    if raw_date is not None and parsed is None:
        logger.debug("ignoring unparseable date %r", raw_date)
    return ArticleMeta(
        title=strings["title"],
        author=author,
        url=strings["url"],
        source=strings["source"],
        published=parsed[0] if parsed else None,
        date_precision=parsed[1] if parsed else DatePrecision.UNKNOWN,
        date_source="metadata" if parsed else "none",
    )


def _first_present(record: Mapping[str, object], names: tuple[str, ...]) -> object:
    for name in names:
        if record.get(name) is not None:
            return record[name]
    return None
