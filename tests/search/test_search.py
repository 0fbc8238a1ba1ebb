"""Search over real documents: inflections, compounds, phrases, filters, citations."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from styrsignal.errors import UsageError
from styrsignal.ingest.pipeline import ingest
from styrsignal.search.engine import SearchFilters, find_terms, search
from styrsignal.workspace import Workspace

PROP_ETABLERING = "pdf/se_prop-2013-14-104_nyanlandas-etablering.pdf"
PROP_BYGG = "pdf/se_prop-2008-09-5_byggplatsdirektiv.pdf"
SFS_491 = "pdf/se_sfs-2025-491_statsbidrag-meningsfull-sysselsattning.pdf"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path):
    workspace = Workspace.open(tmp_path_factory.mktemp("search") / "ws")
    report = ingest(workspace, [corpus_dir / PROP_ETABLERING, corpus_dir / PROP_BYGG, corpus_dir / SFS_491,
                                corpus_dir / "text"], jobs=2)
    assert report.count("failed") == 0
    yield workspace
    workspace.close()


def highlighted(hit) -> list[str]:
    return [hit.snippet[s:e] for s, e in hit.highlights]


def test_inflected_forms_match_and_are_highlighted(ws: Workspace) -> None:
    hits = search(ws, "etableringsplan", limit=50)
    forms = {word.lower() for hit in hits for word in highlighted(hit)}
    assert {"etableringsplan", "etableringsplanen"} <= forms
    assert forms & {"etableringsplaner", "etableringsplanens", "etableringsplanerna"}


def test_compound_head_matches_but_query_is_not_split(ws: Workspace) -> None:
    hits = search(ws, "socialtjänstlag", limit=50)
    assert hits
    assert all("socialtjänstlagen" in (w.lower() for w in highlighted(h)) for h in hits)
    assert {Path(h.document.source_path).name for h in hits} >= {Path(PROP_BYGG).name, Path(SFS_491).name}
    # "tjänst" finds services as the head of a compound, not words that merely begin with it
    words = {w.lower() for h in search(ws, "tjänst", limit=200) for w in highlighted(h)}
    assert "välfärdstjänster" in words
    assert not any(w.startswith("tjänstem") for w in words)


def test_phrase_needs_its_words_in_order(ws: Workspace) -> None:
    hits = search(ws, '"arbetsintegrerande sociala företag"', limit=20)
    assert hits
    for hit in hits:
        assert any(w.lower().startswith(("arbetsintegrerande sociala företag", "arbetsintegrerande socialt företag"))
                   for w in highlighted(hit))
    loose = search(ws, "företag sociala arbetsintegrerande", limit=100)
    assert len(loose) >= len(hits)


def test_boolean_and_prefix(ws: Workspace) -> None:
    both = {h.passage.id for h in search(ws, "Vinnova Tillväxtverket", limit=500)}
    vinnova = {h.passage.id for h in search(ws, "Vinnova", limit=500)}
    either = {h.passage.id for h in search(ws, "Vinnova OR Tillväxtverket", limit=500)}
    without = {h.passage.id for h in search(ws, "Vinnova -Tillväxtverket", limit=500)}
    assert both and both < vinnova <= either
    assert without == vinnova - both
    prefix = search(ws, "innovations*", limit=100)
    assert any(w.lower().startswith("innovationsupphandling") for h in prefix for w in highlighted(h))


def test_snippet_points_to_the_right_page_and_heading(ws: Workspace, corpus_dir: Path) -> None:
    [hit] = [h for h in search(ws, '"godtagbart skäl" överklaga', limit=50)
             if h.passage.heading_path and h.passage.heading_path[-1] == "4.3 Möjligheten att överklaga"][:1]
    assert hit.passage.page_start == 21
    pdf = pdfium.PdfDocument(str(corpus_dir / PROP_ETABLERING))
    page_text = " ".join(pdf[hit.passage.page_start - 1].get_textpage().get_text_range().split())
    first_words = " ".join(hit.quote.split()[:6])
    assert first_words in page_text.replace("\ufffe", "")
    assert hit.quote == ws.store.document(hit.document.id).text[hit.passage.start:hit.passage.end]
    for start, end in hit.matches:
        assert hit.passage.start <= start < end <= hit.passage.end


def test_every_hit_cites_a_page_holding_its_text(ws: Workspace, corpus_dir: Path) -> None:
    pdf = pdfium.PdfDocument(str(corpus_dir / PROP_ETABLERING))
    pages = {n: " ".join(pdf[n - 1].get_textpage().get_text_range().replace("\ufffe", "").split())
             for n in range(1, len(pdf) + 1)}
    hits = search(ws, "arbetsförmedlingen", SearchFilters(doc_type="proposition"), limit=40)
    checked = 0
    for hit in hits:
        if Path(hit.document.source_path).name != Path(PROP_ETABLERING).name:
            continue
        longest = max(hit.quote.split(), key=len).strip(".,;:()")
        assert longest in pages[hit.passage.page_start] or longest in pages.get(hit.passage.page_end or 0, "")
        checked += 1
    assert checked >= 5


def test_filters(ws: Workspace) -> None:
    props = search(ws, "arbetsmarknaden", SearchFilters(doc_type="proposition"), limit=100)
    assert props and all(h.document.metadata.doc_type.value == "proposition" for h in props)
    by_label = search(ws, "Tillväxtverket", SearchFilters(doc_type="Betänkande"), limit=100)
    assert by_label and all(h.document.metadata.doc_type.value == "betankande" for h in by_label)
    issuer = search(ws, "uppdrag", SearchFilters(issuer="näringsdep"), limit=100)
    assert issuer and all(h.document.metadata.issuer == "Näringsdepartementet" for h in issuer)
    dated = search(ws, "arbetsmarknaden", SearchFilters(date_from=dt.date(2014, 1, 1), date_to=dt.date(2014, 12, 31)),
                   limit=100)
    assert dated and all(h.document.metadata.date.year == 2014 for h in dated)
    english = search(ws, "arbetsmarknaden", SearchFilters(language="en"), limit=10)
    assert english == []
    with pytest.raises(UsageError, match="Available"):
        search(ws, "x", SearchFilters(doc_type="roman"))


def test_object_filter_uses_implicit_objects(ws: Workspace) -> None:
    from styrsignal.corpus import list_objects

    sfs = next(o for o in list_objects(ws) if "sfs-2025-491" in o.id)
    hits = search(ws, "sysselsättning", SearchFilters(object_id=sfs.id), limit=50)
    assert hits and {h.document.id for h in hits} == set(sfs.document_ids)
    with pytest.raises(UsageError, match="no analysis object"):
        search(ws, "sysselsättning", SearchFilters(object_id="finns-inte"))


def test_bad_queries_say_why(ws: Workspace) -> None:
    for query, message in [("och att", "no words"), ("(vinnova", "not closed"), ("-vinnova", "only exclusions")]:
        with pytest.raises(UsageError, match=message):
            search(ws, query)


def test_find_terms_gives_every_passage_and_span(ws: Workspace) -> None:
    found = find_terms(ws, ["etableringsplan", "sociala företag"])
    plans = found["etableringsplan"]
    total = sum(len(m.spans) for m in plans)
    assert total >= 100  # 135 written forms in the bill, some in passages cut by page furniture
    document = ws.store.document(plans[0].passage.document_id)
    for match in plans:
        for start, end in match.spans:
            assert document.text[start:end].lower().startswith("etableringsplan")
    social = found["sociala företag"]
    assert social
    for match in social:
        text = ws.store.document(match.passage.document_id).text
        assert all(" " in text[s:e] for s, e in match.spans)  # the phrase, not its words alone


def test_index_follows_ingest(tmp_path: Path, corpus_dir: Path) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        doc = tmp_path / "notis.txt"
        shutil.copy(corpus_dir / "text/si_uppdrag-vinnova-sociala-foretag-2018__01.txt", doc)
        ingest(ws, [doc], jobs=1)
        assert search(ws, "Vinnova")
        assert not search(ws, "sjöfartsstöd")
        doc.write_text(doc.read_text(encoding="utf-8").replace("Vinnova", "Sjöfartsstödet"), encoding="utf-8")
        ingest(ws, [doc], jobs=1)
        assert search(ws, "sjöfartsstöd")
        assert not search(ws, "Vinnova")  # the old version is no longer searched
