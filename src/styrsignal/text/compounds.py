"""Swedish decompounding: "socialtjänstlagen" → social | tjänst | lagen.

How a split is found
--------------------
1. **Candidates come from the dictionary.**  :mod:`styrsignal.text.hunspell` says which
   strings may begin, continue or end a compound, with linking morphemes already built in
   by the lexicographer (``innovations-``, ``arbets-``, ``tjänste-``, ``hälso-``).  Every
   segmentation of the word into 2–4 such parts of at least :data:`MIN_PART` letters is a
   candidate.  Function words and particles never count as parts (``upp|handling``,
   ``tjänste|man``), nor do strings that are mostly derivational suffixes (``het``,
   ``dom`` in "sjukdom").

2. **Frequency decides** (wordfreq, Swedish).  A segmentation scores the frequency of its
   *rarest* part — the weakest link — measured on the parts' lemmas.  It replaces the
   whole word only if that score beats the word's own frequency (that of its lemma, so
   that all inflections agree) by :data:`MARGIN` zipf.  Transparent compounds are rarer
   than both their parts ("socialtjänst" 3.4 < "social" 4.7, "tjänst" 4.8) and split; lexicalised or
   opaque words are as frequent as their rarest candidate part or more ("verksamhet" 4.8 >
   "verksam" 3.8, "förutsättning" 3.9 > "sättning" 2.9) and stay whole.  Among the
   segmentations that pass, the one with the strongest weakest link wins, so
   "socialtjänstlagen" becomes social|tjänst|lagen rather than socialtjänst|lagen.

3. **Lemmas of parts.**  A linking form maps to its word (``arbets`` → arbete, ``hälso`` →
   hälsa, ``innovations`` → innovation); the last part keeps the inflection of the whole
   word, so its lemma comes from simplemma ("lagen" → lag).

Results are cached per word form (:func:`split_compound` is an ``lru_cache``), since the
same words recur throughout a corpus.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

import simplemma

from styrsignal.text.hunspell import BEGIN, END, MIDDLE, ONLY_IN_COMPOUND, Analysis, swedish
from styrsignal.text.stopwords import SWEDISH

MIN_PART = 3
"""Shortest part, in letters as written (linking morpheme included)."""
MAX_PARTS = 4
MAX_WORD = 48
"""Longer "words" are not split (they are usually URLs or garbage from extraction)."""
MARGIN = 0.3
"""How much (in zipf) the weakest part must beat the whole word for a split."""

# Verb particles and prepositions that prefix lexicalised words ("upphandling",
# "utbildning", "framtid", "efterfrågan"), and suffix-like strings that are words only by
# accident ("sjuk|dom", "verksam|het", "taxe|ring").
_PREFIXES_AND_SUFFIXES = """
    an av be bi bort dom efter else emot er fast fort fram förbi ge het ihop in kring kvar
    mot ned ner ning om på ring sam skap till tillbaka undan upp ut utom vid åter över
"""
_NOT_PARTS = SWEDISH | frozenset(_PREFIXES_AND_SUFFIXES.split())

OPAQUE = (
    "deltag",
    "europ",
    "fristående",
    "handled",
    "handlägg",
    "hushåll",
    "huvudsak",
    "högskol",
    "klagomål",
    "plattform",
    "regelbund",
    "vägled",
)
"""Word stems that frequency alone would split but whose parts do not mean the whole
("hand|läggning" is not about hands); no cut is made inside them, wherever they occur
("handläggningstid" → handläggnings|tid).  Kept short: add a stem when a real text shows
a wrong split."""


@dataclass(frozen=True, slots=True)
class CompoundPart:
    """One part of a compound word, as written and as a dictionary word."""

    surface: str
    """The part as it stands in the (normalised) word, linking morpheme included."""
    lemma: str
    start: int
    """Offset of the part within the word.  Parts overlap by one letter where a triple
    consonant was simplified ("kontroll" + "lista" → "kontrollista")."""
    end: int


@cache
def _frequencies() -> dict[str, float]:
    import wordfreq  # imported on first use: it pulls in ~0.15 s of dependencies

    return wordfreq.get_frequency_dict("sv")


@lru_cache(maxsize=1 << 17)
def zipf(word: str) -> float:
    """Zipf frequency of a Swedish word (0 for unknown words), after wordfreq."""
    freq = _frequencies().get(word)
    return math.log10(freq) + 9.0 if freq else 0.0


def lemma_sv(word: str) -> str | None:
    """simplemma's Swedish lemma, lower-cased, or None when simplemma does not know the word."""
    if not simplemma.is_known(word, lang="sv"):
        return None
    return simplemma.lemmatize(word, lang="sv").lower()


@lru_cache(maxsize=1 << 18)
def _begin(form: str) -> str | None:
    return _non_final(form, BEGIN)


@lru_cache(maxsize=1 << 18)
def _middle(form: str) -> str | None:
    return _non_final(form, MIDDLE)


def _non_final(form: str, role: str) -> str | None:
    """Lemma of ``form`` when it may stand first (``role`` X) or in the middle (U)."""
    lemmas = {
        _linking_lemma(analysis, form)
        for analysis in swedish().analyses(form)
        if role in analysis.flags and (not analysis.suffixed or analysis.permit)
    }
    return max(lemmas, key=zipf) if lemmas else None


