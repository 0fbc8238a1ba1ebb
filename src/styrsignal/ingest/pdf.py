"""PDF reader: the text layer via pypdfium2, rebuilt into headings and paragraphs.

pdfium gives text line by line.  For each line we ask for the font size and position of
its first character (two cheap calls), then:

* drop page furniture — running headers and footers and page numbers, recognised as lines
  near the top or bottom edge that repeat (digits aside) across pages;
* take the document's body font size (the most common one, weighted by characters) and
  read noticeably larger, short lines as headings, levelled by size;
* join lines into paragraphs, breaking on vertical gaps, short sentence-final lines,
  changes of font size and list markers.

Soft line-break hyphens, which pdfium marks with U+FFFE, are removed so words stay whole.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from styrsignal.errors import EncryptedDocument, ExtractionFailed, NoTextLayer
from styrsignal.ingest.builder import TextBuilder
from styrsignal.model import Extracted

_LIST_MARKER = re.compile(r"^(?:[•●▪◦‣∙·\-–—*]\s+|\(?[0-9]{1,2}[.)]\s+|\(?[a-zåäö][.)]\s+)")
_SENTENCE_END = re.compile(r"[.!?:;]['”’\")]*$")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(?:(?:sid|sida|page|s\.)\s*)?\d{1,4}(?:\s*(?:av|of|\(|/)\s*\d{1,4}\)?)?$", re.I)
_CONNECTIVES = {"och", "eller", "samt", "resp.", "respektive", "and", "or", "till", "som"}
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


@dataclass(slots=True)
class _Line:
    text: str
    size: float
    left: float
    baseline: float
    right: float

    @property
    def top(self) -> float:
        return self.baseline + self.size * 0.8


def read_pdf(path: Path) -> Extracted:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise EncryptedDocument("encrypted PDF: it needs a password to open") from exc
        raise ExtractionFailed(f"corrupt or truncated PDF ({exc})") from exc
    try:
        pages = _read_lines(pdf)
        properties = _properties(pdf)
    except pdfium.PdfiumError as exc:
        raise ExtractionFailed(f"corrupt PDF: a page could not be read ({exc})") from exc
    finally:
        pdf.close()

    page_count = len(pages)
    chars = sum(len(line.text.strip()) for page in pages for line, _ in page)
    if page_count == 0:
        raise ExtractionFailed("PDF has no pages")
    if chars < max(20, 8 * page_count):
        raise NoTextLayer("no text layer (scanned or image-only PDF); OCR is not supported")

    furniture = _furniture(pages)
    body = _body_size([line for page in pages for line, _ in page])
    heading_levels = _heading_levels(pages, body, furniture)

    builder = TextBuilder("pdf")
    builder.properties.update(properties)
    for number, page in enumerate(pages, start=1):
        builder.new_page(number)
        kept = [ln for ln, _ in page if (number, ln.text) not in furniture]
        _layout_page(builder, _merge_baselines(kept), body, heading_levels)
    return builder.build(page_count=page_count)


def _read_lines(pdf: pdfium.PdfDocument) -> list[list[tuple[_Line, float]]]:
    """Per page: lines with the page height, in pdfium's reading order."""
    x, y = ctypes.c_double(), ctypes.c_double()
    matrix = pdfium_c.FS_MATRIX()
    result: list[list[tuple[_Line, float]]] = []
    for index in range(len(pdf)):
        page = pdf[index]
        height = page.get_height()
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        astral = _ASTRAL.search(text) is not None  # rare: count per line only on such pages
        lines: list[tuple[_Line, float]] = []
        offset = 0
        for raw_line in text.split("\r\n"):
            stripped = raw_line.strip()
            if stripped:
                first = offset + (len(raw_line) - len(raw_line.lstrip()))
                size = pdfium_c.FPDFText_GetFontSize(textpage, first)
                if pdfium_c.FPDFText_GetMatrix(textpage, first, matrix):
                    # Effective size: layout programs often set size 1 and scale the matrix.
                    size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
                pdfium_c.FPDFText_GetCharOrigin(textpage, first, x, y)
                x0, y0 = x.value, y.value
                last = offset + len(raw_line.rstrip()) - 1
                pdfium_c.FPDFText_GetCharOrigin(textpage, last, x, y)
                lines.append((_Line(stripped, round(size * 2) / 2, x0, y0, x.value + size * 0.5), height))
            offset += len(raw_line) + 2 + (_astral(raw_line) if astral else 0)
        textpage.close()
        page.close()
        result.append(lines)
    return result


def _merge_baselines(lines: list[_Line]) -> list[_Line]:
    """Join pieces pdfium split off one printed line (superscripts, tab stops)."""
    merged: list[_Line] = []
    for line in lines:
        if merged and _same_baseline(merged[-1], line):
            prev = merged[-1]
            joiner = "" if prev.text.endswith("\ufffe") else " "
            merged[-1] = _Line(f"{prev.text}{joiner}{line.text}", prev.size, prev.left, prev.baseline,
                               max(prev.right, line.right))
        else:
            merged.append(line)
    return merged


def _astral(text: str) -> int:
    """pdfium counts UTF-16 units; characters beyond the BMP take two."""
    return len(_ASTRAL.findall(text))


