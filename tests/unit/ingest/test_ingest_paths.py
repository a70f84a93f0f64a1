"""read_inputs accepts files, folders and glob patterns, and refuses missing paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import InputError
from detente.ingest import SUPPORTED_SUFFIXES, read_inputs

TEXT = "Georgia and Armenia reopened the Sadakhlo crossing after a week of talks in Tbilisi."


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    files = {
        "b.txt": TEXT + " Two.",
        "a.txt": TEXT + " One.",
        "sub/c.md": TEXT + " Three.",
        "sub/deeper/d.txt": TEXT + " Four.",
        ".hidden.txt": TEXT + " Hidden.",
        ".git/e.txt": TEXT + " Hidden folder.",
        "notes.pdf": TEXT,
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def uris(paths: list[str | Path]) -> list[str]:
    return [Path(result.uri).name for result in read_inputs(paths)]


def test_ingest_reads_folders_recursively_sorted_without_hidden(corpus: Path) -> None:
    assert uris([corpus]) == ["a.txt", "b.txt", "notes.pdf", "c.md", "d.txt"]


def test_ingest_expands_glob_patterns(corpus: Path) -> None:
    assert uris([f"{corpus}/*.txt"]) == ["a.txt", "b.txt"]
    assert uris([f"{corpus}/**/*.txt"]) == ["a.txt", "b.txt", "d.txt"]
    assert uris([f"{corpus}/s?b"]) == ["c.md", "d.txt"]


def test_ingest_reads_each_file_once(corpus: Path) -> None:
    assert uris([corpus / "a.txt", f"{corpus}/*.txt"]) == ["a.txt", "b.txt"]


def test_ingest_reads_an_explicit_hidden_file(corpus: Path) -> None:
    assert uris([corpus / ".hidden.txt"]) == [".hidden.txt"]


def test_ingest_raises_input_error_for_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_inputs([tmp_path / "missing.txt"])


def test_ingest_raises_input_error_for_a_glob_matching_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no input matches"):
        read_inputs([f"{tmp_path}/*.nothing"])


def test_ingest_checks_every_path_before_reading(corpus: Path) -> None:
    with pytest.raises(InputError):
        read_inputs([corpus, corpus / "missing.txt"])


def test_ingest_supported_suffixes() -> None:
    expected = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson"}
    expected |= {".parquet", ".warc", ".warc.gz", ".arc.gz", ".rss", ".atom", ".feed.xml"}
    assert expected == SUPPORTED_SUFFIXES
