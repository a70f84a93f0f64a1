"""The local engine on Linux forks its workers with the caller's loaded pipeline (#7): no model
load per worker, and the same store as one process."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

import pytest
from tests.integration.test_analyze_rerun import _snapshot
from tests.integration.test_engine_local import _many

from detente import api
from detente.api import analyze
from detente.config import Settings
from detente.pipeline import Pipeline

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers fork on Linux only")


def _worker_pipeline() -> tuple[int, int]:
    """(this process, the pipeline it analyses with), as seen in a worker."""
    return os.getpid(), id(api._WORKER_PIPE)


def test_forked_workers_analyse_with_the_loaded_pipeline(
    settings: Settings, pipeline: Pipeline
) -> None:
    with api._Workers(dataclasses.replace(settings, workers=2), pipeline) as workers:
        seen = [workers.pool.submit(_worker_pipeline).result() for _ in range(6)]
    assert {pid for pid, _ in seen} != {os.getpid()}
    assert {pipe for _, pipe in seen} == {id(pipeline)}  # the parent's, copy-on-write


def test_two_forked_workers_make_the_same_store_as_one(
    tmp_path: Path, settings: Settings, pipeline: Pipeline
) -> None:
    folder = _many(tmp_path, 10)
    one = dataclasses.replace(settings, batch_size=3)
    analyze([folder], settings=one, pipeline=pipeline, report=False)
    two = dataclasses.replace(one, db=tmp_path / "two.duckdb", workers=2)
    summary = analyze([folder], settings=two, pipeline=pipeline, report=False)
    assert summary.new_articles == 10
    assert _snapshot(two.db) == _snapshot(one.db)
