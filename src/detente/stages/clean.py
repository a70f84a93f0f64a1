"""Clean extracted article text: drop web boilerplate, keep every sentence of the body.

The rules are general patterns, not a list of known strings: a keyword, a short line, and a
position (the header before the first prose line, the footer after the last one). A line is
only ever removed whole, or stripped of markup; the words of the body are never rewritten.
``clean_text`` runs its pass until nothing changes, so cleaning is idempotent.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

logger = logging.getLogger(__name__)

_MAX_PASSES = 25
_HEADER_LIMIT = 20  # lines looked at before the first prose line
_TERMINAL = ".!?…"
_CLOSERS = "\"'”’»)]*_"


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanedText:
    """Cleaned text and the lines that were removed from it, in the order found."""

    text: str
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    block: int  # index of the blank-line separated block the line came from


_Rule = Callable[[list[_Line]], set[int]]


def clean_text(text: str) -> CleanedText:
    """Remove boilerplate lines and markup from ``text``; keep the body's sentences."""
    removed: list[str] = []
    current = text
    for _ in range(_MAX_PASSES):
        result, dropped = _clean_once(current)
        removed.extend(dropped)
        if result == current:
            break
        current = result
    else:
        logger.warning("clean_text did not settle after %s passes", _MAX_PASSES)
    return CleanedText(text=current, removed=tuple(removed))


def _clean_once(text: str) -> tuple[str, list[str]]:
    """One pass of every rule: returns the new text and the lines removed."""
    lines = _split_lines(_normalise_chars(text))
    removed: list[str] = []
    rules: tuple[_Rule, ...] = (
        _find_markup_lines,
        _find_boilerplate_lines,
        _find_header_lines,
        _find_related_blocks,
        _find_author_footer,
        _find_teasers,
    )
    for rule in rules:
        drop = rule(lines)
        removed.extend(lines[i].text for i in sorted(drop))
        lines = [line for i, line in enumerate(lines) if i not in drop]
    return _join_paragraphs(lines), removed


# -- characters and lines ------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")


def _normalise_chars(text: str) -> str:
    """NFKC-fold (no-break spaces, ligatures, full-width forms) and blank control characters."""
    text = unicodedata.normalize("NFKC", text.removeprefix("\ufeff"))
    text = "\n".join(text.splitlines())
    return _CONTROL.sub(" ", text)


def _split_lines(text: str) -> list[_Line]:
    """Blank-line separated blocks; with no blank line at all, every line is its own block."""
    raw = [_strip_markdown(_SPACES.sub(" ", line).strip()) for line in text.split("\n")]
    has_blank = any(not line for line in raw)
    lines: list[_Line] = []
    block = 0
    for line in raw:
        if not line:
            block += 1
            continue
        lines.append(_Line(line, block))
        if not has_blank:
            block += 1
    return lines


_IMAGE = re.compile(r"!\[[^\]\n]*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(
    r"\[([^\]\n]+)\](?:\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]\n]*\])"
)
_HEADING_MARK = re.compile(r"^#{1,6}\s+|\s+#+$")
_QUOTE_MARK = re.compile(r"^(?:>\s?)+")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s*])\1(?![\w*])")
_UNDERLINE = re.compile(r"(?<![\w])(_{1,3})(?=[^\s_])(.+?)(?<=[^\s_])\1(?!\w)")
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|b|i|u|s|em|strong|img|ul|ol|li|h[1-6]|blockquote|figure|figcaption"
    r"|iframe|script|style|table|tr|td|th|hr|sup|sub|small|section|article|header|footer|nav)"
    r"\b[^<>]{0,200}/?>",
    re.IGNORECASE,
)


def strip_markdown(text: str) -> str:
    """Markdown markup to plain text, line by line: headings, emphasis, links, images."""
    return "\n".join(_strip_markdown(line) for line in text.split("\n"))


