"""A faster stand-in for spaCy's ``attribute_ruler`` with the same output (#7).

The small English model's attribute ruler maps each fine tag to a coarse POS and morphology
and patches a few words ("'d" -> would, "there is" -> VERB). It does so with a spaCy
``Matcher`` over ~180 patterns, building a ``Span`` per match: about a sixth of the parse time
of the sentences detente parses. Every one of those patterns looks at a token's ``TAG``,
``LOWER``, ``DEP`` and ``IS_SPACE`` and, for a handful, its neighbour's. So the attributes a
token receives are a function of that small key, computed once per distinct key and cached.

The rules are read from the loaded ruler, not copied: a model with other patterns gets them.
Precedence is the ruler's (later patterns win; a token's attributes are set in pattern
order). ``tests/unit/nlp/test_attributes.py`` checks the output equals the ruler's.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from detente.errors import ModelError

_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_Key = tuple[str, str, str, bool]  # a token's (tag, lower, dep, is_space)
_Test = Callable[[_Key], bool]

FACTORY = "detente_attributes"
_SENTINEL = "\x00"  # stands for every word no pattern names
_MAX_WORDS = 200_000

logger = logging.getLogger(__name__)


def _value_test(field: int, spec: Any) -> Callable[[_Key], bool]:
    if isinstance(spec, dict):
        if set(spec) == {"IN"}:
            allowed = frozenset(spec["IN"])
            return lambda key: key[field] in allowed
        if set(spec) == {"NOT_IN"}:
            banned = frozenset(spec["NOT_IN"])
            return lambda key: key[field] not in banned
        if set(spec) == {"REGEX"}:
            rx = re.compile(spec["REGEX"])
            return lambda key: rx.search(str(key[field])) is not None
        raise ModelError(f"attribute ruler pattern not supported by the fast path: {spec!r}")
    return lambda key: key[field] == spec


def _token_test(spec: dict[str, Any]) -> _Test:
    """One token of a Matcher pattern as a test on a token key."""
    unknown = set(spec) - set(_KEYS)
    if unknown:
        raise ModelError(f"attribute ruler pattern keys not supported: {sorted(unknown)}")
    tests = [_value_test(_KEYS.index(name), value) for name, value in spec.items()]
    return lambda key: all(test(key) for test in tests)


class FastAttributes:
    """Apply an ``AttributeRuler``'s patterns by a cached lookup per token key."""

    def __init__(self, ruler: Any) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self._single: list[tuple[int, _Test]] = []  # (rule order, test)
        self._multi: list[tuple[int, list[_Test], int]] = []  # (order, tests, target index)
        self._attrs: list[dict[Any, Any]] = list(ruler.attrs)
        # Most words are named by no pattern: they all share one key (the sentinel in place of
        # their lower-case form), so the cache stays small and is hit nearly always.
        self._words: set[str] = set()
        self._word_patterns: list[re.Pattern[str]] = []
        self._canon: dict[str, str] = {}
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                for spec in pattern:
                    self._collect_words(spec.get("LOWER"))
        # if a pattern could tell the sentinel apart from a word, words are kept as they are
        self._canon_enabled = not (
            _SENTINEL in self._words or any(rx.search(_SENTINEL) for rx in self._word_patterns)
        )
        for order, entry in enumerate(ruler.patterns):
            index = int(entry.get("index", 0))
            for pattern in entry["patterns"]:
                if not pattern:
                    continue
                tests = [_token_test(spec) for spec in pattern]
                if len(tests) == 1:
                    if index not in (0, -1):
                        raise ModelError(f"attribute ruler index {index} on a one-token pattern")
                    self._single.append((order, tests[0]))
                else:
                    self._multi.append((order, tests, index if index >= 0 else len(tests) + index))
        self._cache: dict[_Key, tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def _collect_words(self, spec: Any) -> None:
        if spec is None:
            return
        if isinstance(spec, dict):
            for op, value in spec.items():
                if op == "REGEX":
                    self._word_patterns.append(re.compile(value))
                else:  # IN / NOT_IN lists (others are refused by _value_test)
                    self._words.update(str(v) for v in value)
        else:
            self._words.add(str(spec))

    def _word(self, lower: str) -> str:
        """The token's lower-case form if some pattern can tell it apart, else the sentinel."""
        if not self._canon_enabled:
            return lower
        word = self._canon.get(lower)
        if word is None:
            if len(self._canon) >= _MAX_WORDS:  # memory stays flat over a long run
                self._canon.clear()
            named = lower in self._words or any(rx.search(lower) for rx in self._word_patterns)
            word = self._canon[lower] = lower if named else _SENTINEL
        return word

    def _lookup(self, key: _Key) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The single-token rules a key matches, and the multi-token rules whose first token
        it can be."""
        hit = self._cache.get(key)
        if hit is None:
            singles = tuple(order for order, test in self._single if test(key))
            starts = tuple(n for n, (_, tests, _) in enumerate(self._multi) if tests[0](key))
            hit = self._cache[key] = (singles, starts)
        return hit

    def __call__(self, doc: Any) -> Any:
        word = self._word
        keys: list[_Key] = [(t.tag_, word(t.lower_), t.dep_, t.is_space) for t in doc]
        rules: list[tuple[int, ...]] = []
        extra: dict[int, list[int]] = {}
        for i, key in enumerate(keys):
            singles, starts = self._lookup(key)
            rules.append(singles)
            for n in starts:
                order, tests, target = self._multi[n]
                end = i + len(tests)
                if end <= len(keys) and all(tests[j](keys[i + j]) for j in range(1, len(tests))):
                    extra.setdefault(i + target, []).append(order)
        for i, token in enumerate(doc):
            orders: Sequence[int] = rules[i]
            if i in extra:
                orders = sorted((*orders, *extra[i]))
            for order in orders:
                self._set(token, self._attrs[order])
        return doc

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        for doc in docs:
            yield self(doc)


def install(language: Any) -> bool:
    """Put the fast path in place of ``attribute_ruler`` in a loaded pipeline. False (and
    nothing changed) when the pipeline has no ruler or one with patterns this
    path does not read."""
    from spacy.language import Language

    if "attribute_ruler" not in language.pipe_names or FACTORY in language.pipe_names:
        return False
    try:  # a ruler with patterns this path cannot read keeps running as it is
        FastAttributes(language.get_pipe("attribute_ruler"))
    except ModelError as e:
        logger.info("keeping spaCy's attribute_ruler: %s", e)
        return False
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=_make)
    language.add_pipe(FACTORY, before="attribute_ruler")
    return True


def _make(nlp: Any, name: str) -> FastAttributes:
    return FastAttributes(nlp.get_pipe("attribute_ruler"))
