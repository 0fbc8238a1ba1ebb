"""The building blocks of a report: sections of paragraphs, lists, quotes, tables, figures
and source lists, and the :class:`Report` that holds them.  :mod:`styrsignal.reports.content`
builds one; every writer lays one out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from styrsignal.reports.i18n import Words


@dataclass(frozen=True)
class Citation:
    document_id: int
    title: str
    pages: tuple[int, ...]
    source: int
    """The document's number in the object's source list."""
    label: str
    """``(Titel, s. 12)`` or ``(Titel, s. 12, 14)``."""


@dataclass
class Paragraph:
    text: str
    lead: str | None = None
    """Bold words before the text."""
    style: Literal["body", "note", "lead"] = "body"


@dataclass
class Item:
    text: str
    citations: list[Citation] = field(default_factory=list)
    marker: str | None = None
    """``granskad`` when an analyst accepted or rewrote it."""
    note: str | None = None


@dataclass
class BulletList:
    items: list[Item]
    numbered: bool = False


@dataclass
class QuoteBlock:
    quote: str
    citation: Citation


@dataclass
class Callout:
    """A boxed verdict: ``tone`` is the impact it is coloured by."""

    title: str
    tone: str
    marker: str | None = None
    lines: list[Paragraph] = field(default_factory=list)


@dataclass
class Cell:
    text: str = ""
    value: str | int | float | None = None
    """What a spreadsheet stores (a number where there is one); ``text`` when ``None``."""
    lines: list[str] = field(default_factory=list)
    """Further entries below the text, shown as a list."""
    note: str | None = None
    """Small print below the text."""
    marker: str | None = None
    """A flag below the text that must stand out, such as ``granskad; automatiskt: …``."""
    shade: float | None = None
    anchor: str | None = None
    """The section the text links to."""

    @property
    def data(self) -> str | int | float:
        if self.value is not None:
            return self.value
        return "\n".join(x for x in [self.text, *self.lines, self.marker or "", self.note or ""] if x)


@dataclass
class Row:
    cells: list[Cell]
    group: str | None = None
    """A group heading row spanning the table (the cells are then empty)."""
    tone: str | None = None


@dataclass
class Table:
    key: str
    columns: list[str]
    rows: list[Row]
    widths: list[float]
    caption: str | None = None
    numeric: tuple[int, ...] = ()
    formats: dict[int, str] = field(default_factory=dict)
    """Spreadsheet number formats by column (``0%``, ``0.00``)."""
    sheet: str | None = None
    heat: tuple[int, ...] = ()
    """Columns a spreadsheet colours as a heat map."""
    small: bool = False


@dataclass
class Figure:
    key: str
    caption: str
    png: bytes
    alt: str
    width: float = 1.0


@dataclass(frozen=True)
class Source:
    number: int
    title: str
    details: str
    document_id: int


@dataclass
class SourceList:
    title: str
    sources: list[Source]


Block = Paragraph | BulletList | QuoteBlock | Callout | Table | Figure | SourceList


@dataclass
class Section:
    anchor: str
    title: str
    level: int
    number: str = ""
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    in_toc: bool = True

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Report:
    lang: Literal["sv", "en"]
    words: Words
    title: str
    subtitle: str
    date: str
    facts: list[tuple[str, str]]
    colophon: str
    sections: list[Section]
    sheets: list[Table]
    objects: list[str] = field(default_factory=list)
    """The object ids in the order of the report."""

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def toc(self) -> list[Section]:
        return [s for s in self.walk() if s.in_toc and s.level <= 2]

    def figures(self) -> list[Figure]:
        return [b for s in self.walk() for b in s.blocks if isinstance(b, Figure)]
