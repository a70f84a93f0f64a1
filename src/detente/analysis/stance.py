"""What each article argues about the analyst's question (#6).

A relation question ("Is Belarus moving away from Russia?") asks about two actors; every
article gets a label — ``toward``, ``away``, ``mixed`` or ``unrelated`` — a score from -1 (away)
to +1 (toward), a confidence, and the sentences that show it. Four signals add up, each
sentence counted once per signal and kept with its weight:

``events``
    the article's own coded events between the two actors (either direction): cooperation
    pulls toward, conflict away, weighted by intensity. Hypothetical and future events count
    apart as ``forecasts`` (half weight) and events dated more than a year before the article
    as ``history`` (a third): an article's present argument is what it says is happening now.
``statements``
    evaluative sentences about the relationship — "relations seem to get worse", "pushes
    Lukashenko closer to Russia", "remains firmly in Russia's camp" — from a cue lexicon, read
    with their negation ("has no loyalty to Moscow", "rejected proposals for closer
    integration"), hedging ("may", "seems": lighter) and concessive turns (after "However" a
    sentence weighs more and the one it answers less; the same inside "Although ..., ...").
    A move toward someone else ("turned westward") counts as a move away, at lower weight.
``headline``
    the title read like a statement, at double weight; a headline that asks a question says
    nothing.
``conclusion``
    the article's last sentences and any "Overall, ..." sentence, at one and a half weight.

The label is ``unrelated`` when the article says nothing that counts about the pair (it never
names both sides, or no event or statement between them), ``mixed`` when the two directions
nearly balance (|score| < ``MIXED``). The confidence grows with the total weight of the
evidence (1 − e^(−w/4)) and with how one-sided it is, so one mild sentence gives a label with
low confidence. The drivers are the signals that pushed the label's way, strongest first.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from detente.model import Stance, StanceEvidence

MIXED = 0.25
SIGNALS = ("events", "statements", "headline", "conclusion", "forecasts", "history")
_SIGNAL_WEIGHT = {
    "events": 1.0,
    "statements": 1.0,
    "headline": 2.0,
    "conclusion": 1.5,
    "forecasts": 0.5,
    "history": 0.33,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionView:
    sentence_idx: int
    start: int  # character offsets inside the sentence
    end: int
    country: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventView:
    sentence_idx: int
    event_type: str
    source_country: str
    target_country: str | None
    quad_class: int
    intensity: float
    realised: bool
    modality: str
    negated: bool
    event_date: date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleView:
    """What the stance scorer reads of one stored article."""

    id: str
    title: str | None
    sentences: Sequence[str]
    mentions: Sequence[MentionView] = ()
    events: Sequence[EventView] = ()
    published_from: date | None = None


@dataclass(frozen=True, slots=True)
class _Cue:
    pattern: re.Pattern[str]
    direction: str  # toward | away
    weight: float
    name: str
    directed: bool = False  # "closer to X", "away from X": X decides whose way it points
    aimed_only: bool = False  # counts only when it names one of the pair ("can lose Belarus")
    strict: bool = False  # a generic word ("allies", "tensions"): both sides must be named


def _cue(
    rx: str,
    direction: str,
    weight: float,
    name: str,
    directed: bool = False,
    aimed: bool = False,
    strict: bool = False,
) -> _Cue:
    return _Cue(re.compile(rx, re.I), direction, weight, name, directed or aimed, aimed, strict)


_MOVE = r"(?:mov|drift|push|pull|turn|steer|shift|lean|gravitat|draw|driv|nudg|bring|br[ou]ught)"
CUES: tuple[_Cue, ...] = (
    # away
    _cue(
        rf"\b{_MOVE}\w*\s+(?:[\w'’]+\s+){{0,3}}away\b|\baway from\b", "away", 1.0, "away from", True
    ),
    _cue(r"\bdistanc\w+", "away", 1.0, "distancing"),
    _cue(r"\balienat\w+|\bestrang\w+", "away", 1.0, "alienation"),
    _cue(r"\bsour\w*\b", "away", 1.0, "souring"),
    _cue(r"\b(?:worse|worsen\w*|deteriorat\w*)\b", "away", 0.8, "worsening"),
    _cue(
        r"\b(?:tensions?|frictions?|rifts?|spats?|quarrels?|feuds?|disputes?)\b",
        "away",
        0.6,
        "tension",
        strict=True,
    ),
    _cue(r"\ba row with\b|\brow over\b|\bat odds\b|\bin opposition to\b", "away", 0.7, "at odds"),
    _cue(
        r"\bbreak\w*\s+(?:ties|with|away|off)\b|\bbreak-?up\b|\bruptur\w+|\bsplit\b",
        "away",
        1.0,
        "break",
    ),
    _cue(
        r"\bdisobe\w+|\bdefian\w*|\bdef(?:y|ies|ied)\b|\bsnub\w*|\bslight\b|\bstand\w* up to\b",
        "away",
        0.8,
        "defiance",
    ),
    _cue(
        r"\b(?:preserv|protect|defend|fortif|keep|safeguard|assert)\w*\s+(?:[\w'’]+\s+){0,3}"
        r"(?:sovereignty|independence|autonomy)\b",
        "away",
        0.6,
        "sovereignty",
    ),
    _cue(
        r"\bbalanc\w+ between\b|\bmulti-?vector\b|\bneutrality\b|\bnon-aligned\b|"
        r"\bbuffer state\b",
        "away",
        0.5,
        "balancing",
        strict=True,
    ),
    _cue(
        r"\b(?:pressure\w*|bull(?:y|ies|ying|ied)|blackmail\w*|meddl\w*|coup)\b",
        "away",
        0.5,
        "pressure",
        strict=True,
    ),
    _cue(r"\bwar of words\b|\bcold war\b|\bhostil\w+", "away", 0.7, "hostility", strict=True),
    _cue(r"\b(?:mistrust|distrust|suspicio\w+|fear\w*|afraid)\b", "away", 0.4, "fear", strict=True),
    _cue(r"\blos(?:e|es|ing)\b", "away", 0.8, "losing", aimed=True),
    _cue(r"\bwestward\b|\btowards? the west\b|\bpro-western\b", "away", 0.6, "westward"),
    # toward
    _cue(r"\bcloser\b", "toward", 1.0, "closer", True),
    _cue(rf"\b{_MOVE}\w*\s+(?:[\w'’]+\s+){{0,3}}towards?\b", "toward", 1.0, "moving toward", True),
    _cue(
        r"\b(?:firmly|squarely|remains?|stays?)\s+in\s+(?:[\w'’]+\s+){0,2}(?:camp|orbit|sphere)\b",
        "toward",
        1.0,
        "in the camp",
        True,
    ),
    _cue(r"\binto the arms of\b", "toward", 1.0, "into the arms", True),
    _cue(
        r"\brapprochement\b|\bwarm\w*\s+(?:ties|relations)\b|\bthaw\b|\breconcil\w*|\breset\b",
        "toward",
        0.8,
        "rapprochement",
        True,
    ),
    _cue(
        r"\b(?:deepen|strengthen|expand|boost|cement|tighten)\w*\s+(?:[\w'’]+\s+){0,3}"
        r"(?:ties|relations|cooperation|integration|partnership|alliance|union)\b",
        "toward",
        0.8,
        "deepening",
    ),
    _cue(
        r"\bimprov\w+\s+(?:[\w'’]+\s+){0,2}(?:ties|relations)\b|"
        r"\b(?:ties|relations)\s+(?:have\s+|has\s+)?improv\w+",
        "toward",
        0.8,
        "improving",
    ),
    _cue(r"\b(?:integrat\w*|merg\w+|unif\w+)\b", "toward", 0.5, "integration", strict=True),
    _cue(
        r"\bclosest\b|\ball(?:y|ies)\b|\balliance\b|\bbrotherly\b|\bfraternal\b",
        "toward",
        0.5,
        "alliance",
        strict=True,
    ),
    _cue(
        r"\b(?:support\w*|backing|recogni[sz]\w*|endors\w*)\b",
        "toward",
        0.4,
        "support",
        strict=True,
    ),
    _cue(
        r"\b(?:dependen\w+|reliant|relies|rely)\s+(?:\w+\s+){0,2}on\b|\bdependent\b",
        "toward",
        0.5,
        "dependence",
        strict=True,
    ),
    _cue(r"\bloyal\w*\b", "toward", 0.6, "loyalty", strict=True),
)
# a negation or a refusal in the words before a cue turns it round ("has no loyalty to Moscow",
# "rejected proposals for closer integration", "does not mean they will break ties")
_NEGATION = re.compile(
    r"\b(?:not(?! (?:the first|only|just|least|least of all)\b)|no|never|neither|nor|no longer|"
    r"hardly|unlikely|without|n['’]t|cannot|reject\w*|refus\w*|resist\w*|oppos\w*|"
    r"declin\w*|avoid\w*|den(?:y|ies|ied)|end(?:s|ed|ing)?)\b",
    re.I,
)
_HEDGE = re.compile(r"\b(?:may|might|could|seems?|appears?|likely|possibl\w*|perhaps|would)\b")
_CONCESSIVE_OPEN = re.compile(
    r"^\s*(?:However|But|Yet|Nevertheless|Nonetheless|Still|That said|Even so|On the other hand)"
    r"\b",
)
_CONCESSIVE_SUB = re.compile(r"^\s*(?:Although|Though|Even though|While|Whilst|Despite)\b")
_SUMMARY = re.compile(
    r"^\s*(?:Overall|In conclusion|In short|To sum up|All in all|Ultimately|In sum|Clearly)\b"
)
_RELATION = re.compile(
    r"\b(?:relations?|relationship|ties|bilateral|union state|"
    r"the two (?:countries|neighbou?rs|nations|states|capitals|leaders|allies|governments|sides)"
    r")\b",
    re.I,
)
_CLAUSE = re.compile(r"[,;:—–]|\s-\s|\b(?:but|while|whereas)\b")
_THIRD_PARTY = re.compile(
    r"\b(?:the west|europe|the eu|european union|nato|the united states|washington|brussels|"
    r"china|beijing|kyiv|ukraine|poland|warsaw|lithuania)\b",
    re.I,
)
CONCLUSION_SENTENCES = 3


def score_article(
    article: ArticleView,
    *,
    question: str,
    source: str,
    target: str,
    direction: str,
    also: Sequence[str] = (),
) -> Stance:
    """The stance of one article on the relation between ``source`` and ``target`` (and the
    further targets in ``also``: "Is Belarus drifting towards Russia and China?")."""
    pair = _Pair(source, frozenset({target, *also}))
    countries: dict[int, set[str]] = {}
    for m in article.mentions:
        if m.country:
            countries.setdefault(m.sentence_idx, set()).add(m.country)
    named = set().union(*countries.values()) if countries else set()
    evidence: list[StanceEvidence] = []
    if pair.within(named):
        evidence.extend(_event_evidence(article, pair))
        evidence.extend(_statement_evidence(article, pair, countries))
    return _decide(article.id, question, source, target, direction, evidence)


@dataclass(frozen=True, slots=True)
class _Pair:
    """The question's source and its target(s)."""

    source: str
    targets: frozenset[str]

    @property
    def members(self) -> frozenset[str]:
        return self.targets | {self.source}

    def within(self, named: set[str] | frozenset[str]) -> bool:
        """Both sides are named."""
        return self.source in named and bool(self.targets & named)

    def touches(self, named: set[str] | frozenset[str]) -> bool:
        return bool(self.members & named)

    def links(self, a: str | None, b: str | None) -> bool:
        """An event between ``a`` and ``b`` is one between the two sides."""
        return (a == self.source and b in self.targets) or (b == self.source and a in self.targets)