@lru_cache(maxsize=1 << 18)
def _end(form: str) -> str | None:
    """Lemma of ``form`` when it may end a compound."""
    lemmas = {_linking_lemma(analysis, form) for analysis in swedish().analyses(form) if END in analysis.flags}
    if not lemmas:
        return None
    # simplemma knows inflection better ("förbunden" → förbund, not the adjective), the
    # dictionary knows more words; the more frequent candidate wins ("plan", not "plana").
    known = lemma_sv(form)
    if known is not None:
        lemmas.add(known)
    return max(lemmas, key=zipf)


def _linking_lemma(analysis: Analysis, form: str) -> str:
    """The word behind a compound form: ``arbets`` → arbete, ``hälso`` → hälsa, ``skydds`` → skydd.

    Stems marked "only in compounds" are linking forms the dictionary lists as stems of
    their own.  We try the usual ways Swedish forms them (dropping -s/-e/-a/-u/-o, or
    swapping the final vowel for -a/-e) and keep the most frequent real word.  The
    dictionary also derives the compound form of a noun from a verb of the same family
    ("skydda" → "skydds-"); the noun ("skydd") is then the lemma.
    """
    stem = analysis.stem
    if analysis.suffixed:
        noun = form[:-1]
        if form.endswith("s") and stem == noun + "a" and _is_word(noun):
            return noun
        return stem
    if ONLY_IN_COMPOUND not in analysis.flags:
        return stem
    head, last = stem[:-1], stem[-1]
    candidates = [stem + "a", stem + "e"]
    if last in "seauo":
        candidates += [head, head + "a", head + "e"]
    if stem.endswith("s") and head[-1:] in "eauo":
        candidates += [head[:-1] + "a", head[:-1] + "e", head[:-1]]
    words = [c for c in candidates if len(c) >= 2 and _is_word(c)]
    return max(words, key=zipf) if words else stem


def _is_word(form: str) -> bool:
    """A word of its own (not only a compound part)."""
    return any(ONLY_IN_COMPOUND not in a.flags for a in swedish().analyses(form))


def _segmentations(word: str) -> list[list[tuple[int, int, str]]]:
    """Every valid segmentation as (start, end, lemma) parts, in order."""
    found: list[list[tuple[int, int, str]]] = []
    size = len(word)
    blocked = _opaque_cuts(word)

    def extend(pos: int, parts: list[tuple[int, int, str]]) -> None:
        if parts and size - pos >= MIN_PART:
            lemma = _end(word[pos:])
            if lemma is not None and lemma not in _NOT_PARTS and word[pos:] not in _NOT_PARTS:
                found.append([*parts, (pos, size, lemma)])
        if len(parts) == MAX_PARTS - 1:
            return
        lookup = _middle if parts else _begin
        for cut in range(pos + MIN_PART, size - MIN_PART + 1):
            if cut in blocked:
                continue
            lemma = lookup(word[pos:cut])
            if lemma is None or lemma in _NOT_PARTS or word[pos:cut] in _NOT_PARTS:
                continue
            if parts and lemma == parts[-1][2]:
                continue  # "bil|bil": the dictionary forbids doubled parts
            extend(cut, [*parts, (pos, cut, lemma)])
            if word[cut - 1] == word[cut - 2] and size - cut + 1 >= MIN_PART:
                # Simplified triple consonant: "fall" + "lucka" is written "fallucka".
                extend(cut - 1, [*parts, (pos, cut, lemma)])

    extend(0, [])
    return found


def _opaque_cuts(word: str) -> set[int]:
    cuts: set[int] = set()
    for stem in OPAQUE:
        at = word.find(stem)
        while at >= 0:
            cuts.update(range(at + 1, at + len(stem)))
            at = word.find(stem, at + 1)
    return cuts


@lru_cache(maxsize=1 << 18)
def split_compound(word: str) -> tuple[CompoundPart, ...]:
    """The parts of a Swedish compound, or ``()`` when ``word`` is best left whole.

    ``word`` must already be normalised (:func:`styrsignal.text.normalize.normalize_word`)
    and consist of letters only; hyphenated words are split at the hyphens by the
    analyser before each piece comes here.
    """
    if len(word) < 2 * MIN_PART or len(word) > MAX_WORD or not word.isalpha():
        return ()
    candidates = _segmentations(word)
    if not candidates:
        return ()
    # Judge the word by its lemma when simplemma knows it, so that every inflection gets
    # the same answer ("arbetsmarknaden" is more frequent than "arbetsmarknad").
    whole_lemma = lemma_sv(word)
    whole = zipf(whole_lemma) if whole_lemma is not None else zipf(word)
    best = max(candidates, key=lambda parts: (min(zipf(lemma) for _, _, lemma in parts), -len(parts)))
    if min(zipf(lemma) for _, _, lemma in best) < whole + MARGIN:
        return ()
    return tuple(CompoundPart(word[start:end], lemma, start, end) for start, end, lemma in best)
