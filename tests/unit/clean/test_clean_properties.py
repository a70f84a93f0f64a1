"""Properties of clean_text on arbitrary input: no crash, no new words, idempotent."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from detente.stages.clean import clean_text

FRAGMENTS = [
    "Leave a Reply",
    "Related articles",
    "Read more",
    "You May Also Like",
    "Anna Berg",
    "Anna Berg is an analyst at the Centre for Northern Studies.",
    "I spent ten years as a correspondent in Riga.",
    "Director, Baltic Council",
    "Photo: Reuters",
    "Image by someone",
    "cc, modified",
    "437 reads",
    "[ad id=3]",
    "# Heading",
    "***Bold name***",
    "*emphasis* and _more_",
    "[link](http://a.example) text",
    "![img](i.png)",
    "---",
    "30.05.2020",
    "COMMENT",
    "Why Support Us?",
    "Short Heading",
    "The ministers met in Vilnius and agreed to extend the pipeline contract to 2030.",
    "The ministers met in Vilnius and agreed...",
    "Topic one topic two topic three topic four",
    "",
    "  ",
]
LINE = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=80))
DOCUMENT = st.one_of(
    st.text(max_size=400),
    st.lists(LINE, max_size=25).map("\n".join),
    st.lists(LINE, max_size=25).map("\n\n".join),
)


def words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text).casefold()
    return set(re.findall(r"[^\W_]+", folded))


@settings(max_examples=400, database=None, deadline=None)
@given(DOCUMENT)
def test_clean_properties_hold(text: str) -> None:
    first = clean_text(text)
    assert words(first.text) <= words(text)
    assert clean_text(first.text).text == first.text
