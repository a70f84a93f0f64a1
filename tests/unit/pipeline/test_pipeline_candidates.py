"""Stage 3 (candidate sentences): the word tests on hashes and the docs kept for the parse."""

from __future__ import annotations

import pytest
from spacy.attrs import LOWER, ORTH

from detente.model import Sentence
from detente.pipeline import _PRONOUNS, Pipeline, _candidates, _has_word

TEXTS = [
    "He said Moscow would retaliate.",
    "she was THREATENED by them.",
    "The Hes and SHE-wolves met.",
    "",
    "Lukashenko's government condemned Russia's bases.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_has_word_is_the_token_test(pipeline: Pipeline, text: str) -> None:
    doc = pipeline.nlp.make_doc(text)
    strings = pipeline.nlp.language.vocab.strings
    forms = pipeline.lexicon.trigger_forms
    pronoun = _has_word(doc, ORTH, pipeline.pronoun_keys, _PRONOUNS, strings)
    trigger = _has_word(doc, LOWER, pipeline.trigger_keys, forms, strings)
    assert pronoun == any(t.text in _PRONOUNS for t in doc)
    assert trigger == any(t.lower_ in forms for t in doc)


def test_has_word_reads_the_string_back(pipeline: Pipeline) -> None:
    doc = pipeline.nlp.make_doc("he spoke")
    strings = pipeline.nlp.language.vocab.strings
    keys = frozenset(doc.to_array(ORTH).tolist())  # "matches" every token by hash
    assert not _has_word(doc, ORTH, keys, frozenset({"she"}), strings)
    assert _has_word(doc, ORTH, keys, frozenset({"spoke"}), strings)


def test_candidate_docs_are_the_sentences(pipeline: Pipeline) -> None:
    texts = [
        "Russia condemned Ukraine on Monday.",
        "The weather was fine.",
        "He threatened to retaliate.",
        "Belarus hosted the talks in Minsk.",
    ]
    sentences, start = [], 0
    for i, text in enumerate(texts):
        sentences.append(
            Sentence(
                article_id="a", index=i, start_char=start, end_char=start + len(text), text=text
            )
        )
        start += len(text) + 1
    chosen, docs, _salient, named = _candidates(pipeline, sentences)
    assert chosen and len(docs) == len(chosen)
    assert [d.text for d in docs] == [texts[i] for i in chosen]
    assert 1 not in chosen and 1 not in named
    assert 2 in chosen  # a pronoun after a named actor, with a trigger word
