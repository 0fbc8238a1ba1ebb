"""DOCX reader: headings, lists and tables in body order, with Word's page breaks.

Headings are recognised by the paragraph style's outline level (inherited through
based-on styles) or a style name such as "Heading 2", "Rubrik 2" or "Prop. rubrik".
Word records where it last broke pages (``w:lastRenderedPageBreak``); when those marks
are present, blocks get page numbers, otherwise only the page count from the file's
properties is kept.  Tables used for layout (one row or one column) are read as flowing
text; real tables become table blocks.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from styrsignal.errors import ExtractionFailed, UnsupportedFormat
from styrsignal.ingest.builder import TextBuilder
from styrsignal.model import Extracted

_HEADING_STYLE = re.compile(r"(heading|rubrik|överskrift)\s*(\d)?", re.I)
_TITLE_STYLE = re.compile(r"^(title|titel|huvudrubrik)$", re.I)
_LIST_STYLE = re.compile(r"(list|lista|punkt|bullet|numrering)", re.I)
_TOC_STYLE = re.compile(r"^(toc|innehållsförteckning)", re.I)
_PAGES = re.compile(rb"<Pages>(\d+)</Pages>")


def read_docx(path: Path) -> Extracted:
    try:
        document = docx.Document(str(path))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UnsupportedFormat(f"not a valid DOCX ({exc})") from exc
    except Exception as exc:  # lxml and python-docx raise many kinds on broken XML
        raise ExtractionFailed(f"corrupt DOCX: {type(exc).__name__}: {exc}") from exc
    page_count = _page_count(path)
    reader = _Reader(document)
    reader.limit = page_count
    reader.read_body(document.element.body)
    builder = reader.builder
    builder.properties.update(_properties(document))
    if reader.rendered_pages:
        builder.warnings.append("page numbers follow the page breaks Word last rendered")
        return builder.build(page_count=page_count or reader.page)
    return builder.build(page_count=page_count)


class _Reader:
    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.builder = TextBuilder("docx")
        self.rendered_pages = bool(document.element.body.findall(".//" + qn("w:lastRenderedPageBreak")))
        self.page = 1
        self._chars_at_break = 0
        self.limit: int | None = None
        """The page count the file states; Word's last rendering never goes past it."""
        if self.rendered_pages:
            self.builder.new_page(1)
        self._levels: dict[str, int | None] = {}

    def read_body(self, body: Any) -> None:
        for child in body.iterchildren():
            if child.tag == qn("w:p"):
                self.paragraph(Paragraph(child, self.document))
            elif child.tag == qn("w:tbl"):
                self.table(Table(child, self.document))
            elif child.tag == qn("w:sdt"):  # content controls wrap ordinary paragraphs
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.read_body(content)

    def paragraph(self, paragraph: Paragraph) -> None:
        self._track_page_breaks(paragraph)
        text = paragraph.text.replace("\t", " ")
        if not text.strip():
            return
        style = paragraph.style.name if paragraph.style is not None else ""
        if _TOC_STYLE.match(style or ""):
            self.builder.paragraph(text)
            return
        level = self._heading_level(paragraph)
        if level is not None and len(text) <= 300:
            self.builder.heading(text, level)
        elif (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None) \
                or _LIST_STYLE.search(style or ""):
            self.builder.list_item(text)
        else:
            self.builder.paragraph(text)

    def _track_page_breaks(self, paragraph: Paragraph) -> None:
        if not self.rendered_pages:
            return
        p = paragraph._p
        if self.limit is not None and self.page >= self.limit:
            return
        # Count a break only when text came since the last one: Word marks both an
        # explicit break and the first paragraph after it, which is one new page.
        if p.find(".//" + qn("w:lastRenderedPageBreak")) is not None \
                and self.builder.char_count > self._chars_at_break:
            self.page += 1
            self._chars_at_break = self.builder.char_count
            self.builder.new_page(self.page)

    def _heading_level(self, paragraph: Paragraph) -> int | None:
        outline = _outline_level(paragraph._p.pPr)
        if outline is not None:
            return outline
        style = paragraph.style
        if style is None:
            return None
        key = style.style_id or style.name or ""
        if key not in self._levels:
            self._levels[key] = _style_level(style)
        return self._levels[key]

    def table(self, table: Table) -> None:
        grid = _unique_cells(table)
        columns = max((len(row) for row in grid), default=0)
        if len(grid) <= 1 or columns <= 1 or any(_is_long(cell) for row in grid for cell in row):
            # A table used for page layout: read it as flowing text, row by row.
            for row in grid:
                if not any(_is_long(cell) for cell in row):
                    self.builder.paragraph(" ".join(_cell_text(c) for c in row if _cell_text(c)))
                    continue
                for cell in row:
                    if _is_long(cell):
                        self.read_body(cell)
                    elif _cell_text(cell):
                        self.builder.paragraph(_cell_text(cell))
            return
        self.builder.table([[_cell_text(cell) for cell in row] for row in grid])


def _unique_cells(table: Table) -> list[list[Any]]:
    """Rows of distinct cell elements (merged cells are repeated by python-docx)."""
    grid: list[list[Any]] = []
    for row in table.rows:
        cells: list[Any] = []
        for cell in row.cells:
            if not cells or cell._tc is not cells[-1]:
                cells.append(cell._tc)
        grid.append(cells)
    return grid


def _cell_text(tc: Any) -> str:
    return " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))).strip()


def _is_long(tc: Any) -> bool:
    paragraphs = [p for p in tc.iter(qn("w:p")) if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()]
    return len(paragraphs) > 2 or sum(len(t.text or "") for t in tc.iter(qn("w:t"))) > 500


def _outline_level(ppr: Any) -> int | None:
    if ppr is None:
        return None
    outline = ppr.find(qn("w:outlineLvl"))
    if outline is None:
        return None
    value = int(outline.get(qn("w:val"), "9"))
    return value + 1 if value < 9 else None


def _style_level(style: Any) -> int | None:
    current = style
    depth = 0
    while current is not None and depth < 10:
        level = _outline_level(current.element.pPr)
        if level is not None:
            return level
        name = current.name or ""
        if _TITLE_STYLE.match(name.strip()):
            return 1
        match = _HEADING_STYLE.search(name)
        if match and not re.search(r"(char|tecken)$", name, re.I):
            return int(match.group(2)) if match.group(2) else 1
        current = current.base_style
        depth += 1
    return None


def _properties(document: DocxDocument) -> dict[str, str]:
    core = document.core_properties
    props = {
        "title": core.title or "",
        "author": core.author or "",
        "subject": core.subject or "",
        "keywords": core.keywords or "",
        "created": core.created.date().isoformat() if core.created else "",
        "modified": core.modified.date().isoformat() if core.modified else "",
    }
    return {k: v.strip() for k, v in props.items() if v and v.strip()}


def _page_count(path: Path) -> int | None:
    try:
        with zipfile.ZipFile(path) as zf:
            if "docProps/app.xml" not in zf.namelist():
                return None
            match = _PAGES.search(zf.read("docProps/app.xml")[:65536])
    except (zipfile.BadZipFile, OSError):
        return None
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None
