"""The HTTP API under ``/api/``, described by the OpenAPI schema at ``/api/openapi.json``.

Each route calls one library function — the same the command line calls — and returns its
result in the models of :mod:`styrsignal.analysis.assessment` (what ``analyze --json``
prints) or :mod:`styrsignal.web.schemas`.  Errors are JSON ``{"detail": "…"}``: 404 for an
unknown object or document, 400 for values that do not fit, 422 for malformed requests, and
503 with ``Retry-After`` while the analysis is being computed.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam

from styrsignal.analysis.annotated import AnnotatedDocument, annotate_document
from styrsignal.analysis.assessment import Analysis, ObjectAssessment
from styrsignal.analysis.review import review, review_history
from styrsignal.corpus import document_detail, document_records
from styrsignal.errors import UsageError
from styrsignal.ingest.authorities import authorities
from styrsignal.search.engine import SearchFilters, search
from styrsignal.web.app import web_state
from styrsignal.web.schemas import (
    BAD_REQUEST,
    NOT_FOUND,
    NOT_READY,
    Actors,
    DocumentDetail,
    DocumentRecord,
    FrameworkInfo,
    Lang,
    OverrideRequest,
    Problem,
    RegistryEntry,
    ReviewRecord,
    SearchHitRecord,
    ThemeInfo,
)
from styrsignal.web.security import require_json_or_token

router = APIRouter(prefix="/api", tags=["api"])

LangQuery = Annotated[Lang, Query(description="Language of labels and drafted text.")]
ObjectId = Annotated[str, PathParam(description="The analysis object's id (see `/api/objects`).")]
DocumentId = Annotated[int, PathParam(ge=1, le=2**63 - 1, description="The document's id (see `/api/documents`).")]


# -- the analysis -------------------------------------------------------------------------------

@router.get("/analysis", response_model=Analysis, responses=NOT_READY)
def analysis(request: Request, lang: LangQuery = "sv") -> Analysis:
    """The whole analysis: assessments per object, cross-cutting analysis and trends — what
    ``styrsignal analyze --json`` prints (``docs/analysis.schema.json``)."""
    return web_state(request).analysis(lang)


@router.get("/objects", response_model=list[ObjectAssessment], responses=NOT_READY)
def objects(request: Request, lang: LangQuery = "sv") -> list[ObjectAssessment]:
    """Every analysis object with its assessment: the ``objects`` of ``styrsignal analyze --json``."""
    return web_state(request).analysis(lang).objects


@router.get("/objects/{object_id}", response_model=ObjectAssessment, responses={**NOT_FOUND, **NOT_READY})
def object_assessment(request: Request, object_id: ObjectId, lang: LangQuery = "sv") -> ObjectAssessment:
    """One object's assessment: verdict, criteria with evidence, rationale, opportunities,
    limitations, actors, themes, documents and the analyst's override."""
    return web_state(request).analysis(lang).assessment(object_id)


@router.get("/objects/{object_id}/overrides", response_model=list[ReviewRecord], responses=NOT_FOUND)
def override_history(request: Request, object_id: ObjectId) -> list[ReviewRecord]:
    """Every review of the object, oldest first: who said what, when and why."""
    return [ReviewRecord.of(r) for r in review_history(web_state(request).workspace, object_id)]


@router.post("/objects/{object_id}/overrides", status_code=201, response_model=list[ReviewRecord],
             dependencies=[Depends(require_json_or_token)],
             responses={**NOT_FOUND, **BAD_REQUEST,
                        415: {"model": Problem, "description": "Not JSON and no X-CSRF-Token header."}})
def add_override(request: Request, object_id: ObjectId, body: OverrideRequest) -> list[ReviewRecord]:
    """Record an analyst's judgement: override the verdict, add a note, accept, reject or
    rewrite drafted statements.  Kept with who and when, never overwritten by a re-run; the
    object's assessment shows it at once.  Send JSON (or the ``X-CSRF-Token`` header)."""
    state = web_state(request)
    recorded = review(state.workspace, object_id, impact=body.impact, note=body.note, accept=body.accept,
                      reject=body.reject, edit=[(e.id, e.text) for e in body.edit], author=body.author,
                      framework=state.framework)
    state.refresh_object(object_id)
    return [ReviewRecord.of(r) for r in recorded]


