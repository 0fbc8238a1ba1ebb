"""The HTML pages.  Each route gathers data through library functions and
:mod:`styrsignal.web.views`, then renders one template."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from styrsignal.corpus import status
from styrsignal.web.app import render, request_lang
from styrsignal.web.state import WebState
from styrsignal.web.views import heatmap, ordered, trends_svg

router = APIRouter(include_in_schema=False)


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


@router.get("/", response_class=HTMLResponse)
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
