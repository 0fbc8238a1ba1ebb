"""The HTML pages.  Each route gathers data through library functions and
:mod:`styrsignal.web.views`, then renders one template."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from styrsignal.analysis.annotated import annotate_document
from styrsignal.analysis.review import current_author, review
from styrsignal.corpus import status
from styrsignal.ingest.authorities import authorities, search_authorities
from styrsignal.web.app import render, request_lang, web_state
from styrsignal.web.marks import document_items, theme_classes
from styrsignal.web.page_cache import cached_page
from styrsignal.web.search_form import SearchForm, object_choices, run_search
from styrsignal.web.security import require_csrf
from styrsignal.web.views import (
    actor_matrix,
    doc_type_labels,
    find_object,
    heatmap,
    ordered,
    paginate,
    scope_labels,
    statement_texts,
    trends_svg,
)

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
@cached_page
def overview(request: Request) -> HTMLResponse:
    state = web_state(request)
    lang = request_lang(request)
    counts = status(state.workspace)["counts"]
    if not counts["documents"]:
        return render(request, "empty.html.j2")
    analysis = state.analysis(lang)
    t_title = "Trender" if lang == "sv" else "Trends"
    return render(request, "overview.html.j2", analysis=analysis, objects=ordered(analysis.objects), counts=counts,
                  heat=heatmap(analysis, state.framework, lang), trends_chart=trends_svg(analysis, title=t_title),
                  stale=state.is_stale(lang))


@router.get("/objects", response_class=HTMLResponse)
@cached_page
def objects(request: Request) -> HTMLResponse:
    state = web_state(request)
    analysis = state.analysis(request_lang(request))
    return render(request, "objects.html.j2", analysis=analysis, objects=ordered(analysis.objects),
                  stale=state.is_stale(request_lang(request)))


@router.get("/objects/{object_id}", response_class=HTMLResponse)
@cached_page
def analysis_object(request: Request, object_id: str, saved: bool = False) -> HTMLResponse:
    state = web_state(request)
    lang = request_lang(request)
    assessment = find_object(state.analysis(lang), object_id)
    return render(request, "object.html.j2", a=assessment, saved=saved, stale=state.is_stale(lang),
                  history=assessment.override.history if assessment.override else [],
                  statement_text=statement_texts(assessment), scope_labels=scope_labels(state.framework, lang),
                  doc_type_label=doc_type_labels(lang).__getitem__, default_author=current_author(), actor_limit=15)


@router.post("/objects/{object_id}/review", dependencies=[Depends(require_csrf)])
def review_object(request: Request, object_id: str, action: Annotated[str, Form()],
                  impact: Annotated[str, Form()] = "", note: Annotated[str, Form()] = "",
                  statement: Annotated[str, Form()] = "", text: Annotated[str, Form()] = "",
                  author: Annotated[str, Form()] = "") -> RedirectResponse:
    """An analyst's judgement from the object page: the verdict with a note, or a statement
    accepted, rejected or rewritten; stored by :func:`styrsignal.analysis.review.review`."""
    state = web_state(request)
    targets = [statement] if statement else []
    review(state.workspace, object_id, impact=(impact or None) if action == "impact" else None,
           note=note.strip() or None, accept=targets if action == "accept" else None,
           reject=targets if action == "reject" else None,
           edit=[(statement, text.strip())] if action == "edit" and statement and text.strip() else None,
           author=" ".join(author.split()) or None, framework=state.framework)
    state.refresh_object(object_id)
    anchor = f"#s-{statement}" if statement else ""
    return RedirectResponse(f"/objects/{object_id}?saved=1{anchor}", status_code=303)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
@cached_page
def document(request: Request, document_id: int) -> HTMLResponse:
    state = web_state(request)
    annotated = annotate_document(state.workspace, state.framework, document_id, lang=request_lang(request))
    return render(request, "document.html.j2", doc=annotated, doc_items=document_items(annotated),
                  theme_class=theme_classes(state.framework))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    state = web_state(request)
    lang = request_lang(request)
    form = SearchForm.from_params(request.query_params)
    results = run_search(state.workspace, form)
    return render(request, "search.html.j2", form=form, results=results, objects=object_choices(state, lang),
                  doc_types=doc_type_labels(lang))


@router.get("/actors", response_class=HTMLResponse)
@cached_page
def actors(request: Request, q: str = "", kind: str = "", page: int = 1) -> HTMLResponse:
    state = web_state(request)
    analysis = state.analysis(request_lang(request))
    kinds = sorted({row.kind for row in authorities()})
    rows = search_authorities(q, kind if kind in kinds else None)
    return render(request, "actors.html.j2", matrix=actor_matrix(analysis), registry=paginate(rows, page),
                  registry_size=len(authorities()), q=q, kind=kind, kinds=kinds)


@router.get("/framework", response_class=HTMLResponse)
@cached_page
def framework(request: Request) -> HTMLResponse:
    state = web_state(request)
    return render(request, "framework.html.j2", fw=state.framework, scope_labels=scope_labels(
        state.framework, request_lang(request)))
