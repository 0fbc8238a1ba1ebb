"""Search the ingested corpus: ranked passages with citations and keyword-in-context.

:func:`search` is what ``styrsignal search`` and the web show; :func:`find_terms` is what
later stages use to find every passage a framework term matches, with the matched spans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from styrsignal.corpus import list_objects
from styrsignal.errors import UsageError
from styrsignal.model import DocType, Document
from styrsignal.search.query import Node, parse_query
from styrsignal.search.snippets import kwic, match_spans
from styrsignal.store.base import PassageHit, StoredPassage
from styrsignal.workspace import Workspace


@dataclass(frozen=True, slots=True)
class SearchFilters:
    object_id: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    language: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def active(self) -> bool:
        return any(v is not None for v in (self.object_id, self.doc_type, self.issuer, self.language,
                                           self.date_from, self.date_to))


@dataclass
class SearchHit:
    document: Document
    """The document's metadata (its text is not read)."""
    passage: StoredPassage
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    matches: list[tuple[int, int]] = field(default_factory=list)
    """Matched spans as offsets into the document's text."""
    quote: str = ""
    """The passage's text."""

    def record(self) -> dict[str, object]:
        meta = self.document.metadata
        return {
            "document_id": self.document.id,
            "title": meta.title,
            "source_path": self.document.source_path,
            "doc_type": meta.doc_type.value,
            "issuer": meta.issuer,
            "date": meta.date.isoformat() if meta.date else None,
            "identifier": meta.own_identifier.value if meta.own_identifier else None,
            "identifiers": [i.value for i in meta.identifiers],
            "passage_id": self.passage.id,
            "page": self.passage.page_start,
            "page_end": self.passage.page_end,
            "heading_path": list(self.passage.heading_path),
            "start": self.passage.start,
            "end": self.passage.end,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
            "matches": [{"start": s, "end": e, "text": self.quote[s - self.passage.start:e - self.passage.start]}
                        for s, e in self.matches],
        }


def _resolve_doc_type(value: str) -> DocType:
    lowered = value.lower()
    for kind in DocType:
        if lowered in (kind.value, kind.label.lower(), kind.label_en.lower()):
            return kind
    raise UsageError(f"unknown document type {value!r}. Available: {', '.join(k.value for k in DocType)}")


def allowed_documents(workspace: Workspace, filters: SearchFilters) -> set[int] | None:
    """Ids of documents passing the filters (None: no filter, every document)."""
    if not filters.active():
        return None
    documents = workspace.store.documents()
    allowed = {d.id for d in documents}
    if filters.object_id is not None:
        objects = {o.id: o for o in list_objects(workspace)}
        if filters.object_id not in objects:
            raise UsageError(f"no analysis object {filters.object_id!r}. Available: {', '.join(objects)}")
        allowed &= set(objects[filters.object_id].document_ids)
    kind = _resolve_doc_type(filters.doc_type) if filters.doc_type else None
    for d in documents:
        meta = d.metadata
        if (kind is not None and meta.doc_type != kind) \
                or (filters.issuer and (meta.issuer is None or filters.issuer.lower() not in meta.issuer.lower())) \
                or (filters.language and meta.language != filters.language) \
                or (filters.date_from and (meta.date is None or meta.date < filters.date_from)) \
                or (filters.date_to and (meta.date is None or meta.date > filters.date_to)):
            allowed.discard(d.id)
    return allowed


def search(workspace: Workspace, query: str | Node, filters: SearchFilters | None = None, *,
           limit: int = 20, broad: bool = False) -> list[SearchHit]:
    node = parse_query(query) if isinstance(query, str) else query
    allowed = allowed_documents(workspace, filters or SearchFilters())
    hits = workspace.store.search_passages(node, document_ids=allowed, limit=limit, broad=broad)
    return list(_explain(workspace, node, hits, broad))


def _explain(workspace: Workspace, node: Node, hits: list[PassageHit], broad: bool) -> Iterable[SearchHit]:
    store = workspace.store
    documents = store.documents_by_id({hit.passage.document_id for hit in hits})
    texts = store.passage_texts([hit.passage for hit in hits])
    for hit, text in zip(hits, texts, strict=True):
        passage = hit.passage
        document = documents[passage.document_id]
        spans = match_spans(text, node, document.metadata.language, broad=broad)
        snippet = kwic(text, spans)
        yield SearchHit(document, passage, hit.score, snippet.text, snippet.highlights,
                        [(passage.start + s, passage.start + e) for s, e in spans], text)


@dataclass(frozen=True, slots=True)
class TermMatch:
    passage: StoredPassage
    spans: list[tuple[int, int]]
    """Matched spans as offsets into the document's text."""


def find_terms(workspace: Workspace, terms: Iterable[str], *, document_ids: set[int] | None = None,
               broad: bool = False) -> dict[str, list[TermMatch]]:
    """Every passage each term matches (a word, a "phrase" or a prefix*), with the spans."""
    result: dict[str, list[TermMatch]] = {}
    store = workspace.store
    texts: dict[int, str] = {}
    languages: dict[int, str] = {}
    for term in terms:
        node = parse_query(f'"{term}"' if " " in term.strip() and not term.strip().startswith('"') else term)
        matches: list[TermMatch] = []
        for hit in store.search_passages(node, document_ids=document_ids, limit=1_000_000, broad=broad):
            p = hit.passage
            if p.document_id not in texts:
                document = store.document(p.document_id)
                texts[p.document_id] = document.text
                languages[p.document_id] = document.metadata.language
            spans = match_spans(texts[p.document_id][p.start:p.end], node, languages[p.document_id], broad=broad)
            matches.append(TermMatch(p, [(p.start + s, p.start + e) for s, e in spans]))
        matches.sort(key=lambda m: (m.passage.document_id, m.passage.seq))
        result[term] = matches
    return result
