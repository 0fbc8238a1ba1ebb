"""The store seam: what the rest of styrsignal may ask of a workspace database.

Callers depend on :class:`Store` only.  ``SqliteStore`` is the embedded implementation;
a PostgreSQL implementation for shared deployments plugs in behind the same methods.
Every method that writes is atomic: a process killed at any moment leaves either the
whole change or none of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from styrsignal.model import AnalysisObject, Document, Extracted, Failure, Metadata


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the store knows about a source path."""

    document_id: int
    content_hash: str
    """Hash of the document's current version."""


@dataclass(frozen=True, slots=True)
class StoredVersion:
    document_id: int
    version_id: int
    version: int
    is_new_document: bool


class Store(Protocol):
    def close(self) -> None: ...

    # -- sources and documents -------------------------------------------------------------
    def source_state(self, path: str) -> SourceState | None: ...

    def document_with_hash(self, content_hash: str) -> int | None:
        """The document whose current or earlier version has this content, if any."""
        ...

    def add_version(self, path: str, content_hash: str, size: int, extracted: Extracted,
                    metadata: Metadata) -> StoredVersion:
        """Store a new document, or a new version of the document at ``path``."""
        ...

    def add_source(self, path: str, document_id: int) -> None:
        """Record another path holding the same content as an existing document."""
        ...

    def document(self, document_id: int, *, with_text: bool = True) -> Document: ...

    def documents(self, *, with_text: bool = False) -> list[Document]:
        """Every document at its current version, with effective (overridden) metadata."""
        ...

    def document_id_for_path(self, path: str) -> int | None: ...

    def versions(self, document_id: int) -> list[tuple[int, int, str, str]]:
        """(version_id, version, content_hash, ingested_at) of every version, oldest first."""
        ...

    # -- overrides, objects, failures, settings ---------------------------------------------
    def set_overrides(self, document_id: int, values: dict[str, str], source: str) -> None: ...

    def replace_objects(self, objects: list[AnalysisObject]) -> None: ...

    def objects(self) -> list[AnalysisObject]: ...

    def record_failure(self, path: str, kind: str, reason: str) -> None: ...

    def clear_failure(self, path: str) -> None: ...

    def failures(self) -> list[Failure]: ...

    def counts(self) -> dict[str, int]: ...