def _strip_markdown(line: str) -> str:
    line = _IMAGE.sub(" ", line)
    line = _LINK.sub(_keep_link_text, line)
    line = _HTML_TAG.sub(" ", line)
    line = _QUOTE_MARK.sub("", line)
    line = _HEADING_MARK.sub("", line)
    line = _EMPHASIS.sub(r"\2", line)
    line = _UNDERLINE.sub(r"\2", line)
    return _SPACES.sub(" ", line).strip()


def _keep_link_text(match: re.Match[str]) -> str:
    text = match.group(1)
    before = match.string[match.start() - 1 : match.start()] if match.start() else ""
    after = match.string[match.end() : match.end() + 1]
    # keep a space so that "x[a](u)b" does not glue "x", "a" and "b" into new words
    if before.isalnum() and text[:1].isalnum():
        text = " " + text
    if after.isalnum() and text[-1:].isalnum():
        text = text + " "
    return text


def _join_paragraphs(lines: Sequence[_Line]) -> str:
    """Lines of a block joined by newlines, blocks by blank lines; headings stand alone."""
    paragraphs: list[list[str]] = []
    after_heading = False
    for i, line in enumerate(lines):
        first = i == 0 or lines[i - 1].block != line.block
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        if i + 1 < len(lines) and lines[i + 1].block != line.block:
            following = ""
        previous = "" if first else lines[i - 1].text
        heading = bool(following) and _is_heading(line.text, following)
        heading = heading and (first or after_heading or _ends_sentence(previous))
        if first or heading or after_heading:
            paragraphs.append([line.text])
        else:
            paragraphs[-1].append(line.text)
        after_heading = heading
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)


_FUNCTION_WORDS = {"a", "an", "the", "of", "to", "and", "or", "in", "on", "for", "with", "by", "at"}


def _is_heading(text: str, following: str) -> bool:
    """A section heading followed, in the same block, by the paragraph it heads.

    Hard-wrapped prose is not split: its lines are all about as long as the next one.
    """
    words = text.split()
    return (
        _is_heading_text(text)
        and (_is_title_case(text) or len(words) <= 6)
        and words[-1].casefold() not in _FUNCTION_WORDS
        and len(text) < 0.6 * len(following)
        and (following[0].isupper() or following[0].isdigit() or following[0] in "\"“‘'")
    )


def _is_heading_text(text: str) -> bool:
    """Short, starts like a title and does not end like a sentence or a clause."""
    if not text or len(text) > 80 or len(text.split()) > 12 or text[-1] in ".,;:!-–—…":
        return False
    first = text[0]
    return first.isupper() or first.isdigit() or first in "\"“‘'"


# -- line classes --------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_][\w'’.-]*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_prose(text: str) -> bool:
    """A body line: a full sentence of a dozen words or more."""
    return len(_words(text)) >= 12 and _ends_sentence(text)


def _is_title_case(text: str) -> bool:
    long_words = [w for w in _words(text) if len(w) >= 4 and w[0].isalpha()]
    if len(long_words) < 2:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= 0.7


# -- rule: markup lines --------------------------------------------------------------------

_MARKUP_LINE = re.compile(
    r"(?:[-*_=~+#]\s*){3,}"  # rules and setext underlines
    r"|(?:```|~~~).*"  # code fences
    r"|\[[^\]]+\]:\s*\S+.*"  # reference link definitions
    r"|<!--.*-->"
)


def _find_markup_lines(lines: list[_Line]) -> set[int]:
    """Markdown rules, fences, link definitions and lines without a letter or digit."""
    return {
        i
        for i, line in enumerate(lines)
        if _MARKUP_LINE.fullmatch(line.text) or not any(c.isalnum() for c in line.text)
    }


# -- rule: boilerplate lines, matched one by one -------------------------------------------

