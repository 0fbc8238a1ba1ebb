"""Report downloads (page ``/reports`` and API ``/api/reports``)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
