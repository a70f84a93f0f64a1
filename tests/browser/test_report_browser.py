"""The static report in a real browser: a chart bar clicked down to its sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.store_fixture import build_store

from detente import api

pytestmark = pytest.mark.browser


@pytest.fixture
def report(tmp_path: Path) -> Path:
    build_store(tmp_path / "b.duckdb")
    return api.write_report(
        tmp_path / "b.duckdb", tmp_path / "rep", question="Is Belarus moving away from Russia?"
    )


def test_chart_bar_click_lists_the_period_clusters_with_sentences(
    page: Any, report: Path, shot: Any
) -> None:
    page.goto(report.as_uri())
    plot = page.locator("#plot-0")
    plot.wait_for(state="visible")
    plot.scroll_into_view_if_needed()
    shot(page, "report-dyad-chart")
    drawn = [
        box
        for box in (b.bounding_box() for b in page.locator("#plot-0 .bars path").all())
        if box and box["height"] > 2
    ]
    assert len(drawn) == 2  # 2020-07: one material-conflict bar, one verbal-conflict bar
    box = drawn[0]
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    picked = page.locator("#clusters-0 tbody tr.picked")
    picked.first.wait_for(state="visible")
    assert picked.count() == 2  # two clusters: the detention (two outlets) and the accusation
    detention = page.locator("#clusters-0 tbody tr.picked", has_text="2 source(s)")
    assert detention.count() == 1
    marks = detention.locator("mark").all_inner_texts()
    assert sorted(marks) == ["detained", "detains"]
    assert "BBC" in detention.inner_text() and "Reuters" in detention.inner_text()
    assert page.locator("#clusters-0").get_attribute("data-period") == "2020-07"
    page.wait_for_timeout(600)  # the smooth scroll to the picked rows
    shot(page, "report-period-clicked")
    # every request stayed inside the file: no network
    assert all(u.startswith(("file:", "data:", "blob:", "about:")) for u in page.requests_seen)
    assert page.errors_seen == []
