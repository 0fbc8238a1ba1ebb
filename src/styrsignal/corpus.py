"""Library functions over an ingested corpus: what the CLI and the web show of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from styrsignal.errors import NotFound, StoreError
from styrsignal.ingest.objects import analysis_objects
from styrsignal.model import AnalysisObject, Document
from styrsignal.workspace import Workspace


def list_documents(workspace: Workspace) -> list[Document]:
    return workspace.store.documents()


def list_objects(workspace: Workspace) -> list[AnalysisObject]:
    """Declared objects first, then one object per document no declared object names."""
    return analysis_objects(workspace.store.objects(), workspace.store.documents())


def document_record(document: Document, object_ids: list[str] | None = None) -> dict[str, Any]:
    meta = document.metadata
    return {
        "id": document.id,
        "source_path": document.source_path,
        "title": meta.title,
        "doc_type": meta.doc_type.value,
        "doc_type_label": meta.doc_type.label,
        "issuer": meta.issuer,
        "date": meta.date.isoformat() if meta.date else None,
        "identifier": meta.own_identifier.value if meta.own_identifier else None,
        "identifiers": [{"kind": i.kind, "value": i.value} for i in meta.identifiers],
        "language": meta.language,
        "source_url": meta.source_url,
        "format": document.format,
        "page_count": document.page_count,
        "size": document.size,
        "version": document.version,
        "content_hash": document.content_hash,
        "objects": object_ids if object_ids is not None else document.object_ids,
        "metadata_sources": meta.sources,
        "ingested_at": document.ingested_at,
    }


def document_records(workspace: Workspace) -> list[dict[str, Any]]:
    documents = list_documents(workspace)
    objects = analysis_objects(workspace.store.objects(), documents)
    membership: dict[int, list[str]] = {}
    for obj in objects:
        for did in obj.document_ids:
            membership.setdefault(did, []).append(obj.id)
    return [document_record(d, membership.get(d.id, [])) for d in documents]


def get_document(workspace: Workspace, document_id: int, *, with_text: bool = True) -> Document:
    """The document with this id at its current version; :class:`UsageError` when there is none."""
    try:
        return workspace.store.document(document_id, with_text=with_text)
    except StoreError:
        raise NotFound(f"no document with id {document_id}: the ids are listed by styrsignal documents "
                         "(and /api/documents)") from None


def document_detail(workspace: Workspace, document_id: int, *, with_text: bool = False) -> dict[str, Any]:
    """One document's record (as in :func:`document_records`) with its pages as character
    offsets and, with ``with_text``, the whole text every offset refers to."""
    document = get_document(workspace, document_id)
    objects = [o.id for o in list_objects(workspace) if document_id in o.document_ids]
    return {
        **document_record(document, objects),
        "pages": [{"number": p.number, "start": p.start, "end": p.end} for p in document.pages],
        "text_length": len(document.text),
        "text": document.text if with_text else None,
    }


def object_records(workspace: Workspace) -> list[dict[str, Any]]:
    documents = {d.id: d for d in list_documents(workspace)}
    records = []
    for obj in analysis_objects(workspace.store.objects(), list(documents.values())):
        records.append({
            "id": obj.id,
            "name": obj.name,
            "implicit": obj.implicit,
            "documents": [{"id": did, "title": documents[did].metadata.title,
                           "source_path": documents[did].source_path,
                           "doc_type": documents[did].metadata.doc_type.value}
                          for did in obj.document_ids if did in documents],
        })
    return records


def status(workspace: Workspace) -> dict[str, Any]:
    store = workspace.store
    return {
        "workspace": str(workspace.root),
        "database": str(workspace.database),
        "counts": store.counts(),
        "failures": [{"path": f.path, "reason": f.reason, "kind": f.kind, "at": f.at} for f in store.failures()],
    }


def short_path(path: str, base: Path | None = None) -> str:
    base = base or Path.cwd()
    try:
        return str(Path(path).relative_to(base))
    except ValueError:
        return path
