"""A faster stand-in for spaCy's ``lemmatizer`` with the same output (#7).

The small English model's lemmatizer (rule mode) caches its answer per
``(orth, pos, morph)``, yet costs ~36 µs a token. Two costs: a word not seen yet is checked
against each POS's word index, a list of up to 57,000 words scanned once per matching suffix
rule (~0.2 ms a word); and every token pays for a ``Token`` object, ``token.morph.key`` and the
``token.lemma_`` setter. The lemma is a function of that key alone, so this path reads the key
of every token with one ``doc.to_array``, looks each up in a dict of lemma hashes and writes
the lemma column back with one ``doc.from_array`` (which sets the lemma and nothing else).

A key not seen yet is lemmatized by spaCy's own ``lemmatize(token)``, on a twin of the loaded
lemmatizer (same class, mode and tables) whose word index is a set: membership is all the
rules ask of it, so the rules and tables stay the model's, not copied. Like spaCy, a token whose
lemma is already set (by the attribute ruler) keeps it unless the lemmatizer has
``overwrite``. Lemma hashes stay valid because detente opens no ``memory_zone`` (strings are
never dropped from the vocab). ``tests/unit/nlp/test_lemmas.py`` checks the output equals the
lemmatizer's.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from detente.errors import ModelError

FACTORY = "detente_lemmas"
_MODES = ("rule", "lookup")  # both read only the token's text, POS and morphology
_MAX_KEYS = 200_000

_Key = tuple[int, int, int]  # a token's (orth, pos, morph) hashes

logger = logging.getLogger(__name__)


def _check_supported(lemmatizer: Any) -> None:
    """Refuse a lemmatizer whose answer may depend on more than (orth, pos, morph)."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    # a subclass may override lemmatize() or is_base_form() to read the context
    if type(lemmatizer) not in (Lemmatizer, EnglishLemmatizer):
        raise ModelError(f"lemmatizer {type(lemmatizer).__name__} not supported by the fast path")
    if lemmatizer.mode not in _MODES:
        raise ModelError(f"lemmatizer mode {lemmatizer.mode!r} not supported by the fast path")


def _twin(lemmatizer: Any) -> Any:
    """A lemmatizer of the same class, mode and tables, each POS's word index a set."""
    from spacy.lookups import Lookups

    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        data = dict(lemmatizer.lookups.get_table(name).items())
        if name == "lemma_index":  # rule_lemmatize only asks `form in index`
            data = {pos: _as_set(words) for pos, words in data.items()}
        lookups.add_table(name, data)
    twin = type(lemmatizer)(
        lemmatizer.vocab, None, name=lemmatizer.name, mode=lemmatizer.mode, overwrite=True
    )
    twin.initialize(lookups=lookups)
    return twin


def _as_set(words: Any) -> Any:
    if not isinstance(words, list | tuple):
        return words
    try:
        return frozenset(words)
    except TypeError:  # unhashable entries: keep the list, same answers, slower
        return words


class FastLemmas:
    """Apply a ``Lemmatizer`` by a cached lookup per token key."""

    def __init__(self, lemmatizer: Any) -> None:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        _check_supported(lemmatizer)
        self._lemmatizer = lemmatizer
        self._strings = lemmatizer.vocab.strings
        self._read = [ORTH, POS, MORPH, LEMMA]
        self._write = [LEMMA]
        self._cache: dict[_Key, int] = {}
        # built on first use: a lemmatizer added to a blank pipeline gets its tables later
        self._twin: Any = None
        self._twin_of: Any = None  # the lookups the twin was built from

    def _ready(self) -> None:
        """Check the tables as spaCy does (E1004 when missing); rebuild the twin when the
        lemmatizer was given new tables."""
        lemmatizer = self._lemmatizer
        if not lemmatizer._validated:
            from spacy.errors import Errors

            lemmatizer._validate_tables(Errors.E1004)
        if self._twin_of is not lemmatizer.lookups:
            self._twin = _twin(lemmatizer)
            self._twin_of = lemmatizer.lookups
            self._cache.clear()

    def _lemma(self, token: Any, key: _Key) -> int:
        """The lemma hash of a key not in the cache, as the lemmatizer sets it."""
        if len(self._cache) >= _MAX_KEYS:  # memory stays flat over a long run
            self._cache.clear()
            self._twin.cache.clear()  # spaCy's own cache of the twin keeps every key too
        lemma: int = self._strings.add(self._twin.lemmatize(token)[0])
        self._cache[key] = lemma
        return lemma

    def __call__(self, doc: Any) -> Any:
        import numpy

        lemmatizer = self._lemmatizer
        self._ready()
        if not len(doc):
            return doc
        orths, poses, morphs, lemmas = doc.to_array(self._read).T.tolist()
        overwrite = lemmatizer.overwrite
        cache = self._cache
        changed = False
        for i, key in enumerate(zip(orths, poses, morphs, strict=True)):
            if lemmas[i] and not overwrite:
                continue
            lemma = cache.get(key)
            if lemma is None:
                lemma = self._lemma(doc[i], key)
            if lemma != lemmas[i]:
                lemmas[i] = lemma
                changed = True
        if changed:
            doc.from_array(self._write, numpy.asarray(lemmas, dtype=numpy.uint64))
        return doc

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        for doc in docs:
            yield self(doc)


def install(language: Any) -> bool:
    """Put the fast path in place of ``lemmatizer`` in a loaded pipeline. False (and
    nothing changed) when the pipeline has no lemmatizer or one this path does not handle."""
    from spacy.language import Language

    if "lemmatizer" not in language.pipe_names or FACTORY in language.pipe_names:
        return False
    try:  # a lemmatizer this path cannot reproduce keeps running as it is
        _check_supported(language.get_pipe("lemmatizer"))
    except ModelError as e:
        logger.info("keeping spaCy's lemmatizer: %s", e)
        return False
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=_make)
    language.add_pipe(FACTORY, before="lemmatizer")
    return True


def _make(nlp: Any, name: str) -> FastLemmas:
    return FastLemmas(nlp.get_pipe("lemmatizer"))
