"""The local engine: worker processes give the same store as one process, and a run killed
halfway (SIGKILL) resumes to the store an uninterrupted run makes (#7)."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.integration.test_analyze_rerun import _snapshot

from detente.api import analyze
from detente.config import Settings
from detente.pipeline import Pipeline
from detente.storage.store import Store

pytestmark = pytest.mark.slow

COUNTRIES = ["Belarus", "Russia", "Poland", "Ukraine", "Lithuania", "Latvia", "China", "Kazakhstan"]


def _many(root: Path, n: int = 24) -> Path:
    folder = root / "many"
    folder.mkdir()
    for i in range(n):
        a, b = COUNTRIES[i % 8], COUNTRIES[(i + 3) % 8]
        (folder / f"{i:03d}.txt").write_text(
            f"Report {i}\n\nOn {i % 27 + 1} March 2020, {a} accused {b} of closing the border. "
            f"{b} rejected the accusation and summoned the ambassador of {a}. "
            f"Officials of {a} and {b} met in Vienna on {i % 27 + 2} March 2020 to talk.\n",
            encoding="utf-8",
        )
    return folder


def test_two_workers_make_the_same_store_as_one(
    tmp_path: Path, settings: Settings, pipeline: Pipeline
) -> None:
    folder = _many(tmp_path)
    one = dataclasses.replace(settings, batch_size=4)
    analyze([folder], settings=one, pipeline=pipeline, report=False)
    two = dataclasses.replace(one, db=tmp_path / "two.duckdb", workers=2)
    summary = analyze([folder], settings=two, pipeline=pipeline, report=False)
    assert summary.new_articles == 24
    assert _snapshot(two.db) == _snapshot(one.db)


def test_a_killed_run_resumes_to_the_uninterrupted_store(
    tmp_path: Path, settings: Settings, pipeline: Pipeline
) -> None:
    folder = _many(tmp_path, 200)
    db = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "detente.cli", "analyze", str(folder), "--db", str(db),
           "--no-report", "--batch-size", "2"]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (wal.exists() and wal.stat().st_size > 50_000):
        time.sleep(0.05)  # batches are being committed: kill in the middle of the run
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store.open(db, read_only=True) as s:
        written = s.counts().articles
    assert 0 < written < 200, f"the kill should land mid-run ({written} articles written)"
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    fresh = dataclasses.replace(settings, db=tmp_path / "fresh.duckdb", batch_size=2)
    analyze([folder], settings=fresh, pipeline=pipeline, report=False)
    assert _snapshot(db) == _snapshot(fresh.db)
