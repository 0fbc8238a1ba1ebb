"""The report as a Word document (python-docx).

A4, a cover page, a table of contents field (Word fills in the page numbers when it opens the
file), "Sida X av Y" in the footer, numbered headings, tables with repeating header rows, and
the charts as inline pictures.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from styrsignal.reports.blocks import (
    Block,
    BulletList,
    Callout,
    Cell,
    Citation,
    Figure,
    Paragraph,
    QuoteBlock,
    Report,
    Section,
    SourceList,
    Table,
)

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
INK = RGBColor(0x1D, 0x2B, 0x3A)
MUTED = RGBColor(0x5B, 0x6B, 0x7C)
MARKER = RGBColor(0xB8, 0x76, 0x18)
TONES = {"direct": ("1F6F5C", "E6F2EE"), "indirect": ("B87618", "FBF1E1"), "none": ("7B8794", "EEF0F3")}
FONT = "Calibri"
TEXT_WIDTH_CM = 16.6


def _shade(cell: Any, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _borders(table: Any, colour: str = "D9DEE4") -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "bottom", "insideH"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:color"), colour)
        borders.append(element)
    for edge in ("left", "right", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)


def _field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC …) with ``placeholder`` shown until Word updates it."""
    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    run = paragraph.add_run()
    run._r.append(char("begin"))
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    run = paragraph.add_run()
    run._r.append(char("separate"))
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    run._r.append(char("end"))