_SOCIAL = (
    r"(?:tweet|print|email|e-mail|mail|facebook|twitter|x|linkedin|whatsapp|telegram|reddit"
    r"|pinterest|vk|copy link|pocket|flipboard|share)"
)
_PROMPT_PATTERNS = (
    # 1. comment, login and navigation prompts
    r"(?:leave|post|add|write|submit) (?:a |an |your )?(?:comment|reply|response)s?\b.{0,80}",
    r"(?:view|show|load|read|see|hide) (?:all |the )?(?:\d+ )?(?:comment|repl(?:y|ies))s?\W*",
    r"(?:\d+ )?(?:comments?|responses?|replies)(?: \(\d+\))?\W*|no comments(?: yet)?\W*",
    r"you must be (?:logged|signed) in\b.{0,100}",
    r"(?:lost|forgot|forgotten) your password\W*",
    r"(?:log ?in|sign ?in|log ?out|sign ?out|register|create an account)"
    r"(?: (?:or|to) [\w ]{1,40})?\W*",
    r"(?:back|go|scroll|return|jump) to (?:the )?top\W*",
    r"(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation|menu)\W*",
    r"(?:toggle )?(?:navigation|menu)",
    r"(?:previous|next|prev|older|newer) (?:article|post|story|page|entry)\b.{0,150}",
    r"click here\b.{0,150}",
    # 2. share, subscribe, follow and promotion prompts
    rf"{_SOCIAL}(?:[ ,|/]+{_SOCIAL})*\W*",
    r"share (?:this|on|via|the|to|with)\b.{0,80}",
    r"(?:subscribe|sign up|signup|sign-up)\b.{0,180}",
    r"(?:join|get) (?:our|the|my) .{0,80}"
    r"(?:newsletter|mailing list|channel|community|updates)\b.{0,80}",
    r"follow (?:us|me|@\w+)\b.{0,80}",
    r"why (?:support|donate to|subscribe to|fund) [^?]{1,60}\?",
    r"(?:support|donate to) (?:us|our (?:work|journalism|reporting))\b.{0,120}",
    r"become an? (?:member|patron|supporter|subscriber)\b.{0,120}|donate(?: now)?\W*",
    r"(?:advertisement|advertising|sponsored(?: content)?|ads?|promoted)\W*",
    # 3. read/view counters and reading times
    r"[\d,.\s]+k? (?:reads?|views?|shares?|likes?)\W*",
    r"(?:reads?|views?|shares?|likes?)\s*:\s*[\d,.]+k?",
    r"\d+ (?:min(?:ute)?s?) read\W*",
    # 4. inline "read more" links, tag and category lists
    r"(?:read more|read also|also read|see also|related|read next)\s*[:»›>|-]\s*.{1,200}",
    r"(?:tags?|categories|category|filed under|posted in|topics?|keywords?)\s*:.{0,200}",
    # 5. provenance, disclaimers and copyright
    r"(?:this (?:article|post|story|piece|commentary|analysis) (?:was|is|has been) )?"
    r"originally (?:published|appeared|posted)\b.{0,200}",
    r"this (?:article|post|story|piece|commentary|analysis) (?:was|is|has been) first"
    r" (?:published|appeared|posted)\b.{0,200}",
    r"(?:the |any )?(?:views|opinions)(?: (?:and|or) opinions)? expressed\b.{0,200}"
    r"\b(?:authors?|writers?|contributors?|own|necessarily)\b.{0,200}",
    r"disclaimer\s*:.{0,300}",
    r"(?:copyright\s*)?(?:©|\(c\))\s*.{0,150}|copyright \d{4}.{0,150}",
    r".{0,150}\ball rights reserved\W*",
)
_PROMPT = re.compile("|".join(f"(?:{p})" for p in _PROMPT_PATTERNS), re.IGNORECASE)
_SHORTCODE = re.compile(r"\[/?[a-z][a-z0-9_-]*(?:\s[^\[\]]*)?\]")
_CREDIT_PATTERNS = (
    r"(?:cover |featured |header |top |main |lead )?(?:image|photo|picture|photograph"
    r"|illustration|graphic)s?(?: credits?| source| courtesy)?"
    r"\s*(?:by|:|©|via|courtesy|-|–)\s.{0,180}",
    r"(?:photo|image|picture) (?:credit|courtesy)s?\b.{0,180}",
    r"(?:credits?|courtesy|source image)\s*:.{0,180}",
    r"\(?cc(?:[ -]?by\b|0\b|,).{0,150}",
    r".{0,120}\b(?:via (?:wikimedia|flickr|unsplash|pixabay|getty)|wikimedia commons|shutterstock"
    r"|getty images|creative commons|public domain)\b.{0,120}",
)
_CREDIT = re.compile("|".join(f"(?:{p})" for p in _CREDIT_PATTERNS), re.IGNORECASE)


