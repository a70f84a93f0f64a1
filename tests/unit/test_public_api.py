from __future__ import annotations

import re
from pathlib import Path

import detente
from detente.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_all_names_resolve() -> None:
    for name in detente.__all__:
        assert getattr(detente, name) is not None


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert re.search(rf"`detente {name}\b", readme), (
            f"README does not document `detente {name}`"
        )


def test_readme_export_fields_match_the_contract() -> None:
    from detente.api import EXPORT_FIELDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in EXPORT_FIELDS:
        assert f"`{name}`" in readme, name


def test_every_setting_is_documented() -> None:
    from detente.config import describe_settings

    for name, _default, help_text in describe_settings():
        assert help_text, name
