"""DOCX, HTML and text readers keep structure from real documents."""

from __future__ import annotations

from pathlib import Path

from styrsignal.ingest.readers import read_path
from styrsignal.model import Extracted


def texts(extracted: Extracted, kind: str) -> list[str]:
    return [extracted.text[b.start:b.end] for b in extracted.blocks if b.kind == kind]


def test_docx_headings_styles_and_pages(corpus_dir: Path) -> None:
    doc = read_path(corpus_dir / "docx/prop-2012-13-144_sjofartsstodets-inriktning_NEG.docx")
    assert doc.format == "docx"
    assert doc.page_count == 10
    headings = {doc.text[b.start:b.end]: b for b in doc.blocks if b.kind == "heading"}
    assert "Propositionens huvudsakliga innehåll" in headings
    section = headings["EU:s bestämmelser om statligt stöd till sjöfartsnäringen"]
    assert section.level == 2
    assert section.heading_path[-1] == "Sjöfartsstödets inriktning"
    assert "1 Förslag till riksdagsbeslut 3" not in headings  # table-of-contents lines are not headings
    # Word's last rendered page breaks: approximate, but ordered and within the stated count
    pages = [b.page for b in doc.blocks]
    assert pages == sorted(pages) and pages[-1] <= 10
    assert next(b for b in doc.blocks if doc.text[b.start:b.end] == "Förslag till riksdagsbeslut").page == 3
    assert doc.properties["author"] == "Ellika Eriksson"


def test_docx_layout_table_read_as_text(corpus_dir: Path) -> None:
    ruling = read_path(corpus_dir / "docx/ad-2013-63_arbetsdomstolen_tillfallig-foraldrapenning.docx")
    paragraphs = texts(ruling, "paragraph")
    assert "Domsnummer: 2013-63" in paragraphs
    assert "Avgörandedatum: 2013-08-21" in paragraphs
    assert len(ruling.blocks) > 50  # the ruling's text is not one table cell


def test_html_main_content_without_chrome(corpus_dir: Path) -> None:
    page = read_path(corpus_dir / "html/regeringen_sou-2013-75_framtidens-e-forvaltning.html")
    assert page.format == "html"
    assert page.properties["date"] == "2013-10-17"
    assert page.properties["site_name"] == "Regeringskansliet"
    assert "E-delegationen har under fyra års tid arbetat" in page.text
    # navigation, header and footer of the site are gone
    assert "Jobba hos oss" not in page.text
    assert "Statsråden och departementen" not in page.text
    assert "Innehåll på regeringen.se" not in page.text
    assert texts(page, "heading")[0].startswith("Organisering av framtidens e-förvaltning")


def test_html_cookie_banner_removed(tmp_path: Path) -> None:
    html = tmp_path / "page.html"
    html.write_text(
        "<html><body><div id='cookie-consent'>Vi använder kakor. Godkänn alla kakor</div>"
        "<nav><ul><li><a href='/'>Start</a></li><li><a href='/a'>Om oss</a></li><li><a href='/b'>Kontakt</a>"
        "</li></ul></nav><main><h1>Strategi för social innovation</h1><p>Regeringen ger Vinnova i uppdrag att "
        "stödja social innovation.</p><ul><li>Första punkten</li><li>Andra punkten</li></ul></main>"
        "<footer>Kontakta oss</footer></body></html>", encoding="utf-8")
    page = read_path(html)
    assert "kakor" not in page.text
    assert "Kontakta oss" not in page.text
    assert "Om oss" not in page.text
    assert texts(page, "heading") == ["Strategi för social innovation"]
    assert texts(page, "list_item") == ["Första punkten", "Andra punkten"]
    assert page.blocks[1].heading_path == ("Strategi för social innovation",)


def test_text_front_matter_headings_and_lists(corpus_dir: Path) -> None:
    doc = read_path(corpus_dir / "text/si_uppdrag-vinnova-sociala-foretag-2018__01.txt")
    assert doc.properties["source_title"] == "Uppdrag att stödja utveckling av sociala företag"
    assert doc.properties["source_url"].startswith("https://www.regeringen.se/regeringsuppdrag/2018/02/")
    assert texts(doc, "heading") == ["Uppdrag att stödja utveckling av sociala företag"]
    assert "source_url" not in doc.text
    innovation = read_path(corpus_dir / "text/si_innovationsradet-samverkansprogram-2019__01.txt")
    assert len(texts(innovation, "list_item")) == 5
    assert "\u00ad" not in innovation.text  # soft hyphens from Riksdag data are dropped


def test_markdown_headings(tmp_path: Path) -> None:
    md = tmp_path / "notes.md"
    md.write_text("# Titel\n\nStycke ett\nfortsätter här.\n\n## Del två\n\n- punkt ett\n- punkt två\n",
                  encoding="utf-8")
    doc = read_path(md)
    assert doc.format == "markdown"
    assert texts(doc, "heading") == ["Titel", "Del två"]
    assert texts(doc, "paragraph") == ["Stycke ett fortsätter här."]
    assert texts(doc, "list_item") == ["punkt ett", "punkt två"]
    assert doc.blocks[-1].heading_path == ("Titel", "Del två")
