"""Passages with their index terms: what the store's full-text index receives."""

from __future__ import annotations

from dataclasses import dataclass

from styrsignal.model import Block, PageSpan
from styrsignal.text.analyzer import index_text
from styrsignal.text.passages import Passage, passages_from


@dataclass(frozen=True, slots=True)
class IndexedPassage:
    passage: Passage
    words: str
    """Keys of the words in text order, space-separated (phrases match on these)."""
    heads: str
    """Keys of compound heads."""
    prefixes: str
    """Keys of compound modifiers (for the broad search only)."""


def index_passages(text: str, blocks: list[Block], pages: list[PageSpan], language: str,
                   document_id: int = 0) -> list[IndexedPassage]:
    """Split a document's text into passages and analyse each for the index."""
    lang = language if language in ("sv", "en") else "sv"
    result = []
    for passage in passages_from(text, blocks, pages, document_id=document_id):
        terms = index_text(passage.text, lang)
        result.append(IndexedPassage(passage, " ".join(terms.words), " ".join(terms.heads),
                                     " ".join(terms.prefixes)))
    return result
