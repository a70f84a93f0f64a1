"""The Spark engine in local mode, on a small WARC the tests write themselves (#7): the same
store as the local engine, a rerun adds nothing, a run killed half way resumes to the
uninterrupted store, and readers (DuckDB, the web app) use the Parquet folder directly."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.integration.test_analyze_rerun import _snapshot
from tests.unit.ingest.test_ingest_warc_parquet import write_warc

from detente.api import analyze
from detente.config import Settings
from detente.errors import StoreError
from detente.pipeline import Pipeline
from detente.storage import parquet
from detente.storage.store import Store

pytest.importorskip("pyspark", reason="the Spark engine needs the 'spark' extra")
pytestmark = [pytest.mark.slow, pytest.mark.spark]

if shutil.which("java") is None:  # pragma: no cover - depends on the machine
    pytest.skip("the Spark engine needs Java", allow_module_level=True)

PAIRS = [("Belarus", "Russia"), ("Poland", "Belarus"), ("Russia", "Ukraine"), ("China", "Belarus")]


def _page(i: int, month: int) -> bytes:
    a, b = PAIRS[i % len(PAIRS)]
    return (
        f"<html><head><title>Report {i}</title>"
        f"<meta name='date' content='2020-{month:02d}-{i % 27 + 1:02d}'></head><body><article>"
        f"<h1>Report {i}</h1><p>{a} accused {b} of closing the border on {i % 27 + 1} "
        f"{['March', 'April'][month - 3]} 2020. {b} rejected the accusation and summoned the "
        f"ambassador of {a}.</p><p>Officials of {a} and {b} met in Vienna to talk, story {i}.</p>"
        "</article></body></html>"
    ).encode()


def _warc(folder: Path, n: int = 16) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    records = [
        (f"https://news.example.com/{i:03d}", "text/html; charset=utf-8", _page(i, 3 + i % 2))
        for i in range(n)
    ]
    # a second copy of story 0 under a later url, and a record that is not a page
    records.append(("https://news.example.com/zz-copy", "text/html", _page(0, 3)))
    records.append(("https://news.example.com/logo.png", "image/png", b"\x89PNG\r\n" + b"\0" * 40))
    return write_warc(folder / "crawl.warc.gz", records, gz=True)


def _spark(settings: Settings, db: Path) -> Settings:
    return dataclasses.replace(settings, engine="spark", spark_master="local[2]", db=db)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _warc(tmp_path_factory.mktemp("crawl"))


def test_spark_makes_the_store_the_local_engine_makes(
    tmp_path: Path, settings: Settings, pipeline: Pipeline, crawl: Path
) -> None:
    local = analyze([crawl], settings=settings, pipeline=pipeline, report=False)
    spark = analyze([crawl], settings=_spark(settings, tmp_path / "pq"), report=False)
    assert spark.new_articles == local.new_articles == 16
    assert spark.duplicates == local.duplicates == 1
    assert spark.events == local.events > 0
    assert _snapshot(tmp_path / "pq") == _snapshot(settings.db)
    with Store.open(settings.db, read_only=True) as a, Store.open(tmp_path / "pq") as b:
        q = "SELECT * FROM clusters ORDER BY id"
        assert a.con.execute(q).fetchall() == b.con.execute(q).fetchall()
    # tables are Parquet partitioned by the article's month, readable by DuckDB directly
    months = {p.name for p in (tmp_path / "pq").glob("runs/*/events/month=*")}
    assert months == {"month=2020-03", "month=2020-04"}


def test_a_rerun_adds_nothing_and_a_new_copy_is_linked(
    tmp_path: Path, settings: Settings, crawl: Path
) -> None:
    spark = _spark(settings, tmp_path / "pq")
    analyze([crawl], settings=spark, report=False)
    before = _snapshot(spark.db)
    again = analyze([crawl], settings=spark, report=False)
    assert again.new_articles == 0
    assert _snapshot(spark.db) == before
    # the same story read from a new file: linked to the stored article, not analysed again
    copy = tmp_path / "more" / "copy.warc"
    copy.parent.mkdir()
    write_warc(copy, [("https://mirror.example.org/zero", "text/html", _page(0, 3))], gz=False)
    third = analyze([copy], settings=spark, report=False)
    assert third.new_articles == 0
    with Store.open(spark.db) as s:
        uris = {r["uri"] for r in s.query("SELECT uri FROM article_sources")}
        assert any(u.endswith(":https://mirror.example.org/zero") for u in uris)
        assert s.counts().articles == 16


def test_a_killed_spark_run_resumes_to_the_uninterrupted_store(
    tmp_path: Path, settings: Settings, pipeline: Pipeline, crawl: Path
) -> None:
    db = tmp_path / "killed"
    cmd = [sys.executable, "-m", "detente.cli", "analyze", str(crawl), "--db", str(db),
           "--engine", "spark", "--spark-master", "local[2]", "--no-report"]  # fmt: skip
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not list(db.glob("runs/*/articles/_SUCCESS")):
        time.sleep(0.1)  # the first table is written: kill before the run commits
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    runs = list((db / "runs").iterdir())
    assert runs and not (runs[0] / parquet.COMMITTED).exists(), "the kill should land mid-run"
    with Store.open(db) as s:
        assert s.counts().articles == 0  # an unfinished run counts for nothing
    subprocess.run(cmd, check=True, capture_output=True)
    assert [r.name for r in (db / "runs").iterdir()] != [runs[0].name]  # leftovers deleted
    analyze([crawl], settings=settings, pipeline=pipeline, report=False)
    assert _snapshot(db) == _snapshot(settings.db)


def test_the_web_app_and_stances_read_the_parquet_store(
    tmp_path: Path, settings: Settings, crawl: Path
) -> None:
    from fastapi.testclient import TestClient

    from detente.web import create_app

    spark = _spark(settings, tmp_path / "pq")
    summary = analyze(
        [crawl], settings=spark, question="Is Belarus moving away from Russia?", report=True
    )
    assert summary.report_path and Path(summary.report_path).is_file()
    client = TestClient(create_app(tmp_path / "pq"))
    assert client.get("/").status_code == 200
    data = client.get("/api/events", params={"dyad": "BLR-RUS"}).json()
    assert data["count"] > 0
    with Store.open(tmp_path / "pq") as s, pytest.raises(StoreError, match="Parquet store"):
        s.write_batch([])
