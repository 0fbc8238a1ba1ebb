"""Official identifiers in Swedish and EU policy text, in canonical written form.

Each kind has one pattern for the ways it is written in practice ("prop. 2013/14:104",
"Regeringens proposition 2013/14:104", "lagen (2003:1210) om …", "COM(2021) 778 final")
and one canonical form ("Prop. 2013/14:104", "SFS 2003:1210", "COM(2021) 778").  A number
only counts when its series is named: a bare "2008/09:207" may be a motion or anything else.
Numbers are checked for plausibility (a riksmöte "2013/14" must be two consecutive years).

:func:`find_identifiers` returns every identifier in a text, deduplicated, in order of
first appearance.  Which of them is the document's *own* is decided by metadata extraction.

How the text is searched
------------------------
Scanning the whole text with every rule costs ~0.9 s per MB: a pattern that opens with a
look-behind or ignores case cannot be found by searching for its first letters, so Python
tries it at every position.  Most numbers, though, contain a year (19xx or 20xx)
followed by "/", ":" or a capital letter, and digits are rare in prose.  So one pass finds
those years (:func:`_years`), and each rule that has one (``_Rule.after_year``) is
searched for only in a short window around each: from two words before the year (a
series name is at most two words, "Regeringens proposition", "SFS nr"; a law's name is one
word before "(") to the longest number after it.  Every hit is checked against the whole
text, so the matches are exactly those a scan of the whole text would give.  The rules
without a year in that form (COM, ECLI) begin with capital letters and put their
look-behind after them, where it does not stop the search for those letters.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from styrsignal.ingest.authorities import diarie_prefixes
from styrsignal.model import Identifier

_YEAR = r"(?:19|20)\d\d"
_RIKSMOTE = r"(?P<y1>(?:19|20)\d\d)/(?P<y2>\d\d(?:\d\d)?)"
_NUM = r"(?P<n>\d{1,4})"
_SP = r"[\s\u00a0]*"  # PDF text may break a line (or a page) between series and number
_SP1 = r"[\s\u00a0]+"
_L = r"(?<!\w)"  # no letter or digit right before …
_R = r"(?!\w)"  # … or right after
_AND = re.compile(r"[\s\u00a0]*(?:,|och|samt|resp\.|respektive)[\s\u00a0]*")

_YEAR_IN_NUMBER = re.compile(r"(?:19|20)\d\d(?=[/:]\d|[A-Z])")
"""A year that may begin a number: "2013/14:104", "2003:1210", "52013DC0083", "Fi2019/01234"."""
_AFTER_YEAR_MAX = 20
"""Characters from a year to the end of any number it begins, with room to spare: the
longest, "2018/2019:AbcdU123" and "2019/012345/Abcdef", are 18."""

_LAW_WORD = (
    r"[a-zåäö-]*(?:lag|lagen|lagens|förordning|förordningen|förordningens|balk|balken|balkens"
    r"|regeringsformen|kungörelse|kungörelsen|ordning|ordningen|instruktion|instruktionen)"
)


def plausible_riksmote(y1: str, y2: str) -> bool:
    """True for "2013/14" and "1999/2000": the second year follows the first."""
    first = int(y1)
    if len(y2) == 4:
        return int(y2) == first + 1
    return int(y2) == (first + 1) % 100


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    canonical: Callable[[re.Match[str]], str | None]
    chain: re.Pattern[str] | None = None
    """Pattern for further numbers listed after the first ("prop. 2013/14:104 och 2013/14:105")."""
    after_year: str = ""
    """The characters that may follow the year in this rule's numbers ("/" in "2013/14:104");
    empty for a rule whose pattern is searched for in the whole text."""


def _riksmote(prefix: str) -> Callable[[re.Match[str]], str | None]:
    def canonical(m: re.Match[str]) -> str | None:
        if not plausible_riksmote(m["y1"], m["y2"]):
            return None
        return f"{prefix} {m['y1']}/{m['y2']}:{int(m['n'])}"

    return canonical


def _yearly(prefix: str) -> Callable[[re.Match[str]], str | None]:
    return lambda m: f"{prefix} {m['y']}:{int(m['n'])}"


def _bet(m: re.Match[str]) -> str | None:
    if not plausible_riksmote(m["y1"], m["y2"]):
        return None
    return f"Bet. {m['y1']}/{m['y2']}:{m['c']}{int(m['n'])}"


def _fs(m: re.Match[str]) -> str | None:
    if m["s"] == "SFS":
        return None  # the statute book has its own rule
    return f"{m['s']} {m['y']}:{int(m['n'])}"


def _dnr(m: re.Match[str]) -> str | None:
    unit = f"/{m['u']}" if m["u"] else ""
    return f"{m['p']}{m['y']}/{m['n']}{unit}"


@cache
def _rules() -> list[_Rule]:
    riksmote_tail = rf"{_SP}{_RIKSMOTE}:{_NUM}{_R}"
    yearly_tail = rf"{_SP}(?P<y>{_YEAR}):{_NUM}{_R}"
    chain_riksmote = re.compile(rf"{_RIKSMOTE}:{_NUM}{_R}")
    chain_yearly = re.compile(rf"(?P<y>{_YEAR}):{_NUM}{_R}")
    prefixes = "|".join(sorted(diarie_prefixes(), key=len, reverse=True))
    i = re.IGNORECASE
    return [
        _Rule("prop", re.compile(
            rf"{_L}(?:regeringens{_SP1})?(?:prop[.:]?|propositionen|proposition){riksmote_tail}", i),
            _riksmote("Prop."), chain_riksmote, "/"),
        _Rule("rskr", re.compile(rf"{_L}(?:rskr\.?|riksdagsskrivelse(?:n)?){riksmote_tail}", i),
              _riksmote("Rskr."), chain_riksmote, "/"),
        _Rule("skr", re.compile(
            rf"{_L}(?:regeringens{_SP1})?(?:skr\.?|skrivelsen|skrivelse){riksmote_tail}", i),
            _riksmote("Skr."), chain_riksmote, "/"),
        _Rule("bet", re.compile(
            rf"{_L}(?:bet\.?|betänkandet|betänkande){_SP}{_RIKSMOTE}:"
            rf"(?P<c>[A-ZÅÄÖ][A-Za-zåäöÅÄÖ]{{0,3}}U)(?P<n>\d{{1,3}}){_R}", i), _bet, after_year="/"),
        _Rule("sou", re.compile(rf"{_L}SOU{yearly_tail}", i), _yearly("SOU"), chain_yearly, ":"),
        _Rule("ds", re.compile(rf"{_L}(?:Ds|DS)\.?{yearly_tail}"), _yearly("Ds"), chain_yearly, ":"),
        _Rule("dir", re.compile(rf"{_L}(?:dir\.?|kommittédirektiv){yearly_tail}", i),
              _yearly("Dir."), chain_yearly, ":"),
        _Rule("sfs", re.compile(rf"{_L}SFS(?:{_SP}nr\.?:?)?{yearly_tail}", i), _yearly("SFS"), chain_yearly,
              ":"),
        _Rule("sfs", re.compile(rf"{_L}{_LAW_WORD}{_SP1}\((?P<y>{_YEAR}):{_NUM}\)", i), _yearly("SFS"),
              after_year=":"),
        _Rule("fs", re.compile(
            rf"{_L}(?P<s>[A-ZÅÄÖ][A-ZÅÄÖ]{{0,6}}(?:-[A-ZÅÄÖ]{{1,6}})?-?FS){yearly_tail}"), _fs, after_year=":"),
        _Rule("com", re.compile(
            rf"(?:COM|KOM)(?<!\w[CK]OM){_SP}\((?P<y>{_YEAR})\){_SP}(?P<n>\d{{1,4}}){_R}"
            rf"(?:{_SP1}(?:final|slutlig){_R})?"),
              lambda m: f"COM({m['y']}) {int(m['n'])}"),
        _Rule("celex", re.compile(
            rf"(?:(?<=%3A)|{_L})"  # also inside a URL: "?uri=CELEX%3A52013DC0083"
            rf"(?P<v>[0-9CE](?:19|20)\d\d(?:[A-Z]{{1,2}})\d{{4}}(?:\(\d\d\))?){_R}"),
            lambda m: m["v"], after_year=string.ascii_uppercase),
        _Rule("dnr", re.compile(
            rf"(?<![\w/])(?P<p>{prefixes})(?P<y>{_YEAR})/(?P<n>\d{{1,6}})"
            rf"(?:/(?P<u>[A-ZÅÄÖ][A-Za-zÅÄÖåäö0-9]{{0,5}}))?(?![\w/])"), _dnr, after_year="/"),
        _Rule("ecli", re.compile(r"(?P<v>ECLI:(?<![\w:]ECLI:)[A-Z]{2}:[A-Z0-9.]{1,7}:\d{4}:[A-Za-z0-9.]{1,25})"),
              lambda m: m["v"].rstrip(".")),
    ]


def iter_identifiers(text: str) -> Iterator[tuple[int, int, Identifier]]:
    """Every identifier with its character span, in text order (duplicates included)."""
    found: list[tuple[int, int, Identifier]] = []
    years = _years(text)
    for rule in _rules():
        for m in _matches(rule, text, years):
            value = rule.canonical(m)
            if value is None:
                continue
            found.append((m.start(), m.end(), Identifier(rule.kind, value)))
            if rule.chain is not None:
                found.extend(_chained(text, m, rule))
    found.sort(key=lambda item: (item[0], -item[1]))
    end = -1
    for start, stop, ident in found:
        if start >= end:
            yield start, stop, ident
            end = max(end, stop)


def _matches(rule: _Rule, text: str, years: list[tuple[int, str, int]]) -> Iterator[re.Match[str]]:
    """The matches of ``rule.pattern.finditer(text)``, found near the years that can begin them.

    A match with its year at ``year`` starts after the previous year and at most two words
    before this one (``from_``, see :func:`_years`), and ends within :data:`_AFTER_YEAR_MAX`
    of it.  The pattern is searched for in that window.  A hit counts only if it starts at
    or before the year, and is then matched again in the whole text: the window's end may
    have cut it short, or made it match where the whole text does not.  Like ``finditer``,
    a match never starts inside the one before.
    """
    if not rule.after_year:
        yield from rule.pattern.finditer(text)
        return
    pattern = rule.pattern
    pos = 0
    for year, after, from_ in years:
        if after not in rule.after_year:
            continue
        start = max(from_, pos)
        while start <= year:
            hit = pattern.search(text, start, year + _AFTER_YEAR_MAX)
            if hit is None or hit.start() > year:
                break
            match = pattern.match(text, hit.start())
            if match is not None:
                yield match
                pos = match.end()
                break
            start = hit.start() + 1


def _years(text: str) -> list[tuple[int, str, int]]:
    """Each year that may begin a number: its offset, the character after it, and where a
    match through it may start.

    That is at most two words back (a series name and its spaces before the year, or a
    law's name and "(") and never before the end of the previous year: no series name
    contains a digit.
    """
    years: list[tuple[int, str, int]] = []
    floor = 0
    for m in _YEAR_IN_NUMBER.finditer(text):
        year = m.start()
        pos = year
        for space in (True, False, True, False):  # str.isspace() is the patterns' [\s\u00a0]
            while pos > floor and text[pos - 1].isspace() is space:
                pos -= 1
        years.append((year, text[m.end()], pos))
        floor = m.end()
    return years


def _chained(text: str, first: re.Match[str], rule: _Rule) -> Iterator[tuple[int, int, Identifier]]:
    """Numbers listed after ``first`` with "," / "och" / "samt" belong to the same series."""
    assert rule.chain is not None
    pos = first.end()
    while True:
        sep = _AND.match(text, pos)
        if sep is None:
            return
        m = rule.chain.match(text, sep.end())
        if m is None:
            return
        value = rule.canonical(m)
        if value is None:
            return
        yield m.start(), m.end(), Identifier(rule.kind, value)
        pos = m.end()


def find_identifiers(text: str) -> list[Identifier]:
    """Every official identifier in ``text``, deduplicated, in order of first appearance."""
    seen: dict[Identifier, None] = {}
    for _, _, ident in iter_identifiers(text):
        seen.setdefault(ident, None)
    return list(seen)
