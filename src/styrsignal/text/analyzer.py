"""Swedish and English word analysis for search and term matching.

:func:`analyze` turns text into :class:`Token` objects: the word as written with its
offsets, its normalised form, lemma, stem and — for Swedish compounds — its parts.
:func:`index_terms` and :func:`query_terms` say what goes into a full-text index and what
a query looks for; :func:`index_text` does the same for a whole passage without building
tokens, for bulk indexing.

The key of a word
-----------------
A word is matched by ``stem``: the Snowball stem of its *lemma*.  The lemma (simplemma)
undoes what a stemmer cannot ("ekonomin" → ekonomi, "socialt" → social, "tjänstemän" →
tjänsteman); the stemmer then conflates what the lemmatiser does not know or keeps apart
("samverkar" and "samverka" → samverk).  For a compound simplemma has never seen, the
lemma is built from its last part: "samordningsförbunden" → samordnings + förbund.  So
"social ekonomi" finds "den sociala ekonomin" and "socialtjänstlag" finds
"socialtjänstlagen".  The noun "samverkan" and the verb "samverkar" keep different keys:
they are different words, and conflating -an nouns with verbs would also merge unrelated
pairs.

What is indexed for a compound
------------------------------
A compound is indexed under its own key and under the key of its **head**, its last
part: "socialtjänsten" under socialtjänst and tjänst; "socialtjänstlagen" under
socialtjänstlag and lag.  The head names what the thing is (social services are a
service, the Social Services Act is an act), so a search for "tjänst" finds
"socialtjänsten", "hemtjänst" and "e-tjänster" but not "tjänsteman", whose head is "man"
(a stopword, and anyway not a service), nor "tjänstepension".  Modifiers — the parts
before the head — are kept apart as **prefix terms** ("innovationsupphandling" →
innovation; "socialtjänstlagen" → social, socialtjänst), for a deliberately broad search
("everything about innovation") that an index may offer as a separate column.  That keeps
the default search bounded: a modifier says what a thing is *about*, and matching it
everywhere would make short words like "tjänst" match half the vocabulary.

Everything expensive happens once per word form (an ``lru_cache`` on the form), so
analysing a corpus costs a regex match and a dictionary lookup per running word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type information

from styrsignal.text.compounds import known_lemma, lemma_sv, split_compound
from styrsignal.text.normalize import nfc_with_offsets, normalize_word
from styrsignal.text.stopwords import stopwords

LANGUAGES = ("sv", "en")
"""Languages analysed fully; any other language code gets normalisation only."""

_TOKEN = re.compile(r"[^\W_]+(?:(?:[-'’:‐‑\u00ad]|(?<=\d)[.,/](?=\d))[^\W_]+)*")
"""A word: letters and digits, joined by inner hyphens, apostrophes, colons and soft hyphens
("e-tjänst", "EU:s", "före\xadbyggande"), and numbers with inner separators ("2013/14:104",
"1,5")."""
_CLITIC = re.compile(r"(.+?):(?:s|n|en|et|ens|ets|ar|er|or|na|arna|erna|orna|arnas|ernas|ornas|a|e|an|ans|ns)")
"""Swedish endings written after a colon on abbreviations and numbers ("EU:s", "SOU:er")."""


class Part(NamedTuple):
    """One part of a compound word."""

    surface: str
    """As written in the normalised word, linking morpheme included ("innovations")."""
    lemma: str
    stem: str
    start: int
    """Offset of the part within the token's ``norm`` (not within the text)."""
    end: int


@dataclass(frozen=True, slots=True)
class Word:
    """The analysis of one word form, shared by every occurrence of it."""

    norm: str
    lemma: str
    stem: str
    parts: tuple[Part, ...]
    stop: bool
    heads: tuple[str, ...]
    """Keys the word is indexed under besides its own ``stem``: its compound head."""
    prefixes: tuple[str, ...]
    """Keys of its modifiers, for broad search only."""


class Token(NamedTuple):
    """A word in a text: ``text[start:end] == surface``."""

    surface: str
    start: int
    end: int
    word: Word

    @property
    def norm(self) -> str:
        return self.word.norm

    @property
    def lemma(self) -> str:
        return self.word.lemma

    @property
    def stem(self) -> str:
        return self.word.stem

    @property
    def parts(self) -> tuple[Part, ...]:
        return self.word.parts

    @property
    def stop(self) -> bool:
        return self.word.stop


@dataclass(frozen=True, slots=True)
class IndexedText:
    """The terms of a text for a full-text index, one list per kind (see module docstring)."""

    words: list[str]
    """One key per non-stopword token, in text order (so phrases still match)."""
    heads: list[str]
    prefixes: list[str]


