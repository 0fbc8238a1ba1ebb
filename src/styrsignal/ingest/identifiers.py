"""Official identifiers in Swedish and EU policy text, in canonical written form.

Each kind has one pattern for the ways it is written in practice ("prop. 2013/14:104",
"Regeringens proposition 2013/14:104", "lagen (2003:1210) om …", "COM(2021) 778 final")
and one canonical form ("Prop. 2013/14:104", "SFS 2003:1210", "COM(2021) 778").  A number
only counts when its series is named: a bare "2008/09:207" may be a motion or anything else.
Numbers are checked for plausibility (a riksmöte "2013/14" must be two consecutive years).

:func:`find_identifiers` returns every identifier in a text, deduplicated, in order of
first appearance.  Which of them is the document's *own* is decided by metadata extraction.
"""

from __future__ import annotations

import re
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
            _riksmote("Prop."), chain_riksmote),
        _Rule("rskr", re.compile(rf"{_L}(?:rskr\.?|riksdagsskrivelse(?:n)?){riksmote_tail}", i),
              _riksmote("Rskr."), chain_riksmote),
        _Rule("skr", re.compile(
            rf"{_L}(?:regeringens{_SP1})?(?:skr\.?|skrivelsen|skrivelse){riksmote_tail}", i),
            _riksmote("Skr."), chain_riksmote),
        _Rule("bet", re.compile(
            rf"{_L}(?:bet\.?|betänkandet|betänkande){_SP}{_RIKSMOTE}:"
            rf"(?P<c>[A-ZÅÄÖ][A-Za-zåäöÅÄÖ]{{0,3}}U)(?P<n>\d{{1,3}}){_R}", i), _bet),
        _Rule("sou", re.compile(rf"{_L}SOU{yearly_tail}", i), _yearly("SOU"), chain_yearly),
        _Rule("ds", re.compile(rf"{_L}(?:Ds|DS)\.?{yearly_tail}"), _yearly("Ds"), chain_yearly),
        _Rule("dir", re.compile(rf"{_L}(?:dir\.?|kommittédirektiv){yearly_tail}", i),
              _yearly("Dir."), chain_yearly),
        _Rule("sfs", re.compile(rf"{_L}SFS(?:{_SP}nr\.?:?)?{yearly_tail}", i), _yearly("SFS"), chain_yearly),
        _Rule("sfs", re.compile(rf"{_L}{_LAW_WORD}{_SP1}\((?P<y>{_YEAR}):{_NUM}\)", i), _yearly("SFS")),
        _Rule("fs", re.compile(
            rf"{_L}(?P<s>[A-ZÅÄÖ][A-ZÅÄÖ]{{0,6}}(?:-[A-ZÅÄÖ]{{1,6}})?-?FS){yearly_tail}"), _fs),
        _Rule("com", re.compile(
            rf"{_L}(?:COM|KOM){_SP}\((?P<y>{_YEAR})\){_SP}(?P<n>\d{{1,4}}){_R}(?:{_SP1}(?:final|slutlig){_R})?"),
              lambda m: f"COM({m['y']}) {int(m['n'])}"),
        _Rule("celex", re.compile(
            rf"(?:(?<=%3A)|{_L})"  # also inside a URL: "?uri=CELEX%3A52013DC0083"
            rf"(?P<v>[0-9CE](?:19|20)\d\d(?:[A-Z]{{1,2}})\d{{4}}(?:\(\d\d\))?){_R}"),
            lambda m: m["v"]),
        _Rule("dnr", re.compile(
            rf"(?<![\w/])(?P<p>{prefixes})(?P<y>{_YEAR})/(?P<n>\d{{1,6}})"
            rf"(?:/(?P<u>[A-ZÅÄÖ][A-Za-zÅÄÖåäö0-9]{{0,5}}))?(?![\w/])"), _dnr),
        _Rule("ecli", re.compile(r"(?<![\w:])(?P<v>ECLI:[A-Z]{2}:[A-Z0-9.]{1,7}:\d{4}:[A-Za-z0-9.]{1,25})"),
              lambda m: m["v"].rstrip(".")),
    ]


def iter_identifiers(text: str) -> Iterator[tuple[int, int, Identifier]]:
    """Every identifier with its character span, in text order (duplicates included)."""
    found: list[tuple[int, int, Identifier]] = []
    for rule in _rules():
        for m in rule.pattern.finditer(text):
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
