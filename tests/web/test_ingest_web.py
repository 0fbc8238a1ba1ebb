"""Adding documents through the web: uploads and folders ingested in the background with every
file's outcome listed, and the limits — size, type, names, CSRF — that keep anything else out
of the workspace."""

from __future__ import annotations

import random
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from styrsignal.web.i18n import FAILURE_LABELS
from styrsignal.web.uploads import safe_name
from styrsignal.workspace import Workspace

GOOD_TEXT = ("Regeringen ger Tillväxtverket i uppdrag att stödja sociala företag och social innovation "
             "i hela landet. Uppdraget ska redovisas senast den 1 mars 2026.\n\n"
             "Arbetsintegrerande sociala företag ska få bättre möjligheter att delta i offentlig upphandling.\n")
GOOD_MARKDOWN = "# Handlingsplan för idéburen välfärd\n\nIdéburet offentligt partnerskap (IOP) ska användas mer.\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


def broken_pdf() -> bytes:
    noise = random.Random(7).randbytes(4000)
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n" + noise


def csrf(client: Any) -> str:
    client.get("/ingest")
    return str(client.cookies.get("styrsignal_csrf"))


def wait_for_job(client: Any, job_id: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = client.get(f"/api/ingest/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.2)


def uploads_of(client: Any) -> list[Path]:
    root = client.app.state.web.root / "uploads"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def document_count(client: Any) -> int:
    with Workspace.open(client.app.state.web.root) as workspace:
        return len(workspace.store.documents())


@pytest.fixture
def small_limit_client(example_workspace: Path, tmp_path: Path) -> Iterator[Any]:
    """An application over a copy of the example workspace taking uploads of at most 10 kB."""
    from fastapi.testclient import TestClient

    from styrsignal.web import create_app

    root = tmp_path / "ws"
    shutil.copytree(example_workspace, root)
    with TestClient(create_app(root, max_upload_mb=0.01)) as client:
        yield client


# -- the page ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["sv", "en"])
def test_ingest_page_renders_in_both_languages_without_inline_script_or_style(web_client, lang: str) -> None:
    response = web_client.get("/ingest", params={"lang": lang})
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text
    assert re.search(r"<script(?![^>]*\bsrc=)", response.text) is None and ' style="' not in response.text


def test_ingest_page_offers_files_and_a_folder_with_the_limits(web_client) -> None:
    page = web_client.get("/ingest", params={"lang": "sv"}).text
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file" id="files" name="files" multiple' in page
    assert 'name="folder"' in page
    assert "högst 50 MB per fil" in page
    form = page[page.index('<form method="post" action="/ingest"'):]
    assert form.index('name="csrf_token"') < form.index('type="file"')  # the token comes before any file


def test_uploaded_files_are_ingested_and_a_broken_one_is_listed_with_its_reason(fresh_web_client) -> None:
    client = fresh_web_client
    before = document_count(client)
    response = client.post("/ingest", data={"csrf_token": csrf(client), "folder": ""}, follow_redirects=False,
                           files=[("files", ("uppdrag.txt", GOOD_TEXT.encode(), "text/plain")),
                                  ("files", ("trasig.pdf", broken_pdf(), "application/pdf")),
                                  ("files", ("plan.md", GOOD_MARKDOWN.encode(), "text/markdown"))])
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[1]
    job = wait_for_job(client, job_id)
    assert job["status"] == "done"
    statuses = {Path(e["path"]).name: e for e in job["events"]}
    assert statuses["uppdrag.txt"]["status"] == "added"
    assert statuses["plan.md"]["status"] == "added"
    assert statuses["trasig.pdf"]["status"] == "failed" and statuses["trasig.pdf"]["reason"]
    assert job["counts"] == {"added": 2, "new_version": 0, "unchanged": 0, "duplicate": 0, "failed": 1}
    assert document_count(client) == before + 2
    for path in uploads_of(client):
        assert path.parent == client.app.state.web.root / "uploads" / job_id

    page = client.get(f"/ingest/{job_id}").text
    assert '<meta http-equiv="refresh"' not in page  # done: the page stops refreshing
    failures = page[page.index('id="failures"'):]
    assert "trasig.pdf" in failures and str(escape(statuses["trasig.pdf"]["reason"])) in failures
    kind = statuses["trasig.pdf"]["kind"]
    assert str(escape(FAILURE_LABELS["sv"][kind])) in failures  # what went wrong, in Swedish
    english = client.get(f"/ingest/{job_id}", params={"lang": "en"}).text
    assert str(escape(FAILURE_LABELS["en"][kind])) in english
    added = statuses["uppdrag.txt"]["document_id"]
    assert f'href="/documents/{added}"' in page
    assert "Regeringen ger Tillväxtverket" in client.get(f"/documents/{added}").text
    assert job_id in client.get("/ingest").text  # listed among the recent jobs


def test_a_running_job_page_refreshes_itself(fresh_web_client) -> None:
    from styrsignal.web.ingest import IngestJob, ingest_jobs

    class Request:
        app = fresh_web_client.app

    jobs = ingest_jobs(Request())  # type: ignore[arg-type]
    job = IngestJob(jobs.new_id(), "2026-01-01T10:00:00+00:00", [], status="running", done=3, total=10)
    jobs.jobs[job.id] = job
    page = fresh_web_client.get(f"/ingest/{job.id}").text
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "3 av 10 filer lästa" in page
    assert '<progress max="10" value="3">' in page
    assert fresh_web_client.get("/ingest/finns-inte", headers={"accept": "text/html"}).status_code == 404


def test_after_an_ingest_the_analysis_refreshes_by_itself(fresh_web_client) -> None:
    client = fresh_web_client
    response = client.post("/api/ingest", headers={"X-CSRF-Token": csrf(client)},
                           files=[("files", ("uppdrag.txt", GOOD_TEXT.encode(), "text/plain"))])
    assert response.status_code == 202
    job = wait_for_job(client, response.json()["id"])
    document_id = job["events"][0]["document_id"]
    state = client.app.state.web

    def analysed() -> bool:
        page = client.get("/objects")  # asks for the analysis of the store as it is now
        if page.status_code != 200 or state.is_stale("sv"):
            return False
        return any(document_id in [d.id for d in a.documents] for a in state.analysis("sv").objects)

    deadline = time.monotonic() + 120
    while not analysed():
        assert time.monotonic() < deadline, "the analysis did not take in the new document"
        time.sleep(0.3)
    assert 'href="/objects/' in client.get("/objects").text


def test_a_folder_on_the_server_is_ingested(fresh_web_client, tmp_path: Path) -> None:
    client = fresh_web_client
    folder = tmp_path / "nya dokument"
    (folder / "under").mkdir(parents=True)
    (folder / "under" / "uppdrag.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "plan.md").write_text(GOOD_MARKDOWN, encoding="utf-8")
    response = client.post("/ingest", data={"csrf_token": csrf(client), "folder": str(folder)},
                           files=[("files", ("", b"", "application/octet-stream"))], follow_redirects=False)
    assert response.status_code == 303
    job = wait_for_job(client, response.headers["location"].rsplit("/", 1)[1])
    assert job["folder"] == str(folder)
    assert sorted(Path(e["path"]).name for e in job["events"] if e["status"] == "added") == ["plan.md", "uppdrag.txt"]
    assert uploads_of(client) == []


@pytest.mark.parametrize("folder, message", [
    ("/finns/inte/här", "finns inte"),
    ("relativ/mapp", "hela sökvägen"),
    ("WORKSPACE", "arbetsytan själv"),
])
def test_a_folder_that_cannot_be_read_is_refused_with_a_message(fresh_web_client, folder: str, message: str) -> None:
    client = fresh_web_client
    if folder == "WORKSPACE":
        folder = str(client.app.state.web.root)
    response = client.post("/ingest", data={"csrf_token": csrf(client), "folder": folder}, follow_redirects=False)
    assert response.status_code == 400
    assert message in response.text
    assert f'value="{escape(folder)}"' in response.text


# -- limits --------------------------------------------------------------------------------------

def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(small_limit_client) -> None:
    client = small_limit_client
    before = document_count(client)
    big = (GOOD_TEXT * 200).encode()
    assert len(big) > 0.01 * 1024 * 1024
    response = client.post("/ingest", data={"csrf_token": csrf(client)}, follow_redirects=False,
                           files=[("files", ("stor.txt", big, "text/plain"))])
    assert response.status_code == 413
    assert "stor.txt: filen är större än 0.01 MB och togs inte emot." in response.text
    assert uploads_of(client) == []
    assert document_count(client) == before
    api = client.post("/api/ingest", headers={"X-CSRF-Token": csrf(client)},
                      files=[("files", ("stor.txt", big, "text/plain"))])
    assert api.status_code == 413
    assert api.json()["rejected"] == [{"name": "stor.txt", "reason": "larger than the upload limit of 0.01 MB"}]
    assert uploads_of(client) == []


@pytest.mark.parametrize("name, content, message", [
    ("bild.png", PNG, "filer av typen .png tas inte emot"),
    ("program.exe", b"MZ" + bytes(100), "filer av typen .exe tas inte emot"),
    ("utan-namnslut", GOOD_TEXT.encode(), "filer av typen (none) tas inte emot"),
    ("bild.pdf", PNG, "kan inte läsas in"),
    ("tom.txt", b"", "kan inte läsas in (empty file)"),
    ("kalkyl.docx", b"PK\x03\x04" + bytes(60), "kan inte läsas in"),
])
def test_a_file_of_a_type_styrsignal_does_not_read_is_refused_and_nothing_is_stored(
        fresh_web_client, name: str, content: bytes, message: str) -> None:
    client = fresh_web_client
    before = document_count(client)
    response = client.post("/ingest", data={"csrf_token": csrf(client)}, follow_redirects=False,
                           files=[("files", (name, content, "application/octet-stream"))])
    assert response.status_code == 415
    assert message in response.text
    assert uploads_of(client) == []
    assert document_count(client) == before


def test_refused_files_are_named_on_the_job_of_the_files_taken(fresh_web_client) -> None:
    client = fresh_web_client
    response = client.post("/api/ingest", headers={"X-CSRF-Token": csrf(client)},
                           files=[("files", ("uppdrag.txt", GOOD_TEXT.encode(), "text/plain")),
                                  ("files", ("bild.png", PNG, "image/png"))])
    assert response.status_code == 202
    body = response.json()
    assert body["files"] == ["uppdrag.txt"]
    assert [r["name"] for r in body["rejected"]] == ["bild.png"]
    assert response.headers["location"] == f"/api/ingest/{body['id']}"
    wait_for_job(client, body["id"])
    page = client.get(f"/ingest/{body['id']}").text
    assert "bild.png: filer av typen .png tas inte emot" in page
    assert [p.name for p in uploads_of(client)] == ["uppdrag.txt"]


@pytest.mark.parametrize("raw, safe", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\Windows\\evil.md", "evil.md"),
    ("/absolut/sökväg/beslut.PDF", "beslut.pdf"),
    (".dold.txt", "dold.txt"),
    ("rapport\x00\n<script>.txt", "rapport_script_.txt"),
    ("..", "dokument"),
    ("Förslag 2024 (slutlig).docx", "Förslag 2024 (slutlig).docx"),
])
def test_uploaded_names_stay_in_the_job_folder(raw: str, safe: str) -> None:
    assert safe_name(raw) == safe


def test_an_upload_with_a_path_in_its_name_lands_in_the_job_folder(fresh_web_client) -> None:
    client = fresh_web_client
    response = client.post("/api/ingest", headers={"X-CSRF-Token": csrf(client)},
                           files=[("files", ("../../../utanför.txt", GOOD_TEXT.encode(), "text/plain"))])
    assert response.status_code == 202
    job_id = response.json()["id"]
    wait_for_job(client, job_id)
    [stored] = uploads_of(client)
    assert stored == client.app.state.web.root / "uploads" / job_id / "utanför.txt"
    assert not (client.app.state.web.root / "utanför.txt").exists()
    assert not (client.app.state.web.root.parent / "utanför.txt").exists()


def test_an_upload_without_the_csrf_token_is_refused_and_nothing_is_written(fresh_web_client) -> None:
    client = fresh_web_client
    csrf(client)
    files = [("files", ("uppdrag.txt", GOOD_TEXT.encode(), "text/plain"))]
    page = client.post("/ingest", files=files, follow_redirects=False)
    assert page.status_code == 403
    assert "CSRF" in page.text
    wrong = client.post("/ingest", data={"csrf_token": "x" * 43}, files=files, follow_redirects=False)
    assert wrong.status_code == 403
    api = client.post("/api/ingest", files=files)
    assert api.status_code == 403
    assert uploads_of(client) == []
    assert not (client.app.state.web.root / "uploads").exists() or not any(
        (client.app.state.web.root / "uploads").iterdir())


# -- the API -------------------------------------------------------------------------------------

def test_api_ingest_answers_json(fresh_web_client) -> None:
    client = fresh_web_client
    token = csrf(client)
    assert client.post("/api/ingest", json={"folder": "/"}).status_code == 415
    assert client.post("/api/ingest", headers={"X-CSRF-Token": token}, data={"csrf_token": token}).status_code == 415
    empty = client.post("/api/ingest", headers={"X-CSRF-Token": token},
                        files=[("other", ("", b"", "application/octet-stream"))])
    assert empty.status_code == 400 and empty.json()["rejected"] == []
    missing = client.get("/api/ingest/finns-inte")
    assert missing.status_code == 404 and "finns-inte" in missing.json()["detail"]
