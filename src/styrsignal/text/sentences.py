"""Sentence splitting for Swedish (and English) policy text, as offsets into the text.

A full stop in a Swedish government text is as often part of an abbreviation or a legal
reference as the end of a sentence: "enligt 8 kap. 10 § socialtjänstlagen (2025:400)",
"se prop. 2013/14:104 s. 23", "bl.a. Tillväxtverket".  pysbd has no Swedish, so the rules
are our own.  A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (with any closing quotes
or brackets after it) followed by white space, unless

* the next word starts with a lower-case letter — Swedish sentences start with a capital,
  and what follows an abbreviation usually does not;
* the word before the full stop is an abbreviation that never ends a sentence
  (:data:`NON_FINAL`: "prop.", "kap.", "s.", "t.ex.", "bl.a.", "jfr", "e.g." …) — an
  abbreviation that often does end one (:data:`FINAL`: "m.m.", "osv.", "etc.") splits
  before a capital;
* it is an initial ("A. Svensson") or the sentence so far is only a list marker ("1.",
  "2.3.", "a.", "IV.");
* the next word is a number and the word before is not a plain word ("kap. 10",
  "2014. 2015" stays together; "300 personer. 2015 infördes" splits), unless the
  number is a list marker ("… 2014. 2. Äldre …");
* it is an ellipsis or a dot leader followed by anything but a capital.

Paragraph breaks (a blank line) always end a sentence; a single line break only does
when the next line starts with a bullet.  Spans never include surrounding white space
and the text is never altered: ``text[start:end]`` is the sentence.
"""

from __future__ import annotations

import re

_NON_FINAL = """
    ang anm art avd avs avsn bet bil bl.a c:a ca cf d.v.s dep dir dnr dvs e.g enl ev
    exkl f f.d f.n ff fig fr.a fr.o.m i.e inkl jfr jmf kap kl m.a.o mr mrs ms dr no nr
    obs omr p p.g.a para pga proc prop resp rskr s s.a.s s.k sek sid skr t.ex t.o.m
    tab tel ung utg vol vs ex
    jan feb febr mar apr jun jul aug sep sept okt nov dec
"""
_FINAL = """
    co dyl e.d etc forts förf inc jr ltd m.fl m.m o.d o.dyl o.s.v osv red st t.v
    uppl
"""

NON_FINAL = frozenset(_NON_FINAL.split())
"""Abbreviations (lower case, without the final full stop) that never end a sentence."""
FINAL = frozenset(_FINAL.split())
"""Abbreviations that may end a sentence: a capital after them starts a new one."""

_END = re.compile(r"(?:[.!?]+|\.{2,}|…)[\"'”’»)\]]*(?=\s|$)")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*[•●▪◦‣∙·*–—-][ \t])")
_LIST_MARKER = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)]?")
_NEXT_LIST_MARKER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.\s+(?=[^\W\d_])")
_OPENERS = "\"'“”‘’«»([–—-"


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text[start:end]``, as offsets into ``text``."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for para_start, para_end in _paragraphs(text, start, stop):
        _split_paragraph(text, para_start, para_end, spans)
    return spans


def _paragraphs(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    at = start
    for match in _PARAGRAPH.finditer(text, start, stop):
        found.append((at, match.start()))
        at = match.end()
    found.append((at, stop))
    return found


def _split_paragraph(text: str, start: int, stop: int, spans: list[tuple[int, int]]) -> None:
    sentence_start = start
    for match in _END.finditer(text, start, stop):
        boundary = match.end()
        after = _skip_space(text, boundary, stop)
        if after < stop and not _ends_sentence(text, sentence_start, match, after):
            continue
        _add(text, sentence_start, boundary, spans)
        sentence_start = after
    _add(text, sentence_start, stop, spans)


def _ends_sentence(text: str, sentence_start: int, match: re.Match[str], after: int) -> bool:
    """Whether the punctuation in ``match`` ends a sentence, given the text around it."""
    punct = match.group().rstrip("\"'”’»)]")
    nxt = _first_letter_or_digit(text, after)
    if nxt.islower():
        return False
    if "?" in punct or "!" in punct:
        return True
    if punct != ".":  # an ellipsis or a dot leader
        return nxt.isupper()
    word = _word_before(text, sentence_start, match.start())
    key = word.lower()
    if key in NON_FINAL:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "A. Svensson"
    if _LIST_MARKER.fullmatch(text[sentence_start : match.start()].strip()):
        return False  # only a list marker so far: "1. Inledning"
    if nxt.isdigit():
        marker = _NEXT_LIST_MARKER.match(text, after)
        if marker and text[marker.end()].isupper():
            return True  # "… 2014. 2. Äldre föreskrifter …"
        return key.isalpha() and len(key) > 1 and key not in FINAL
    return True


def _word_before(text: str, start: int, end: int) -> str:
    """The word that ends at ``end``, without opening brackets or quotes: "(jfr" → "jfr"."""
    at = end
    while at > start and not text[at - 1].isspace() and text[at - 1] not in _OPENERS:
        at -= 1
    return text[at:end]


def _first_letter_or_digit(text: str, at: int) -> str:
    """The first character at ``at`` after any opening quotes, brackets or dashes."""
    while at < len(text) and text[at] in _OPENERS:
        at += 1
    return text[at] if at < len(text) else ""


def _skip_space(text: str, at: int, stop: int) -> int:
    while at < stop and text[at].isspace():
        at += 1
    return at


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
