"""The date of a document, as the document states it.

Swedish official documents date themselves in a few fixed phrases, tried in this order
(the first that matches wins):

1. ``Ändringar införda t.o.m. 13 juni 2017`` — a consolidated text is dated by its consolidation;
2. ``Utfärdad den 22 maj 2025`` — an act or ordinance (SFS);
3. ``beslutade den 15 september 2023`` — agency regulations (AFS, BFS …);
4. ``Beslut vid regeringssammanträde den 25 februari 2016`` — terms of reference;
5. ``Stockholm den 6 mars 2014`` on a line of its own — propositions, letters, skrivelser
   (and ``Bryssel den 9.12.2021`` on an EU document);
6. ``Avgörandedatum: 2013-08-21``, ``Datum: …``, ``Publicerad 19 mars 2009`` — labelled dates;
7. the web page's own publication date (HTML meta), ahead of the text for web pages;
8. ``Utkom från trycket den …``, an Official Journal reference (``Official Journal C 115 , 09/05/2008``),
   then any ISO date (``2023-10-10``) on the title page;
9. the file's creation date, a weak fallback (source ``"properties"``).

Phrases 2–5 must begin a line, as they do on title pages; inside running text ("riksdagen
beslutade den …") they describe other events.
"""

from __future__ import annotations

import datetime as dt
import re

from styrsignal.model import Extracted

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "augusti": 8,
    "september": 9, "oktober": 10, "november": 11, "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
}
_WRITTEN = r"(?P<d>\d{1,2})\s+(?P<m>" + "|".join(MONTHS) + r")\s+(?P<y>(?:19|20)\d\d)"
_ISO = r"(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)"
_ANY = rf"(?:{_WRITTEN}|{_ISO})"
_NUMERIC = r"(?P<nd>\d{1,2})\.(?P<nm>\d{1,2})\.(?P<ny>(?:19|20)\d\d)"  # "Bryssel den 9.12.2021"
_FRONT_CHARS = 30000

_STATED: list[re.Pattern[str]] = [
    re.compile(rf"ändringar införda t\.\s*o\.\s*m\.?\s+{_WRITTEN}", re.I),
    re.compile(rf"^\s*utfärdad(?:e)? den {_WRITTEN}", re.I | re.M),
    re.compile(rf"^\s*beslutad(?:e)? den {_WRITTEN}", re.I | re.M),
    re.compile(rf"^\s*beslut vid regeringssammanträde den {_WRITTEN}", re.I | re.M),
    re.compile(rf"^[A-ZÅÄÖ][a-zåäö]+(?: den|,) (?:{_WRITTEN}|{_NUMERIC})\s*$", re.M),
    re.compile(rf"\b(?:avgörandedatum|beslutsdatum|dokumentdatum|datum|publicerad|publiceringsdatum)"
               rf"\s*:?\s*(?:den\s+)?{_ANY}", re.I),
]
_PRINTED = re.compile(rf"utkom från trycket\s*(?:\([^)]*\)\s*)?den {_WRITTEN}", re.I)
_OFFICIAL_JOURNAL = re.compile(
    r"(?:Official Journal|OJ|EUT|Europeiska unionens officiella tidning)\s+[CL]\s*\d+\s*,\s*"
    r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d\d)")
_ISO_ANYWHERE = re.compile(rf"(?<![\d-]){_ISO}(?![\d-])")


def parse_date(text: str) -> dt.date | None:
    """A date written as "6 mars 2014", "9 May 2008", "2016-02-29" or "2016-02-29 13:23:56"."""
    m = re.search(_ANY, text, re.I)
    return _from_match(m) if m else None


def _from_match(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    try:
        if groups.get("iy"):
            return dt.date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
        if groups.get("ny"):
            return dt.date(int(groups["ny"]), int(groups["nm"]), int(groups["nd"]))
        month = groups["m"]
        number = MONTHS[month.lower()] if not month.isdigit() else int(month)
        return dt.date(int(groups["y"]), number, int(groups["d"]))
    except ValueError:
        return None


def document_date(extracted: Extracted, head: str, props: dict[str, str],
                  props_source: str) -> tuple[dt.date | None, str]:
    """The document's date and where it came from ("text", "properties", "front_matter")."""
    front = _front(extracted)
    published = parse_date(props.get("date", ""))
    if extracted.format == "html" and published:
        return published, props_source
    for pattern in _STATED:
        for m in pattern.finditer(front):
            if found := _from_match(m):
                return found, "text"
    if published:
        return published, props_source
    for pattern, text in ((_PRINTED, front), (_OFFICIAL_JOURNAL, head), (_ISO_ANYWHERE, head)):
        weak = pattern.search(text)
        if weak and (found := _from_match(weak)):
            return found, "text"
    created = parse_date(props.get("created", ""))
    return (created, "properties") if created else (None, "")


def _front(extracted: Extracted) -> str:
    """The first ten pages (or the first 30 000 characters) — where documents date themselves."""
    end = extracted.pages[min(9, len(extracted.pages) - 1)].end if extracted.pages else _FRONT_CHARS
    return extracted.text[:min(end, _FRONT_CHARS)]
