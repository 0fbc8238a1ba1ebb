"""The web application: ``create_app(workspace_root)`` gives a FastAPI app.

Pages (:mod:`styrsignal.web.pages`) are server-rendered with Jinja2; the HTTP API
(:mod:`styrsignal.web.api`) lives under ``/api/`` with its OpenAPI schema at
``/api/openapi.json`` and documentation at ``/api/docs``.  Routes are thin: they call the
same library functions as the command line.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import anyio.to_thread
import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders, QueryParams
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from styrsignal.errors import NotFound, StyrsignalError, UsageError
from styrsignal.web.i18n import UiWords
from styrsignal.web.security import SecurityMiddleware, cookie_header, csrf_token, request_cookies
from styrsignal.web.state import NotReady, WebState

LANG_COOKIE = "styrsignal_lang"
_PACKAGE = resources.files("styrsignal.web")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_PACKAGE / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # the templates ship with the package: no file check on every render
    )
    return env


TEMPLATES = _environment()


def web_state(request: Request) -> WebState:
    """The application's :class:`WebState`."""
    state: WebState = request.app.state.web
    return state


def request_lang(request: Request) -> str:
    lang: str = getattr(request.state, "lang", "sv")
    return lang


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page: the template with the request's language, words, CSRF token and navigation."""
    lang = request_lang(request)
    state = web_state(request)
    html = TEMPLATES.get_template(template).render(
        request=request, lang=lang, t=UiWords(lang), csrf_token=csrf_token(request), state=state,
        path=request.url.path, status_code=status_code, **context)
    return HTMLResponse(html, status_code=status_code)


class LanguageMiddleware:
    """``request.state.lang``: ``?lang=``, else the language cookie, else Swedish.  A page asked
    for with ``?lang=`` sets the cookie (plain ASGI, see :mod:`styrsignal.web.security`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = QueryParams(scope.get("query_string", b"")).get("lang")
        cookie = request_cookies(scope).get(LANG_COOKIE)
        lang = asked if asked in ("sv", "en") else cookie
        scope.setdefault("state", {})["lang"] = lang if lang in ("sv", "en") else "sv"
        # Only pages remember the language: an API call or a download with ?lang= does not switch the UI.
        if not (asked in ("sv", "en") and cookie != asked and not scope["path"].startswith("/api/")):
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                remembered = cookie_header(LANG_COOKIE, str(asked), samesite="lax")
                MutableHeaders(scope=message).append("set-cookie", remembered)
            await send(message)

        await self.app(scope, receive, send_with_cookie)


WORKER_THREADS = 2
"""Threads that run page and API handlers.  They hold Python's global lock while they work, so
more threads than cores only add switching; further requests wait their turn in the event loop.
Slow work (reports, ingest) runs on threads of its own."""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
    yield


def create_app(root: Path, *, framework_path: Path | None = None, warm: bool = True,
               max_upload_mb: float = 50.0) -> FastAPI:
    """The application over the workspace at ``root``.  ``warm`` starts the analysis at once."""
    from styrsignal.web import api, ingest, pages, reports

    state = WebState(Path(root), framework_path, max_upload_mb=max_upload_mb)
    app = FastAPI(title="styrsignal", summary="Policy mapping for social innovation: objects, assessments, "
                  "documents, passages, search, themes, actors, reviews and reports.",
                  version=_version(), openapi_url="/api/openapi.json", docs_url="/api/docs", redoc_url=None,
                  lifespan=_lifespan)
    app.state.web = state
    app.add_middleware(LanguageMiddleware)
    app.add_middleware(SecurityMiddleware)
    app.mount("/static", StaticFiles(directory=str(_PACKAGE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(ingest.router)
    app.include_router(reports.router)
    app.include_router(pages.router)
    _error_handlers(app)
    if warm:
        state.warm_up()
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("styrsignal")
    except PackageNotFoundError:
        return "0"


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotReady)
    async def not_ready(request: Request, exc: NotReady) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": str(exc), "done": exc.done, "total": exc.total},
                                status_code=503, headers={"Retry-After": "2"})
        return render(request, "computing.html.j2", status_code=503, progress=exc)

    @app.exception_handler(UsageError)
    async def usage(request: Request, exc: UsageError) -> Response:
        status = 404 if isinstance(exc, NotFound) else 400
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return render(request, "error.html.j2", status_code=status, message=str(exc))

    @app.exception_handler(StyrsignalError)
    async def failure(request: Request, exc: StyrsignalError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=500)
        return render(request, "error.html.j2", status_code=500, message=str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if _wants_json(request) or not request.headers.get("accept", "").startswith("text/html"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return render(request, "error.html.j2", status_code=exc.status_code, message=str(exc.detail))
