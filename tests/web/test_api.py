"""The HTTP API on the example corpus: the same data as the command line, quotes that are the
stored text, Swedish-aware search, and reviews that are recorded, shown and kept as data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from styrsignal.corpus import document_record
from styrsignal.search.engine import SearchHit
from styrsignal.web.schemas import DocumentRecord, SearchHitRecord

JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def cli_analysis(make_cli, api_client, api_workspace: Path) -> dict[str, dict[str, Any]]:
    """``styrsignal analyze --json`` on the same workspace, per language."""
    cli = make_cli(api_workspace, in_process=True)
    return {lang: cli.json("analyze", "--lang", lang) for lang in ("sv", "en")}


@pytest.fixture(scope="module")
def texts(api_client) -> dict[int, str]:
    """Every document's text, as the API serves it."""
    result = {}
    for record in api_client.get("/api/documents").json():
        response = api_client.get(f"/api/documents/{record['id']}", params={"text": "true"})
        assert response.status_code == 200
        result[record["id"]] = response.json()["text"]
    return result


def all_evidence(analysis: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for a in analysis["objects"]:
        yield from a["evidence"]
        for criterion in a["criteria"].values():
            yield from criterion["evidence"]
        for statement in [*a["opportunities"], *a["limitations"]]:
            yield from statement["evidence"]
        for actor in a["actors"]:
            yield from actor["evidence"]


# -- the analysis ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["sv", "en"])
def test_objects_are_the_objects_of_analyze_json(api_client, cli_analysis, lang: str) -> None:
    response = api_client.get("/api/objects", params={"lang": lang})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    expected = cli_analysis[lang]["objects"]
    assert len(expected) == 15
    assert response.json() == expected


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_analysis_is_analyze_json_but_for_the_time(api_client, cli_analysis, lang: str) -> None:
    served = api_client.get("/api/analysis", params={"lang": lang}).json()
    printed = dict(cli_analysis[lang])
    assert served.pop("generated_at") and printed.pop("generated_at")
    assert served == printed
    assert served["cross_cutting"]["shared_themes"] and served["trends"]["periods"]


def test_one_object_and_unknown_ones(api_client, cli_analysis) -> None:
    first = cli_analysis["en"]["objects"][0]
    response = api_client.get(f"/api/objects/{first['id']}", params={"lang": "en"})
    assert response.status_code == 200 and response.json() == first
    missing = api_client.get("/api/objects/no-such-object")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/json"
    assert "no analysis object 'no-such-object'" in missing.json()["detail"]
    assert first["id"] in missing.json()["detail"], "the message lists the objects there are"


def test_unknown_language_is_refused(api_client) -> None:
    response = api_client.get("/api/objects", params={"lang": "de"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "lang"]


def test_every_evidence_quote_is_the_document_text_at_its_offsets(api_client, texts) -> None:
    analysis = api_client.get("/api/analysis").json()
    pages = {did: api_client.get(f"/api/documents/{did}").json()["pages"] for did in texts}
    checked = 0
    for evidence in all_evidence(analysis):
        text = texts[evidence["document_id"]]
        assert text[evidence["start"]:evidence["end"]] == evidence["quote"]
        on_page = [p["number"] for p in pages[evidence["document_id"]] if p["start"] <= evidence["start"] < p["end"]]
        if on_page:
            assert evidence["page"] == on_page[0]
        checked += 1
    assert checked > 50


# -- documents and passages --------------------------------------------------------------------

def test_documents_are_the_records_of_the_documents_command(api_client, make_cli, api_workspace: Path) -> None:
    served = api_client.get("/api/documents").json()
    assert served == make_cli(api_workspace, in_process=True).json("documents")
    assert len(served) >= 25
    assert {o for d in served for o in d["objects"]} >= {"strategi-sociala-foretag", "sjofartsstod"}


def test_document_text_only_when_asked(api_client, texts) -> None:
    document_id = next(iter(texts))
    plain = api_client.get(f"/api/documents/{document_id}").json()
    assert plain["text"] is None
    assert plain["text_length"] == len(texts[document_id])
    listed = next(d for d in api_client.get("/api/documents").json() if d["id"] == document_id)
    assert {k: v for k, v in plain.items() if k in listed} == listed


@pytest.mark.parametrize("path", ["/api/documents/999999", "/api/documents/999999/passages"])
def test_unknown_document_is_404_json(api_client, path: str) -> None:
    response = api_client.get(path)
    assert response.status_code == 404
    assert "no document with id 999999" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/documents/0", "/api/documents/abc", f"/api/documents/{2**64}"])
def test_malformed_document_id_is_422(api_client, path: str) -> None:
    assert api_client.get(path).status_code == 422


def test_passages_cover_the_text_with_themes_and_actors(api_client, texts) -> None:
    themed = named = 0
    labels = {t["id"]: t["label"] for t in api_client.get("/api/themes", params={"lang": "en"}).json()}
    for document_id, text in texts.items():
        response = api_client.get(f"/api/documents/{document_id}/passages", params={"lang": "en"})
        assert response.status_code == 200
        document = response.json()
        assert document["id"] == document_id and document["coding_run"] is not None
        passages = document["passages"]
        assert passages and [p["seq"] for p in passages] == sorted(p["seq"] for p in passages)
        for p in passages:
            assert text[p["start"]:p["end"]] == p["text"]
            for theme in p["themes"]:
                assert theme["label"] == labels[theme["id"]]
                for start, end in theme["spans"]:
                    assert p["start"] <= start < end <= p["end"]
                themed += 1
            for actor in p["actors"]:
                assert text[actor["start"]:actor["end"]] == actor["surface"]
                named += 1
    assert themed > 100 and named > 50


# -- search ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "form", "broad"), [
    ("etableringsplan", "etableringsplanerna", False),     # inflection
    ("partnerskap", "partnerskapet", False),
    ('"socialt företag"', "sociala företagen", False),     # a phrase in another form
    ("tjänst", "välfärdstjänster", False),                 # compound head
    ("upphandling", "innovationsupphandling", False),
    ("innovation", "innovationsupphandling", True),         # first part, with broad
])
def test_search_finds_inflected_and_compound_forms(api_client, texts, query: str, form: str, broad: bool) -> None:
    response = api_client.get("/api/search", params={"q": query, "limit": 200, "broad": str(broad).lower()})
    assert response.status_code == 200
    hits = response.json()
    assert hits
    found = []
    for hit in hits:
        passage = texts[hit["document_id"]][hit["start"]:hit["end"]]
        for match in hit["matches"]:
            assert texts[hit["document_id"]][match["start"]:match["end"]] == match["text"]
            assert hit["start"] <= match["start"] < match["end"] <= hit["end"]
            if match["text"].casefold() == form.casefold():
                assert form.casefold() in passage.casefold()
                found.append(hit)
    assert found, f"{query!r} found no passage with {form!r}"


