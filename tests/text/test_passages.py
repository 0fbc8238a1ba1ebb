"""Passages: offsets map back exactly, bounds hold, pages are right on a real PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from styrsignal.ingest.builder import TextBuilder
from styrsignal.ingest.pdf import read_pdf
from styrsignal.model import Block, Document, Extracted, Metadata
from styrsignal.text.passages import MAX_CHARS, Passage, passages_from, split_passages

PROP = Path("pdf") / "se_prop-2013-14-104_nyanlandas-etablering.pdf"

LONG_SENTENCE = "Regeringen föreslår att en nyanländ invandrare som saknar godtagbart skäl ska få sänkt ersättning. "


def build(*steps: tuple[str, ...]) -> Extracted:
    """An Extracted laid out by the ingest TextBuilder, as a reader would."""
    builder = TextBuilder("pdf")
    for step in steps:
        kind, *args = step
        if kind == "page":
            builder.new_page(int(args[0]))
        elif kind == "heading":
            builder.heading(args[0], int(args[1]))
        elif kind == "paragraph":
            builder.paragraph(args[0])
        elif kind == "item":
            builder.list_item(args[0])
        elif kind == "table":
            builder.table([row.split("|") for row in args])
    return builder.build()


def passages(extracted: Extracted, **kwargs: int) -> list[Passage]:
    return passages_from(extracted.text, extracted.blocks, extracted.pages, document_id=7, **kwargs)


def assert_exact(extracted: Extracted, found: list[Passage]) -> None:
    for seq, passage in enumerate(found):
        assert passage.seq == seq
        assert passage.document_id == 7
        assert passage.text == extracted.text[passage.start : passage.end]
        assert passage.text == passage.text.strip()
        assert passage.start < passage.end


def test_one_block_one_passage_and_headings_give_the_path() -> None:
    extracted = build(
        ("page", "1"),
        ("heading", "4 Ökat fokus på arbete", "1"),
        ("paragraph", "Regeringens förslag: Etableringslagen ska ändras. " * 3),
        ("heading", "4.1 Behov av förändring", "2"),
        ("paragraph", "Skälen för regeringens förslag är flera och redovisas här utförligt i texten. " * 2),
    )
    found = passages(extracted)
    assert_exact(extracted, found)
    assert [p.heading_path for p in found] == [
        ("4 Ökat fokus på arbete",),
        ("4 Ökat fokus på arbete", "4.1 Behov av förändring"),
    ]
    assert all("4.1 Behov" not in p.text for p in found), "headings are not passage text"


def test_short_list_items_merge_under_one_heading() -> None:
    extracted = build(
        ("page", "1"),
        ("heading", "Insatser", "1"),
        ("paragraph", "Insatserna omfattar:"),
        ("item", "• svenska för invandrare"),
        ("item", "• samhällsorientering"),
        ("item", "• arbetsförberedande insatser"),
    )
    found = passages(extracted)
    assert_exact(extracted, found)
    assert len(found) == 1
    assert found[0].text.startswith("Insatserna omfattar:") and found[0].text.endswith("arbetsförberedande insatser")


@pytest.mark.parametrize(
    "separator",
    [
        pytest.param(("heading", "Nästa avsnitt", "1"), id="heading"),
        pytest.param(("page", "2"), id="page-break"),
    ],
)
def test_short_blocks_never_merge_across(separator: tuple[str, ...]) -> None:
    extracted = build(("page", "1"), ("item", "• första punkten"), separator, ("item", "• andra punkten"))
    found = passages(extracted)
    assert_exact(extracted, found)
    assert [p.text for p in found] == ["• första punkten", "• andra punkten"]


def test_merging_stops_at_the_bound() -> None:
    items = [("item", f"• punkt nummer {n} med lite text") for n in range(40)]
    extracted = build(("page", "1"), *items)
    found = passages(extracted, max_chars=200)
    assert_exact(extracted, found)
    assert len(found) > 1
    assert all(len(p.text) <= 200 for p in found)


def test_a_long_block_is_cut_at_sentence_boundaries_in_balanced_pieces() -> None:
    text = LONG_SENTENCE * 13  # about 1,300 characters
    extracted = build(("page", "3"), ("paragraph", text))
    found = passages(extracted)
    assert_exact(extracted, found)
    assert len(found) == 2
    assert all(p.text.endswith("ersättning.") for p in found), "cut at sentence ends only"
    lengths = [len(p.text) for p in found]
    assert max(lengths) <= MAX_CHARS
    assert min(lengths) > 500, f"pieces should be balanced, got {lengths}"
    assert [p.page_start for p in found] == [3, 3]


def test_an_over_long_sentence_is_cut_at_clause_breaks() -> None:
    sentence = ", ".join(f"insats nummer {n} för nyanlända" for n in range(80)) + "."
    extracted = build(("page", "1"), ("paragraph", sentence))
    found = passages(extracted, max_chars=300)
    assert_exact(extracted, found)
    assert all(len(p.text) <= 300 for p in found)
    assert all(p.text.endswith((",", ".")) for p in found)


def test_a_word_longer_than_the_bound_is_still_cut() -> None:
    extracted = build(("page", "1"), ("paragraph", "x" * 1000))
    found = passages(extracted, max_chars=300)
    assert_exact(extracted, found)
    assert all(len(p.text) <= 300 for p in found)
    assert "".join(p.text for p in found) == "x" * 1000


def test_tables_are_cut_at_rows() -> None:
    rows = [f"Kommun {n}|{n * 1000} kronor|beviljat" for n in range(60)]
    extracted = build(("page", "1"), ("table", *rows))
    found = passages(extracted, max_chars=400)
    assert_exact(extracted, found)
    assert len(found) > 1
    assert all(p.text.startswith("Kommun ") and p.text.endswith("beviljat") for p in found)


def test_documents_without_pages_use_the_block_page() -> None:
    text = "Första stycket.\n\nAndra stycket."
    blocks = [Block("paragraph", 0, 15), Block("paragraph", 17, 31, level=0, heading_path=("Rubrik",))]
    found = passages_from(text, blocks)
    assert [(p.text, p.page_start, p.page_end) for p in found] == [
        ("Första stycket.", None, None),
        ("Andra stycket.", None, None),
    ]


def test_empty_and_heading_only_documents_have_no_passages() -> None:
    assert passages(build()) == []
    assert passages(build(("page", "1"), ("heading", "Bara en rubrik", "1"))) == []


def test_split_passages_takes_a_stored_document() -> None:
    extracted = build(("page", "1"), ("heading", "Rubrik", "1"), ("paragraph", "Ett stycke text."))
    document = Document(
        id=42,
        version_id=1,
        version=1,
        source_path="a.pdf",
        content_hash="0",
        format="pdf",
        size=1,
        text=extracted.text,
        blocks=extracted.blocks,
        pages=extracted.pages,
        page_count=1,
        metadata=Metadata(),
    )
    [passage] = split_passages(document)
    assert (passage.document_id, passage.text, passage.page_start, passage.heading_path) == (
        42,
        "Ett stycke text.",
        1,
        ("Rubrik",),
    )


@pytest.fixture(scope="module")
def prop_path(corpus_dir: Path) -> Path:
    path = corpus_dir / PROP
    if not path.exists():
        pytest.skip(f"shared corpus not found at {corpus_dir} (set STYRSIGNAL_CORPUS)")
    return path


@pytest.fixture(scope="module")
def prop(prop_path: Path) -> tuple[Extracted, list[Passage]]:
    extracted = read_pdf(prop_path)
    return extracted, passages_from(extracted.text, extracted.blocks, extracted.pages, document_id=7)


def test_real_pdf_offsets_map_back_exactly(prop: tuple[Extracted, list[Passage]]) -> None:
    extracted, found = prop
    assert len(found) > 300
    assert_exact(extracted, found)
    assert all(len(p.text) <= MAX_CHARS for p in found)


@pytest.mark.parametrize(
    ("phrase", "page"),
    [
        ("Regeringen föreslår att en nyanländ invandrare", 1),
        ("Promemorian har remissbehandlats. En förteckning över remissinstanserna finns i bilaga 13.", 16),
        ("Remissinstanser som har gett in yttrande Kammarrätten i Göteborg", 52),  # first of two lists
        ("Utdrag ur protokoll vid sammanträde 2014-02-06", 80),
    ],
)
def test_real_pdf_pages(prop: tuple[Extracted, list[Passage]], phrase: str, page: int) -> None:
    _, found = prop
    passage = next(p for p in found if phrase in p.text)
    assert (passage.page_start, passage.page_end) == (page, page)


def test_real_pdf_every_passage_stands_on_its_page(prop: tuple[Extracted, list[Passage]], prop_path: Path) -> None:
    """Each passage's longest word occurs in pdfium's raw text of the page we give it."""
    _, found = prop
    pdf = pdfium.PdfDocument(str(prop_path))
    try:
        raw = [_squeeze(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    finally:
        pdf.close()
    checked = 0
    for passage in found:
        words = re.findall(r"[^\W\d_]{9,}", passage.text)
        if not words:
            continue
        checked += 1
        word = _squeeze(max(words, key=len))
        assert passage.page_start is not None
        assert word in raw[passage.page_start - 1], (passage.seq, passage.page_start, word)
    assert checked > 300


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\-\ufffe\u00ad]+", "", text)
