"""The report as GitHub-flavoured Markdown, with the charts as PNG files beside it.

``rapport.md`` gets a folder ``rapport_charts/`` holding one PNG per chart, linked relatively,
so the report renders with its charts on a code-hosting site.  Tables are pipe tables (lists
inside a cell become ``<br>``-separated lines), the table of contents links to the headings by
the anchors such sites generate.
"""

from __future__ import annotations

import re
from pathlib import Path

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

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_SPACE = re.compile(r"[ \t\r\n]+")
"""Line breaks and runs of spaces; no-break spaces (as in "s.\u00a012") stay."""


def escape(text: str) -> str:
    """Text that Markdown shows as written: no emphasis, links, HTML or table breaks."""
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())


def heading_slug(text: str, seen: dict[str, int]) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens,
    ``-1``, ``-2`` … for repeats."""
    slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
    count = seen.get(slug, 0)
    seen[slug] = count + 1
    return slug if count == 0 else f"{slug}-{count}"


def charts_folder(out: Path) -> Path:
    return out.with_name(f"{out.stem}_charts")


class _Writer:
    def __init__(self, report: Report, out: Path) -> None:
        self.report, self.out = report, out
        self.lines: list[str] = []
        self.written: list[Path] = []
        self.slugs: dict[str, str] = {}
        seen: dict[str, int] = {}
        for section in report.walk():
            self.slugs[section.anchor] = heading_slug(section.heading, seen)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def render(self) -> str:
        r, w = self.report, self.report.words
        self.add(f"# {escape(r.title)}", "", f"**{escape(r.subtitle)}**", "")
        self.add("| " + " | ".join(escape(label) for label, _ in r.facts) + " |",
                 "|" + "---|" * len(r.facts),
                 "| " + " | ".join(escape(value) for _, value in r.facts) + " |", "")
        self.add(f"*{escape(r.colophon)}*", "")
        if r.figures():
            folder = charts_folder(self.out).name
            self.add(f"*{escape(w.fmt('md_charts_note', folder=folder))}*", "")
        self.add(f"## {escape(w['contents'])}", "")
        for section in r.toc():
            indent = "  " * (section.level - 1)
            self.add(f"{indent}- [{escape(section.heading)}](#{self.slugs[section.anchor]})")
        self.add("")
        for section in r.sections:
            self.section(section)
        return "\n".join(self.lines).rstrip() + "\n"

    def section(self, section: Section) -> None:
        # Markdown has six heading levels; the report title is the only level-1 heading.
        self.add(f"{'#' * min(section.level + 1, 6)} {escape(section.heading)}", "")
        for block in section.blocks:
            self.block(block)
        for child in section.children:
            self.section(child)

    @staticmethod
    def cites(citations: list[Citation]) -> str:
        return "".join(f" {escape(c.label)}" for c in citations)

    def block(self, block: Block) -> None:
        w = self.report.words
        if isinstance(block, Paragraph):
            text = escape(block.text)
            if block.style == "note":
                text = f"*{text}*"
            self.add((f"**{escape(block.lead)}** " if block.lead else "") + text, "")
        elif isinstance(block, BulletList):
            for number, item in enumerate(block.items, start=1):
                bullet = f"{number}." if block.numbered else "-"
                marker = f" **({escape(item.marker)})**" if item.marker else ""
                self.add(f"{bullet} {escape(item.text)}{marker}{self.cites(item.citations)}")
                if item.note:
                    self.add(f"{' ' * (len(bullet) + 1)}*{escape(item.note)}*")
            self.add("")
        elif isinstance(block, QuoteBlock):
            open_q, close_q = ("”", "”") if self.report.lang == "sv" else ("“", "”")
            self.add(f"> {open_q}{escape(block.quote)}{close_q}", ">", f"> {escape(block.citation.label)}", "")
        elif isinstance(block, Callout):
            marker = f" ({escape(block.marker)})" if block.marker else ""
            self.add(f"> **{escape(block.title)}**{marker}")
            for line in block.lines:
                self.add(">", "> " + (f"**{escape(line.lead)}** " if line.lead else "") + escape(line.text))
            self.add("")
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            folder = charts_folder(self.out)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{block.key}.png"
            path.write_bytes(block.png)
            self.written.append(path)
            self.add(f"![{escape(block.alt)}]({folder.name}/{path.name})", "", f"*{escape(block.caption)}*", "")
        elif isinstance(block, SourceList):
            for source in block.sources:
                details = f" – {escape(source.details)}" if source.details else ""
                self.add(f"{source.number}. **{escape(source.title)}**{details}")
            self.add("")
        else:  # pragma: no cover - every block kind is handled above
            raise TypeError(f"{w['report_title']}: unknown block {block!r}")

    def cell(self, cell: Cell) -> str:
        parts = []
        if cell.text:
            text = escape(cell.text)
            parts.append(f"[{text}](#{self.slugs[cell.anchor]})" if cell.anchor in self.slugs else text)
        parts += [f"• {escape(line)}" for line in cell.lines]
        if cell.marker:
            parts.append(f"*{escape(cell.marker)}*")
        if cell.note:
            parts.append(escape(cell.note))
        return "<br>".join(parts) or " "

    def table(self, block: Table) -> None:
        if block.caption:
            self.add(f"*{escape(block.caption)}*", "")
        self.add("| " + " | ".join(escape(c) for c in block.columns) + " |",
                 "|" + "".join("---:|" if i in block.numeric else "---|" for i in range(len(block.columns))))
        for row in block.rows:
            if row.group:
                self.add(f"| **{escape(row.group)}** |" + " |" * (len(block.columns) - 1))
            else:
                self.add("| " + " | ".join(self.cell(c) for c in row.cells) + " |")
        self.add("")


def write(report: Report, out: Path) -> list[Path]:
    writer = _Writer(report, out)
    out.write_text(writer.render(), encoding="utf-8")
    return [out, *writer.written]
