"""The text package's front door is pinned: adding a name is a decision, not an accident."""

from __future__ import annotations

import styrsignal.text


def test_public_names() -> None:
    assert styrsignal.text.__all__ == [
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
    assert all(hasattr(styrsignal.text, name) for name in styrsignal.text.__all__)


def test_stopword_lists() -> None:
    assert {"och", "den", "att"} <= styrsignal.text.stopwords("sv")
    assert {"the", "and", "of"} <= styrsignal.text.stopwords("en")
    assert not {"ska", "skall", "bör", "måste", "kan"} & styrsignal.text.stopwords("sv")
    assert not {"shall", "should", "must", "may"} & styrsignal.text.stopwords("en")
    assert styrsignal.text.stopwords("fi") == frozenset()
