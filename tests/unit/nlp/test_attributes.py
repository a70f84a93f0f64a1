"""The cached attribute path gives every token what spaCy's own attribute_ruler gives it."""

from __future__ import annotations

from typing import Any

import pytest

from detente.errors import ModelError
from detente.pipeline import Pipeline
from detente.stages.attributes import FACTORY, FastAttributes, install

# Sentences that reach the ruler's special patterns: contractions ('d, 's, ain't, gonna,
# y'all, let's, c'm on), "there is", whitespace tokens, auxiliaries, possessives, numbers.
TEXTS = [
    "I'd say y'all gonna win. Let's go, c'm on!",
    "There is a cat. There's a dog and there are two birds. He ain't here.",
    "It gets better; they got it. I think you like it and it likes you.",
    "That is what that does. Nothing was done.   Double  spaces\n\nhere.",
    "Lukashenko's government said on 3 March 2020 that Minsk wouldn't host Russia's bases.",
    "She'll have been told; we've had 1,200 troops there since '14, haven't we?",
    "Whoever wins, whose turn is it? Them's the rules, innit.",
]


def _attributes(doc: Any) -> list[tuple[str, str, str, str, str]]:
    return [(t.text, t.pos_, t.tag_, t.lemma_, str(t.morph)) for t in doc]


def test_fast_path_is_installed(pipeline: Pipeline) -> None:
    language = pipeline.nlp.language
    assert FACTORY in language.pipe_names
    assert "attribute_ruler" in pipeline.nlp.parse_disable
    assert FACTORY not in pipeline.nlp.parse_disable


@pytest.mark.parametrize("text", TEXTS)
def test_same_attributes_as_the_ruler(pipeline: Pipeline, text: str) -> None:
    language = pipeline.nlp.language
    stock = language(text, disable=["senter", FACTORY])
    fast = language(text, disable=["senter", "attribute_ruler"])
    assert _attributes(fast) == _attributes(stock)


def test_later_rules_win(pipeline: Pipeline) -> None:
    """'there' before 'is' becomes a pronoun by a two-token rule after its tag rule."""
    doc = pipeline.nlp.language("There is a cat.", disable=["senter", "attribute_ruler"])
    assert doc[0].pos_ == "PRON"
    assert doc[1].pos_ in ("VERB", "AUX")


class _Ruler:
    def __init__(self, patterns: list[dict[str, Any]]) -> None:
        self.patterns = patterns
        self.attrs = [{} for _ in patterns]


def test_unsupported_pattern_is_refused() -> None:
    with pytest.raises(ModelError, match="not supported"):
        FastAttributes(_Ruler([{"patterns": [[{"ORTH": "x", "OP": "?"}]]}]))
    with pytest.raises(ModelError, match="not supported"):
        FastAttributes(_Ruler([{"patterns": [[{"LOWER": {"FUZZY": "x"}}]]}]))


def test_install_keeps_the_ruler_it_cannot_read() -> None:
    import spacy

    language = spacy.blank("en")
    ruler = language.add_pipe("attribute_ruler")
    ruler.add(patterns=[[{"LOWER": "a", "OP": "+"}]], attrs={"TAG": "DT"})
    assert install(language) is False
    assert FACTORY not in language.pipe_names
    assert language("a a b")[0].tag_ == "DT"


def test_install_on_a_blank_pipeline() -> None:
    import spacy

    language = spacy.blank("en")
    assert install(language) is False  # no ruler, nothing to replace
    ruler = language.add_pipe("attribute_ruler")
    ruler.add(patterns=[[{"LOWER": "minsk"}]], attrs={"TAG": "NNP", "POS": "PROPN"})
    ruler.add(patterns=[[{"LOWER": "minsk"}, {"LOWER": "said"}]], attrs={"POS": "NOUN"})
    assert install(language) is True
    doc = language("Minsk said Minsk", disable=["attribute_ruler"])
    assert [(t.tag_, t.pos_) for t in doc] == [("NNP", "NOUN"), ("", ""), ("NNP", "PROPN")]
    assert install(language) is False  # already there
