"""Hostile article content in a real browser (#8): script tags, event-handler attributes,
javascript: links and SVG payloads in article text, titles, outlets and URLs stay inert in
the static report and in `detente serve`; no script of theirs runs, no request leaves."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from tests.browser.test_web_browser import _free_port
from tests.store_fixture import _doc

from detente import api
from detente.model import Actor
from detente.report import write_report
from detente.stages.question import Question
from detente.storage.store import Store

pytestmark = pytest.mark.browser

PAYLOADS = (
    "<script>window.__pwned=1</script>"
    '<img src=x onerror="window.__pwned=2">'
    '<svg onload="window.__pwned=3"><script>window.__pwned=4</script></svg>'
    '<a href="javascript:window.__pwned=5" id="evil">click me</a>'
    '<iframe src="javascript:parent.__pwned=6"></iframe>'
    '"><body onload="window.__pwned=7">'
)


def _hostile_store(path: Path) -> Path:
    text = "Belarusian police detained 32 Russian mercenaries near Minsk. " + PAYLOADS
    doc = _doc(text, "detained", "BBC", 29)
    art = dataclasses.replace(
        doc.article,
        title="Detained " + PAYLOADS,
        source="<b onmouseover=window.__pwned=8>Outlet</b>",
        url="javascript:window.__pwned=9",
    )
    with Store.open(path) as store:
        store.write_batch(
            [dataclasses.replace(doc, article=art)],
            actors=[
                Actor(id="BLR", name="Belarus", kind="country", country="BLR", sector="GOV"),
                Actor(
                    id="RUS", name="Russia " + PAYLOADS, kind="country", country="RUS", sector="GOV"
                ),
            ],
        )
        api.cluster_store(store)
        question = "Is Belarus moving away from Russia? " + PAYLOADS
        api.score_stances(
            store, Question(text=question, source="BLR", target="RUS", direction="away")
        )
    return path


def _assert_inert(page: Any, origin: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for link in page.query_selector_all("a#evil, a[href^='javascript']"):
        link.click(timeout=1000)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert not dialogs
    outside = [u for u in page.requests_seen if not u.startswith((origin, "data:", "about:"))]
    assert not outside, outside


def test_the_report_keeps_hostile_content_inert(page: Any, tmp_path: Path) -> None:
    db = _hostile_store(tmp_path / "h.duckdb")
    with Store.open(db, read_only=True) as store:
        question = "Is Belarus moving away from Russia? " + PAYLOADS
        html = write_report(store, tmp_path / "r", question=question)
    page.goto(html.as_uri())
    page.wait_for_timeout(500)
    assert page.query_selector("#sources") is not None  # the stance table shows the text too
    assert "window.__pwned=1" in page.inner_text("body")  # shown as text, not run
    _assert_inert(page, "file://")


def test_the_web_app_keeps_hostile_content_inert(page: Any, tmp_path: Path) -> None:
    import threading
    import time

    import uvicorn

    from detente.web import create_app

    port = _free_port()
    app = create_app(_hostile_store(tmp_path / "w.duckdb"))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    origin = f"http://127.0.0.1:{port}"
    try:
        page.goto(f"{origin}/events")
        event = page.query_selector("a[href^='/event/']")
        assert event is not None
        page.goto(origin + event.get_attribute("href"))
        _assert_inert(page, origin)
        article = page.query_selector("a[href^='/article/']")
        assert article is not None
        page.goto(origin + article.get_attribute("href"))
        assert page.query_selector("a[href^='javascript']") is None  # the URL is not a link
        _assert_inert(page, origin)
        for path in (
            "/",
            "/dyad/BLR-RUS",
            "/events?actor=%3Cscript%3Ewindow.__pwned%3D1%3C/script%3E",
        ):
            page.goto(origin + path)
            _assert_inert(page, origin)
        for bad in ("/static/..%2f..%2f..%2fetc%2fpasswd", "/article/..%2f..%2fetc%2fpasswd",
                    "/static/%2e%2e/%2e%2e/pyproject.toml"):  # fmt: skip
            r = page.request.get(origin + bad)
            assert r.status in (400, 404) and "root:" not in r.text()
    finally:
        srv.should_exit = True
        thread.join(timeout=5)
