"""The local web app (``detente serve``): read-only pages over a store."""

from detente.web.app import create_app

__all__ = ["create_app"]
