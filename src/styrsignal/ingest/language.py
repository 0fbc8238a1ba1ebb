"""Language of a document: "sv", "en" or "other"."""

from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 6000
_LANGUAGES = ["sv", "en", "da", "nn", "no", "fi", "de", "fr", "es", "it", "nl", "pl", "pt", "et", "is"]


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(_LANGUAGES)
    return identifier


def detect_language(text: str) -> str:
    """Classify a sample from the start, middle and end of the text."""
    if len(text) > SAMPLE_CHARS:
        third = SAMPLE_CHARS // 3
        middle = len(text) // 2
        sample = text[:third] + " " + text[middle:middle + third] + " " + text[-third:]
    else:
        sample = text
    if sum(ch.isalpha() for ch in sample) < 20:
        return "other"
    language, _probability = _identifier().classify(sample)
    return language if language in ("sv", "en") else "other"
