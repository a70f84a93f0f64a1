"""Exceptions raised by detente.

Rejected input is *data* (``model.Skipped``), never an exception. Exceptions are for bugs,
I/O failures and misuse of the API::

    DetenteError
    ├── ConfigError          bad settings, bad actor file, unknown option value
    ├── InputError           a path that does not exist, an unreadable argument
    ├── ModelError           the spaCy model cannot be loaded
    ├── StoreError           the DuckDB store cannot be opened, migrated or written
    │   └── StoreLockedError another process holds the store
    └── QuestionError        a question detente cannot parse
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base class of every error detente raises on purpose."""


class ConfigError(DetenteError):
    """Settings or a data file (actors, ontology) are invalid."""


class InputError(DetenteError):
    """An input path or argument cannot be used at all."""


class ModelError(DetenteError):
    """The NLP model cannot be loaded."""


class StoreError(DetenteError):
    """The store cannot be opened, migrated or written."""


class StoreLockedError(StoreError):
    """Another process holds the store open for writing."""


class QuestionError(DetenteError):
    """The analyst's question is not in a form detente understands."""
