"""The web interface in a real browser: Playwright driving Debian's Chromium.

A uvicorn server runs in a thread of the test process on 127.0.0.1, over a workspace of the
example corpus plus one document whose title and text are script and markup payloads.  The
tests click through the pages as an analyst would.  Each page visited is also saved as a
full-page screenshot in ``tests/web/screenshots/`` (git-ignored; ``STYRSIGNAL_SCREENSHOTS``
names another folder) for a person to look at.

Playwright cannot download browsers here, so it drives ``/usr/bin/chromium`` (the ``chromium``
package, installed by ``scripts/setup-tests.sh``).  Without it the tests are skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from web_payloads import ATTRIBUTE_PAYLOAD, SCRIPT_PAYLOAD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SCREENSHOTS = Path(os.environ.get("STYRSIGNAL_SCREENSHOTS") or Path(__file__).parent / "screenshots")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (Debian package "
                                "chromium; scripts/setup-tests.sh installs it)")


# -- fixtures ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser_workspace(tmp_path_factory: pytest.TempPathFactory, example_workspace: Path) -> Path:
    """A copy of the example workspace with the hostile document (the browser tests write to it)."""
    root = tmp_path_factory.mktemp("browser") / "ws"
    shutil.copytree(example_workspace, root)
    return root


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture(scope="module")
def browser_server(browser_workspace: Path) -> Iterator[str]:
    """``create_app`` served by uvicorn in a thread on a free port; its URL, once the analysis
    is there in both languages."""
    import uvicorn

    from styrsignal.web import create_app
    from styrsignal.web.server import base_url, bind

    sock = bind("127.0.0.1", 0)
    url = base_url("127.0.0.1", sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(browser_workspace), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="uvicorn")
    thread.start()
    try:
        deadline = time.monotonic() + 120
        for lang in ("sv", "en"):
            while (status := _get(f"{url}api/objects?lang={lang}")) != 200:
                assert status in (503, 0), f"/api/objects answered {status}"
                assert thread.is_alive() and time.monotonic() < deadline, "the server did not get ready in 120 s"
                time.sleep(0.2)
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def chromium(request: pytest.FixtureRequest) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None and SCREENSHOTS.is_dir():
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nscreenshots of the pages: {SCREENSHOTS}")


@pytest.fixture
def page(chromium: Any, browser_server: str) -> Iterator[Any]:
    """A fresh browser tab (own cookies) whose relative URLs go to the test server; it fails the
    test on any script error and records every dialog."""
    context = chromium.new_context(base_url=browser_server, viewport={"width": 1280, "height": 900},
                                   accept_downloads=True, locale="sv-SE")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    errors: list[str] = []
    dialogs: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.dialogs = dialogs
    yield tab
    context.close()
    assert not errors, f"script errors on the page: {errors}"
    assert not dialogs, f"dialogs opened: {dialogs}"


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def open_ok(page: Any, path: str) -> Any:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
    return response


def first_object_href(page: Any) -> str:
    """The object page of the first object with evidence of direct or indirect impact."""
    open_ok(page, "/")
    links = page.locator("table.classification tbody tr:not(.row-none) th a")
    if not links.count():
        links = page.locator("table.classification tbody th a")
    href: str = links.first.get_attribute("href")
    return href


# -- the pages ---------------------------------------------------------------------------------------
def test_overview_shows_the_classification(page: Any, browser_workspace: Path) -> None:
    from styrsignal.corpus import list_objects
    from styrsignal.workspace import Workspace

    with Workspace.open(browser_workspace) as workspace:
        objects = list_objects(workspace)
    open_ok(page, "/")
    table = page.locator("table.classification")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == len(objects)
    assert page.locator("table.classification .impact").first.is_visible()
    assert page.locator("table.heatmap").is_visible()
    shot(page, "01-overview")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "01-overview-narrow")


def test_overview_in_english(page: Any) -> None:
    open_ok(page, "/?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Overview").first.is_visible() or "Overview" in page.title()
    shot(page, "02-overview-en")
    open_ok(page, "/")  # the choice is kept in a cookie
    assert page.locator("html").get_attribute("lang") == "en"


def test_object_page_and_evidence_lead_to_the_passage(page: Any) -> None:
    href = first_object_href(page)
    page.locator(f'table.classification a[href="{href}"]').click()
    page.wait_for_url(f"**{href}")
    assert page.locator("h1").inner_text().strip()
    assert page.locator(".verdict-panel .impact").first.is_visible()
    shot(page, "03-object")

    evidence = page.locator("blockquote.evidence").filter(has=page.locator('a[href*="#p"]')).first
    evidence.scroll_into_view_if_needed()
    if not evidence.is_visible():  # inside a closed <details>: open it as the analyst would
        evidence.locator("xpath=ancestor::details[1]/summary").click()
    quote = evidence.locator("p").first.inner_text().strip().strip("”\"")
    link = evidence.locator('a[href*="#p"]').first
    target = link.get_attribute("href")
    passage_id = target.rsplit("#", 1)[1]
    link.click()
    page.wait_for_url(re.compile(rf".*/documents/\d+#{passage_id}$"))
    passage = page.locator(f"#{passage_id}")
    assert passage.is_visible()
    assert page.evaluate(f"document.getElementById('{passage_id}').matches(':target')")
    in_view = page.evaluate(f"""() => {{
        const r = document.getElementById('{passage_id}').getBoundingClientRect();
        return r.top < window.innerHeight && r.bottom > 0; }}""")
    assert in_view, "the evidence passage is not scrolled into view"
    words = " ".join(quote.replace("…", " ").split()[:6])
    assert words in " ".join(passage.inner_text().split()), f"{words!r} not in the passage"
    shot(page, "04-document")


def test_search_and_follow_a_result(page: Any) -> None:
    open_ok(page, "/search")
    page.locator("input#q").fill("sociala företag")
    page.get_by_role("button", name=re.compile("Sök")).first.click()
    page.wait_for_url(re.compile(r".*/search\?.*q=soc"))
    hits = page.locator("ol.hits li.hit")
    assert hits.count() > 0
    assert page.locator("ol.hits mark").first.is_visible()
    shot(page, "05-search")
    link = hits.first.locator("h3 a")
    passage_id = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()
    page.wait_for_url(re.compile(rf".*/documents/\d+#{passage_id}$"))
    assert page.locator(f"#{passage_id}").is_visible()


def test_an_override_shows_on_the_overview_and_in_the_report(page: Any, tmp_path: Path) -> None:
    href = first_object_href(page)
    open_ok(page, href)
    before = page.locator(".verdict-panel .impact").first.get_attribute("class")
    new = "none" if "impact-none" not in before else "direct"
    note = "Granskad i webbläsartestet: bedömningen ändrad efter läsning av propositionen."
    form = page.locator("form.review-form")
    form.locator(f'input[name="impact"][value="{new}"]').check()
    form.locator("textarea#note").fill(note)
    form.locator("input#author").fill("Testanalytiker")
    form.locator('button[type="submit"]').click()
    page.wait_for_url(re.compile(r".*saved=1.*"))
    assert f"impact-{new}" in page.locator(".verdict-panel .impact").first.get_attribute("class")
    assert note in page.locator(".analyst-note").inner_text()
    assert note in page.locator("table.history").inner_text()
    shot(page, "06-object-reviewed")

    open_ok(page, "/")
    row = page.locator("table.classification tbody tr").filter(has=page.locator(f'a[href="{href}"]'))
    assert row.locator(f".impact.impact-{new}").is_visible()

    open_ok(page, "/reports")
    shot(page, "07-reports")
    with page.expect_download() as download_info:
        page.locator('a[href="/api/reports/html?lang=sv"]').click()
    download_info.value.save_as(tmp_path / "rapport.html")
    assert note in (tmp_path / "rapport.html").read_text(encoding="utf-8")
    with page.expect_download() as download_info:
        page.locator('a[href="/api/reports/xlsx?lang=sv"]').click()
    download_info.value.save_as(tmp_path / "rapport.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "rapport.xlsx", read_only=True)
    rows = [row for row in workbook.worksheets[0].iter_rows(values_only=True) if note in row]
    assert len(rows) == 1, "the note is not in the classification sheet of the XLSX report"


def test_script_payloads_show_as_text_and_never_run(page: Any) -> None:
    open_ok(page, "/")
    link = page.locator("table.classification a", has_text="Fientlig rapport")
    assert SCRIPT_PAYLOAD in link.inner_text() and ATTRIBUTE_PAYLOAD.strip() in link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert SCRIPT_PAYLOAD in page.locator("h1").inner_text()
    document_link = page.locator(".doc-list a", has_text="Fientlig rapport").first
    document_link.click()
    page.wait_for_load_state()
    shot(page, "08-hostile-document")
    assert SCRIPT_PAYLOAD in page.locator("h1").inner_text()
    body = page.locator("article.doc-text").inner_text()
    assert SCRIPT_PAYLOAD in body and ATTRIBUTE_PAYLOAD in body
    open_ok(page, "/search?q=Tillväxtverket+fördela")
    assert page.locator("ol.hits", has_text=ATTRIBUTE_PAYLOAD).count() == 1
    for path in ("/", "/search?q=Tillväxtverket+fördela"):
        open_ok(page, path)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.locator('img[src="x"]').count() == 0
        assert page.evaluate("[...document.scripts].every(s => s.src.endsWith('/static/app.js'))")
    assert not page.dialogs


@pytest.mark.parametrize(("path", "name"), [
    ("/actors", "09-actors"), ("/framework", "10-framework"), ("/ingest", "11-ingest"), ("/objects", "12-objects"),
])
def test_other_pages_render(page: Any, path: str, name: str) -> None:
    open_ok(page, path)
    assert page.locator("main h1").first.inner_text().strip()
    if path != "/objects":
        assert page.locator("nav a[aria-current=page]").count() == 1
    shot(page, name)


def test_upload_ingests_the_files_and_lists_a_failure(page: Any, tmp_path: Path) -> None:
    """Last in the file: it adds a document, so the analysis the other tests see changes."""
    new = tmp_path / "uppladdad-strategi.md"
    new.write_text("# Uppladdad strategi för social innovation\n\n"
                   "Regeringen ger Vinnova i uppdrag att stödja sociala innovationer i kommunerna.\n",
                   encoding="utf-8")
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    open_ok(page, "/ingest")
    page.locator("input#files").set_input_files([str(new), str(broken)])
    page.locator("form.ingest-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/ingest/[^/]+$"))
    page.locator(".notice-panel .status-chip.job-done").wait_for(timeout=30_000)
    shot(page, "13-ingest-job")
    failures = page.locator("ul.failures li")
    assert failures.count() == 1 and "trasig.pdf" in failures.first.inner_text()
    added = page.locator("tr.event-added")
    assert added.count() == 1 and "uppladdad-strategi.md" in added.inner_text()
    added.locator("a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == "Uppladdad strategi för social innovation"
