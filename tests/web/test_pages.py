"""The HTML pages on the example corpus: what an analyst reads is the analysis and the stored
text — verdicts, quotes that are the documents' own words, evidence links that land on their
passage, Swedish-aware search — every piece of document and user text escaped, and reviews
that need the CSRF token and are shown once made."""

from __future__ import annotations

import gc
import html
import re
import time
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from web_payloads import ATTRIBUTE_PAYLOAD, HOSTILE_ISSUER, SCRIPT_PAYLOAD

from styrsignal.analysis.assessment import Analysis, Evidence, ObjectAssessment
from styrsignal.web.i18n import UI, UiWords
from styrsignal.workspace import Workspace

"""As in the hostile document of conftest.example_workspace."""

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "styrsignal" / "web" / "templates"
PAGES = ["/", "/objects", "/objects/iop", "/documents/3", "/search", "/search?q=sociala+f%C3%B6retag", "/actors",
         "/actors?q=verket&page=2", "/framework"]


@pytest.fixture(autouse=True)
def swedish(request: pytest.FixtureRequest) -> None:
    """Each test starts in Swedish: the shared client keeps the language cookie of the last ?lang=."""
    if "web_client" in request.fixturenames:
        request.getfixturevalue("web_client").cookies.delete("styrsignal_lang")


def analysis_of(client: Any, lang: str = "sv") -> Analysis:
    return client.app.state.web.analysis(lang)


def texts_of(workspace_root: Path) -> dict[int, str]:
    with Workspace.open(workspace_root) as workspace:
        return {d.id: workspace.store.document(d.id).text for d in workspace.store.documents()}


def all_evidence(assessment: ObjectAssessment) -> list[Evidence]:
    items = [*assessment.evidence, *(e for c in (assessment.criteria.subject, assessment.criteria.instruments,
                                                 assessment.criteria.scope, assessment.criteria.themes)
                                     for e in c.evidence)]
    items += [e for s in [*assessment.opportunities, *assessment.limitations] for e in s.evidence]
    items += [e for a in assessment.actors for e in a.evidence]
    return items


def visible_text(markup: str) -> str:
    """The page as read: tags dropped, entities decoded, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def squeeze(text: str) -> str:
    """White space removed: highlights split words into elements, which the page shows joined."""
    return re.sub(r"\s+", "", text)


def passage_markup(page: str, passage_id: int) -> str:
    """The markup of one passage of a document page, from its anchor to the next passage."""
    start = page.index(f'id="p{passage_id}"')
    end = page.find('<div class="passage', start)
    return page[start:end if end > 0 else len(page)]


# -- every page ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_in_both_languages(web_client, path: str, lang: str) -> None:
    assert_page(web_client.get(path, params={"lang": lang}), lang)


def assert_page(response: Any, lang: str) -> None:
    """A page in ``lang`` that keeps to the content security policy."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}">' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Strict CSP: no inline script or style anywhere (SVG presentation attributes are fine).
    assert re.search(r"<script(?![^>]*\bsrc=)", response.text) is None
    assert ' style="' not in response.text
    assert " onclick=" not in response.text


DYNAMIC_WORDS = {
    *(f"status_{s}" for s in ("proposed", "accepted", "rejected", "edited")),
    *(f"history_{a}" for a in ("accept", "reject", "edit")),
    *(f"event_{s}" for s in ("added", "new_version", "unchanged", "duplicate", "failed")),
    *(f"job_{s}" for s in ("queued", "running", "done", "failed")),
    *(f"format_{f}{use}" for f in ("docx", "pdf", "xlsx", "html", "md") for use in ("", "_use")),
    *(f"lang_{lang}" for lang in ("sv", "en", "other")),
    "upload_too_large", "upload_wrong_type", "upload_unreadable", "folder_not_absolute", "folder_missing",
    "folder_in_workspace", "nothing_to_ingest", "upload_refused", "bad_date",
}
"""Words the templates name by a prefix and a value (``t("status_" + s.status)``) or the code passes."""


