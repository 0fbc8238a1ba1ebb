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
    return [IndexedPassage(passage, *passage_keys(passage.text, language))
            for passage in passages_from(text, blocks, pages, document_id=document_id)]


def passage_keys(text: str, language: str) -> tuple[str, str, str]:
    """The words, heads and prefixes of one passage's text, as :class:`IndexedPassage` holds them
    (a document's stored language decides the analysis; languages other than sv and en get sv)."""
    terms = index_text(text, language if language in ("sv", "en") else "sv")
    return " ".join(terms.words), " ".join(terms.heads), " ".join(terms.prefixes)
