"""Passages: the units a document is searched, coded and cited by.

A passage is a stretch of a document's text — normally one paragraph, list item or table —
with the page(s) it stands on and the headings it stands under, so any hit can be cited as
"document, p. 12, 4.2 Förslag: …" and checked against the text verbatim
(``passage.text == document.text[passage.start:passage.end]``).

How blocks become passages:

* **One block, one passage.**  Headings are not passages; they give each passage its
  ``heading_path``.
* **Long blocks are cut at sentence boundaries** (:mod:`styrsignal.text.sentences`; tables
  at row boundaries) into pieces of at most ``max_chars``, balanced so that a 1,300-
  character paragraph becomes two of 650 rather than 1,200 + 100.  A single sentence
  longer than the bound is cut at a clause boundary ("; ", ", ") or, failing that, a space.
* **Very short neighbours are merged** — a list's items, a one-line paragraph and the
  list it introduces — while each is shorter than ``merge_below``, the result stays
  within ``max_chars``, and nothing lies between them but white space: never across a
  heading, a change of heading path or a page break, so a passage's start page is always
  the page of its first block.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from styrsignal.model import Block, Document, PageSpan, page_at
from styrsignal.text.sentences import split_sentences

MAX_CHARS = 1200
"""Upper bound of a passage's length in characters (a long paragraph, about 180 words)."""
MERGE_BELOW = 120
"""Blocks shorter than this (a line or two: list items, one-line paragraphs) may be merged."""

_CLAUSE_BREAK = re.compile(r"[;:,]\s+|\s+[–—]\s+")


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of a document's text: ``text == document.text[start:end]``."""

    document_id: int
    seq: int
    """Position in the document, from 0."""
    start: int
    end: int
    page_start: int | None
    """Page of the first character (None for formats without pages)."""
    page_end: int | None
    """Page of the last character."""
    heading_path: tuple[str, ...]
    text: str


def split_passages(document: Document, *, max_chars: int = MAX_CHARS, merge_below: int = MERGE_BELOW) -> list[Passage]:
    """The passages of a stored document."""
    return passages_from(
        document.text,
        document.blocks,
        document.pages,
        document_id=document.id,
        max_chars=max_chars,
        merge_below=merge_below,
    )


def passages_from(
    text: str,
    blocks: Sequence[Block],
    pages: Sequence[PageSpan] = (),
    *,
    document_id: int = 0,
    max_chars: int = MAX_CHARS,
    merge_below: int = MERGE_BELOW,
) -> list[Passage]:
    """The passages of ``text`` laid out as ``blocks`` over ``pages`` (e.g. an ``Extracted``)."""
    if max_chars < 2:
        raise ValueError(f"max_chars must be at least 2, not {max_chars}")
    page_list = list(pages)
    passages: list[Passage] = []
    for group in _groups(text, blocks, max_chars, merge_below):
        first, last = group[0], group[-1]
        if len(group) == 1 and first.end - first.start > max_chars:
            spans = _split_block(text, first, max_chars)
        else:
            spans = [(first.start, last.end)]
        for start, end in spans:
            page_start = page_at(page_list, start) if page_list else first.page
            page_end = page_at(page_list, end - 1) if page_list else last.page
            passages.append(
                Passage(
                    document_id=document_id,
                    seq=len(passages),
                    start=start,
                    end=end,
                    page_start=page_start,
                    page_end=page_end,
                    heading_path=first.heading_path,
                    text=text[start:end],
                )
            )
    return passages


def _groups(text: str, blocks: Sequence[Block], max_chars: int, merge_below: int) -> list[list[Block]]:
    """Runs of blocks that become one passage: a single block, or short neighbours."""
    groups: list[list[Block]] = []
    current: list[Block] = []
    for block in blocks:
        if block.kind == "heading":
            current = []
            continue
        if block.end <= block.start or not text[block.start : block.end].strip():
            continue
        if current and _mergeable(text, current, block, max_chars, merge_below):
            current.append(block)
            continue
        current = [block]
        groups.append(current)
    return groups


def _mergeable(text: str, group: list[Block], block: Block, max_chars: int, merge_below: int) -> bool:
    last = group[-1]
    return (
        last.end - last.start < merge_below
        and block.end - block.start < merge_below
        and block.end - group[0].start <= max_chars
        and block.heading_path == last.heading_path
        and block.page == last.page
        and not text[last.end : block.start].strip()
    )


def _split_block(text: str, block: Block, max_chars: int) -> list[tuple[int, int]]:
    """Cut a long block into balanced pieces of at most ``max_chars``."""
    if block.kind == "table":
        units = _lines(text, block.start, block.end)
    else:
        units = split_sentences(text, block.start, block.end)
    pieces: list[tuple[int, int]] = []
    for start, end in units:
        if end - start > max_chars:
            pieces.extend(_cut_long(text, start, end, max_chars))
        else:
            pieces.append((start, end))
    return _pack(pieces, max_chars)


def _pack(pieces: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    """Join consecutive pieces into chunks near an even share of the total length."""
    if not pieces:
        return []
    total = pieces[-1][1] - pieces[0][0]
    target = total / math.ceil(total / max_chars)
    chunks: list[tuple[int, int]] = []
    chunk_start, chunk_end = pieces[0]
    for start, end in pieces[1:]:
        if end - chunk_start > max_chars or chunk_end - chunk_start >= target:
            chunks.append((chunk_start, chunk_end))
            chunk_start = start
        chunk_end = end
    chunks.append((chunk_start, chunk_end))
    return chunks


def _cut_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut one over-long sentence (or table row) at clause breaks, else at spaces, else anywhere."""
    pieces: list[tuple[int, int]] = []
    while end - start > max_chars:
        limit = start + max_chars
        cut = _last_break(text, start + max_chars // 2, limit)
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return [(s, _rstrip(text, s, e)) for s, e in pieces]


def _last_break(text: str, low: int, limit: int) -> int:
    """End of the last clause break in ``text[low:limit]``, else the last space, else ``limit``."""
    best = None
    for match in _CLAUSE_BREAK.finditer(text, low, limit):
        best = match.start() + 1
    if best is not None:
        return best
    space = text.rfind(" ", low, limit)
    return space if space > low else limit


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    at = start
    while at < end:
        stop = text.find("\n", at, end)
        stop = end if stop < 0 else stop
        if text[at:stop].strip():
            spans.append((at, stop))
        at = stop + 1
    return spans


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
