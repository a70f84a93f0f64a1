"""A parse of Docs the tokenizer already made equals a parse of the texts (#7)."""

from __future__ import annotations

from typing import Any

import pytest

from detente.pipeline import Pipeline
from detente.stages import nlp
from detente.stages.nlp import parse

# Special cases, affixes, whitespace tokens, entities, and a "sentence" over _MAX_SENT_CHARS
# whose cut falls inside a word (the head is tokenized again, as from text).
TEXTS = [
    "Lukashenko's government said on 3 March 2020 that Minsk wouldn't host Russia's bases.",
    "U.S. Secretary of State Mike Pompeo met Mr. Makei in Minsk (Belarus) on Tuesday.",
    "Putin`s envoy -- 1,200 troops, approx. -- can't   stay;\tthey'd've left by 10:30 a.m.",
    "",
    "So " + "Moscow condemned Kyiv. " * 90,  # cut at 2,000: "... Moscow condemned Ky"
    "x" * 2_500,
]


def _parsed(doc: Any) -> list[tuple[Any, ...]]:
    tokens = [
        (t.text, t.whitespace_, t.norm_, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph))
        for t in doc
    ]
    return [doc.text, tokens, [(e.start, e.end, e.label_) for e in doc.ents]]


def test_docs_parse_like_texts(pipeline: Pipeline) -> None:
    from_texts = list(parse(pipeline.nlp, TEXTS))
    docs = list(pipeline.nlp.language.tokenizer.pipe(TEXTS))
    from_docs = list(parse(pipeline.nlp, docs))
    assert [_parsed(d) for d in from_docs] == [_parsed(d) for d in from_texts]
    assert from_docs[0] is docs[0]  # parsed in place, not tokenized again


def test_long_doc_is_clipped(pipeline: Pipeline) -> None:
    [doc] = parse(pipeline.nlp, [pipeline.nlp.make_doc(TEXTS[4])])
    assert len(doc.text) <= nlp._MAX_SENT_CHARS < len(TEXTS[4])
    assert doc.text == TEXTS[4][: len(doc.text)]
    assert doc[-1].text == "Ky"


@pytest.mark.parametrize("text", TEXTS[:3])
def test_cached_chunks_tokenize_alike(pipeline: Pipeline, text: str) -> None:
    tokenizer = pipeline.nlp.language.tokenizer
    assert tokenizer.max_cache_size >= nlp._TOKENIZER_CACHE
    tokenizer._flush_cache()
    # each chunk alone (no special case before it in its doc), then cached, then the text
    for chunk in text.split():
        tokenizer(chunk)
    fresh = [(t.text, t.whitespace_, t.norm_) for t in tokenizer(text)]
    tokenizer._flush_cache()
    cold = [(t.text, t.whitespace_, t.norm_) for t in tokenizer(text)]
    assert fresh == cold
