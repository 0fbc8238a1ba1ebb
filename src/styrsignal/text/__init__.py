"""Swedish (and English) text analysis and passages: the stage between ingest and the store.

* :func:`split_sentences` — sentence spans that know Swedish abbreviations and legal
  references (:mod:`.sentences`).
* :func:`split_passages` — a document cut into citable passages with pages and heading
  paths (:mod:`.passages`).
* :func:`analyze`, :func:`index_terms`, :func:`index_text`, :func:`query_terms` — tokens
  with lemmas, stems and compound parts, and what a search index stores for them
  (:mod:`.analyzer`, built on :mod:`.normalize`, :mod:`.compounds`, :mod:`.stopwords`).

Dictionaries (Hunspell, simplemma, wordfreq) load on first use, not on import.
"""

from styrsignal.text.analyzer import (
    IndexedText,
    Part,
    Token,
    Word,
    analyze,
    analyze_word,
    index_terms,
    index_text,
    query_terms,
)
from styrsignal.text.compounds import CompoundPart, split_compound
from styrsignal.text.normalize import normalize_word
from styrsignal.text.passages import Passage, passages_from, split_passages
from styrsignal.text.sentences import split_sentences
from styrsignal.text.stopwords import stopwords

__all__ = [
    "CompoundPart",
    "IndexedText",
    "Part",
    "Passage",
    "Token",
    "Word",
    "analyze",
    "analyze_word",
    "index_terms",
    "index_text",
    "normalize_word",
    "passages_from",
    "query_terms",
    "split_compound",
    "split_passages",
    "split_sentences",
    "stopwords",
]
