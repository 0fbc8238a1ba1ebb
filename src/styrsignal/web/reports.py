"""Report downloads (page ``/reports`` and API ``/api/reports/{format}``).

The report of the current analysis — analysts' reviews included — is written by
:func:`styrsignal.reports.write_report` on first download and kept in the web cache under
the store's state key (:meth:`WebState.report_path`), so it is written again only when the
documents, objects, reviews or framework change.  It is written to a temporary folder and
moved into place, so a download never gets half a file.  Markdown comes as a zip holding the
``.md`` file and its charts.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import threading
import zipfile
from contextlib import suppress
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse
from starlette.background import BackgroundTask
from starlette.responses import Response

from styrsignal.analysis.assessment import Analysis
from styrsignal.reports import write_report
from styrsignal.web.app import render, request_lang, web_state
from styrsignal.web.schemas import NOT_READY, Lang, Problem
from styrsignal.web.state import NotReady, WebState

router = APIRouter()

ReportFormat = Literal["docx", "pdf", "xlsx", "html", "md"]
FORMATS: dict[str, tuple[str, str]] = {
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("pdf", "application/pdf"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "html": ("html", "text/html; charset=utf-8"),
    "md": ("md.zip", "application/zip"),
}
"""Format → (suffix of the kept file, media type)."""

_LOCKS: dict[tuple[str, str, str], threading.Lock] = {}
REPORT_WRITERS = 2
"""Reports written at the same time (each on a thread outside the page handlers')."""
_LOCKS_LOCK = threading.Lock()


def _lock(root: Path, lang: str, fmt: str) -> threading.Lock:
    with _LOCKS_LOCK:
        return _LOCKS.setdefault((str(root), lang, fmt), threading.Lock())


def report_file(state: WebState, fmt: str, lang: str) -> tuple[Path, bool]:
    """The report of the current analysis in ``fmt`` and ``lang``, written when not kept yet,
    and whether it is a one-off (the analysis shown is older than the store: not kept)."""
    analysis = state.analysis(lang)  # NotReady (503) while it is computed
    suffix = FORMATS[fmt][0]
    if state.is_stale(lang):
        folder = Path(tempfile.mkdtemp(dir=_cache(state), prefix=".report-"))
        return _write(state, analysis, fmt, lang, folder, folder / f"rapport.{suffix}"), True
    with _lock(state.root, lang, fmt):
        path = state.report_path(lang, suffix)
        if path.exists():
            return path, False
        with tempfile.TemporaryDirectory(dir=_cache(state), prefix=".report-") as tmp:
            _write(state, analysis, fmt, lang, Path(tmp), path)
        for old in path.parent.glob(f"rapport-*-{lang}.{suffix}"):
            if old != path:
                old.unlink(missing_ok=True)
        return path, False


def _cache(state: WebState) -> Path:
    state.cache_dir.mkdir(parents=True, exist_ok=True)
    return state.cache_dir


def _write(state: WebState, analysis: Analysis, fmt: str, lang: str, folder: Path, path: Path) -> Path:
    """Write the report in ``folder`` and move the finished file to ``path``."""
    out = folder / f"rapport.{'md' if fmt == 'md' else FORMATS[fmt][0]}"
    written = write_report(state.workspace, out, format=fmt, framework=state.framework, lang=lang, analysis=analysis)
    if fmt == "md":
        out = _zipped(out, written)
    out.replace(path)
    return path


def _zipped(out: Path, written: list[Path]) -> Path:
    archive = out.with_name(out.name + ".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in written:
            zf.write(path, path.relative_to(out.parent).as_posix())
    return archive


def download_name(fmt: str, lang: str) -> str:
    stem = "report" if lang == "en" else "rapport"
    suffix = "zip" if fmt == "md" else FORMATS[fmt][0]
    return f"styrsignal-{stem}-{dt.date.today().isoformat()}.{suffix}"


@router.get("/reports", response_class=HTMLResponse, include_in_schema=False)
def reports_page(request: Request) -> HTMLResponse:
    state = web_state(request)
    analysis = state.analysis(request_lang(request))  # the computing page until there is one
    with suppress(NotReady):  # start the other language now, so its downloads are ready sooner
        state.analysis("en" if request_lang(request) == "sv" else "sv")
    return render(request, "reports.html.j2", analysis=analysis, formats=list(FORMATS),
                  stale=state.is_stale(request_lang(request)))


_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The report file, as an attachment.",
          "content": {media: {"schema": {"type": "string", "format": "binary"}}
                      for _, media in FORMATS.values()}},
    **NOT_READY,
    500: {"model": Problem, "description": "The report could not be written."},
}
FormatParam = Annotated[ReportFormat, PathParam(description="docx, pdf, xlsx, html, or md (a zip with the "
                                                             "Markdown file and its charts).")]


@router.get("/api/reports/{fmt}", response_class=FileResponse, responses=_RESPONSES, tags=["api"],
            summary="Download the report")
async def report(request: Request, fmt: FormatParam, lang: Lang = "sv") -> Response:
    """The report of the current analysis, analysts' reviews included: classification, one
    section per object with citations, cross-cutting analysis, actors, trends and the framework."""
    state = web_state(request)
    try:
        # Writing a report takes seconds: on threads of its own, so pages stay quick meanwhile.
        return await anyio.to_thread.run_sync(_download, state, fmt, lang, limiter=_writers(request))
    except NotReady as exc:
        if "text/html" not in request.headers.get("accept", ""):
            raise
        # A download link followed in the browser: the page that waits (and reloads this address).
        return render(request, "computing.html.j2", status_code=503, progress=exc)


def _writers(request: Request) -> anyio.CapacityLimiter:
    limiter: anyio.CapacityLimiter | None = getattr(request.app.state, "report_writers", None)
    if limiter is None:
        limiter = request.app.state.report_writers = anyio.CapacityLimiter(REPORT_WRITERS)
    return limiter


def _download(state: WebState, fmt: str, lang: str) -> FileResponse:
    path, one_off = report_file(state, fmt, lang)
    cleanup = BackgroundTask(shutil.rmtree, path.parent, ignore_errors=True) if one_off else None
    return FileResponse(path, media_type=FORMATS[fmt][1], filename=download_name(fmt, lang), background=cleanup)
