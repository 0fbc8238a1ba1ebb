"""Normalisation: NFC and lower case, never a stripped diacritic; offsets back to the input."""

from __future__ import annotations

import unicodedata

import pytest

from styrsignal.text.normalize import nfc_with_offsets, normalize_word


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Socialtjänsten", "socialtjänsten"),
        ("ÅTGÄRDSPROGRAM", "åtgärdsprogram"),
        ("Idé", "idé"),  # é is kept too
        (unicodedata.normalize("NFD", "Förbättring"), "förbättring"),  # decomposed ö → one letter
        ("e\u2011tjänst", "e-tjänst"),  # non-breaking hyphen
        ("EU\u2019s", "eu's"),
        ("före\u00adbyggande", "förebyggande"),  # soft hyphen
        ("Straße", "straße"),  # lower(), not casefold()
        ("KOMMUN", "kommun"),
    ],
)
def test_normalize_word(word: str, expected: str) -> None:
    assert normalize_word(word) == expected


@pytest.mark.parametrize(("letter", "plain"), [("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e")])
def test_diacritics_are_never_stripped(letter: str, plain: str) -> None:
    assert normalize_word(letter) != normalize_word(plain)


def test_nfc_text_passes_through() -> None:
    text = "Sociala företag"
    assert nfc_with_offsets(text) == (text, None)


def test_decomposed_text_maps_back() -> None:
    text = "A" + unicodedata.normalize("NFD", "rbetsförmedlingen och försäkringskassan")
    normalized, sources = nfc_with_offsets(text)
    assert sources is not None
    assert normalized == unicodedata.normalize("NFC", text)
    assert len(sources) == len(normalized)
    at = normalized.index("försäkringskassan")
    start, end = sources[at][0], sources[at + len("försäkringskassan") - 1][1]
    assert unicodedata.normalize("NFC", text[start:end]) == "försäkringskassan"
    assert text[end:] == ""


def test_marks_that_do_not_compose_stay_with_their_letter() -> None:
    text = "g\u0308\u0308so\u0308"  # the ö makes the text non-NFC; g + two marks has no composed form
    normalized, sources = nfc_with_offsets(text)
    assert normalized == "g\u0308\u0308sö"
    assert sources == [(0, 3), (0, 3), (0, 3), (3, 4), (4, 6)]
