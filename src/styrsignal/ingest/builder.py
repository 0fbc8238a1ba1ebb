"""One way for every reader to lay out text and structure.

Readers call :meth:`TextBuilder.heading`, :meth:`paragraph`, :meth:`list_item`,
:meth:`table` and :meth:`new_page` in reading order; the builder joins the text with
blank lines, records each block's character offsets, tracks the heading path and the
page spans.  Readers therefore never compute offsets themselves.
"""

from __future__ import annotations

import re
import unicodedata

from styrsignal.model import Block, BlockKind, Extracted, PageSpan

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\u200b\ufeff]")


def clean_inline(text: str) -> str:
    """Normalise one block's text: NFC, no control characters, single spaces, no soft hyphens.

    Soft hyphens (U+00AD) are invisible break hints in web text and Riksdag data
    ("företa\xadgande"); dropping them keeps words whole for search.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "")
    text = _CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


class TextBuilder:
    def __init__(self, fmt: str) -> None:
        self.format = fmt
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []
        self._pages: list[PageSpan] = []
        self._page: int | None = None
        self._page_start = 0
        self._headings: list[tuple[int, str]] = []
        self.properties: dict[str, str] = {}
        self.warnings: list[str] = []

    # -- pages --------------------------------------------------------------------------
    def new_page(self, number: int) -> None:
        self._close_page()
        self._page = number
        self._page_start = self._length

    def _close_page(self) -> None:
        if self._page is not None:
            self._pages.append(PageSpan(self._page, self._page_start, self._length))

    # -- blocks -------------------------------------------------------------------------
    def _add(self, kind: BlockKind, text: str, level: int = 0) -> Block | None:
        text = clean_inline(text)
        if not text:
            return None
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
            if self._page is not None and self._page_start == self._length - 2:
                # A page that begins with this block starts at the block, not the separator.
                self._page_start = self._length
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        path = tuple(title for _, title in self._headings)
        block = Block(kind, start, self._length, self._page, level, path)
        self._blocks.append(block)
        return block

    def heading(self, text: str, level: int) -> None:
        level = max(1, min(level, 6))
        block = self._add("heading", text.replace("\n", " "), level)
        if block is None:
            return
        while self._headings and self._headings[-1][0] >= level:
            self._headings.pop()
        title = self._text_of(block)
        self._headings.append((level, title))

    def paragraph(self, text: str) -> None:
        self._add("paragraph", text)

    def list_item(self, text: str) -> None:
        self._add("list_item", text)

    def table(self, rows: list[list[str]]) -> None:
        lines = [" | ".join(clean_inline(c).replace("\n", " ") for c in row) for row in rows]
        self._add("table", "\n".join(line for line in lines if line.strip(" |")))

    def _text_of(self, block: Block) -> str:
        # Only called right after the block was appended.
        return self._parts[-1]

    @property
    def char_count(self) -> int:
        return self._length

    def build(self, page_count: int | None = None) -> Extracted:
        self._close_page()
        self._page = None
        return Extracted(
            format=self.format,
            text="".join(self._parts),
            blocks=self._blocks,
            pages=self._pages,
            page_count=page_count if page_count is not None else (len(self._pages) or None),
            properties={k: v for k, v in self.properties.items() if v},
            warnings=self.warnings,
        )