def analyze(text: str, lang: str = "sv") -> list[Token]:
    """The words of ``text`` with offsets into ``text`` itself, analysed for ``lang``."""
    normalized, sources = nfc_with_offsets(text)
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(normalized):
        surface = match.group()
        start, end = match.span()
        if sources is not None:
            start, end = sources[start][0], sources[end - 1][1]
            surface = text[start:end]
        append(Token(surface, start, end, analyze_word(surface, lang)))
    return tokens


def index_terms(token: Token) -> tuple[str, ...]:
    """What a token is indexed under: its own key, then its compound head (if any).

    Stopwords give nothing.  Modifier keys (:attr:`Word.prefixes`) are not included; see
    the module docstring for why.
    """
    word = token.word
    if word.stop:
        return ()
    return (word.stem, *word.heads)


def query_terms(text: str, lang: str = "sv") -> list[str]:
    """The keys a query looks for: one per non-stopword, the whole word only.

    A query word is never decompounded: "socialtjänstlag" must match the law, not every
    text that mentions "lag".
    """
    keys: list[str] = []
    for match in _TOKEN.finditer(nfc_with_offsets(text)[0]):
        word = analyze_word(match.group(), lang)
        if not word.stop:
            keys.append(word.stem)
    return keys


def index_text(text: str, lang: str = "sv") -> IndexedText:
    """All index terms of ``text``, without building tokens: the bulk-indexing path."""
    words: list[str] = []
    heads: list[str] = []
    prefixes: list[str] = []
    for match in _TOKEN.finditer(nfc_with_offsets(text)[0]):
        word = analyze_word(match.group(), lang)
        if word.stop:
            continue
        words.append(word.stem)
        if word.parts:
            heads.extend(word.heads)
            prefixes.extend(word.prefixes)
    return IndexedText(words, heads, prefixes)


@lru_cache(maxsize=1 << 19)
def analyze_word(surface: str, lang: str = "sv") -> Word:
    """The analysis of one word as written (cached per form and language)."""
    norm = normalize_word(surface)
    if lang not in LANGUAGES:
        return Word(norm, norm, norm, (), False, (), ())
    stop = norm in stopwords(lang)
    if not any(char.isalpha() for char in norm):
        return Word(norm, norm, norm, (), stop, (), ())
    clitic = _CLITIC.fullmatch(norm) if lang == "sv" else None
    base = clitic.group(1) if clitic else norm
    lemma, parts = _lemma_and_parts(base, lang)
    stem = _stem(lemma, lang)
    heads: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    if parts:
        ignore = stopwords(lang)
        head = parts[-1]
        if head.stem != stem and head.lemma not in ignore:
            heads = (head.stem,)
        keys = (_stem(base[: part.start] + part.lemma, lang) for part in parts[:-1])
        prefixes = tuple(key for key in dict.fromkeys(keys) if key not in ignore)
    return Word(norm, lemma, stem, parts, stop, heads, prefixes)


def _lemma_and_parts(word: str, lang: str) -> tuple[str, tuple[Part, ...]]:
    if "-" in word:
        return _hyphenated(word, lang)
    if lang != "sv":
        return _lemma_en(word), ()
    found = split_compound(word)
    lemma = lemma_sv(word)
    if lemma is None:
        lemma = word[: found[-1].start] + found[-1].lemma if found else word
    parts = tuple(Part(p.surface, p.lemma, _stem(p.lemma, lang), p.start, p.end) for p in found)
    return lemma, parts


def _hyphenated(word: str, lang: str) -> tuple[str, tuple[Part, ...]]:
    """A hyphenated word ("e-tjänster", "ESF-rådet"): the pieces are its parts.

    Each piece is analysed on its own; a piece that is itself a compound contributes its
    own parts.  The lemma inflects the last piece only: "e-tjänster" → e-tjänst.
    """
    parts: list[Part] = []
    offset = 0
    pieces = word.split("-")
    lemma = ""
    for index, piece in enumerate(pieces):
        piece_lemma, piece_parts = _lemma_and_parts(piece, lang) if piece else (piece, ())
        if piece_parts:
            parts.extend(p._replace(start=p.start + offset, end=p.end + offset) for p in piece_parts)
        elif piece:
            parts.append(Part(piece, piece_lemma, _stem(piece_lemma, lang), offset, offset + len(piece)))
        lemma += piece_lemma if index == len(pieces) - 1 else piece + "-"
        offset += len(piece) + 1
    return lemma, tuple(parts)


def _lemma_en(word: str) -> str:
    lemma = known_lemma(word, "en")
    return word if lemma is None else lemma


_STEMMERS = {"sv": Stemmer.Stemmer("swedish"), "en": Stemmer.Stemmer("english")}


def _stem(word: str, lang: str) -> str:
    stemmer = _STEMMERS.get(lang)
    if stemmer is None:
        return word
    stem: str = stemmer.stemWord(word)
    return stem