def test_search_filters(api_client) -> None:
    everything = api_client.get("/api/search", params={"q": "samverkan", "limit": 200}).json()
    documents = {d["id"]: d for d in api_client.get("/api/documents").json()}
    in_object = api_client.get("/api/search", params={"q": "samverkan", "object": "iop", "limit": 200}).json()
    assert in_object and len(in_object) < len(everything)
    assert all("iop" in documents[h["document_id"]]["objects"] for h in in_object)
    dated = api_client.get("/api/search", params={"q": "stöd", "from": "2014-01-01", "to": "2017-12-31",
                                                  "limit": 200}).json()
    assert dated and all(h["date"] and "2014-01-01" <= h["date"] <= "2017-12-31" for h in dated)
    assert len({h["document_id"] for h in dated}) == 2
    bills = api_client.get("/api/search", params={"q": "samverkan", "type": "proposition", "limit": 200}).json()
    assert bills and all(h["doc_type"] == "proposition" for h in bills)
    assert len(api_client.get("/api/search", params={"q": "samverkan", "limit": 3}).json()) == 3


@pytest.mark.parametrize(("params", "message"), [
    ({"q": "och"}, "no words to search for"),
    ({"q": "(samverkan"}, "not closed"),
    ({"q": "-samverkan"}, "only exclusions"),
    ({"q": "samverkan", "object": "no-such-object"}, "no analysis object"),
    ({"q": "samverkan", "type": "novel"}, "unknown document type"),
])
def test_bad_search_is_400_with_a_message(api_client, params: dict[str, str], message: str) -> None:
    response = api_client.get("/api/search", params=params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x", "limit": 0}, {"q": "x", "from": "last year"}])
def test_malformed_search_is_422(api_client, params: dict[str, Any]) -> None:
    assert api_client.get("/api/search", params=params).status_code == 422


# -- framework, themes, actors -----------------------------------------------------------------

def test_framework_and_themes_in_both_languages(api_client, make_cli, api_workspace: Path) -> None:
    shown = make_cli(api_workspace, in_process=True).json("framework", "show")
    sv = api_client.get("/api/framework").json()
    en = api_client.get("/api/framework", params={"lang": "en"}).json()
    assert (sv["name"], sv["version"], sv["version_key"]) == (shown["name"], shown["version"], shown["version_key"])
    assert [q["text"] for q in sv["questions"]] == [q["text"]["sv"] for q in shown["questions"]]
    assert [q["text"] for q in en["questions"]] == [q["text"]["en"] or q["text"]["sv"] for q in shown["questions"]]
    themes = {lang: api_client.get("/api/themes", params={"lang": lang}).json() for lang in ("sv", "en")}
    assert [t["id"] for t in themes["sv"]] == [t["id"] for t in shown["themes"]]
    for theme, source in zip(themes["sv"], shown["themes"], strict=True):
        assert theme["label"] == source["label"]["sv"] and theme["terms"] == source["terms"]["sv"]
    assert themes["sv"][0]["label"] != themes["en"][0]["label"]


def test_actors_recurring_and_registry(api_client) -> None:
    analysis = api_client.get("/api/analysis").json()
    actors = api_client.get("/api/actors").json()
    assert actors["registry"] is None
    assert actors["recurring"] == analysis["cross_cutting"]["recurring_actors"]
    assert all(len(a["objects"]) >= 2 for a in actors["recurring"])
    registry = api_client.get("/api/actors", params={"registry": "true"}).json()["registry"]
    assert len(registry) > 1000
    vinnova = next(a for a in registry if a["name"] == "Verket för innovationssystem")
    assert "Vinnova" in vinnova["aliases"] and vinnova["kind"] == "agency"


# -- reviews -----------------------------------------------------------------------------------

def test_override_needs_json_or_the_token(api_fresh_client) -> None:
    client = api_fresh_client
    body = '{"impact": "direct", "note": "x"}'
    for headers in ({"content-type": "text/plain"}, {"content-type": "application/x-www-form-urlencoded"}, {},
                    {"content-type": "text/plain", "x-csrf-token": "not-the-cookie"}):
        response = client.post("/api/objects/sjofartsstod/overrides", content=body, headers=headers)
        assert response.status_code == 415, headers
        assert "application/json" in response.json()["detail"]
    assert client.get("/api/objects/sjofartsstod/overrides").json() == []


def test_override_is_recorded_shown_and_kept(api_fresh_client) -> None:
    client = api_fresh_client
    before = client.get("/api/objects/sjofartsstod").json()
    assert before["impact"] == before["automatic_impact"] == "none" and before["override"] is None
    note = 'Stödet gäller rederier. <script>alert("x")</script><img src=x onerror=alert(1)> "citat" & å'
    response = client.post("/api/objects/sjofartsstod/overrides", headers=JSON,
                           json={"impact": "indirect", "note": note, "author": "Analytiker <b>A</b>"})
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    [recorded] = response.json()
    assert recorded["object_id"] == "sjofartsstod" and recorded["action"] == "impact"
    assert recorded["value"] == "indirect" and recorded["note"] == note and recorded["author"] == "Analytiker <b>A</b>"

    for lang in ("sv", "en"):
        after = client.get("/api/objects/sjofartsstod", params={"lang": lang}).json()
        assert after["impact"] == "indirect" and after["automatic_impact"] == "none"
        assert after["override"]["note"] == note
        listed = next(a for a in client.get("/api/objects", params={"lang": lang}).json() if a["id"] == "sjofartsstod")
        assert listed == after
    counts = client.get("/api/analysis").json()["cross_cutting"]["impact_counts"]
    assert counts["indirect"] == sum(a["impact"] == "indirect" for a in client.get("/api/objects").json())
    assert client.get("/api/objects/sjofartsstod/overrides").json() == [recorded]


def test_statements_accepted_rejected_and_edited(api_fresh_client) -> None:
    client = api_fresh_client
    assessment = client.get("/api/objects/strategi-sociala-foretag").json()
    statements = [*assessment["opportunities"], *assessment["limitations"]]
    assert len(statements) >= 3
    first, second, third = (s["id"] for s in statements[:3])
    response = client.post("/api/objects/strategi-sociala-foretag/overrides", headers=JSON, json={
        "accept": [first], "reject": [second], "edit": [{"id": third, "text": "Omskriven <em>text</em>"}]})
    assert response.status_code == 201
    assert [(r["action"], r["target"]) for r in response.json()] == [("accept", first), ("reject", second),
                                                                      ("edit", third)]
    after = client.get("/api/objects/strategi-sociala-foretag").json()
    status = {s["id"]: s for s in [*after["opportunities"], *after["limitations"]]}
    assert status[first]["status"] == "accepted" and status[second]["status"] == "rejected"
    assert status[third]["status"] == "edited" and status[third]["text"] == "Omskriven <em>text</em>"
    assert after["impact"] == assessment["impact"]
    assert len(client.get("/api/objects/strategi-sociala-foretag/overrides").json()) == 3


@pytest.mark.parametrize(("path", "body", "status", "message"), [
    ("/api/objects/sjofartsstod/overrides", {"impact": "huge"}, 422, None),
    ("/api/objects/sjofartsstod/overrides", {"impact": "direct", "colour": "red"}, 422, None),
    ("/api/objects/sjofartsstod/overrides", {}, 400, "nothing to record"),
    ("/api/objects/sjofartsstod/overrides", {"accept": ["s-nope"]}, 400, "has no statement s-nope"),
    ("/api/objects/no-such-object/overrides", {"impact": "direct"}, 404, "no analysis object"),
])
def test_bad_overrides_are_refused_and_not_recorded(api_fresh_client, path: str, body: dict[str, Any], status: int,
                                                    message: str | None) -> None:
    response = api_fresh_client.post(path, headers=JSON, json=body)
    assert response.status_code == status
    if message:
        assert message in response.json()["detail"]
    assert api_fresh_client.get("/api/objects/sjofartsstod/overrides").json() == []


def test_history_of_unknown_object_is_404(api_client) -> None:
    assert api_client.get("/api/objects/no-such-object/overrides").status_code == 404


# -- the models match the library's records ----------------------------------------------------

def test_document_model_has_every_field_of_the_record(api_client) -> None:
    from styrsignal.model import Document, Metadata

    record = document_record(Document(1, 1, 1, "a.txt", "h", "text", 1, "", [], [], None, Metadata()))
    assert set(DocumentRecord.model_fields) == set(record)


def test_search_model_has_every_field_of_the_record(api_client) -> None:
    from styrsignal.model import Document, Metadata
    from styrsignal.store.base import StoredPassage

    document = Document(1, 1, 1, "a.txt", "h", "text", 1, "abc", [], [], None, Metadata())
    record = SearchHit(document, StoredPassage(1, 1, 0, 0, 3, None, None, ()), 1.0, "abc", []).record()
    assert set(SearchHitRecord.model_fields) == set(record)


def test_api_responses_carry_the_security_headers(api_client) -> None:
    response = api_client.get("/api/themes")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in response.headers["content-security-policy"]
