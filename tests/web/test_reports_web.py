"""Report downloads: every format in both languages from the current analysis, kept until the
store changes, and an analyst's review in the next download."""

from __future__ import annotations

import io
import re
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

MAGIC = {"docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04", "md": b"PK\x03\x04", "pdf": b"%PDF-", "html": b"<!"}
MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf",
         "html": "text/html; charset=utf-8", "md": "application/zip"}


@pytest.fixture(scope="module")
def report_client(example_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """An application over a copy of the example workspace whose reports this module writes."""
    from fastapi.testclient import TestClient

    from styrsignal.web import create_app

    root = tmp_path_factory.mktemp("reports") / "ws"
    shutil.copytree(example_workspace, root)
    with TestClient(create_app(root)) as client:
        yield client


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_reports_page_links_every_format_in_both_languages(report_client, lang: str) -> None:
    response = report_client.get("/reports", params={"lang": lang})
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text
    assert re.search(r"<script(?![^>]*\bsrc=)", response.text) is None and ' style="' not in response.text
    page = response.text
    for fmt in MAGIC:
        for lang in ("sv", "en"):
            assert f'href="/api/reports/{fmt}?lang={lang}"' in page
    assert "Word (DOCX)" in page and "Excel (XLSX)" in page
    report_client.cookies.delete("styrsignal_lang")


@pytest.mark.parametrize("fmt, lang", [("docx", "sv"), ("html", "en"), ("xlsx", "sv"), ("md", "en"), ("pdf", "sv")])
def test_a_report_downloads_as_a_named_file_of_its_format(report_client, fmt: str, lang: str) -> None:
    response = report_client.get(f"/api/reports/{fmt}", params={"lang": lang})
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"] == MEDIA[fmt]
    stem = "report" if lang == "en" else "rapport"
    suffix = "zip" if fmt == "md" else fmt
    assert re.fullmatch(rf'attachment; filename="styrsignal-{stem}-\d{{4}}-\d\d-\d\d\.{suffix}"',
                        response.headers["content-disposition"])
    assert response.content.startswith(MAGIC[fmt])
    if fmt == "html":
        assert "Policy mapping" in response.text  # English
        assert "Strategin för sociala företag" in response.text
    if fmt == "md":
        with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
            names = zf.namelist()
            assert "rapport.md" in names
            assert any(n.startswith("rapport_charts/") and n.endswith(".png") for n in names)
            assert "Policy mapping" in zf.read("rapport.md").decode()
    # A download does not switch the interface's language.
    assert "styrsignal_lang" not in response.headers.get("set-cookie", "")


def test_a_report_is_written_once_and_kept_until_the_store_changes(report_client) -> None:
    state = report_client.app.state.web
    first = report_client.get("/api/reports/html", params={"lang": "sv"})
    kept = state.report_path("sv", "html")
    assert kept.exists()
    written = kept.stat().st_mtime_ns
    started = time.perf_counter()
    again = report_client.get("/api/reports/html", params={"lang": "sv"})
    assert time.perf_counter() - started < 1.0
    assert again.content == first.content and kept.stat().st_mtime_ns == written
    assert not any(p.name.startswith(".report-") for p in state.cache_dir.iterdir())  # no leftovers


def test_a_review_is_in_the_next_report(fresh_web_client) -> None:
    client = fresh_web_client
    before = client.get("/api/reports/html", params={"lang": "sv"}).text
    assert "Ett skäl som bara finns här" not in before
    client.get("/")
    token = client.cookies.get("styrsignal_csrf")
    response = client.post("/objects/iop/review", follow_redirects=False, data={
        "csrf_token": token, "action": "impact", "impact": "none", "note": "Ett skäl som bara finns här"})
    assert response.status_code == 303
    after = client.get("/api/reports/html", params={"lang": "sv"}).text
    assert "Ett skäl som bara finns här" in after
    assert "granskad" in after


def test_unknown_format_and_language_are_refused(report_client) -> None:
    assert report_client.get("/api/reports/odt").status_code == 422
    assert report_client.get("/api/reports/pdf", params={"lang": "de"}).status_code == 422


def test_while_the_analysis_is_computed_the_api_answers_503_and_a_browser_gets_the_waiting_page(
        example_workspace: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from styrsignal.web import create_app

    root = tmp_path / "ws"
    shutil.copytree(example_workspace, root, ignore=shutil.ignore_patterns("web-cache"))
    with TestClient(create_app(root, warm=False)) as client:
        api = client.get("/api/reports/docx")
        assert api.status_code == 503
        assert api.headers["retry-after"] == "2"
        assert set(api.json()) == {"detail", "done", "total"}
        page = client.get("/api/reports/docx", headers={"accept": "text/html,application/xhtml+xml"})
        assert page.status_code == 503
        assert page.headers["content-type"].startswith("text/html")
        assert '<meta http-equiv="refresh" content="2">' in page.text
        assert client.get("/reports", headers={"accept": "text/html"}).status_code == 503
