"""The HTTP API under ``/api/``, described by the OpenAPI schema at ``/api/openapi.json``."""

from __future__ import annotations

from fastapi import APIRouter, Request

from styrsignal.analysis.assessment import ObjectAssessment
from styrsignal.web.state import WebState

router = APIRouter(prefix="/api", tags=["api"])


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


@router.get("/objects", response_model=list[ObjectAssessment])
def objects(request: Request, lang: str = "sv") -> list[ObjectAssessment]:
    """Every analysis object with its assessment: the ``objects`` of ``styrsignal analyze --json``."""
    return web_state(request).analysis(lang).objects
