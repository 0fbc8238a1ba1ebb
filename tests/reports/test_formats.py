"""Every report format, opened with a real reader and checked against ``analyze --json``.

One workspace (the example corpus, with an analyst's review) serves the module: the reports are
written once in Swedish (all objects) and once in English (two objects), then each test reads
one format back with the library a recipient would use and compares it with the JSON.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from docx import Document as open_docx
from markdown_it import MarkdownIt
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from styrsignal.analysis.analyze import analyze
from styrsignal.analysis.review import review
from styrsignal.ingest.pipeline import ingest
from styrsignal.reports import write_report
from styrsignal.reports.content import short_title
from styrsignal.reports.i18n import Words
from styrsignal.workspace import Workspace

NOTE = "Granskat mot propositionens förarbeten: öppnar indirekt för idéburna aktörer."
EDITED = "Analytikerns omskrivna begränsning."
SUFFIXES = {"docx": "docx", "pdf": "pdf", "html": "html", "md": "md", "xlsx": "xlsx"}
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path, make_cli: Any):
    root = tmp_path_factory.mktemp("reports")
    workspace = Workspace.open(root / "ws")
    ingest(workspace, [examples_dir], objects_file=examples_dir / "objects.yaml", jobs=1)
    first = analyze(workspace)
    target = next(a for a in first.objects if a.automatic_impact == "none" and len(a.limitations) >= 2)
    review(workspace, target.id, impact="indirect", note=NOTE, author="analytiker")
    review(workspace, target.id, edit=[(target.limitations[0].id, EDITED)], author="analytiker")
    review(workspace, target.id, reject=[target.limitations[1].id], author="analytiker")
    # the contract: what `styrsignal analyze --json` prints for this workspace
    expected = make_cli(root / "ws", in_process=True).json("analyze")
    sv = {fmt: write_report(workspace, root / "sv" / f"rapport.{suffix}") for fmt, suffix in SUFFIXES.items()}
    english_ids = [target.id, next(a.id for a in first.objects if a.impact == "direct")]
    en = {fmt: write_report(workspace, root / "en" / f"report.{suffix}", lang="en", object_ids=english_ids)
          for fmt, suffix in SUFFIXES.items()}
    expected_en = make_cli(root / "ws", in_process=True).json("analyze", "--lang", "en", "--objects",
                                                             ",".join(english_ids))
    yield SimpleNamespace(workspace=workspace, expected=expected, expected_en=expected_en, target=target.id,
                          sv=sv, en=en, root=root, english=english_ids)
    workspace.close()


def objects_by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in data["objects"]}


def key_quotes(obj: dict[str, Any]) -> list[dict[str, Any]]:
    """The passages an object section quotes under "what it is"."""
    return (obj["criteria"]["subject"]["evidence"] or obj["evidence"])[:2]


def label(evidence: dict[str, Any], lang: str = "sv") -> str:
    page = f", {'s.' if lang == 'sv' else 'p.'}\u00a0{evidence['page']}" if evidence["page"] is not None else ""
    return f"({short_title(evidence['document'])}{page})"


def flat(text: str) -> str:
    """PDF text as one line: automatic hyphens at line ends undone, whitespace collapsed."""
    return " ".join(re.sub(r"[\u2010\u00ad]\n", "", text).split())


# --- DOCX ------------------------------------------------------------------------------

def docx_classification(path: Path, columns: list[str]) -> list[tuple[str, str, str]]:
    document = open_docx(str(path))
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells] == columns)
    rows, group = [], ""
    for row in table.rows[1:]:
        cells = row.cells
        if all(c.text == cells[0].text for c in cells):  # a merged group row
            group = cells[0].text
            continue
        marker = "\n".join(p.text for p in cells[0].paragraphs[1:])
        rows.append((group, cells[0].paragraphs[0].text, marker))
    return rows


def test_docx_classification_sections_citations_and_charts(built) -> None:
    expected, words = built.expected, Words("sv")
    [path] = built.sv["docx"]
    rows = docx_classification(path, ["Analysobjekt", "Möjligheter", "Begränsningar"])
    assert sorted(name for _, name, _ in rows) == sorted(a["name"] for a in expected["objects"])
    for group, name, marker in rows:
        obj = next(a for a in expected["objects"] if a["name"] == name)
        assert group.startswith(words.impact(obj["impact"]))
        if obj["id"] == built.target:
            assert marker == f"granskad; automatiskt: {words.impact(obj['automatic_impact']).lower()}"
    document = open_docx(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    text = "\n".join(p.text for p in document.paragraphs)
    for obj in expected["objects"]:
        assert any(h.endswith(obj["name"]) and re.match(r"4\.\d+ ", h) for h in headings), obj["name"]
        for evidence in key_quotes(obj):
            assert f"”{evidence['quote']}” {label(evidence)}" in text
    target = objects_by_id(expected)[built.target]
    callouts = [t for t in document.tables if len(t.rows) == 1 and len(t.columns) == 1]
    box = next(t.cell(0, 0).text for t in callouts if NOTE in t.cell(0, 0).text)
    assert box.startswith(f"{words.impact(target['impact'])} (granskad)")
    assert f"Automatiskt: {words.impact(target['automatic_impact'])}" in box
    assert f"{EDITED} (granskad)" in text
    rejected = next(s for s in target["limitations"] if s["status"] == "rejected")
    start = next(i for i, p in enumerate(document.paragraphs) if p.style.name == "Heading 2"
                 and p.text.endswith(target["name"]))
    end = next(i for i, p in enumerate(document.paragraphs) if i > start and p.style.name in ("Heading 1", "Heading 2"))
    section = "\n".join(p.text for p in document.paragraphs[start:end])
    assert rejected["text"] not in section and "1 förslag har avvisats" in section
    assert len(document.inline_shapes) == 4
    for shape in document.inline_shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        assert document.part.related_parts[blip.embed].blob.startswith(PNG)
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Sida " in footer
    assert 'TOC \\o "1-2"' in document.element.body.xml
    for heading in ("Syfte och metod", "Klassificering av analysobjekt", "Övergripande analys", "Aktörer",
                    "Trender", "Bilaga A. Analysramverket", "Bilaga B. Belägg"):
        assert any(h.endswith(heading) for h in headings), heading


# --- HTML ------------------------------------------------------------------------------

def test_html_is_self_contained_and_complete(built) -> None:
    expected, words = built.expected, Words("sv")
    [path] = built.sv["html"]
    tree = HTMLParser(path.read_text(encoding="utf-8"))
    assert not tree.css("script") and not tree.css("link")
    for node in tree.css("[src]"):
        assert node.attributes["src"].startswith("data:image/png;base64,")
    for node in tree.css("[href]"):
        assert node.attributes["href"].startswith("#")
    assert "url(" not in (tree.css_first("style").text() or "")
    images = tree.css("figure.chart img")
    assert len(images) == 4
    for image in images:
        assert base64.b64decode(image.attributes["src"].split(",", 1)[1]).startswith(PNG)
    table = tree.css_first('table[data-key="classification"]')
    group, seen = "", {}
    for row in table.css("tbody tr"):
        if "group" in (row.attributes.get("class") or ""):
            group = row.text(strip=True)
            continue
        name = row.css_first("td a").text()
        seen[name] = group
        marker = row.css_first(".cell-marker")
        if name == objects_by_id(expected)[built.target]["name"]:
            assert marker is not None and marker.text().startswith("granskad; automatiskt:")
    assert set(seen) == {a["name"] for a in expected["objects"]}
    for obj in expected["objects"]:
        assert seen[obj["name"]].startswith(words.impact(obj["impact"]))
        section = tree.css_first(f"section#obj-{obj['id']}")
        assert section is not None and section.css_first("h2").text().endswith(obj["name"])
        documents = {str(d["id"]) for d in obj["documents"]}
        cites = section.css("span.cite")
        assert cites and {c.attributes["data-document"] for c in cites} <= documents
        quotes = {q.css_first("p").text(): q.css_first(".cite").text() for q in section.css("blockquote.evidence")}
        for evidence in key_quotes(obj):
            assert quotes[evidence["quote"]] == label(evidence)
        sources = section.css("ol.sources li")
        assert {s.attributes["data-document"] for s in sources} == documents
        assert [int(s.attributes["value"]) for s in sources] == list(range(1, len(sources) + 1))
    target = tree.css_first(f"section#obj-{built.target} .callout")
    assert "(granskad)" in target.text() and NOTE in target.text()
    toc = [a.attributes["href"][1:] for a in tree.css("nav.toc a")]
    assert all(tree.css_first(f"#{anchor}") is not None for anchor in toc)


# --- PDF -------------------------------------------------------------------------------

def test_pdf_pages_numbers_contents_and_images(built) -> None:
    expected, words = built.expected, Words("sv")
    [path] = built.sv["pdf"]
    reader = pypdf.PdfReader(str(path))
    pages = [page.extract_text() for page in reader.pages]
    total = len(pages)
    assert total > 10
    assert "Sida" not in pages[0]  # the cover has no page number
    for number, text in enumerate(pages[1:], start=2):
        assert f"Sida {number} av {total}" in text
    # the table of contents gives the page each object's section starts on
    toc = flat(pages[1])
    assert toc.startswith("Innehåll")
    for obj in expected["objects"]:
        name = obj["name"][:24]
        match = re.search(rf"(4\.\d+) {re.escape(name)}.*?\.{{3,}} ?(\d+)", toc)
        assert match, obj["name"]
        assert flat(pages[int(match[2]) - 1]).find(f"{match[1]} {name}") >= 0, obj["name"]
    body = flat("\n".join(pages))
    classification = body[body.index("Tabell 4. Klassificering"):]
    for obj in expected["objects"]:
        assert obj["name"][:30] in classification
    for impact, count in expected["cross_cutting"]["impact_counts"].items():
        if count:
            assert f"{words.impact(impact)} ({count})" in classification
    assert "(granskad)" in body and NOTE in body
    for obj in expected["objects"]:
        for evidence in key_quotes(obj):
            assert flat(label(evidence)) in body
    pdf = pdfium.PdfDocument(str(path))
    try:
        drawn = [index for index in range(len(pdf))
                 for _ in pdf[index].get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE])]
    finally:
        pdf.close()
    assert len(drawn) == 4  # the charts: impact summary, heat map, actors, trends
    assert "Figur 2. Andel stycken per tema och analysobjekt" in flat(pages[drawn[1]])
    assert reader.outline, "headings become PDF bookmarks"


def test_pdf_text_stays_on_the_page(built) -> None:
    """Nothing overflows: every text box lies inside the A4 page, clear of its edges."""
    [path] = built.sv["pdf"]
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            assert (round(width), round(height)) == (595, 842)  # A4 in points
            text = page.get_textpage()
            for i in range(text.count_rects()):
                left, bottom, right, top = text.get_rect(i)
                assert left >= 28 and right <= width - 28 and bottom >= 28 and top <= height - 28, \
                    (index + 1, text.get_text_bounded(left, bottom, right, top))
    finally:
        pdf.close()


# --- Markdown --------------------------------------------------------------------------

def test_markdown_renders_tables_headings_and_chart_files(built) -> None:
    expected, words = built.expected, Words("sv")
    path, *charts = built.sv["md"]
    assert len(charts) == 4 and all(c.read_bytes().startswith(PNG) for c in charts)
    tree = HTMLParser(MarkdownIt("commonmark").enable("table").render(path.read_text(encoding="utf-8")))
    for image in tree.css("img"):
        assert (path.parent / image.attributes["src"]).is_file()
    assert len(tree.css("img")) == 4
    assert [h.text() for h in tree.css("h1")] == ["Policykartläggning: social innovation"]
    h3 = [h.text() for h in tree.css("h3")]
    table = next(t for t in tree.css("table") if [th.text() for th in t.css("thead th")] ==
                 ["Analysobjekt", "Möjligheter", "Begränsningar"])
    group, seen = "", {}
    for row in table.css("tbody tr"):
        first = row.css_first("td")
        if first.css_first("strong") is not None and first.css_first("a") is None:
            group = first.text()
            continue
        seen[first.css_first("a").text()] = group
    assert set(seen) == {a["name"] for a in expected["objects"]}
    text = tree.text()
    for obj in expected["objects"]:
        assert seen[obj["name"]].startswith(words.impact(obj["impact"]))
        assert any(h.endswith(obj["name"]) for h in h3)
        for evidence in key_quotes(obj):
            assert label(evidence) in text
    assert f"{EDITED} (granskad)" in text and NOTE in text


# --- XLSX ------------------------------------------------------------------------------

def test_xlsx_sheets_filters_frozen_headers_and_data(built) -> None:
    expected, words = built.expected, Words("sv")
    [path] = built.sv["xlsx"]
    book = openpyxl.load_workbook(str(path))
    assert book.sheetnames == ["Klassificering", "Teman x objekt", "Aktörer x objekt", "Belägg", "Dokument"]
    for sheet in book.worksheets:
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        assert sheet.freeze_panes in ("A2", "B2")
        assert all(sheet.column_dimensions[c.column_letter].width >= 6 for c in sheet[1])
    rows = list(book["Klassificering"].iter_rows(values_only=True))
    header = rows[0]
    records = {r[header.index("Objekt-id")]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert set(records) == {a["id"] for a in expected["objects"]}
    for obj in expected["objects"]:
        record = records[obj["id"]]
        assert record["Påverkan"] == words.impact(obj["impact"])
        assert record["Automatisk bedömning"] == words.impact(obj["automatic_impact"])
        assert record["Säkerhet"] == obj["confidence"]
        assert record["Granskad"] == ("ja" if obj["id"] == built.target else "nej")
    assert records[built.target]["Analytikerns kommentar"] == NOTE
    matrix = list(book["Teman x objekt"].iter_rows(values_only=True))
    for row in matrix[1:]:
        obj = next(a for a in expected["objects"] if a["name"] == row[0])
        shares = {t["label"]: t["share"] for t in obj["themes"]}
        for column, value in zip(matrix[0][2:], row[2:], strict=True):
            assert value == shares.get(column, 0.0)
    actors = list(book["Aktörer x objekt"].iter_rows(values_only=True))
    regeringen = next(r for r in actors[1:] if r[0] == "Regeringen")
    for column, value in zip(actors[0][4:], regeringen[4:], strict=True):
        obj = next(a for a in expected["objects"] if a["name"] == column)
        assert value == next((r["mentions"] for r in obj["actors"] if r["name"] == "Regeringen"), 0)
    evidence = list(book["Belägg"].iter_rows(values_only=True))
    header = evidence[0]
    assert len(evidence) > 50
    for row in evidence[1:]:
        record = dict(zip(header, row, strict=True))
        obj = objects_by_id(expected)[record["Objekt-id"]]
        document = next(d for d in obj["documents"] if Path(d["source_path"]).name == record["Fil"])
        text = built.workspace.store.document(document["id"]).text
        assert text[record["Början (tecken)"]:record["Slut (tecken)"]] == record["Citat"]


# --- English ---------------------------------------------------------------------------

def test_english_reports(built) -> None:
    expected, words = built.expected_en, Words("en")
    assert [a["id"] for a in expected["objects"]] and {a["id"] for a in expected["objects"]} == set(built.english)
    [docx_path] = built.en["docx"]
    rows = docx_classification(docx_path, ["Analysis object", "Opportunities", "Limitations"])
    assert sorted(name for _, name, _ in rows) == sorted(a["name"] for a in expected["objects"])
    target = objects_by_id(expected)[built.target]
    assert (f"{words.impact(target['impact'])} (1)", target["name"],
            f"reviewed; automatic: {words.impact(target['automatic_impact']).lower()}") in rows
    headings = [p.text for p in open_docx(str(docx_path)).paragraphs if p.style.name.startswith("Heading")]
    for heading in ("Summary", "Purpose and method", "Classification of analysis objects", "Analysis objects",
                    "Cross-cutting analysis", "Actors", "Trends", "Appendix A. The analysis framework"):
        assert any(h.endswith(heading) for h in headings), heading
    [html_path] = built.en["html"]
    tree = HTMLParser(html_path.read_text(encoding="utf-8"))
    assert tree.css_first("html").attributes["lang"] == "en"
    assert tree.css_first("nav.toc .toc-title").text() == "Contents"
    assert "(reviewed)" in tree.css_first(f"section#obj-{built.target} .callout").text()
    for obj in expected["objects"]:
        for evidence in key_quotes(obj):
            assert label(evidence, "en") in tree.text()
    [pdf_path] = built.en["pdf"]
    reader = pypdf.PdfReader(str(pdf_path))
    assert f"Page 2 of {len(reader.pages)}" in reader.pages[1].extract_text()
    assert flat(reader.pages[1].extract_text()).startswith("Contents")
    [xlsx_path, *_] = built.en["xlsx"]
    assert openpyxl.load_workbook(str(xlsx_path)).sheetnames == [
        "Classification", "Themes x objects", "Actors x objects", "Evidence", "Documents"]
    md_path, *_ = built.en["md"]
    assert "## 3 Classification of analysis objects" in md_path.read_text(encoding="utf-8")
