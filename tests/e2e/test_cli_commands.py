"""The CLI end to end on the shipped example corpus (#2)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "belarus-russia"


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("e2e")
    result = CliRunner().invoke(
        main,
        [
            "analyze",
            str(EXAMPLES),
            "--db",
            str(tmp / "d.duckdb"),
            "--report",
            str(tmp / "rep"),
            "--question",
            "Is Belarus moving away from Russia?",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "articles read" in result.output
    return tmp


def test_analyze_writes_store_and_report(analysed: Path) -> None:
    assert (analysed / "d.duckdb").is_file()
    html = (analysed / "rep" / "index.html").read_text(encoding="utf-8")
    assert "BLR" in html and "RUS" in html


def test_events_table_filters_by_dyad(analysed: Path) -> None:
    result = CliRunner().invoke(
        main, ["events", "--db", str(analysed / "d.duckdb"), "--dyad", "BLR-RUS"]
    )
    assert result.exit_code == 0, result.output
    assert "event(s)" in result.output


def test_export_jsonl_has_the_contract(analysed: Path) -> None:
    out = analysed / "e.jsonl"
    result = CliRunner().invoke(
        main, ["export", "--db", str(analysed / "d.duckdb"), "--format", "jsonl", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows
    from detente.api import EXPORT_FIELDS

    assert set(rows[0]) == set(EXPORT_FIELDS)
    assert rows[0]["schema_version"] == "1.0"


def test_export_csv_and_parquet(analysed: Path) -> None:
    db = str(analysed / "d.duckdb")
    runner = CliRunner()
    assert (
        runner.invoke(
            main, ["export", "--db", db, "--format", "csv", "--out", str(analysed / "e.csv")]
        ).exit_code
        == 0
    )
    with open(analysed / "e.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh))[0] == "schema_version"
    assert (
        runner.invoke(
            main,
            ["export", "--db", db, "--format", "parquet", "--out", str(analysed / "e.parquet")],
        ).exit_code
        == 0
    )
    import pyarrow.parquet as pq

    assert pq.read_table(analysed / "e.parquet").num_rows > 0


def test_code_reads_lines_and_jsonl() -> None:
    data = (
        "Lukashenko accused Russia of lying.\n"
        '{"id": "x7", "text": "Minsk rejected proposals from Moscow."}\n'
    )
    result = CliRunner().invoke(main, ["code", "-"], input=data)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [r["id"] for r in rows] == ["1", "x7"]
    assert rows[0]["events"][0]["event_type"] == "ACCUSE"


def test_actors_search_finds_variants() -> None:
    result = CliRunner().invoke(main, ["actors", "Lukashenka"])
    assert result.exit_code == 0
    assert "lukashenko" in result.output


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "nope.duckdb")])
    assert result.exit_code == 2
    assert "run 'detente analyze' first" in result.output


def test_bad_dyad_is_a_clear_error(analysed: Path) -> None:
    result = CliRunner().invoke(
        main, ["events", "--db", str(analysed / "d.duckdb"), "--dyad", "BLR"]
    )
    assert result.exit_code == 2
    assert "two codes" in result.output


def test_every_command_has_help_with_an_example() -> None:
    for name, _command in main.commands.items():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, name
