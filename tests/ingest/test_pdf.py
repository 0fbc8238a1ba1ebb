"""The PDF reader on real documents: pages, headings, furniture, hyphenation."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from styrsignal.ingest.pdf import read_pdf
from styrsignal.model import Extracted

PROP = "pdf/se_prop-2013-14-104_nyanlandas-etablering.pdf"
AFS = "pdf/se_afs-2023-1_systematiskt-arbetsmiljoarbete.pdf"


@pytest.fixture(scope="module")
def prop(corpus_dir: Path) -> Extracted:
    return read_pdf(corpus_dir / PROP)


def block_containing(extracted: Extracted, needle: str, kind: str | None = None):
    for block in extracted.blocks:
        if needle in extracted.text[block.start:block.end] and kind in (None, block.kind):
            return block
    raise AssertionError(f"no {kind or 'block'} contains {needle!r}")


def test_table_of_contents_is_not_headings(prop: Extracted) -> None:
    toc_entry = block_containing(prop, "4.3 Möjligheten att överklaga")
    assert toc_entry.kind == "paragraph"
    assert toc_entry.page == 2


def test_page_count_and_spans(prop: Extracted) -> None:
    assert prop.page_count == 81
    assert [p.number for p in prop.pages] == list(range(1, 82))
    for before, after in pairwise(prop.pages):
        assert before.end <= after.start
    # every block lies inside the page it claims
    for block in prop.blocks:
        span = prop.pages[block.page - 1]
        assert span.start <= block.start < max(span.end, span.start + 1)


def test_numbered_headings_and_paths(prop: Extracted) -> None:
    heading = block_containing(prop, "4.3 Möjligheten att överklaga", "heading")
    assert heading.page == 21
    following = prop.blocks[prop.blocks.index(heading) + 1]
    assert following.heading_path[-1] == "4.3 Möjligheten att överklaga"
    chapter = block_containing(prop, "5 Förlängd etableringsplan efter föräldraledighet", "heading")
    section = block_containing(prop, "5.1 Behov av förändringar", "heading")
    assert chapter.level < section.level
    assert section.heading_path[-1] == "5 Förlängd etableringsplan efter föräldraledighet"


def test_paragraphs_are_joined_lines(prop: Extracted) -> None:
    block = block_containing(prop, "Det finns emellertid situationer då en nyanländ")
    text = prop.text[block.start:block.end]
    assert block.kind == "paragraph"
    assert "\n" not in text
    assert len(text) > 300  # several printed lines make one paragraph


def test_soft_hyphens_joined(prop: Extracted) -> None:
    assert "stimulansersättning" in prop.text
    assert "\ufffe" not in prop.text
    assert "samhällsorientering" in prop.text


def test_page_numbers_are_not_text(prop: Extracted) -> None:
    for span in prop.pages[2:10]:
        page_text = prop.text[span.start:span.end]
        assert not page_text.rstrip().endswith(f"\n\n{span.number}")
        assert not page_text.startswith(f"{span.number}\n")


def test_properties(prop: Extracted) -> None:
    assert prop.properties["author"] == "Arbetsmarknadsdepartementet"
    assert prop.properties["created"] == "2014-03-06"


def test_scaled_fonts_give_headings(corpus_dir: Path) -> None:
    """Layout programs set font size 1 and scale the text matrix; headings still show."""
    afs = read_pdf(corpus_dir / AFS)
    heading = block_containing(afs, "Undersökning och riskbedömning", "heading")
    assert heading.page == 12
    para = block_containing(afs, "11 § Arbetsgivaren ska regelbundet undersöka", "paragraph")
    assert para.heading_path[-1] == "Undersökning och riskbedömning"