@router.get("/actors", response_model=Actors, responses=NOT_READY)
def actors(request: Request, lang: LangQuery = "sv",
           registry: Annotated[bool, Query(description="Also list the built-in registry of public bodies.")] = False,
           ) -> Actors:
    """Actors named in two or more objects (mentions per object); with ``registry=true`` also
    the registry of public bodies the actor mapping recognises."""
    recurring = web_state(request).analysis(lang).cross_cutting.recurring_actors
    return Actors(recurring=recurring, registry=[RegistryEntry.of(a) for a in authorities()] if registry else None)


# -- the corpus ---------------------------------------------------------------------------------

@router.get("/documents", response_model=list[DocumentRecord])
def documents(request: Request) -> list[dict[str, Any]]:
    """Every stored document at its current version, as ``styrsignal documents --json`` lists them."""
    return document_records(web_state(request).workspace)


@router.get("/documents/{document_id}", response_model=DocumentDetail, responses=NOT_FOUND)
def document(request: Request, document_id: DocumentId,
             text: Annotated[bool, Query(description="Include the document's whole text.")] = False,
             ) -> dict[str, Any]:
    """One document's metadata, its pages as character offsets and, with ``text=true``, the
    text every offset (of evidence, passages and search hits) refers to."""
    return document_detail(web_state(request).workspace, document_id, with_text=text)


@router.get("/documents/{document_id}/passages", response_model=AnnotatedDocument, responses=NOT_FOUND)
def passages(request: Request, document_id: DocumentId, lang: LangQuery = "sv") -> AnnotatedDocument:
    """The document as the analysis sees it: its passages in order — pages, heading path,
    offsets, text — each with the themes it is coded to (matched spans) and the actors it
    names, plus headings, theme counts and objects.  ``coding_run`` is null (and there are no
    codings) while the corpus is being coded."""
    state = web_state(request)
    return annotate_document(state.workspace, state.framework, document_id, lang=lang)


@router.get("/search", response_model=list[SearchHitRecord], responses=BAD_REQUEST)
def search_passages(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=1000, description=(
        'Words (all must occur), "phrases", OR, NOT word or -word, prefix* and parentheses. '
        "A word finds its inflections and the compounds it heads."))],
    object_id: Annotated[str | None, Query(alias="object", description="Only this analysis object's documents.")]
    = None,
    doc_type: Annotated[str | None, Query(alias="type", description="Document type, e.g. proposition, sou.")] = None,
    issuer: Annotated[str | None, Query(description="Issuer contains this (any letter case).")] = None,
    language: Annotated[Literal["sv", "en", "other"] | None, Query(description="Document language.")] = None,
    date_from: Annotated[dt.date | None, Query(alias="from", description="Dated on or after.")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="Dated on or before.")] = None,
    limit: Annotated[int, Query(ge=1, le=200, description="At most this many passages.")] = 20,
    broad: Annotated[bool, Query(description="Also match the first parts of compounds.")] = False,
) -> list[dict[str, object]]:
    """Ranked passages (BM25) with citation, heading path and matched words in context —
    what ``styrsignal search --json`` prints."""
    filters = SearchFilters(object_id=object_id, doc_type=doc_type, issuer=issuer, language=language,
                            date_from=date_from, date_to=date_to)
    try:
        hits = search(web_state(request).workspace, q, filters, limit=limit, broad=broad)
    except UsageError as exc:
        raise HTTPException(400, str(exc)) from None
    return [hit.record() for hit in hits]


# -- the framework ------------------------------------------------------------------------------

@router.get("/framework", response_model=FrameworkInfo)
def framework(request: Request, lang: LangQuery = "sv") -> FrameworkInfo:
    """The active analysis framework: name, version, version key and central questions."""
    return FrameworkInfo.of(web_state(request).framework, lang)


@router.get("/themes", response_model=list[ThemeInfo])
def themes(request: Request, lang: LangQuery = "sv") -> list[ThemeInfo]:
    """The framework's themes with labels, descriptions and search terms in the language asked for."""
    return [ThemeInfo.of(theme, lang) for theme in web_state(request).framework.themes]
