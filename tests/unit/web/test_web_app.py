"""The web app over a small hand-built store: pages, filters, period API, errors, safety."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.store_fixture import build_store

from detente.errors import StoreError
from detente.web import create_app


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(build_store(tmp_path / "w.duckdb")))


def test_overview_lists_the_dyad_and_counts_clusters(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "Belarus – Russia" in r.text
    assert "event clusters" in r.text


def test_dyad_page_draws_a_local_plotly_chart(client: TestClient) -> None:
    r = client.get("/dyad/BLR-RUS")
    assert r.status_code == 200
    assert '<script src="/static/plotly.min.js">' in r.text
    assert "2020-07" in r.text
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")


def test_period_api_returns_that_periods_realised_events(client: TestClient) -> None:
    data = client.get("/api/events", params={"dyad": "BLR-RUS", "period": "2020-07"}).json()
    assert data["count"] == 3
    assert {e["event_type"] for e in data["events"]} == {"COERCE", "ACCUSE"}
    empty = client.get("/api/events", params={"dyad": "BLR-RUS", "period": "2020-08"}).json()
    assert empty["count"] == 0
    directed = client.get(
        "/api/events", params={"dyad": "BLR-RUS", "period": "2020-07", "directed": "true"}
    ).json()
    assert {e["event_type"] for e in directed["events"]} == {"COERCE"}


def test_event_filters_narrow_the_table(client: TestClient) -> None:
    everything = client.get("/events").text
    assert everything.count('href="/event/') == 3
    assert client.get("/events", params={"type": "ACCUSE"}).text.count('href="/event/') == 1
    assert client.get("/events", params={"source": "Reuters"}).text.count('href="/event/') == 1
    assert client.get("/events", params={"since": "2020-07-30"}).text.count('href="/event/') == 2
    assert (
        client.get(
            "/events", params={"actor": "rus", "dyad": "RUS-BLR", "directed": "true"}
        ).text.count('href="/event/')
        == 1
    )


def test_event_page_shows_every_report_of_its_cluster_highlighted(client: TestClient) -> None:
    data = client.get("/api/events", params={"dyad": "BLR-RUS", "period": "2020-07"}).json()
    detention = next(e for e in data["events"] if e["event_type"] == "COERCE")
    r = client.get(f"/event/{detention['event_id']}")
    assert r.status_code == 200
    assert "reported by 2 source(s)" in r.text
    assert "<mark>detained</mark>" in r.text and "<mark>detains</mark>" in r.text
    link = r.text.split('href="/article/')[1].split('"')[0]
    article = client.get("/article/" + link.replace("&amp;", "&"))
    assert article.status_code == 200
    assert '<span id="s0" class="sentence hl"><mark>' in article.text


def test_article_text_is_escaped_and_headers_are_strict(client: TestClient) -> None:
    data = client.get("/api/events", params={"dyad": "RUS-BLR", "directed": "true"}).json()
    r = client.get(f"/event/{data['events'][0]['event_id']}")
    assert '<script>alert("x")</script>' not in r.text
    assert "&lt;script&gt;" in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_bad_input_is_a_clear_400_or_404(client: TestClient) -> None:
    assert client.get("/dyad/BLR").status_code == 400
    assert client.get("/dyad/BLR-RUS", params={"freq": "fortnight"}).status_code == 400
    bad = client.get("/events", params={"since": "yesterday"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text
    assert client.get("/event/0000").status_code == 404
    assert client.get("/article/0000").status_code == 404
    assert client.get("/api/events", params={"dyad": "x;drop"}).json()["error"]


def test_the_app_never_writes(client: TestClient, tmp_path: Path) -> None:
    assert client.post("/events").status_code == 405
    store_file = tmp_path / "w.duckdb"
    before = store_file.stat().st_mtime_ns
    client.get("/")
    client.get("/events")
    assert store_file.stat().st_mtime_ns == before


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="detente analyze"):
        create_app(tmp_path / "none.duckdb")