class _Writer:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.doc = Document()
        self._styles()

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(10.5)
        normal.font.color.rgb = INK
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        for level, size in ((1, 18), (2, 14), (3, 11.5)):
            style = styles[f"Heading {level}"]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.color.rgb = ACCENT if level < 3 else INK
            style.paragraph_format.space_before = Pt(18 if level == 1 else 12 if level == 2 else 9)
            style.paragraph_format.space_after = Pt(6 if level < 3 else 3)
            style.paragraph_format.keep_with_next = True
        for name in ("List Bullet", "List Number", "Caption"):
            styles[name].font.name = FONT
        styles["Caption"].font.color.rgb = MUTED
        styles["Caption"].font.size = Pt(9)
        styles["Caption"].font.italic = False
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
        self.doc.core_properties.title = self.report.title
        self.doc.core_properties.subject = self.report.subtitle
        self.doc.core_properties.author = "styrsignal"
        self.doc.core_properties.language = "sv-SE" if self.report.lang == "sv" else "en-GB"

    # page furniture
    def cover(self) -> None:
        r, doc = self.report, self.doc
        for _ in range(6):
            doc.add_paragraph()
        kicker = doc.add_paragraph()
        run = kicker.add_run(r.words["kicker"].upper())
        run.font.size, run.font.color.rgb = Pt(10), MUTED
        title = doc.add_paragraph()
        run = title.add_run(r.title)
        run.font.size, run.font.bold, run.font.color.rgb = Pt(28), True, ACCENT
        subtitle = doc.add_paragraph()
        run = subtitle.add_run(r.subtitle)
        run.font.size = Pt(13)
        for _ in range(5):
            doc.add_paragraph()
        facts = doc.add_table(rows=2, cols=len(r.facts))
        for i, (label, value) in enumerate(r.facts):
            top, bottom = facts.cell(0, i).paragraphs[0], facts.cell(1, i).paragraphs[0]
            run = top.add_run(label.upper())
            run.font.size, run.font.color.rgb = Pt(8), MUTED
            run = bottom.add_run(value)
            run.font.bold, run.font.size = True, Pt(10.5)
        for _ in range(3):
            doc.add_paragraph()
        colophon = doc.add_paragraph()
        run = colophon.add_run(r.colophon)
        run.font.size, run.font.color.rgb = Pt(8.5), MUTED

    def footer(self) -> None:
        words = self.report.words
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        before, _, rest = words["page_of"].partition("{page}")
        middle, _, after = rest.partition("{pages}")
        paragraph.add_run(before)
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(middle)
        _field(paragraph, "NUMPAGES", "1")
        paragraph.add_run(after)
        for run in paragraph.runs:
            run.font.size, run.font.color.rgb = Pt(8), MUTED
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(self.report.title)
        run.font.size, run.font.color.rgb = Pt(8), MUTED

    def toc(self) -> None:
        words = self.report.words
        heading = self.doc.add_paragraph()
        run = heading.add_run(words["contents"])
        run.font.size, run.font.bold, run.font.color.rgb = Pt(18), True, ACCENT
        paragraph = self.doc.add_paragraph()
        # The entries are the field's cached result, shown until Word refreshes it with page numbers.
        _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', "")
        for section in self.report.toc():
            entry = self.doc.add_paragraph(section.heading)
            entry.paragraph_format.left_indent = Cm(0 if section.level == 1 else 0.8)
            entry.paragraph_format.space_after = Pt(2)
            if section.level == 1:
                entry.runs[0].bold = True
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
        self.page_break()

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # content
    def section(self, section: Section, first_object: bool = False) -> None:
        starts_page = section.level == 1 or (section.level == 2 and section.anchor.startswith("obj-")
                                             and not first_object)
        if starts_page and section is not self.report.sections[0]:
            self.page_break()
        self.doc.add_heading(section.heading, level=section.level)
        for block in section.blocks:
            self.block(block)
        for index, child in enumerate(section.children):
            self.section(child, first_object=index == 0)

    def citations(self, paragraph: Any, citations: list[Citation]) -> None:
        for citation in citations:
            run = paragraph.add_run(f" {citation.label}")
            run.font.size, run.font.color.rgb = Pt(8.5), MUTED

    def block(self, block: Block) -> None:
        doc = self.doc
        if isinstance(block, Paragraph):
            paragraph = doc.add_paragraph()
            if block.lead:
                paragraph.add_run(block.lead + " ").bold = True
            run = paragraph.add_run(block.text)
            if block.style == "note":
                run.italic, run.font.color.rgb, run.font.size = True, MUTED, Pt(9)
            elif block.style == "lead":
                run.font.size = Pt(11.5)
        elif isinstance(block, BulletList):
            for item in block.items:
                paragraph = doc.add_paragraph(style="List Number" if block.numbered else "List Bullet")
                paragraph.add_run(item.text)
                if item.marker:
                    run = paragraph.add_run(f" ({item.marker})")
                    run.bold, run.font.color.rgb = True, MARKER
                self.citations(paragraph, item.citations)
                if item.note:
                    run = paragraph.add_run(f"\n{item.note}")
                    run.italic, run.font.color.rgb, run.font.size = True, MUTED, Pt(9)
        elif isinstance(block, QuoteBlock):
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.8)
            paragraph.paragraph_format.right_indent = Cm(0.8)
            open_q, close_q = ("”", "”") if self.report.lang == "sv" else ("“", "”")
            run = paragraph.add_run(f"{open_q}{block.quote}{close_q}")
            run.italic, run.font.size = True, Pt(10)
            self.citations(paragraph, [block.citation])
        elif isinstance(block, Callout):
            self.callout(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            doc.add_picture(io.BytesIO(block.png), width=Cm(TEXT_WIDTH_CM * block.width))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            doc.add_paragraph(block.caption, style="Caption")
        elif isinstance(block, SourceList):
            for source in block.sources:
                paragraph = doc.add_paragraph()
                paragraph.paragraph_format.left_indent = Cm(0.8)
                paragraph.paragraph_format.first_line_indent = Cm(-0.8)
                paragraph.paragraph_format.space_after = Pt(3)
                paragraph.add_run(f"{source.number}.\t")
                paragraph.add_run(source.title).bold = True
                if source.details:
                    run = paragraph.add_run(f"\n{source.details}")
                    run.font.size, run.font.color.rgb = Pt(9), MUTED

    def callout(self, block: Callout) -> None:
        edge, fill = TONES.get(block.tone, ("1F4E79", "F3F6F9"))
        table = self.doc.add_table(rows=1, cols=1)
        cell = table.cell(0, 0)
        _shade(cell, fill)
        title = cell.paragraphs[0]
        run = title.add_run(block.title)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(12), RGBColor.from_string(edge)
        if block.marker:
            run = title.add_run(f" ({block.marker})")
            run.bold, run.font.color.rgb = True, MARKER
        for line in block.lines:
            paragraph = cell.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(2)
            if line.lead:
                paragraph.add_run(line.lead + " ").bold = True
            paragraph.add_run(line.text)
        self.doc.add_paragraph()

    def table(self, block: Table) -> None:
        if block.caption:
            caption = self.doc.add_paragraph(block.caption, style="Caption")
            caption.paragraph_format.keep_with_next = True
        n = len(block.columns)
        table = self.doc.add_table(rows=1, cols=n)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _borders(table)
        total = sum(block.widths) or 1
        widths = [Cm(TEXT_WIDTH_CM * w / total) for w in block.widths]
        size = Pt(8.5 if block.small else 9.5)
        header = table.rows[0]
        _repeat_header(header)
        for i, column in enumerate(block.columns):
            cell = header.cells[i]
            _shade(cell, "1F4E79")
            run = cell.paragraphs[0].add_run(column)
            run.bold, run.font.size, run.font.color.rgb = True, size, RGBColor(0xFF, 0xFF, 0xFF)
            if i in block.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for row in block.rows:
            cells = table.add_row().cells
            if row.group:
                merged = cells[0].merge(cells[-1]) if n > 1 else cells[0]
                edge, fill = TONES.get(row.tone or "", ("1F4E79", "F3F6F9"))
                _shade(merged, fill)
                run = merged.paragraphs[0].add_run(row.group)
                run.bold, run.font.size, run.font.color.rgb = True, size, RGBColor.from_string(edge)
                continue
            for i, value in enumerate(row.cells):
                self.cell(cells[i], value, size, numeric=i in block.numeric)
        for row in table.rows:
            for i, width in enumerate(widths):
                row.cells[i].width = width
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def cell(self, cell: Any, value: Cell, size: Pt, *, numeric: bool) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(1)
        if numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if value.text:
            paragraph.add_run(value.text).font.size = size
        for index, line in enumerate(value.lines):
            target = paragraph if index == 0 and not value.text else cell.add_paragraph()
            target.paragraph_format.space_after = Pt(2)
            target.add_run(f"• {line}").font.size = size
        if value.marker:
            run = cell.add_paragraph().add_run(value.marker)
            run.italic, run.font.size, run.font.color.rgb = True, Pt(8), MARKER
        if value.note:
            run = cell.add_paragraph().add_run(value.note)
            run.font.size, run.font.color.rgb = Pt(8), MUTED
        if value.shade is not None:
            _shade(cell, _heat(value.shade))


def _heat(share: float) -> str:
    low, high = (0xFF, 0xFF, 0xFF), (0x1F, 0x4E, 0x79)
    mix = [round(a + (b - a) * max(0.0, min(share, 1.0))) for a, b in zip(low, high, strict=True)]
    return "".join(f"{c:02X}" for c in mix)


def write(report: Report, out: Path) -> list[Path]:
    writer = _Writer(report)
    writer.cover()
    writer.footer()
    writer.page_break()
    writer.toc()
    for section in report.sections:
        writer.section(section)
    writer.doc.save(str(out))
    return [out]