def test_every_word_of_the_interface_exists_in_both_languages() -> None:
    assert UI["sv"].keys() == UI["en"].keys()
    used = set()
    for template in TEMPLATES.glob("*.j2"):
        used |= set(re.findall(r"\bt\(\s*[\"']([a-z_0-9]+)[\"']\s*[,)]", template.read_text(encoding="utf-8")))
    used |= DYNAMIC_WORDS
    for lang in ("sv", "en"):
        words = UiWords(lang)
        for key in used:
            try:
                words(key, n=1, name="x", mb="1", page=1, pages=2, passages=1, documents=1, tied=1, level="x",
                      impact="x", value="x", reason="x", folder="x", suffix="x", allowed="x", done=1, total=2,
                      added=1, new_version=0, unchanged=0, duplicate=0, failed=0, parent="x", at="x", version="x",
                      direct_subject=1, direct_instrument=1, indirect_passages=1, indirect_themes=1)
            except KeyError as exc:
                pytest.fail(f"{lang}: no word {key!r} ({exc})")


def test_navigation_marks_the_current_page(web_client) -> None:
    page = web_client.get("/objects/iop").text
    assert re.search(r'<a href="/objects" aria-current="page">', page)
    assert page.count('aria-current="page"') == 1


# -- object page ---------------------------------------------------------------------------------

def test_object_pages_show_the_verdict_and_quotes_that_are_the_documents_words(web_client, example_workspace) -> None:
    analysis = analysis_of(web_client)
    texts = texts_of(example_workspace)
    words = UiWords("sv")
    checked = 0
    for assessment in analysis.objects:
        response = web_client.get(f"/objects/{assessment.id}")
        assert response.status_code == 200
        page = response.text
        shown = visible_text(page)
        assert html.unescape(assessment.name) in html.unescape(page)
        start = page.index('class="verdict-panel"')
        verdict = page[start:page.index("</section>", start)]
        assert f"impact impact-{assessment.impact} large" in verdict
        assert words.impact(assessment.impact) in visible_text(verdict)
        assert " ".join(assessment.rationale.split()) in shown
        for evidence in all_evidence(assessment):
            assert texts[evidence.document_id][evidence.start:evidence.end] == evidence.quote
            assert f'href="/documents/{evidence.document_id}#p{evidence.passage_id}"' in page
            checked += 1
        for evidence in assessment.criteria.subject.evidence:
            assert " ".join(evidence.quote.split()) in shown
        for document in assessment.documents:
            assert f'href="/documents/{document.id}"' in page
    assert checked > 50


def test_object_page_lists_the_criteria_statements_actors_and_themes(web_client) -> None:
    assessment = next(a for a in analysis_of(web_client).objects if a.id == "strategi-sociala-foretag")
    page = web_client.get(f"/objects/{assessment.id}").text
    shown = visible_text(page)
    for title in ("Uttryckliga hänvisningar till ämnet", "Konkreta styrinstrument kopplade till ämnet", "Nivå",
                  "Tematisk träffbild"):
        assert title in shown
    assert page.count('class="criterion met"') == sum(
        [assessment.criteria.subject.met, assessment.criteria.instruments.met,
         assessment.criteria.scope.national_instrument, assessment.criteria.themes.met])
    for statement in [*assessment.opportunities, *assessment.limitations]:
        assert f'id="s-{statement.id}"' in page
        assert " ".join(statement.text.split()) in shown
    for actor in assessment.actors[:5]:
        assert actor.name in shown
    for theme in assessment.themes:
        assert theme.label in shown
    assert 'class="review-form"' in page