def _event_evidence(article: ArticleView, pair: _Pair) -> list[StanceEvidence]:
    found: list[StanceEvidence] = []
    seen: set[tuple[int, str]] = set()
    old = article.published_from - timedelta(days=365) if article.published_from else None
    for e in article.events:
        if not pair.links(e.source_country, e.target_country) or e.negated:
            continue
        if e.realised:
            signal = "history" if old and e.event_date and e.event_date < old else "events"
        elif e.modality in ("hypothetical", "future"):
            signal = "forecasts"
        else:
            continue
        way = "toward" if e.quad_class in (1, 2) else "away"
        if (e.sentence_idx, way) in seen:
            continue  # a sentence counts once per direction
        seen.add((e.sentence_idx, way))
        weight = (0.3 + abs(e.intensity) / 10) * _SIGNAL_WEIGHT[signal]
        text = article.sentences[e.sentence_idx] if e.sentence_idx < len(article.sentences) else ""
        why = f"{e.event_type} {e.source_country}→{e.target_country} ({e.modality})"
        found.append(
            StanceEvidence(
                sentence_idx=e.sentence_idx,
                text=text,
                signal=signal,
                direction=way,
                weight=round(weight, 3),
                why=why,
            )
        )
    return found


def _statement_evidence(
    article: ArticleView, pair: _Pair, countries: Mapping[int, set[str]]
) -> list[StanceEvidence]:
    sentences = list(article.sentences)
    title = (article.title or "").strip()
    heading = next((i for i, s in enumerate(sentences[:3]) if title and s.strip() == title), None)
    body = [i for i in range(len(sentences)) if i != heading and len(sentences[i].split()) > 3]
    ending = 0 if len(body) < 6 else min(CONCLUSION_SENTENCES, len(body) // 4)
    last = set(body[len(body) - ending :])
    found: list[StanceEvidence] = []
    scale = {i: 1.0 for i in range(len(sentences))}
    for i in body:  # concessive turns: the answer weighs more than what it answers
        if _CONCESSIVE_OPEN.match(sentences[i]):
            scale[i] *= 1.5
            previous = [j for j in body if j < i]
            if previous:
                scale[previous[-1]] *= 0.5
    for i in body:
        text = sentences[i]
        here = countries.get(i, set())
        related = pair.within(here) or (pair.touches(here) and _RELATION.search(text))
        if not (related or _two_of_them(text)):
            continue
        summary = bool(_SUMMARY.match(text))
        signal = "conclusion" if i in last or summary else "statements"
        both = pair.within(here) or _two_of_them(text)
        for way, weight, why in _read_cues(text, pair, article.mentions, i, both_named=both):
            weight *= scale[i] * _SIGNAL_WEIGHT[signal] * (1.35 if summary else 1.0)
            found.append(
                StanceEvidence(
                    sentence_idx=i,
                    text=text,
                    signal=signal,
                    direction=way,
                    weight=round(weight, 3),
                    why=why,
                )
            )
    if title and not title.endswith("?"):
        idx = heading if heading is not None else -1
        for way, weight, why in _read_cues(title, pair, article.mentions, idx):
            found.append(
                StanceEvidence(
                    sentence_idx=idx,
                    text=title,
                    signal="headline",
                    direction=way,
                    weight=round(weight * 2.0, 3),
                    why=why,
                )
            )
    return found


def _two_of_them(text: str) -> bool:
    return bool(
        re.search(r"\bthe two (?:countries|neighbou?rs|nations|states|allies)\b", text, re.I)
    )


def _read_cues(
    text: str,
    pair: _Pair,
    mentions: Sequence[MentionView],
    idx: int,
    *,
    both_named: bool = True,
) -> list[tuple[str, float, str]]:
    """(direction, weight, why) for each cue in a sentence, at most 1.5 per direction."""
    hits: list[tuple[str, float, str]] = []
    taken: list[tuple[int, int]] = []
    subordinate_end = _subordinate_end(text)
    hedge = 0.6 if _HEDGE.search(text) else 1.0
    for cue in CUES:
        if cue.strict and not both_named:
            continue
        for m in cue.pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            way, weight, why = cue.direction, cue.weight, cue.name
            if cue.directed:
                aim = _aim(text, m.end(), pair, mentions, idx)
                if cue.aimed_only and aim != "pair":
                    continue
                if aim == "other":
                    way = _flip(way)
                    weight *= 0.6
                    why += " (someone else)"
            clause = text[_clause_start(text, m.start()) : m.start()]
            near = " ".join(clause.split()[-8:])  # a negation scopes over the next few words
            if _NEGATION.search(near):
                way, weight, why = _flip(way), weight * 0.6, "not " + why
            if subordinate_end is not None:
                weight *= 0.5 if m.start() < subordinate_end else 1.5
            hits.append((way, weight * hedge, f"{why}: “{m.group().strip()}”"))
    out: list[tuple[str, float, str]] = []
    for way in ("toward", "away"):
        mine = sorted((h for h in hits if h[0] == way), key=lambda h: -h[1])
        total = 0.0
        for h in mine:
            take = min(h[1], 1.5 - total)
            if take <= 0:
                break
            out.append((way, take, h[2]))
            total += take
    return out


def _subordinate_end(text: str) -> int | None:
    """Where the concessive clause of "Although X, Y" ends (Y is what the writer argues)."""
    if not _CONCESSIVE_SUB.match(text):
        return None
    comma = text.find(",")
    return comma if comma > 0 else None


def _aim(text: str, end: int, pair: _Pair, mentions: Sequence[MentionView], idx: int) -> str | None:
    """Whom "closer to ...", "away from ..." points at: one of the pair, someone else, or
    nobody named (None)."""
    window_end = min(len(text), end + 40)
    named = sorted(
        (m for m in mentions if m.sentence_idx == idx and end <= m.start < window_end),
        key=lambda m: m.start,
    )
    third = _THIRD_PARTY.search(text, end, window_end)
    first = named[0] if named else None
    if first is not None and (third is None or first.start <= third.start()):
        return "pair" if first.country in pair.members else "other"
    return "other" if third else None


def _clause_start(text: str, at: int) -> int:
    start = 0
    for m in _CLAUSE.finditer(text, 0, at):
        start = m.end()
    return start


def _flip(way: str) -> str:
    return "away" if way == "toward" else "toward"


def _decide(
    article_id: str,
    question: str,
    source: str,
    target: str,
    direction: str,
    evidence: list[StanceEvidence],
) -> Stance:
    signals: dict[str, dict[str, float]] = {}
    for ev in evidence:
        bucket = signals.setdefault(ev.signal, {"toward": 0.0, "away": 0.0})
        bucket[ev.direction] += ev.weight
    toward = sum(b["toward"] for b in signals.values())
    away = sum(b["away"] for b in signals.values())
    total = toward + away
    score = (toward - away) / total if total else 0.0
    if total == 0:
        label = "unrelated"
    elif abs(score) < MIXED:
        label = "mixed"
    else:
        label = "toward" if score > 0 else "away"
    if label in ("toward", "away"):
        drivers = sorted(
            (s for s, b in signals.items() if b[label] > b[_flip(label)]),
            key=lambda s: -(signals[s][label] - signals[s][_flip(label)]),
        )
    else:
        drivers = sorted(signals, key=lambda s: -(signals[s]["toward"] + signals[s]["away"]))
    confidence = (1 - math.exp(-total / 4)) * (0.5 + abs(score) / 2) if total else 0.0
    shown = _pick_evidence(evidence, label)
    return Stance(
        article_id=article_id,
        question=question,
        source=source,
        target=target,
        direction=direction,
        label=label,
        score=round(score, 3),
        confidence=round(confidence, 3),
        signals={s: {k: round(v, 3) for k, v in b.items()} for s, b in signals.items()},
        drivers=tuple(drivers),
        evidence=shown,
    )


def _pick_evidence(
    evidence: list[StanceEvidence], label: str, n: int = 6
) -> tuple[StanceEvidence, ...]:
    """The strongest sentences for the label (both sides for a mixed one), in text order."""
    by_weight = sorted(evidence, key=lambda e: -e.weight)
    if label in ("toward", "away"):
        chosen = [e for e in by_weight if e.direction == label][: n - 1]
        chosen += [e for e in by_weight if e.direction != label][:1]  # the strongest objection
    else:
        chosen = [e for e in by_weight if e.direction == "toward"][: n // 2]
        chosen += [e for e in by_weight if e.direction == "away"][: n // 2]
    unique: dict[tuple[int, str], StanceEvidence] = {}
    for e in chosen:
        unique.setdefault((e.sentence_idx, e.signal), e)
    return tuple(sorted(unique.values(), key=lambda e: (e.sentence_idx, e.signal)))