def _find_boilerplate_lines(lines: list[_Line]) -> set[int]:
    """Prompts, counters, shortcodes, disclaimers, image credits and the captions above them."""
    drop: set[int] = set()
    for i, line in enumerate(lines):
        text = line.text
        if len(text) > 320:
            continue
        if _PROMPT.fullmatch(text) or _SHORTCODE.fullmatch(text):
            drop.add(i)
        elif _is_credit(text):
            drop.add(i)
            if i > 1 and _is_caption(lines, i - 1):
                drop.add(i - 1)  # the caption of the credited image (never the first line)
    return drop


def _is_credit(text: str) -> bool:
    """An image credit: short, and not a sentence unless a very short one ("Photo: AP.")."""
    short = len(text) <= 200 and (not _ends_sentence(text) or len(text.split()) <= 6)
    return short and bool(_CREDIT.fullmatch(text))


def _is_caption(lines: Sequence[_Line], i: int) -> bool:
    """A short line just above an image credit, in the same block, starting like a caption."""
    candidate, credit = lines[i], lines[i + 1]
    text = candidate.text
    if candidate.block != credit.block or len(text) > 100 or _is_prose(text):
        return False
    if not (text[0].isupper() or text[0].isdigit()) or _is_credit(text):
        return False
    previous = lines[i - 1] if i > 0 and lines[i - 1].block == candidate.block else None
    return previous is None or _ends_sentence(previous.text) or _is_heading_text(previous.text)


# -- rule: the header before the first prose line -------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
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
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_FORMS = (
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})",
    r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<yy>\d{4})",
    rf"(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})",
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})",
)
_DATE_LINE = re.compile(
    r"(?:(?:published|posted|updated|date|dated|last updated)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    r"(?:" + "|".join(_DATE_FORMS) + r")"
    r"(?:\s*(?:,|\||-|–|at)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|UTC[+-]\d+)?)?",
    re.IGNORECASE,
)


def parse_date_line(line: str) -> date | None:
    """The date on a standalone date line ("30.05.2020", "May 30, 2020", "2020-05-30")."""
    match = _DATE_LINE.fullmatch(line.strip())
    if match is None:
        return None
    parts = match.groupdict()
    try:
        if parts["y"]:
            return date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
        if parts["yy"]:
            return _parse_numeric_date(int(parts["a"]), int(parts["b"]), int(parts["yy"]), parts)
        suffix = "1" if parts["m1"] else "2"
        month = _MONTHS[str(parts["m" + suffix]).lower()]
        return date(int(str(parts["y" + suffix])), month, int(str(parts["d" + suffix])))
    except ValueError:
        return None


def _parse_numeric_date(a: int, b: int, year: int, parts: dict[str, str | None]) -> date | None:
    # 1. dots and dashes are day-first; 2. slashes only when one side cannot be a month
    if parts["sep"] != "/" or a > 12:
        return date(year, b, a)
    if b > 12:
        return date(year, a, b)
    return None


def _find_header_lines(lines: list[_Line]) -> set[int]:
    """Date lines, duplicated titles, category labels, tag lines and breadcrumbs at the top."""
    header = _header_zone(lines)
    drop: set[int] = set()
    seen: set[str] = set()
    for i in header:
        text = lines[i].text
        key = text.casefold()
        later = [lines[j].text for j in header if j > i and j not in drop]
        metadata = parse_date_line(text) is not None or key in seen or _is_breadcrumb(text)
        if metadata or _is_label(text, later) or _is_tag_line(text, later):
            drop.add(i)
        seen.add(key)
    return drop | _find_end_dates(lines)


