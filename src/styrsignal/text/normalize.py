"""Normalisation of words for matching: NFC, lower case, one hyphen, one apostrophe, no soft hyphens.

What we do *not* do is as important: diacritics are never stripped.  å, ä and ö are
letters of their own in Swedish ("får" is not "far", "öra" is not "ora"), and é is kept
too ("idé").  Lower-casing uses :meth:`str.lower`, not :meth:`str.casefold`, so that no
letter turns into two ("ß" stays).

Offsets are always into the caller's text.  Text from the ingest readers is already NFC;
for other text :func:`nfc_with_offsets` normalises and keeps a map back to the input.
"""

from __future__ import annotations

import unicodedata

_VARIANTS: dict[int, str | None] = str.maketrans(
    {
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u00ad": None,  # soft hyphen: a break hint, not part of the word ("före\xadbyggande")
        "\u2019": "'",  # right single quotation mark used as apostrophe
        "\u02bc": "'",  # modifier letter apostrophe
    }
)


def normalize_word(word: str) -> str:
    """The form a word is matched by: NFC, lower case, plain hyphen and apostrophe."""
    if not word.isascii():
        word = unicodedata.normalize("NFC", word).translate(_VARIANTS)
    return word.lower()


def nfc_with_offsets(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """``text`` in NFC and, when that changed it, where each character came from.

    ``sources[i]`` is the span of ``text`` that normalised character ``i`` belongs to: a
    base character with the combining marks after it.  A word found at ``[a, b)`` of the
    normalised text is ``text[sources[a][0] : sources[b - 1][1]]`` of the input, marks
    included.  For text that is already NFC (the usual case) ``sources`` is None and
    offsets carry over unchanged.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    sources: list[tuple[int, int]] = []
    start = 0
    # Normalise cluster by cluster, so each output character can be traced to its cluster.
    for index in range(1, len(text) + 1):
        if index < len(text) and unicodedata.combining(text[index]):
            continue
        cluster = unicodedata.normalize("NFC", text[start:index])
        pieces.append(cluster)
        sources.extend([(start, index)] * len(cluster))
        start = index
    return "".join(pieces), sources
