"""Workspace storage behind one narrow interface (:class:`Store`)."""

from __future__ import annotations

from pathlib import Path

from styrsignal.store.base import SourceState, Store, StoredVersion
from styrsignal.store.sqlite import SqliteStore

__all__ = ["SourceState", "SqliteStore", "Store", "StoredVersion", "open_store"]


def open_store(database: Path) -> Store:
    """Open (creating and migrating as needed) the store at ``database``."""
    return SqliteStore(database)
