"""detente: how relations between countries move, from the articles you read.

The public API is re-exported here lazily, so importing a submodule (``detente.model``)
does not load spaCy or DuckDB.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from detente.api import (
        EventFilter,
        analyze,
        code_texts,
        export_events,
        open_store,
        query_events,
        write_report,
    )
    from detente.config import Settings, load_settings
    from detente.errors import DetenteError
    from detente.model import SCHEMA_VERSION

_EXPORTS = {
    "SCHEMA_VERSION": "detente.model",
    "DetenteError": "detente.errors",
    "EventFilter": "detente.api",
    "Settings": "detente.config",
    "analyze": "detente.api",
    "code_texts": "detente.api",
    "export_events": "detente.api",
    "load_settings": "detente.config",
    "open_store": "detente.api",
    "query_events": "detente.api",
    "write_report": "detente.api",
}

__all__ = [
    "SCHEMA_VERSION",
    "DetenteError",
    "EventFilter",
    "Settings",
    "analyze",
    "code_texts",
    "export_events",
    "load_settings",
    "open_store",
    "query_events",
    "write_report",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'detente' has no attribute {name!r}")
