"""How an article portrays each of its main actors: a tone per mention, averaged per article.

The tone of a mention is the VADER compound score (its own lexicon, shipped with the
``vaderSentiment`` package) of the words around it — the clause it stands in, without the
mention itself — so "the late dictator Tito" is negative for Tito, and "Russia praised Minsk,
while Kyiv condemned the vote" gives Russia and Kyiv different tones in one sentence. An
actor is a main actor of an article when it is named at least ``MIN_MENTIONS`` times; the
``TOP`` most named are kept.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from statistics import fmean
from typing import Any

from detente.model import Portrayal

MIN_MENTIONS = 2
TOP = 8
CLEAR = 0.3  # |tone| at or above this is a clearly positive or negative mention
_CLAUSE = re.compile(r"[;:—–()]|,\s|\s-\s|\b(?:but|while|whereas|although|though)\b")


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def mention_tone(sentence: str, start: int, end: int) -> float:
    """The compound tone of the clause around ``sentence[start:end]``, the mention left out."""
    left = 0
    for m in _CLAUSE.finditer(sentence, 0, start):
        left = m.end()
    nxt = _CLAUSE.search(sentence, end)
    right = nxt.start() if nxt else len(sentence)
    context = (sentence[left:start] + " " + sentence[end:right]).strip()
    if not context:
        return 0.0
    return float(_analyzer().polarity_scores(context)["compound"])


def portray(
    article_id: str,
    sentences: Sequence[str],
    mentions: Sequence[tuple[int, int, int, str]],  # sentence idx, start, end, actor id
) -> list[Portrayal]:
    """One ``Portrayal`` per main actor of the article, most named first."""
    tones: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for idx, start, end, actor in mentions:
        if 0 <= idx < len(sentences):
            tones[actor].append((mention_tone(sentences[idx], start, end), idx))
    main = sorted(
        (a for a, t in tones.items() if len(t) >= MIN_MENTIONS), key=lambda a: (-len(tones[a]), a)
    )[:TOP]
    found = []
    for actor in main:
        values = tones[actor]
        strongest = max(values, key=lambda v: abs(v[0]))
        found.append(
            Portrayal(
                article_id=article_id,
                actor_id=actor,
                mentions=len(values),
                tone=round(fmean(v for v, _ in values), 3),
                positive=sum(1 for v, _ in values if v >= CLEAR),
                negative=sum(1 for v, _ in values if v <= -CLEAR),
                example_idx=strongest[1] if abs(strongest[0]) >= CLEAR else None,
            )
        )
    return found
