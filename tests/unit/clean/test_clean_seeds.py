"""The cleaner on the five real seed articles in /work/shared/corpus/seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.stages.clean import clean_text

REPO_ROOT = Path(__file__).resolve().parents[3]
SEEDS = REPO_ROOT.parent / "shared" / "corpus" / "seeds"

BOILERPLATE = [
    "Leave a Comment",
    "Leave a Reply",
    "Lost your password?",
    "Back to Top",
    "437 reads",
    "[bsa_pro_ad_space id=4]",
    "Related articles",
    "Subscribe to our evening newsletter",
]
KEY_SENTENCES = [
    "Russia closed its borders with Belarus",
    "Belarus refused to send observers to the Crimean referendum",
    "Lukashenko accused Russia of lying",
    "Sergei Lavrov, arrived in Minsk",
]


def read_seeds() -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


def test_clean_seeds_lose_boilerplate_and_keep_key_sentences() -> None:
    seeds = read_seeds()
    cleaned = {name: clean_text(text).text for name, text in seeds.items()}
    for name, text in cleaned.items():
        lines = [line.strip() for line in text.splitlines()]
        for boilerplate in BOILERPLATE:
            assert not any(line.startswith(boilerplate) for line in lines), (name, boilerplate)
    everything = "\n".join(cleaned.values())
    for sentence in KEY_SENTENCES:
        assert sentence in everything, sentence


def test_clean_seeds_keep_every_long_body_line() -> None:
    """Every line of a dozen words or more that is not a known boilerplate kind survives."""
    for name, text in read_seeds().items():
        result = clean_text(text)
        for removed in result.removed:
            if len(removed.split()) < 12:
                continue
            kinds = ("The views expressed", "Subscribe to", "I spent most of my professional life")
            is_teaser = removed.endswith("...") and removed[:-3] in result.text
            is_bio = " is the founder of " in removed
            is_headline = sum(w[:1].isupper() for w in removed.split()) > len(removed.split()) / 2
            assert removed.startswith(kinds) or is_teaser or is_bio or is_headline, (name, removed)
