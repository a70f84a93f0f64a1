"""The web app in a real browser: chart bar → period's events → event → sentence in article."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.store_fixture import build_store

from detente.web import create_app

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    app = create_app(build_store(tmp_path / "w.duckdb"))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the web app did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


def test_click_from_chart_point_down_to_the_sentence(page: Any, server: str, shot: Any) -> None:
    page.goto(server + "/")
    assert page.locator("a", has_text="Belarus – Russia").count() == 1
    shot(page, "web-overview")
    page.locator("a", has_text="Belarus – Russia").click()
    page.locator("#plot .bars path").first.wait_for(state="attached")
    drawn = [
        box
        for box in (b.bounding_box() for b in page.locator("#plot .bars path").all())
        if box and box["height"] > 2
    ]
    assert drawn, "no bar drawn"
    shot(page, "web-dyad")
    box = drawn[0]
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    links = page.locator("#period-events a.event-link")
    links.first.wait_for(state="visible")
    assert links.count() == 3
    assert "Events of 2020-07 (3)" in page.locator("#period-title").inner_text()
    page.wait_for_timeout(500)
    shot(page, "web-period-events")
    page.locator("#period-events a.event-link", has_text="COERCE").first.click()
    page.wait_for_url("**/event/*")
    assert "reported by 2 source(s)" in page.content()
    assert sorted(page.locator("section.report mark").all_inner_texts()) == ["detained", "detains"]
    shot(page, "web-event")
    page.locator("section.report h3 a").first.click()
    page.wait_for_url("**/article/*")
    highlighted = page.locator("span.sentence.hl mark")
    assert highlighted.count() == 1
    assert "32 Russian mercenaries" in highlighted.inner_text()
    shot(page, "web-article")
    assert all(u.startswith(server) for u in page.requests_seen), "a request left the app"
    assert page.errors_seen == []
