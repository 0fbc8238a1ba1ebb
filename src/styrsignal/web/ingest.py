"""Adding documents through the web: uploads and folder paths, ingested in the background
with progress and failures shown (page ``/ingest`` and API ``/api/ingest``)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