def test_unknown_object_is_a_404_page(web_client) -> None:
    response = web_client.get("/objects/finns-inte", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert "Sidan finns inte" in response.text


# -- document page -------------------------------------------------------------------------------

def test_evidence_links_land_on_their_passage_which_holds_the_quote(web_client) -> None:
    analysis = analysis_of(web_client)
    pages: dict[int, str] = {}
    checked = 0
    for assessment in analysis.objects:
        for evidence in all_evidence(assessment)[:12]:
            if evidence.document_id not in pages:
                response = web_client.get(f"/documents/{evidence.document_id}")
                assert response.status_code == 200
                pages[evidence.document_id] = response.text
            markup = passage_markup(pages[evidence.document_id], evidence.passage_id)
            assert squeeze(evidence.quote) in squeeze(visible_text(markup))
            checked += 1
    assert checked > 50


def test_document_page_shows_metadata_pages_headings_themes_and_actors(web_client, example_workspace) -> None:
    with Workspace.open(example_workspace) as workspace:
        document = next(d for d in workspace.store.documents() if d.format == "pdf" and (d.page_count or 0) > 20)
        passages = workspace.store.passages(document.id)
        full = workspace.store.document(document.id)
    page = web_client.get(f"/documents/{document.id}").text
    shown = visible_text(page)
    meta = document.metadata
    assert html.unescape(meta.title or "") in shown
    assert meta.doc_type.label in shown
    assert meta.own_identifier is not None and meta.own_identifier.value in shown
    assert meta.issuer and meta.issuer in shown
    assert document.source_path in shown
    for passage in passages:
        assert f'id="p{passage.id}"' in page
    pages_marked = set(map(int, re.findall(r'id="page-(\d+)"', page)))
    assert {p.page_start for p in passages if p.page_start} <= pages_marked
    assert len(pages_marked) > 10
    heading = next(b for b in full.blocks if b.kind == "heading")
    assert f'id="h{heading.start}"' in page
    assert '<mark class="code th-' in page
    assert '<span class="actor" title="' in page
    assert 'class="chip th-' in page
    # The text is all there, in order: every passage's words appear in the page's text.
    squeezed = squeeze(visible_text(page))
    at = 0
    for passage in passages:
        words = squeeze(full.text[passage.start:passage.end])
        found = squeezed.find(words, at)
        assert found >= 0, full.text[passage.start:passage.end][:80]
        at = found


def test_unknown_document_is_a_404_page(web_client) -> None:
    response = web_client.get("/documents/999999", headers={"accept": "text/html"})
    assert response.status_code == 404


def test_document_layout_stays_linear_in_the_size_of_the_document() -> None:
    from styrsignal.analysis.annotated import ActorMark, AnnotatedDocument, AnnotatedPassage, PassageTheme
    from styrsignal.web.marks import document_items

    def document(n: int) -> AnnotatedDocument:
        passages = []
        for i in range(n):
            start = i * 100
            text = "Regeringen ger Vinnova i uppdrag att stödja sociala företag och social innovation i hela landet."
            themes = [PassageTheme(id=f"t{k}", label=f"T{k}", score=0.5, terms=["x"],
                                   spans=[(start + 30 + k, start + 45 + k), (start + 60, start + 80)])
                      for k in range(3)]
            actors = [ActorMark(name="Vinnova", kind="agency", registered=True, role=None, start=start + 15,
                                end=start + 22, surface="Vinnova")]
            passages.append(AnnotatedPassage(id=i, seq=i, start=start, end=start + len(text), page_start=1 + i // 40,
                                             page_end=1 + i // 40, heading_path=[], text=text, themes=themes,
                                             actors=actors))
        return AnnotatedDocument(id=1, title="x", source_path="x", doc_type="ovrigt", doc_type_label="x", issuer=None,
                                 date=None, identifier=None, identifiers=[], language="sv", source_url=None,
                                 format="text", page_count=None, version=1, ingested_at="", objects=[],
                                 coding_run=1, themes=[], headings=[], passages=passages)

    small, large = document(2_000), document(20_000)
    timings = []
    for doc in (small, large):
        gc.collect()
        gc.disable()  # the collector's passes over many live objects are not the layout's cost
        try:
            started = time.perf_counter()
            items = document_items(doc)
            timings.append(time.perf_counter() - started)
        finally:
            gc.enable()
        assert sum(1 for i in items if i.kind == "passage") == len(doc.passages)
        assert sum(1 for i in items if i.kind == "page") == len(doc.passages) // 40
    assert timings[1] < max(timings[0], 0.01) * 25, timings


def test_passage_segments_keep_the_text_and_mark_overlaps() -> None:
    from styrsignal.analysis.annotated import ActorMark, AnnotatedPassage, PassageTheme
    from styrsignal.web.marks import passage_segments

    text = "Vinnova stödjer social innovation och sociala företag."
    base = 1000
    passage = AnnotatedPassage(
        id=1, seq=0, start=base, end=base + len(text), page_start=None, page_end=None, heading_path=[], text=text,
        themes=[PassageTheme(id="a", label="A", score=1, terms=[], spans=[(base + 16, base + 33)]),
                PassageTheme(id="b", label="B", score=1, terms=[],
                             spans=[(base + 23, base + 53), (base - 5, base + 2)])],
        actors=[ActorMark(name="Vinnova", kind="agency", registered=True, role=None, start=base, end=base + 7,
                          surface="Vinnova")])
    segments = passage_segments(passage)
    assert "".join(s.text for s in segments) == text
    by_text = {s.text: s for s in segments}
    assert by_text["Vi"].themes == ("b",) and by_text["Vi"].actor is not None
    assert by_text["nnova"].themes == () and by_text["nnova"].actor is not None
    assert by_text["social "].themes == ("a",)
    assert by_text["innovation"].themes == ("a", "b")
    assert by_text[" och sociala företag"].themes == ("b",)
    assert segments[-1].text == "." and not segments[-1].themes


# -- search --------------------------------------------------------------------------------------

def marks_of(page: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", page)]


def test_search_finds_inflections_and_links_each_hit_to_its_passage(web_client) -> None:
    page = web_client.get("/search", params={"q": "socialt företag"}).text
    marked = {m.lower() for m in marks_of(page)}
    assert {"sociala", "företag"} <= marked
    assert marked & {"företagen", "företagens", "socialt"}
    hits = re.findall(r'<h3><a href="/documents/(\d+)#p(\d+)">', page)
    assert len(hits) >= 5
    document_id, passage_id = hits[0]
    document = web_client.get(f"/documents/{document_id}").text
    assert f'id="p{passage_id}"' in document


def test_search_results_show_identifiers_and_heading_paths(web_client) -> None:
    page = web_client.get("/search", params={"q": "etableringsplan"}).text
    assert "Prop. 2013/14:104" in page
    assert 'class="heading-path"' in page
    assert re.search(r"s\.\xa0\d+", page)  # the page the passage stands on


def test_search_filters_narrow_the_results(web_client) -> None:
    def documents(**params: str) -> set[str]:
        page = web_client.get("/search", params={"q": "innovation", "limit": "200", **params}).text
        return set(re.findall(r'<h3><a href="/documents/(\d+)#p', page))

    everything = documents()
    in_object = documents(object="offentlig-innovation")
    assert in_object and in_object < everything
    analysis = analysis_of(web_client)
    allowed = {str(d.id) for a in analysis.objects if a.id == "offentlig-innovation" for d in a.documents}
    assert in_object <= allowed
    bills = documents(type="proposition")
    assert bills < everything
    assert documents(**{"from": "2030-01-01"}) == set()
    assert documents(**{"from": "2018", "to": "2018-12-31"}) < everything


@pytest.mark.parametrize("params, message", [
    ({"q": "(sociala"}, "Sökningen kunde inte tolkas"),
    ({"q": "-sociala"}, "Sökningen kunde inte tolkas"),
    ({"q": "sociala", "object": "finns-inte"}, "Sökningen kunde inte tolkas"),
    ({"q": "sociala", "from": "igår"}, "Datumet ”igår” kunde inte läsas"),
])
def test_a_bad_search_is_a_message_not_a_failure(web_client, params: dict[str, str], message: str) -> None:
    response = web_client.get("/search", params=params)
    assert response.status_code == 200
    assert message in html.unescape(response.text)
    assert 'role="alert"' in response.text
    assert f'value="{html.escape(params["q"], quote=True)}"' in response.text  # the form keeps what was asked


def test_search_shows_more_on_request(web_client) -> None:
    page = web_client.get("/search", params={"q": "regeringen"}).text
    assert len(re.findall(r'<li class="hit">', page)) == 20
    more = re.search(r'href="/search\?([^"]*limit=40[^"]*)"', page)
    assert more
    page = web_client.get(f"/search?{html.unescape(more.group(1))}").text
    assert len(re.findall(r'<li class="hit">', page)) > 20


# -- actors and framework ------------------------------------------------------------------------

def test_actors_page_shows_recurring_actors_by_object_and_the_registry(web_client) -> None:
    analysis = analysis_of(web_client)
    page = web_client.get("/actors").text
    shown = visible_text(page)
    for actor in analysis.cross_cutting.recurring_actors[:5]:
        assert actor.name in shown
    assert "1 012 " in shown  # 1\u202f012, folded
    assert 'rel="next"' in page
    filtered = visible_text(web_client.get("/actors", params={"q": "vinnova"}).text)
    assert "Verket för innovationssystem" in filtered
    assert "Skolverket" not in filtered
    courts = web_client.get("/actors", params={"kind": "court"}).text.split('<table class="registry">')[1]
    assert "Högsta domstolen" in courts and "Verket för innovationssystem" not in courts
    second = web_client.get("/actors", params={"page": "2"}).text
    first = web_client.get("/actors").text
    rows = [set(re.findall(r'<tr><th scope="row">([^<]+)</th><td>', p.split('id="registry"')[1]))
            for p in (first, second)]
    assert len(rows[0]) == 50 and len(rows[1]) == 50 and not rows[0] & rows[1]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_framework_page_shows_the_active_framework(web_client, lang: str) -> None:
    framework = web_client.app.state.web.framework
    shown = visible_text(web_client.get("/framework", params={"lang": lang}).text)
    assert framework.name in shown and framework.version in shown
    for question in framework.questions:
        assert question.text.get(lang) in shown
    for theme in framework.themes:
        assert theme.label.get(lang) in shown
        assert theme.terms.sv[0] in shown


# -- escaping ------------------------------------------------------------------------------------

ESCAPED_SCRIPT = str(escape(SCRIPT_PAYLOAD))


def hostile_object(client: Any) -> ObjectAssessment:
    return next(a for a in analysis_of(client).objects if a.name.startswith("Fientlig rapport"))


def assert_escaped(page: str) -> None:
    assert SCRIPT_PAYLOAD not in page
    assert "<img src=x" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert ESCAPED_SCRIPT in page


def test_script_payloads_in_a_document_show_as_text_everywhere(web_client) -> None:
    assessment = hostile_object(web_client)
    document_id = assessment.documents[0].id
    for path in ["/", "/objects", f"/objects/{assessment.id}", f"/documents/{document_id}",
                 "/search?q=arbetsintegrerande+sociala+f%C3%B6retag", "/search?q=Genomf%C3%B6rande"]:
        page = web_client.get(path).text
        assert_escaped(page)
    document = web_client.get(f"/documents/{document_id}").text
    assert escape(HOSTILE_ISSUER) in document
    assert escape(ATTRIBUTE_PAYLOAD) in document
    assert SCRIPT_PAYLOAD in visible_text(document)


# -- reviews -------------------------------------------------------------------------------------

def csrf(client: Any) -> str:
    client.get("/")
    return str(client.cookies.get("styrsignal_csrf"))


def test_an_override_needs_the_csrf_token(fresh_web_client) -> None:
    client = fresh_web_client
    form = {"action": "impact", "impact": "none", "note": "utan token"}
    for token in (None, "fel" * 12):
        data = form if token is None else {**form, "csrf_token": token}
        response = client.post("/objects/iop/review", data=data, headers={"accept": "text/html"},
                               follow_redirects=False)
        assert response.status_code == 403
        assert "CSRF" in response.text
    with Workspace.open(client.app.state.web.root) as workspace:
        assert workspace.store.reviews("iop") == []


def test_an_override_is_stored_shown_beside_the_automatic_verdict_and_in_the_history(fresh_web_client) -> None:
    client = fresh_web_client
    before = next(a for a in analysis_of(client).objects if a.id == "iop")
    new = next(i for i in ("none", "direct", "indirect") if i != before.impact)
    note = f"Underlaget räcker inte {SCRIPT_PAYLOAD} {ATTRIBUTE_PAYLOAD}"
    response = client.post("/objects/iop/review", follow_redirects=False, data={
        "csrf_token": csrf(client), "action": "impact", "impact": new, "note": note, "author": "Anna Analytiker"})
    assert response.status_code == 303
    assert response.headers["location"].startswith("/objects/iop?saved=1")
    with Workspace.open(client.app.state.web.root) as workspace:
        [stored] = workspace.store.reviews("iop")
    assert (stored.action, stored.value, stored.note, stored.author) == ("impact", new, note, "Anna Analytiker")

    page = client.get(response.headers["location"]).text
    assert_escaped(page)
    verdict = page[page.index('class="verdict-panel"'):]
    assert f"impact impact-{new} large" in verdict
    assert "Granskad av analytiker" in visible_text(verdict[:2000])
    assert UiWords("sv").impact(before.automatic_impact).lower() in visible_text(verdict[:2000])
    history = page[page.index('class="history"'):]
    assert "Anna Analytiker" in history and escape(note) in history
    assert escape(note) in page[page.index('class="analyst-note"'):]
    overview = client.get("/").text
    row = overview[overview.index('href="/objects/iop"'):]
    assert f"impact impact-{new}" in row[:600]


def test_statements_can_be_accepted_rejected_and_rewritten(fresh_web_client) -> None:
    client = fresh_web_client
    assessment = next(a for a in analysis_of(client).objects if len(a.opportunities) >= 3)
    first, second, third = (s.id for s in assessment.opportunities[:3])
    token = csrf(client)
    for statement, action, extra in ((first, "accept", {}), (second, "reject", {}),
                                     (third, "edit", {"text": "Omskriven lydelse <b>fet</b>"})):
        response = client.post(f"/objects/{assessment.id}/review", follow_redirects=False,
                               data={"csrf_token": token, "action": action, "statement": statement, **extra})
        assert response.status_code == 303
        assert response.headers["location"].endswith(f"#s-{statement}")
    page = client.get(f"/objects/{assessment.id}").text

    def article(statement: str) -> str:
        start = page.index(f'id="s-{statement}"')
        return page[page.rindex("<article", 0, start):page.index("</article>", start)]

    assert "status-accepted" in article(first) and "Godkänd" in article(first)
    assert "status-rejected" in article(second) and "Avvisad" in article(second)
    assert "Omskriven lydelse &lt;b&gt;fet&lt;/b&gt;" in article(third) and "status-edited" in article(third)
    history = visible_text(page[page.index('class="history"'):])
    assert "Godkände" in history and "Avvisade" in history and "Skrev om" in history


def test_a_review_of_an_unknown_statement_is_refused_with_the_reason(fresh_web_client) -> None:
    client = fresh_web_client
    response = client.post("/objects/iop/review", headers={"accept": "text/html"}, follow_redirects=False,
                           data={"csrf_token": csrf(client), "action": "accept", "statement": "finns-inte"})
    assert response.status_code == 400
    assert "finns-inte" in response.text
