"""Every kind of hostile input: each yields a recorded skip with its reason or a correct
result, the run finishes, memory stays bounded (#8)."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest
from tests.reliability.hostile import write_corpus

from detente.api import analyze
from detente.config import Settings
from detente.pipeline import Pipeline
from detente.storage.store import Store

EXPECTED = {  # file -> the skip reason it must get ("article" = read as an article)
    "empty.txt": "empty",
    "spaces.txt": "empty",
    "binary.txt": "binary",
    "utf16.txt": "article",
    "cp1251.txt": "wrong_language",
    "russian-utf8.txt": "wrong_language",
    "french.txt": "wrong_language",
    "one-word.txt": "article",
    "good.warc": "article",
    "fine.txt": "article",
    "bomb.warc.gz": "too_large",
    "corrupt.warc.gz": "malformed",
    "truncated.warc.gz": "malformed",
    "fake.parquet": "malformed",
    "broken.rss": "empty",  # feedparser reads the item; it has no text
}


def _outcomes(db: Path, root: Path) -> dict[str, set[str]]:
    with Store.open(db, read_only=True) as store:
        rows = store.query("SELECT uri, 'article' AS what FROM article_sources "
                           "UNION ALL SELECT uri, reason FROM skipped")  # fmt: skip
    found: dict[str, set[str]] = {}
    for r in rows:
        name = Path(r["uri"].split("#")[0]).name
        found.setdefault(name, set()).add(r["what"])
    return found


def _run(
    tmp_path: Path, pipeline: Pipeline, *, huge: bool
) -> tuple[dict[str, str], dict[str, set[str]], float]:
    root = tmp_path / "hostile"
    kinds = write_corpus(root, huge=huge)
    settings = Settings(db=tmp_path / "h.duckdb", report_dir=tmp_path / "report")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    analyze([root], settings=settings, pipeline=pipeline)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    return kinds, _outcomes(settings.db, root), grown


def test_every_hostile_input_is_read_or_skipped_with_a_reason(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    kinds, found, _ = _run(tmp_path, pipeline, huge=False)
    missing = sorted(set(kinds) - set(found))
    assert not missing, f"inputs with no trace in the store: {missing}"
    for name, want in EXPECTED.items():
        assert want in found[name], f"{name} ({kinds[name]}): got {found[name]}, want {want}"
    assert found["broken.jsonl"] >= {"article", "malformed"}  # good lines kept, bad ones said
    assert (tmp_path / "report" / "index.html").is_file()


def test_a_rerun_over_hostile_input_changes_nothing(tmp_path: Path, pipeline: Pipeline) -> None:
    root = tmp_path / "hostile"
    write_corpus(root)
    settings = Settings(db=tmp_path / "h.duckdb")
    analyze([root], settings=settings, pipeline=pipeline, report=False)
    with Store.open(settings.db, read_only=True) as s:
        before = s.counts()
    analyze([root], settings=settings, pipeline=pipeline, report=False)
    with Store.open(settings.db, read_only=True) as s:
        assert s.counts() == before


@pytest.mark.slow
def test_huge_inputs_finish_in_bounded_memory(tmp_path: Path, pipeline: Pipeline) -> None:
    _, found, grown = _run(tmp_path, pipeline, huge=True)
    assert "too_large" in found["huge-line.txt"]
    assert "article" in found["many-sentences.txt"]
    assert grown < 2_500, f"peak memory grew by {grown:.0f} MB"
