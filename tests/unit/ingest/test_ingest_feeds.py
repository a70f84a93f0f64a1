"""RSS and Atom feed files: one article per entry, incremental by content hash (#7)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from detente.ingest import read_inputs
from detente.model import Article, Skipped, SkipReason

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Minsk Wire</title><link>https://wire.example/</link>
<item><title>Border closed</title><link>https://wire.example/1</link>
<pubDate>Thu, 19 Mar 2020 10:00:00 GMT</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Russia closed its border with Belarus on 18 March 2020.</p>
<p>Minsk protested against the closure.</p>]]></content:encoded></item>
<item><title>Talks</title><link>https://wire.example/2</link>
<description>Lavrov met Makei in Minsk to discuss integration.</description></item>
<item><title>Empty</title><link>https://wire.example/3</link><description></description></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kyiv Post</title>
<entry><title>Sanctions</title><link href="https://kp.example/a"/><updated>2021-06-21T08:00:00Z</updated>
<summary>The EU imposed sanctions on Belarus after the Ryanair diversion.</summary></entry>
</feed>
"""


def test_rss_items_become_articles_with_their_own_dates(tmp_path: Path) -> None:
    path = tmp_path / "minsk-wire.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_inputs([path]))
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in arts] == ["Border closed", "Talks"]
    assert arts[0].published == date(2020, 3, 19) and arts[0].source == "Minsk Wire"
    assert "Minsk protested" in arts[0].text  # the full content, not the teaser
    assert arts[1].url == "https://wire.example/2" and arts[1].published is None
    assert [i.reason for i in items if isinstance(i, Skipped)] == [SkipReason.EMPTY]


def test_atom_entries_and_rereading_gives_the_same_ids(tmp_path: Path) -> None:
    path = tmp_path / "kp.atom"
    path.write_text(ATOM, encoding="utf-8")
    first = [i for i in read_inputs([path]) if isinstance(i, Article)]
    again = [i for i in read_inputs([path]) if isinstance(i, Article)]
    assert first[0].published == date(2021, 6, 21) and first[0].format == "feed"
    assert [a.id for a in first] == [a.id for a in again]


def test_a_broken_feed_is_a_skip(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>x</title>", encoding="utf-8")
    [item] = list(read_inputs([path]))
    assert isinstance(item, Skipped) and item.reason == SkipReason.MALFORMED
