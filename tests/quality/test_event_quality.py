"""Quality gate of the event coder (#4): no figure of benchmarks/eval_events.py may drop below
its floor in benchmarks/baselines/events.json.

Runs the harness on the full gold sets under ../shared/eval/events (opt in: pytest -m slow).
Raise a floor with ``python benchmarks/eval_events.py --update-baseline`` to lock in progress.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks import _eval as ev

from detente.pipeline import Pipeline

pytestmark = [pytest.mark.slow, pytest.mark.model]

FLOORS = ev.load_floors()


@pytest.fixture(scope="module")
def report(pipeline: Pipeline, shared_dir: Path) -> ev.Report:
    if not ev.gold_available():
        pytest.skip(f"gold event data not found under {ev.EVAL}")
    return ev.evaluate(pipeline)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_event_quality_meets_floor(report: ev.Report, name: str) -> None:
    assert name in report.figures, f"{name} was not measured"
    value = report.figures[name]
    assert value >= FLOORS[name], (
        f"{name} = {value:.4f} dropped below its floor {FLOORS[name]:.2f}; top errors: "
        + "; ".join(f"{n} x {k} [{e}]" for k, n, e in report.errors.most_common(5))
    )


def test_event_quality_scores_whole_sets(report: ev.Report) -> None:
    assert report.details["conflibert"]["n"] == len(ev.load_conflibert())
    assert report.details["plover"]["n"] == len(ev.load_gsr())
    assert report.details["petrarch"]["n_nothing"] == sum(c.nothing for c in ev.load_petrarch())
