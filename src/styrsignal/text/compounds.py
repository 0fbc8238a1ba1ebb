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

Loading the word lists
----------------------
simplemma's Swedish dictionary takes a second or more to decode, wordfreq's list a few
tenths; every process that analyses text pays that once.  The decoded tables are
therefore kept in the user's cache folder (``$XDG_CACHE_HOME/styrsignal`` or
``~/.cache/styrsignal``) as :mod:`marshal` data, which loads several times faster.  A
cache file names the files and library version it was made from and carries a SHA-256
of its contents; one that does not match, cannot be read or cannot be written is simply
not used, and the tables are decoded as before.  The lookups themselves are simplemma's
own, so the lemmas are the same either way.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import math
import os
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from styrsignal.text.hunspell import BEGIN, END, MIDDLE, ONLY_IN_COMPOUND, Analysis, swedish
from styrsignal.text.stopwords import SWEDISH

if TYPE_CHECKING:
    from simplemma import Lemmatizer
    from simplemma.strategies import DictionaryLookupStrategy

_Table = TypeVar("_Table", dict[bytes, bytes], dict[str, float])

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
    spec = importlib.util.find_spec("wordfreq")
    package = Path(spec.origin).parent if spec is not None and spec.origin else None
    sources = [package / "__init__.py", *sorted(package.glob("data/*_sv.msgpack.gz"))] if package else []
    return _cached("wordfreq-sv", sources, "", _wordfreq_sv)


def _wordfreq_sv() -> dict[str, float]:
    import wordfreq  # imported on first use: it pulls in ~0.15 s of dependencies

    return wordfreq.get_frequency_dict("sv")


@lru_cache(maxsize=1 << 17)
def zipf(word: str) -> float:
    """Zipf frequency of a Swedish word (0 for unknown words), after wordfreq."""
    freq = _frequencies().get(word)
    return math.log10(freq) + 9.0 if freq else 0.0


def lemma_sv(word: str) -> str | None:
    """simplemma's Swedish lemma, lower-cased, or None when simplemma does not know the word."""
    return known_lemma(word, "sv")


def known_lemma(word: str, lang: str) -> str | None:
    """simplemma's lemma of ``word`` in ``lang``, lower-cased, or None when simplemma does not
    know the word: ``simplemma.is_known`` and ``simplemma.lemmatize``, over dictionaries
    loaded through the cache (see the module docstring)."""
    from simplemma.utils import normalize_token

    if not word:
        raise ValueError("Wrong input value: empty string")  # as simplemma.is_known
    lookup, lemmatizer = _simplemma()
    if lookup.get_lemma(normalize_token(word), lang) is None:
        return None
    return lemmatizer.lemmatize(word, lang).lower()


@cache
def _simplemma() -> tuple[DictionaryLookupStrategy, Lemmatizer]:
    """What ``simplemma.is_known`` and ``simplemma.lemmatize`` use, with our dictionary loader."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy, DictionaryFactory, DictionaryLookupStrategy

    class CachedDictionaries(DictionaryFactory):
        def get_dictionary(self, lang: str) -> Mapping[str, str]:
            return _simplemma_dictionary(lang)

    factory = CachedDictionaries()
    lemmatizer = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))
    return DictionaryLookupStrategy(factory), lemmatizer


@cache
def _simplemma_dictionary(lang: str) -> Mapping[str, str]:
    import simplemma
    from simplemma.strategies import DEFAULT_DICTIONARY_FACTORY

    try:
        from simplemma.strategies.dictionaries.dictionary_factory import (
            DATA_FOLDER,
            SUPPORTED_LANGUAGES,
            MappingStrToByteString,
            _load_dictionary_from_disk,
        )
    except ImportError:  # a simplemma laid out differently: its own loader, uncached
        return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
    if lang not in SUPPORTED_LANGUAGES:
        return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)  # raises simplemma's error
    table = _cached(f"simplemma-{lang}", [DATA_FOLDER / f"{lang}.plzma"], simplemma.__version__,
                    lambda: _load_dictionary_from_disk(lang))
    return MappingStrToByteString(table)


# -- the cache of decoded word lists ----------------------------------------------------------

_CACHE_FORMAT = b"styrsignal word-list cache 1"


def _cached(name: str, sources: Sequence[Path], version: str, build: Callable[[], _Table]) -> _Table:
    """``build()``, or what it returned in an earlier process whose ``sources`` and ``version``
    were the same."""
    path, key = _cache_file(name), _cache_key(sources, version)
    stored = _read_cache(path, key) if path is not None and key is not None else None
    if stored is not None:
        return cast(_Table, stored)  # the key names what was stored
    table = build()
    if path is not None and key is not None:
        _write_cache(path, key, table)
    return table


def _cache_file(name: str) -> Path | None:
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no home directory
        return None
    return base / "styrsignal" / f"{name}.marshal"


def _cache_key(sources: Sequence[Path], version: str) -> bytes | None:
    """What the table was built from: Python and marshal versions, the library version, and
    each source file's path, size and modification time."""
    parts = [f"python {sys.version_info[0]}.{sys.version_info[1]} marshal {marshal.version}", version]
    try:
        for source in sources:
            stat = source.stat()
            parts.append(f"{source.resolve()} {stat.st_size} {stat.st_mtime_ns}")
    except OSError:
        return None
    key = " | ".join(parts).encode("utf-8", "backslashreplace")
    return None if b"\n" in key or not sources else key


def _read_cache(path: Path, key: bytes) -> dict[Any, Any] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = data.split(b"\n", 3)
    if len(header) != 4 or header[0] != _CACHE_FORMAT or header[1] != key:
        return None
    payload = memoryview(data)[len(header[0]) + len(header[1]) + len(header[2]) + 3:]
    if hashlib.sha256(payload).hexdigest().encode() != header[2]:
        return None
    try:
        table = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return table if isinstance(table, dict) else None


def _write_cache(path: Path, key: bytes, table: dict[bytes, bytes] | dict[str, float]) -> None:
    """Write atomically (a temporary file renamed over the old one); give up quietly on any
    error: the cache only saves time."""
    try:
        payload = marshal.dumps(table)
        digest = hashlib.sha256(payload).hexdigest().encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except (OSError, ValueError):
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(b"\n".join((_CACHE_FORMAT, key, digest, payload)))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


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
    return max(sorted(lemmas), key=zipf) if lemmas else None  # sorted: ties must not depend on hash order


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
    return max(sorted(lemmas), key=zipf)


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
    return max(sorted(words), key=zipf) if words else stem


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
