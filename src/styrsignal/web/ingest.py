"""Adding documents through the web: uploads and folder paths, ingested in the background
with progress and failures shown (page ``/ingest`` and API ``/api/ingest``).

An upload is streamed to ``<workspace>/uploads/<job>/`` (:mod:`styrsignal.web.uploads`:
size limit per file, allowed types, safe names), then :func:`styrsignal.ingest.pipeline.ingest`
runs in a background thread on its own workspace connection, one job at a time, and reports
every file's outcome to the job.  When it is done the store's state has changed, so the next
page asks for a fresh analysis by itself.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel
from starlette.responses import Response

from styrsignal.errors import NotFound
from styrsignal.ingest.pipeline import IngestEvent, ingest
from styrsignal.web.app import render, web_state
from styrsignal.web.schemas import Problem
from styrsignal.web.security import CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, tokens_match
from styrsignal.web.state import WebState
from styrsignal.web.uploads import ALLOWED_SUFFIXES, Rejected, UploadRefused, receive

router = APIRouter()

UPLOADS = "uploads"
JobStatus = Literal["queued", "running", "done", "failed"]
KEEP_JOBS = 50


@dataclass
class IngestJob:
    id: str
    created_at: str
    paths: list[Path]
    folder: str | None = None
    rejected: list[Rejected] = field(default_factory=list)
    status: JobStatus = "queued"
    done: int = 0
    total: int = 0
    events: list[IngestEvent] = field(default_factory=list)
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    @property
    def failures(self) -> list[IngestEvent]:
        return [e for e in self.events if e.status == "failed"]

    def counts(self) -> dict[str, int]:
        names = ("added", "new_version", "unchanged", "duplicate", "failed")
        return {name: sum(1 for e in self.events if e.status == name) for name in names}

    def record(self) -> IngestJobRecord:
        return IngestJobRecord(
            id=self.id, status=self.status, created_at=self.created_at, folder=self.folder,
            files=[p.name for p in self.paths], done=self.done, total=self.total, counts=self.counts(),
            events=[IngestEventRecord(path=e.path, status=e.status, document_id=e.document_id, reason=e.reason,
                                      kind=e.kind) for e in self.events],
            rejected=[RejectedFile(name=r.name, reason=r.reason) for r in self.rejected], error=self.error)


class IngestEventRecord(BaseModel):
    path: str
    status: Literal["added", "new_version", "unchanged", "duplicate", "failed"]
    document_id: int | None
    reason: str
    kind: str


class RejectedFile(BaseModel):
    name: str
    reason: str


class IngestJobRecord(BaseModel):
    """An ingest job: its files, progress and the outcome of every file."""

    id: str
    status: JobStatus
    created_at: str
    folder: str | None
    files: list[str]
    """Names of the uploaded files taken."""
    done: int
    total: int
    """Files read so far, of those to read (unchanged files and duplicates are not read)."""
    counts: dict[str, int]
    events: list[IngestEventRecord]
    rejected: list[RejectedFile]
    """Uploaded files refused before ingest (too large, not a type styrsignal reads)."""
    error: str | None


class IngestRefused(BaseModel):
    """Nothing was taken: why, and each file refused."""

    detail: str
    rejected: list[RejectedFile]


class IngestJobs:
    """The jobs of one application, run one at a time in a background thread."""

    def __init__(self, state: WebState) -> None:
        self.state = state
        self.jobs: dict[str, IngestJob] = {}
        self._lock = threading.Lock()
        self._serial = threading.Lock()

    def new_id(self) -> str:
        return dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)

    def upload_folder(self, job_id: str) -> Path:
        return self.state.root / UPLOADS / job_id

    def start(self, job_id: str, paths: list[Path], folder: str | None, rejected: list[Rejected]) -> IngestJob:
        job = IngestJob(job_id, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), paths, folder, rejected)
        with self._lock:
            self.jobs[job.id] = job
            for old in list(self.jobs)[:-KEEP_JOBS]:
                if self.jobs[old].finished:
                    del self.jobs[old]
        threading.Thread(target=self._run, args=(job,), daemon=True, name=f"ingest-{job.id}").start()
        return job

    def get(self, job_id: str) -> IngestJob:
        job = self.jobs.get(job_id)
        if job is None:
            raise NotFound(f"no ingest job {job_id!r} (jobs are kept while the server runs)")
        return job

    def recent(self, n: int = 10) -> list[IngestJob]:
        return list(reversed(list(self.jobs.values())))[:n]

    def _run(self, job: IngestJob) -> None:
        def on_event(event: IngestEvent) -> None:
            job.events.append(event)

        def on_progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        with self._serial:
            job.status = "running"
            try:
                with self.state.own_workspace() as workspace:
                    paths = [*job.paths, *([Path(job.folder)] if job.folder else [])]
                    # One process: forking reader processes from a threaded server is not safe.
                    ingest(workspace, paths, on_event=on_event, on_progress=on_progress, jobs=1)
            except Exception as exc:  # shown on the job page; the files read so far are stored
                job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
                return
            job.status = "done"


def ingest_jobs(request: Request) -> IngestJobs:
    app_state = request.app.state
    jobs: IngestJobs | None = getattr(app_state, "ingest_jobs", None)
    if jobs is None:
        with _CREATE:
            jobs = getattr(app_state, "ingest_jobs", None)
            if jobs is None:
                jobs = app_state.ingest_jobs = IngestJobs(app_state.web)
    return jobs


_CREATE = threading.Lock()


def folder_problem(state: WebState, folder: str) -> tuple[str, dict[str, str]] | None:
    """Why a folder path typed by the analyst cannot be ingested (message key, values), if it cannot."""
    path = Path(folder).expanduser()
    if not path.is_absolute():
        return "folder_not_absolute", {"folder": folder}
    if not path.exists():
        return "folder_missing", {"folder": folder}
    resolved, root = path.resolve(), state.root.resolve()
    if resolved == root or root in resolved.parents:
        return "folder_in_workspace", {"folder": folder}
    return None


async def _receive(request: Request, jobs: IngestJobs, job_id: str) -> tuple[list[Path], dict[str, str],
                                                                          list[Rejected]]:
    """The files and fields of an upload; a form without files may come URL-encoded."""
    state = web_state(request)
    content_type = request.headers.get("content-type", "")
    cookie = request.cookies.get(CSRF_COOKIE)
    if content_type.split(";")[0].strip().lower() == "application/x-www-form-urlencoded" \
            and request.url.path == "/ingest":
        form = await request.form()
        fields = {name: value for name, value in form.items() if isinstance(value, str)}
        sent = request.headers.get(CSRF_HEADER) or fields.get(CSRF_FIELD, "")
        if not tokens_match(cookie, sent):
            raise UploadRefused(403, "CSRF token missing or wrong: reload the page and try again")
        return [], fields, []
    received = await receive(request.stream(), content_type, jobs.upload_folder(job_id),
                             max_mb=state.max_upload_mb, cookie_token=cookie,
                             header_token=request.headers.get(CSRF_HEADER))
    return received.files, received.fields, received.rejected


# -- pages ---------------------------------------------------------------------------------

def _page(request: Request, status_code: int = 200, **context: Any) -> HTMLResponse:
    state = web_state(request)
    context.setdefault("problems", [])
    context.setdefault("rejected", [])
    context.setdefault("folder", "")
    return render(request, "ingest.html.j2", status_code=status_code, max_mb=f"{state.max_upload_mb:g}",
                  allowed=", ".join(ALLOWED_SUFFIXES), jobs=ingest_jobs(request).recent(), **context)


@router.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
def ingest_page(request: Request) -> HTMLResponse:
    return _page(request)


@router.post("/ingest", include_in_schema=False)
async def ingest_form(request: Request) -> Response:
    """The form: files and/or a folder path.  Refused files are named on the job page; when
    nothing can be taken the form comes back with the reasons."""
    jobs = ingest_jobs(request)
    job_id = jobs.new_id()
    try:
        files, fields, rejected = await _receive(request, jobs, job_id)
    except UploadRefused as exc:
        return _page(request, exc.status, problems=[("upload_refused", {"reason": str(exc)})])
    folder = fields.get("folder", "").strip()
    problem = folder_problem(web_state(request), folder) if folder else None
    if problem is not None or not (files or folder):
        for path in files:
            path.unlink(missing_ok=True)
        problems = [problem] if problem else ([] if rejected else [("nothing_to_ingest", {})])
        return _page(request, _refusal_status(rejected) if not problem else 400, problems=problems,
                     rejected=rejected, folder=folder)
    job = jobs.start(job_id, files, folder or None, rejected)
    return RedirectResponse(f"/ingest/{job.id}", status_code=303)


@router.get("/ingest/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def ingest_job_page(request: Request, job_id: str) -> HTMLResponse:
    return render(request, "ingest_job.html.j2", job=ingest_jobs(request).get(job_id))


def _refusal_status(rejected: list[Rejected]) -> int:
    if any(r.key == "upload_too_large" for r in rejected):
        return 413
    return 415 if rejected else 400


# -- API -----------------------------------------------------------------------------------

_UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["files"],
    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"},
                             "description": f"PDF, DOCX, HTML, text or Markdown ({', '.join(ALLOWED_SUFFIXES)})"}},
}}}}}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": IngestRefused, "description": "No file to ingest, or a body that cannot be read."},
    403: {"model": Problem,
          "description": "The `X-CSRF-Token` header does not match the CSRF cookie."},
    413: {"model": IngestRefused, "description": "Every file was over the upload size limit."},
    415: {"model": IngestRefused, "description": "Not multipart/form-data, or no file of a type styrsignal reads."},
}


@router.post("/api/ingest", status_code=202, response_model=IngestJobRecord, responses=_ERRORS,
             openapi_extra=_UPLOAD_BODY, tags=["api"], summary="Ingest uploaded files")
async def api_ingest(request: Request) -> Response:
    """Upload files to ingest (multipart, field ``files``; send the CSRF cookie's value in the
    ``X-CSRF-Token`` header).  Returns the job, to follow at ``/api/ingest/{job_id}``; files
    refused (too large, not a type styrsignal reads) are listed under ``rejected``."""
    jobs = ingest_jobs(request)
    job_id = jobs.new_id()
    try:
        files, _fields, rejected = await _receive(request, jobs, job_id)
    except UploadRefused as exc:
        return JSONResponse(IngestRefused(detail=str(exc), rejected=[]).model_dump() if exc.status != 403
                            else {"detail": str(exc)}, status_code=exc.status)
    if not files:
        status = _refusal_status(rejected)
        detail = "no file could be taken" if rejected else "no file in the upload (field 'files')"
        return JSONResponse(IngestRefused(detail=detail, rejected=[RejectedFile(name=r.name, reason=r.reason)
                                                                   for r in rejected]).model_dump(),
                            status_code=status)
    job = jobs.start(job_id, files, None, rejected)
    return JSONResponse(job.record().model_dump(), status_code=202,
                        headers={"Location": f"/api/ingest/{job.id}"})


JobId = Annotated[str, PathParam(description="The job id returned by `POST /api/ingest`.", max_length=64)]


@router.get("/api/ingest/{job_id}", response_model=IngestJobRecord, tags=["api"], summary="An ingest job",
            responses={404: {"model": Problem, "description": "No such job."}})
def api_ingest_job(request: Request, job_id: JobId) -> IngestJobRecord:
    """An ingest job's progress and the outcome of each file (added, new_version, unchanged,
    duplicate, failed with the reason)."""
    return ingest_jobs(request).get(job_id).record()