def _header_zone(lines: Sequence[_Line]) -> list[int]:
    """Indices of the lines before the first prose line (none if there is no prose)."""
    for i, line in enumerate(lines[: _HEADER_LIMIT + 1]):
        if _is_prose(line.text):
            return list(range(i))
    return []


def _find_end_dates(lines: Sequence[_Line]) -> set[int]:
    """Standalone date lines near the start or the end of a text with no header zone."""
    edges = set(range(min(len(lines), 15))) | set(range(max(0, len(lines) - 5), len(lines)))
    return {i for i in edges if parse_date_line(lines[i].text) is not None}


def _is_label(text: str, later: Sequence[str]) -> bool:
    """A section label such as "COMMENT" or "ANALYSIS" above the headline."""
    letters = [c for c in text if c.isalpha()]
    is_caps = bool(letters) and all(c.isupper() for c in letters) and len(text.split()) <= 3
    return is_caps and any(_is_heading_text(t) and not t.isupper() for t in later)


def _is_tag_line(text: str, later: Sequence[str]) -> bool:
    """A run of topic phrases ("Belarus-Russia relations Belarusian language ...") above a
    title-case headline."""
    if _is_title_case(text) or not any(_is_heading_text(t) and _is_title_case(t) for t in later):
        return False
    items = [item.strip() for item in text.split(",")]
    if len(items) >= 3 and all(0 < len(item.split()) <= 3 for item in items):
        return not _ends_sentence(text)
    return len(text.split()) >= 5 and not any(c in text for c in ".,;:!?")


def _is_breadcrumb(text: str) -> bool:
    """ "Home » World » Europe": short items between navigation separators."""
    items = [item.strip() for item in re.split(r"\s[»›>|/]\s", text)]
    return len(items) >= 3 and all(0 < len(item.split()) <= 4 for item in items)


# -- rule: "Related articles" and the headline list that follows ----------------------------

_RELATED = re.compile(
    r"(?:related(?: (?:articles?|posts?|stories|news|content|reading|coverage|links|topics))?"
    r"|more (?:from|on|in|about) .{1,60}|more (?:stories|articles|news|like this)"
    r"|read (?:more|also|next|this next)|also read|see also|further reading"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)(?: reading)?"
    r"|recommended(?: for you| reading| articles| stories)?"
    r"|(?:most )?(?:popular|read|viewed|shared)(?: (?:posts|articles|stories|now|this week|today))?"
    r"|trending(?: now| stories)?|latest(?: news| articles| posts| stories)?|top stories"
    r"|in other news|what to read next|don'?t miss|editor'?s'? picks?)\s*:?",
    re.IGNORECASE,
)


def _find_related_blocks(lines: list[_Line]) -> set[int]:
    """A related-content header and the short headline and byline lines after it, up to the
    end or the next prose paragraph."""
    drop: set[int] = set()
    i = 0
    while i < len(lines):
        if not _RELATED.fullmatch(lines[i].text):
            i += 1
            continue
        drop.add(i)
        i += 1
        while i < len(lines) and _is_list_item(lines[i].text):
            drop.add(i)
            i += 1
    return drop


def _is_list_item(text: str) -> bool:
    return len(text) <= 250 and (not _is_prose(text) or _is_title_case(text))


# -- rule: author bio footer -----------------------------------------------------------------

