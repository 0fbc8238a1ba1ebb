"""Fixtures of the web tests: applications over workspaces built from the example corpus."""

from __future__ import annotations

import shutil
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_payloads import HOSTILE_ISSUER, HOSTILE_MARKDOWN

with warnings.catch_warnings():
    # Starlette asks for httpx2; the test extras install httpx, which still works.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient


def wait_for_analysis(client: TestClient, langs: tuple[str, ...] = ("sv", "en"), timeout: float = 180) -> None:
    """Ask until the analysis in each language is served (503 while it is computed)."""
    deadline = time.monotonic() + timeout
    for lang in langs:
        while (response := client.get("/api/analysis", params={"lang": lang})).status_code == 503:
            assert time.monotonic() < deadline, f"the {lang} analysis was not ready in {timeout} s"
            time.sleep(0.2)
        assert response.status_code == 200, response.text


@pytest.fixture(scope="session")
def api_workspace(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    """The example corpus ingested once per session into a workspace folder (read-only for tests)."""
    from styrsignal.ingest.pipeline import ingest
    from styrsignal.workspace import Workspace

    root = tmp_path_factory.mktemp("api") / "ws"
    with Workspace.open(root) as workspace:
        ingest(workspace, [examples_dir], objects_file=examples_dir / "objects.yaml", jobs=1)
    return root


@pytest.fixture(scope="session")
def api_client(api_workspace: Path) -> Iterator[TestClient]:
    """A client of the application over :func:`api_workspace`, its analysis computed in both
    languages.  Tests that write use :func:`api_fresh_client`."""
    from styrsignal.web import create_app

    with TestClient(create_app(api_workspace)) as client:
        wait_for_analysis(client)
        yield client


@pytest.fixture
def api_fresh_client(api_client: TestClient, api_workspace: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A client over a copy of :func:`api_workspace` (with its cached analysis) for one test."""
    from styrsignal.web import create_app

    root = tmp_path / "ws"
    shutil.copytree(api_workspace, root)
    with TestClient(create_app(root)) as client:
        wait_for_analysis(client)
        yield client


# -- the HTML pages, ingest and reports (test_pages.py, test_ingest_web.py, test_reports_web.py) ------



def wait_for_pages(client: TestClient, langs: tuple[str, ...] = ("sv", "en"), timeout: float = 180) -> None:
    """Ask for the objects page until the analysis in each language is there (503 while computed)."""
    deadline = time.monotonic() + timeout
    for lang in langs:
        while (response := client.get("/objects", params={"lang": lang})).status_code == 503:
            assert time.monotonic() < deadline, f"the {lang} analysis was not ready in {timeout} s"
            time.sleep(0.2)
        assert response.status_code == 200, response.text
    client.cookies.delete("styrsignal_lang")  # ?lang= is remembered; tests start in Swedish


@pytest.fixture(scope="session")
def example_workspace(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    """The example corpus plus a Markdown document with script and markup payloads in its title,
    text and issuer, analysed in both languages (the analysis kept in the workspace's web cache,
    so an application over a copy serves it at once).  Read-only: tests that write use
    :func:`fresh_web_client`."""
    from styrsignal.ingest.pipeline import ingest
    from styrsignal.web import create_app
    from styrsignal.workspace import Workspace

    base = tmp_path_factory.mktemp("pages")
    hostile = base / "hostile"
    hostile.mkdir()
    (hostile / "fientlig.md").write_text(HOSTILE_MARKDOWN, encoding="utf-8")
    root = base / "ws"
    with Workspace.open(root) as workspace:
        report = ingest(workspace, [examples_dir, hostile], objects_file=examples_dir / "objects.yaml", jobs=1)
        assert not report.failed, report.failed
        document_id = workspace.store.document_id_for_path(str((hostile / "fientlig.md").resolve()))
        assert document_id is not None
        workspace.store.set_overrides(document_id, {"issuer": HOSTILE_ISSUER}, "test")
    with TestClient(create_app(root)) as client:
        wait_for_pages(client)
    return root


@pytest.fixture(scope="session")
def web_client(example_workspace: Path) -> Iterator[TestClient]:
    """A client of the application over :func:`example_workspace`, for tests that only read."""
    from styrsignal.web import create_app

    with TestClient(create_app(example_workspace)) as client:
        wait_for_pages(client)
        yield client


@pytest.fixture
def fresh_web_client(example_workspace: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A client over a copy of :func:`example_workspace` for one test that writes."""
    from styrsignal.web import create_app

    root = tmp_path / "ws"
    shutil.copytree(example_workspace, root)
    with TestClient(create_app(root)) as client:
        wait_for_pages(client)
        yield client
