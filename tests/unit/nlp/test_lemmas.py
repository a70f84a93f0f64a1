"""The cached lemma path gives every token the lemma spaCy's own lemmatizer gives it."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from detente.errors import ModelError
from detente.pipeline import Pipeline
from detente.stages import lemmas
from detente.stages.lemmas import FACTORY, FastLemmas, install

# Contractions, irregular verbs, plurals, proper nouns, numbers, punctuation, possessive "'s",
# capitalised words, whitespace tokens, and words the attribute ruler gives a lemma ('d, 's).
TEXTS = [
    "I'd say y'all gonna win. Let's go, c'm on! He ain't here, is he? They'd've known.",
    "The geese were flying; mice ran and children sang. She had gone, he went, we've been.",
    "Lukashenko's government said on 3 March 2020 that Minsk wouldn't host Russia's bases.",
    "Putin's ministers MET the E.U.'s envoys in Brussels at 10:30 a.m. -- 1,200 troops (approx.).",
    "That is what that does. Nothing was done.   Double  spaces\n\nhere.\t\tTabs too.",
    "Better, best, worse; the biggest cities' mayors are meeting the largest ones' leaders.",
    "WASHINGTON (Reuters) - U.S. Secretary of State Mike Pompeo was speaking on Tuesday.",
    "Belarusians protested; the protesters' demands were ignored, wasn't it so? 'Tis.",
    "",
]


def _lemmas(doc: Any) -> list[tuple[str, str, str, str, str, str]]:
    return [(t.text, t.lemma_, t.pos_, t.tag_, str(t.morph), t.dep_) for t in doc]


def test_fast_path_is_installed(pipeline: Pipeline) -> None:
    language = pipeline.nlp.language
    assert FACTORY in language.pipe_names
    assert language.pipe_names.index(FACTORY) > language.pipe_names.index("attribute_ruler")
    assert "lemmatizer" in pipeline.nlp.parse_disable
    assert FACTORY not in pipeline.nlp.parse_disable
    assert FACTORY in pipeline.nlp.split_disable


@pytest.mark.parametrize("text", TEXTS)
def test_same_lemmas_as_the_lemmatizer(pipeline: Pipeline, text: str) -> None:
    language = pipeline.nlp.language
    stock = language(text, disable=["senter", FACTORY])
    fast = language(text, disable=["senter", "lemmatizer"])
    assert _lemmas(fast) == _lemmas(stock)


def test_whitespace_and_ruler_lemmas(pipeline: Pipeline) -> None:
    doc = pipeline.nlp.language("I'd go.  Then\n\nhe's gone.", disable=["senter", "lemmatizer"])
    got = {t.text: t.lemma_ for t in doc}
    assert got["'d"] == "would"  # set by the attribute ruler and kept
    assert got[" "] == " " and got["\n\n"] == "\n\n"
    assert (got["Then"], got["'s"], got["gone"]) == ("then", "be", "go")


def test_cache_is_capped(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    language = pipeline.nlp.language
    monkeypatch.setattr(lemmas, "_MAX_KEYS", 5)
    fast = FastLemmas(language.get_pipe("lemmatizer"))
    seen = set()
    for text in TEXTS:
        stock = language(text, disable=["senter", FACTORY])
        doc = fast(language(text, disable=["senter", FACTORY, "lemmatizer"]))
        assert _lemmas(doc) == _lemmas(stock)
        assert len(fast._cache) <= 5
        assert len(fast._twin.cache) <= 5
        seen.update((t.orth, t.pos, t.morph.key) for t in doc)
    assert len(seen) > 50  # the cache was emptied many times over


def _blank(mode: str, **config: Any) -> Any:
    import spacy
    from spacy.lookups import Lookups

    language = spacy.blank("en")
    lemmatizer = language.add_pipe("lemmatizer", config={"mode": mode, **config})
    lookups = Lookups()
    if mode == "lookup":
        lookups.add_table("lemma_lookup", {"went": "go", "geese": "goose"})
    else:
        lookups.add_table("lemma_rules", {"noun": [["s", ""]]})
        lookups.add_table("lemma_index", {"noun": ["cat"]})
    lemmatizer.initialize(lookups=lookups)
    return language


def test_lookup_mode_on_a_blank_pipeline() -> None:
    language = _blank("lookup")
    assert install(language) is True
    text = "We went with the geese and went home"
    stock = language(text, disable=[FACTORY])
    fast = language(text, disable=["lemmatizer"])
    assert [t.lemma_ for t in fast] == [t.lemma_ for t in stock]
    assert [t.lemma_ for t in fast][1] == "go"
    assert install(language) is False  # already there


def test_a_set_lemma_is_kept_unless_overwrite() -> None:
    for overwrite, expected in ((False, "walked"), (True, "go")):
        language = _blank("lookup", overwrite=overwrite)
        fast = FastLemmas(language.get_pipe("lemmatizer"))
        doc = language.make_doc("went went")
        doc[0].lemma_ = "walked"
        assert [t.lemma_ for t in fast(doc)] == [expected, "go"]


def test_new_tables_are_read() -> None:
    from spacy.lookups import Lookups

    language = _blank("lookup")
    fast = FastLemmas(language.get_pipe("lemmatizer"))
    assert fast(language.make_doc("went"))[0].lemma_ == "go"
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"went": "wend"})
    language.get_pipe("lemmatizer").initialize(lookups=lookups)
    assert fast(language.make_doc("went"))[0].lemma_ == "wend"


def test_rule_mode_tables_are_the_models() -> None:
    language = _blank("rule")
    install(language)
    doc = language.make_doc("cats dogs")
    for token in doc:
        token.pos_ = "NOUN"
    fast = language.get_pipe(FACTORY)(doc)
    assert [t.lemma_ for t in fast] == ["cat", "dog"]  # "dog" by the rule, out of index


def test_missing_tables_fail_as_in_spacy() -> None:
    import spacy

    language = spacy.blank("en")
    language.add_pipe("lemmatizer", config={"mode": "lookup"})
    fast = FastLemmas(language.get_pipe("lemmatizer"))
    with pytest.raises(ValueError, match="E1004"):
        fast(language.make_doc("went"))


def test_install_keeps_a_lemmatizer_it_cannot_reproduce(caplog: pytest.LogCaptureFixture) -> None:
    import spacy

    assert install(spacy.blank("en")) is False  # no lemmatizer, nothing to replace
    language = spacy.blank("nl")  # DutchLemmatizer: its own lemmatize(), not read here
    language.add_pipe("lemmatizer")
    with caplog.at_level(logging.INFO, logger=lemmas.__name__):
        assert install(language) is False
    assert "keeping spaCy's lemmatizer" in caplog.text
    assert FACTORY not in language.pipe_names
    with pytest.raises(ModelError, match="not supported"):
        FastLemmas(language.get_pipe("lemmatizer"))