_PARTICLES = {"de", "van", "von", "der", "den", "bin", "al", "da", "di", "del", "la", "le", "du"}
_ROLE = re.compile(
    r"(?:(?:senior|associate|deputy|executive|managing|chief|former|assistant|visiting) )*"
    r"(?:director|editor|founder|co-founder|professor|lecturer|analyst|researcher|fellow"
    r"|journalist|correspondent|reporter|writer|author|contributor|consultant|head|chair"
    r"|chairman|ceo|student|ph\.?d\.? candidate|member)\b.{0,200}",
    re.IGNORECASE,
)
_BIO_WORDS = re.compile(
    r"\b(?:founder|co-founder|director|editor|professor|lecturer|analyst|researcher|fellow"
    r"|journalist|correspondent|reporter|writer|author|contributor|consultant|expert"
    r"|specialist|student|graduate|ph\.?d|degree|career|professional life|works? (?:as|at|for)"
    r"|worked (?:as|at|for|in)|based in|lives in|speciali[sz]|focus(?:es|ing)? on)\b",
    re.IGNORECASE,
)
_PRONOUN_START = re.compile(r"(?:i|he|she|they|the author)\b", re.IGNORECASE)


def _find_author_footer(lines: list[_Line]) -> set[int]:
    """The author's name line(s) and one-line bio at the very end, and the same name as a
    byline in the header."""
    if len(lines) < 3:
        return set()
    last = len(lines) - 1
    names = _name_lines_before(lines, last)
    if names and _is_bio(lines[last].text, lines[names[0]].text, _count(lines, names[0]) > 1):
        footer = {*names, last}
    else:
        names = _name_lines_before(lines, last + 1)
        if not names or _count(lines, names[0]) <= len(names):
            return set()
        footer = set(names)  # a repeated name alone at the end
    if len(footer) >= len(lines):
        return set()
    name = lines[min(footer)].text.casefold()
    return footer | {i for i in _header_zone(lines) if lines[i].text.casefold() == name}


def _name_lines_before(lines: Sequence[_Line], end: int) -> list[int]:
    """Consecutive identical name-like lines ending just before ``end``."""
    found: list[int] = []
    i = end - 1
    while i > 0 and _is_name(lines[i].text):
        if found and lines[i].text != lines[found[0]].text:
            break
        found.insert(0, i)
        i -= 1
    return found


def _is_name(text: str) -> bool:
    tokens = text.removeprefix("By ").split()
    if not 2 <= len(tokens) <= 5 or len(text) > 50 or any(c.isdigit() for c in text):
        return False
    shaped = all(
        t in _PARTICLES or (t[0].isupper() and re.fullmatch(r"[\w'’.-]+", t)) for t in tokens
    )
    return shaped and tokens[0][0].isupper() and not _ends_sentence(text)


def _is_bio(text: str, name: str, repeated: bool) -> bool:
    """A one-line bio: starts with the author's name, a role, or a pronoun and bio words."""
    if len(text) > 300 or len(re.findall(r"[.!?](?:\s|$)", text)) > 3:
        return False
    tokens = name.removeprefix("By ").split()
    if text.startswith((tokens[0] + " ", tokens[-1] + " ")) and _BIO_WORDS.search(text):
        return True
    if _ROLE.match(text) and (repeated or "," in text[:40]):
        return True
    return bool(_PRONOUN_START.match(text) and _BIO_WORDS.search(text))


def _count(lines: Sequence[_Line], index: int) -> int:
    key = lines[index].text.casefold()
    return sum(1 for line in lines if line.text.casefold() == key)


# -- rule: teaser paragraphs -----------------------------------------------------------------


def _find_teasers(lines: list[_Line]) -> set[int]:
    """A paragraph ending in "..." whose text starts a later paragraph: the teaser goes."""
    blocks: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        blocks.setdefault(line.block, []).append(i)
    texts = [(ids, " ".join(lines[i].text for i in ids)) for ids in blocks.values()]
    drop: set[int] = set()
    for n, (ids, text) in enumerate(texts):
        if not text.endswith(("...", "…")):
            continue
        stem = text.rstrip(".… ")
        if len(stem) >= 30 and any(
            later.startswith(stem) and len(later) > len(stem) for _, later in texts[n + 1 :]
        ):
            drop.update(ids)
    return drop
