"""The store seam: what the rest of styrsignal may ask of a workspace database.

Callers depend on :class:`Store` only.  ``SqliteStore`` is the embedded implementation;
a PostgreSQL implementation for shared deployments plugs in behind the same methods.
Every method that writes is atomic: a process killed at any moment leaves either the
whole change or none of it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from styrsignal.model import (
    AnalysisObject,
    Coding,
    CodingRun,
    Document,
    Extracted,
    Failure,
    Mention,
    Metadata,
    Review,
)

if TYPE_CHECKING:
    from styrsignal.search.query import Node
    from styrsignal.text.indexing import IndexedPassage


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


@dataclass(frozen=True, slots=True)
class StoredPassage:
    """A passage of a document's current version (its text is ``document.text[start:end]``)."""

    id: int
    document_id: int
    seq: int
    start: int
    end: int
    page_start: int | None
    page_end: int | None
    heading_path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PassageHit:
    passage: StoredPassage
    score: float
    """Higher is better (BM25)."""


class Store(Protocol):
    def close(self) -> None: ...

    def flush(self) -> None:
        """Make everything stored so far visible to fast ranked search (the end of an ingest calls it).

        Searches are correct without it, only slower until the next flush or close."""
        ...

    # -- sources and documents -------------------------------------------------------------
    def source_state(self, path: str) -> SourceState | None: ...

    def document_with_hash(self, content_hash: str) -> int | None:
        """The document whose current or earlier version has this content, if any."""
        ...

    def add_version(self, path: str, content_hash: str, size: int, extracted: Extracted,
                    metadata: Metadata, passages: Sequence[IndexedPassage] = ()) -> StoredVersion:
        """Store a new document, or a new version of the document at ``path``, with its
        passages indexed — all in one transaction."""
        ...

    def unindexed_documents(self) -> list[int]:
        """Documents whose current version has no passages yet (e.g. stored before indexing)."""
        ...

    def set_passages(self, document_id: int, passages: Sequence[IndexedPassage]) -> None:
        """(Re)place the passages of a document's current version."""
        ...

    def passages(self, document_id: int) -> list[StoredPassage]: ...

    def passage_texts(self, passages: Sequence[StoredPassage]) -> list[str]:
        """The text of each passage, without reading whole documents."""
        ...

    def search_passages(self, query: Node, *, document_ids: Collection[int] | None = None,
                        limit: int = 20, broad: bool = False) -> list[PassageHit]:
        """Passages of current versions matching ``query``, best first."""
        ...

    def add_source(self, path: str, document_id: int) -> None:
        """Record another path holding the same content as an existing document."""
        ...

    def document(self, document_id: int, *, with_text: bool = True) -> Document: ...

    def documents_by_id(self, document_ids: Collection[int], *, with_text: bool = False) -> dict[int, Document]:
        """Several documents in one read; ids that do not exist are left out."""
        ...

    def documents(self, *, with_text: bool = False) -> list[Document]:
        """Every document at its current version, with effective (overridden) metadata."""
        ...

    def document_id_for_path(self, path: str) -> int | None: ...

    def versions(self, document_id: int) -> list[tuple[int, int, str, str]]:
        """(version_id, version, content_hash, ingested_at) of every version, oldest first."""
        ...

    # -- coding runs -----------------------------------------------------------------------
    def corpus_state(self) -> str:
        """A fingerprint that changes whenever a document is added or gets a new version."""
        ...

    def match_passages(self, query: Node, *, document_ids: Collection[int] | None = None,
                       broad: bool = False) -> list[tuple[int, int]]:
        """(passage id, document id) of every current passage matching ``query``, unranked."""
        ...

    def start_coding_run(self, name: str, version: str, version_key: str, framework_json: str) -> int:
        """A new run, invisible to :meth:`coding_runs` until it is finished."""
        ...

    def add_to_coding_run(self, run_id: int, codings: Sequence[Coding], mentions: Sequence[Mention]) -> None:
        """Store one batch of the run (a transaction of its own)."""
        ...

    def finish_coding_run(self, run_id: int, corpus_state: str) -> CodingRun:
        """Mark the run complete for the corpus state it coded."""
        ...

    def coding_runs(self) -> list[CodingRun]:
        """Stored runs, newest first."""
        ...

    def codings(self, run_id: int, document_ids: Collection[int] | None = None) -> list[Coding]: ...

    def mentions(self, run_id: int, document_ids: Collection[int] | None = None) -> list[Mention]: ...

    def coding_counts(self, run_id: int) -> list[tuple[int, str, int]]:
        """(document id, theme or group id, coded passages) over the whole run."""
        ...

    def mention_counts(self, run_id: int) -> list[tuple[int, str, int]]:
        """(document id, actor name, mentions) over the whole run."""
        ...

    def passage_counts(self) -> dict[int, int]:
        """Passages of each document's current version."""
        ...

    # -- reviews -----------------------------------------------------------------------------
    def add_review(self, object_id: str, action: str, target: str | None, value: str | None, note: str | None,
                   author: str) -> Review:
        """Append an analyst's judgement; earlier ones stay as history."""
        ...

    def reviews(self, object_id: str | None = None) -> list[Review]: ...

    # -- overrides, objects, failures, settings ---------------------------------------------
    def set_overrides(self, document_id: int, values: dict[str, str], source: str) -> None: ...

    def replace_objects(self, objects: list[AnalysisObject]) -> None: ...

    def objects(self) -> list[AnalysisObject]: ...

    def record_failure(self, path: str, kind: str, reason: str) -> None: ...

    def clear_failure(self, path: str) -> None: ...

    def failures(self) -> list[Failure]: ...

    def counts(self) -> dict[str, int]: ...
