"""Killed runs and concurrent runs (#8): SIGKILL at random points, several times, then a
rerun gives the store an uninterrupted run gives; a second writer on a store in use fails
at once with a clear message and changes nothing."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.integration.test_analyze_rerun import _snapshot
from tests.integration.test_engine_local import _many

from detente.api import analyze
from detente.config import Settings
from detente.pipeline import Pipeline
from detente.storage.store import Store

CLI = [sys.executable, "-m", "detente.cli"]


def _start(folder: Path, db: Path, *extra: str) -> subprocess.Popen[bytes]:
    cmd = [*CLI, "analyze", str(folder), "--db", str(db), "--no-report", "--batch-size", "2",
           *extra]  # fmt: skip
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for_writes(db: Path, timeout: float = 120) -> None:
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not (wal.exists() and wal.stat().st_size > 20_000):
        time.sleep(0.05)


@pytest.mark.slow
def test_several_kills_at_random_points_then_the_same_store(
    tmp_path: Path, settings: Settings, pipeline: Pipeline
) -> None:
    folder = _many(tmp_path, 160)
    db = tmp_path / "killed.duckdb"
    rng = random.Random(7)
    for _ in range(4):
        proc = _start(folder, db)
        _wait_for_writes(db)
        time.sleep(rng.uniform(0.0, 2.0))  # somewhere in the middle of a batch or a commit
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    done = subprocess.run([*CLI, "analyze", str(folder), "--db", str(db), "--no-report"],
                          capture_output=True)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    fresh = Settings(db=tmp_path / "fresh.duckdb", report_dir=tmp_path / "r", batch_size=2)
    analyze([folder], settings=fresh, pipeline=pipeline, report=False)
    assert _snapshot(db) == _snapshot(fresh.db)


@pytest.mark.slow
def test_a_second_run_on_a_store_in_use_fails_clearly(tmp_path: Path) -> None:
    folder = _many(tmp_path, 1500)  # long enough to still be running when the second starts
    db = tmp_path / "busy.duckdb"
    first = _start(folder, db)
    try:
        _wait_for_writes(db)
        second = subprocess.run([*CLI, "analyze", str(folder), "--db", str(db), "--no-report"],
                                capture_output=True, text=True, timeout=120)  # fmt: skip
        assert second.returncode != 0
        assert "in use by another detente process" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        first.send_signal(signal.SIGKILL)  # enough: what matters is that the store survives
        first.wait()
    with Store.open(db, read_only=True) as store:
        assert store.counts().articles > 0