def _same_baseline(prev: _Line, line: _Line) -> bool:
    return (abs(prev.baseline - line.baseline) < 3 and prev.right - 2 < line.left < prev.right + 2 * line.size
            and abs(prev.size - line.size) < 3)


def _properties(pdf: pdfium.PdfDocument) -> dict[str, str]:
    meta = pdf.get_metadata_dict(skip_empty=True)
    props = {
        "title": meta.get("Title", ""),
        "author": meta.get("Author", ""),
        "subject": meta.get("Subject", ""),
        "keywords": meta.get("Keywords", ""),
        "creator": meta.get("Creator", ""),
        "created": _pdf_date(meta.get("CreationDate", "")),
        "modified": _pdf_date(meta.get("ModDate", "")),
    }
    return {k: " ".join(v.split()) for k, v in props.items() if v and v.strip()}


def _pdf_date(value: str) -> str:
    match = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", value.strip())
    if not match:
        return ""
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    return f"{year}-{month}-{day}"


def _furniture(pages: list[list[tuple[_Line, float]]]) -> set[tuple[int, str]]:
    """Running headers, footers and page numbers: (page number, line text) to drop."""
    zone_lines: list[tuple[int, str, str]] = []
    for number, page in enumerate(pages, start=1):
        for line, height in page:
            in_zone = line.top > height * 0.90 or line.baseline < height * 0.10
            if in_zone and len(line.text) < 120:
                zone_lines.append((number, line.text, _DIGITS.sub("#", line.text).lower()))
    counts = Counter(shape for _, _, shape in zone_lines)
    threshold = max(2, int(len(pages) * 0.3))
    drop: set[tuple[int, str]] = set()
    for number, text, shape in zone_lines:
        if _PAGE_NUMBER.match(text) or (len(pages) > 2 and counts[shape] >= threshold):
            drop.add((number, text))
    return drop


def _body_size(lines: list[_Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _is_heading_candidate(line: _Line, body: float) -> bool:
    text = line.text
    return (
        line.size >= body * 1.15
        and len(text) <= 160
        and not text.endswith((",", ";"))
        and any(ch.isalpha() for ch in text)
    )


def _heading_levels(pages: list[list[tuple[_Line, float]]], body: float,
                    furniture: set[tuple[int, str]]) -> dict[float, int]:
    sizes: Counter[float] = Counter()
    for number, page in enumerate(pages, start=1):
        for line, _ in page:
            if (number, line.text) not in furniture and _is_heading_candidate(line, body):
                sizes[line.size] += 1
    ordered = sorted(sizes, reverse=True)
    return {size: min(index + 1, 6) for index, size in enumerate(ordered)}


def _layout_page(builder: TextBuilder, lines: list[_Line], body: float,
                 heading_levels: dict[float, int]) -> None:
    kind = ""
    buffer: list[_Line] = []

    def flush() -> None:
        nonlocal buffer, kind
        if buffer:
            text = _join_lines([ln.text for ln in buffer])
            if kind == "heading":
                builder.heading(text, heading_levels.get(buffer[0].size, 1))
            elif kind == "list_item":
                builder.list_item(text)
            else:
                builder.paragraph(text)
        buffer, kind = [], ""

    widths = sorted(ln.right for ln in lines if ln.size == body)
    right_margin = widths[int(len(widths) * 0.9)] if widths else 0.0
    steps = sorted(a.baseline - b.baseline for a, b in pairwise(lines)
                   if a.size == b.size == body and 0 < a.baseline - b.baseline < body * 3)
    leading = steps[len(steps) // 2] if steps else body * 1.3
    for line in lines:
        is_heading = line.size in heading_levels and _is_heading_candidate(line, body)
        line_kind = "heading" if is_heading else ("list_item" if _LIST_MARKER.match(line.text) else "paragraph")
        if buffer:
            prev = buffer[-1]
            step = prev.baseline - line.baseline
            # pdfium joins a line broken with a soft hyphen to the next: it spans two rows.
            expected = leading * max(line.size, prev.size) / body * (1 + prev.text.count("\ufffe"))
            breaks = (
                (line_kind == "heading" and kind != "heading")
                or (kind == "heading" and (line_kind != "heading" or line.size != prev.size or step > expected * 1.6))
                or line_kind == "list_item"
                or abs(line.size - prev.size) > 0.6
                or step > expected * 1.35
                or step < -expected  # jumped up: a new column or a new frame
                or (kind == "paragraph" and line.left > prev.left + body * 0.6 and line.text[:1].isupper())
                or (kind != "heading" and _SENTENCE_END.search(prev.text) is not None
                    and right_margin > 0 and prev.right < right_margin - 3 * body)
            )
            if breaks:
                flush()
        if not buffer:
            kind = line_kind
        buffer.append(line)
    flush()


def _join_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if not out:
            out = line
        elif out.endswith("\ufffe"):
            out = out[:-1] + line
        elif out.endswith("-") and not out.endswith(" -") and line[:1].islower() \
                and line.split(" ", 1)[0] not in _CONNECTIVES:
            out = out + line  # "EU-\nkommissionen" → "EU-kommissionen"
        else:
            out = f"{out} {line}"
    return out.replace("\ufffe", "")
