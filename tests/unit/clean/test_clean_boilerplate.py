"""clean_text removes each kind of web boilerplate and keeps every sentence of the body."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from detente.stages.clean import CleanedText, clean_text, parse_date_line, strip_markdown

BODY = [
    "Norway and Sweden signed a new agreement on cross-border rail freight in Oslo on Tuesday.",
    "The Swedish trade minister said the deal would cut waiting times at the border by half.",
    "Finland was not a party to the talks, but its government welcomed the agreement in a short"
    " statement released by the foreign ministry.",
    "Critics in Stockholm argued that the treaty leaves the question of fees open for years.",
]
TITLE = "Norway and Sweden Sign Rail Freight Deal"


def make_article(*, before: Sequence[str] = (), after: Sequence[str] = ()) -> str:
    return "\n\n".join([*before, TITLE, *BODY, *after])


def assert_body_kept(result: CleanedText) -> None:
    for sentence in BODY:
        assert sentence in result.text
    assert TITLE in result.text


def assert_gone(result: CleanedText, *lines: str) -> None:
    kept = result.text.splitlines()
    for line in lines:
        assert line not in kept, line


@pytest.mark.parametrize(
    "prompt",
    [
        "Leave a Comment",
        "Leave a Reply",
        "Post a comment",
        "Lost your password?",
        "Back to Top",
        "Share this",
        "Share this article",
        "Subscribe to our weekly briefing and never miss a story!",
        "Sign up for the Nordic newsletter",
        "Follow us on Twitter",
        "Facebook Twitter Email",
        "12 Comments",
        "You must be logged in to post a comment.",
        "Why Support Nordic Monitor?",
        "Advertisement",
    ],
)
def test_clean_removes_prompts(prompt: str) -> None:
    result = clean_text(make_article(after=[prompt]))
    assert_gone(result, prompt)
    assert_body_kept(result)


@pytest.mark.parametrize(
    "line", ["[bsa_pro_ad_space id=12]", "[ad slot=top]", "[adsense]", "[/caption]"]
)
def test_clean_removes_ad_shortcodes(line: str) -> None:
    result = clean_text(make_article(after=[line, "Leave a Reply"]))
    assert_gone(result, line)
    assert_body_kept(result)


@pytest.mark.parametrize("line", ["437 reads", "1,204 views", "3 min read", "Views: 5,120"])
def test_clean_removes_counters(line: str) -> None:
    result = clean_text(make_article(after=[line]))
    assert_gone(result, line)
    assert_body_kept(result)


def test_clean_removes_related_block_and_its_headlines() -> None:
    related = [
        "You May Also Like",
        "Denmark Raises Tariffs On Baltic Timber As Talks Stall",
        "Nordic Desk",
        "Is The Arctic Council Still Working? Five Experts Weigh In",
        "Nordic Desk",
    ]
    result = clean_text(make_article(after=related))
    assert_gone(result, *related)
    assert_body_kept(result)


def test_clean_related_block_stops_at_the_next_body_paragraph() -> None:
    later = (
        "After the signing, both delegations travelled to Gothenburg to inspect the new terminal."
    )
    text = make_article(after=["Read more", "Oslo Port Expansion Delayed Again", later])
    result = clean_text(text)
    assert_gone(result, "Read more", "Oslo Port Expansion Delayed Again")
    assert later in result.text
    assert_body_kept(result)


def test_clean_removes_author_footer_with_repeated_name() -> None:
    footer = [
        "Ingrid Halvorsen",
        "Ingrid Halvorsen",
        "Ingrid Halvorsen is a senior fellow at the Institute for Northern Studies.",
    ]
    result = clean_text(make_article(after=footer))
    assert_gone(result, *footer)
    assert_body_kept(result)


def test_clean_removes_first_person_bio_and_byline() -> None:
    text = "\n\n".join(
        [TITLE, "Lars Nilsson", *BODY, "Lars Nilsson", "Editor, Baltic Policy Review"]
    )
    result = clean_text(text)
    assert "Lars Nilsson" not in result.text
    assert "Editor, Baltic Policy Review" not in result.text
    assert_body_kept(result)

    bio = "I have covered Nordic politics as a journalist for twenty years."
    result = clean_text(make_article(after=["Karin Berg", bio]))
    assert_gone(result, "Karin Berg", bio)
    assert_body_kept(result)


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Freight wagons in Malmö", "Image by nordicrail"),
        ("The port of Oslo", "Photo: Anna Lund/Reuters"),
        (None, "cc, modified"),
        (None, "Photo credit: Wikimedia Commons"),
    ],
)
def test_clean_removes_image_credits_and_captions(caption: str | None, credit: str) -> None:
    header = f"{caption}\n{credit}" if caption else credit
    result = clean_text("\n\n".join([TITLE, header, *BODY]))
    assert credit not in result.text
    if caption:
        assert caption not in result.text
    assert_body_kept(result)


def test_clean_removes_disclaimer_and_provenance() -> None:
    lines = [
        "The views expressed in this article are those of the author alone and do not"
        " necessarily reflect those of this publication.",
        "This article was originally published by the Nordic Review.",
    ]
    result = clean_text(make_article(before=["Originally published in Arctic Today"], after=lines))
    assert_gone(result, *lines, "Originally published in Arctic Today")
    assert_body_kept(result)


def test_clean_removes_tag_line_label_and_promo_before_the_headline() -> None:
    before = [
        "Nordic trade rail transport Sweden-Norway relations border policy",
        "ANALYSIS",
        "Why Support Nordic Monitor?",
    ]
    result = clean_text(make_article(before=before))
    assert_gone(result, *before)
    assert result.text.startswith(TITLE)
    assert_body_kept(result)


def test_clean_keeps_one_copy_of_a_duplicated_title() -> None:
    result = clean_text("\n\n".join([TITLE, TITLE, *BODY]))
    assert result.text.count(TITLE) == 1
    assert_body_kept(result)


def test_clean_removes_teaser_that_repeats_a_later_paragraph() -> None:
    teaser = BODY[2][:60] + "..."
    result = clean_text("\n\n".join([TITLE, teaser, *BODY]))
    assert teaser not in result.text
    assert result.removed == (teaser,)
    assert_body_kept(result)


def test_clean_strips_markdown_remnants() -> None:
    text = (
        "# COMMENT\n\n---\n\n## Norway and Sweden Sign Rail Freight Deal\n\n"
        "***Lars Nilsson***\n\n"
        "Norway and Sweden signed a new agreement on [cross-border](https://x.example/a) rail"
        " freight in **Oslo** on Tuesday. ![map](map.png)\n\n"
        "- first point of the deal\n- second point of the deal\n\n"
        "*The Swedish trade minister said the deal would cut waiting times at the border by"
        " half.*\n\n***Lars Nilsson***\n\n*Director, Nordic Rail Council*"
    )
    result = clean_text(text)
    assert result.text.splitlines()[0] == TITLE
    assert BODY[0] in result.text
    assert BODY[1] in result.text
    assert "- first point of the deal\n- second point of the deal" in result.text
    for remnant in ("#", "*", "](", "---", "COMMENT", "Lars Nilsson", "Director"):
        assert remnant not in result.text


def test_clean_removes_standalone_date_lines_near_the_top() -> None:
    result = clean_text(make_article(before=["30.05.2020"]))
    assert "30.05.2020" not in result.text
    assert_body_kept(result)


def test_clean_keeps_headings_as_their_own_paragraph() -> None:
    text = f"{TITLE}\n\n{BODY[0]}\nCommon Interests\n{BODY[1]}\n\nEt tu, Brute?\n\n{BODY[2]}"
    result = clean_text(text)
    assert "\n\nCommon Interests\n\n" in result.text
    assert "\n\nEt tu, Brute?\n\n" in result.text
    for sentence in BODY[:3]:
        assert sentence in result.text


def test_clean_does_not_split_hard_wrapped_prose() -> None:
    wrapped = (
        "The ministers met in Oslo on\n"
        "Tuesday and agreed on a plan to\n"
        "Extend the rail link to Narvik."
    )
    result = clean_text(f"{TITLE}\n\n{wrapped}")
    assert wrapped in result.text


def test_clean_normalises_whitespace_and_compatibility_forms() -> None:
    result = clean_text(
        f"{TITLE}\r\n\r\n\r\n\r\nThe  deal\u00a0was   signed.\t\n\n\n\nOslo ﬁnally agreed."
    )
    assert result.text == f"{TITLE}\n\nThe deal was signed.\n\nOslo finally agreed."


def test_clean_treats_single_spaced_lines_as_paragraphs() -> None:
    result = clean_text("\n".join([TITLE, *BODY, "Leave a Reply"]))
    assert result.text == "\n\n".join([TITLE, *BODY])


def test_clean_does_not_remove_body_sentences_that_mention_keywords() -> None:
    body = [
        "Sweden said it would subscribe to the new protocol, a spokesman told reporters.",
        "The photo of the two ministers by the harbour was shared widely in both countries.",
        "Readers who followed the talks will recall that the views of Denmark differed.",
    ]
    result = clean_text("\n\n".join([TITLE, *body]))
    for sentence in body:
        assert sentence in result.text
    assert result.removed == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("30.05.2020", (2020, 5, 30)),
        ("May 30, 2020", (2020, 5, 30)),
        ("2020-05-30", (2020, 5, 30)),
        ("30 May 2020", (2020, 5, 30)),
        ("Saturday, May 30, 2020", (2020, 5, 30)),
        ("Published: 30 May 2020 10:15 GMT", (2020, 5, 30)),
        ("05/30/2020", (2020, 5, 30)),
        ("05/06/2020", None),
        ("31.02.2020", None),
        ("It rained on May 30, 2020.", None),
    ],
)
def test_clean_parses_date_lines(line: str, expected: tuple[int, int, int] | None) -> None:
    found = parse_date_line(line)
    assert (found.timetuple()[:3] if found else None) == expected


def test_clean_strip_markdown_unwraps_links_without_gluing_words() -> None:
    assert strip_markdown("a[b](https://u.example)c") == "a b c"
    assert strip_markdown("see [the report](u) now") == "see the report now"
    assert strip_markdown("snake_case_name stays") == "snake_case_name stays"
