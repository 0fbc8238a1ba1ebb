"""Metadata for an ingested document: title, type, issuer, date, identifiers, source URL.

Every field is looked for in three places, strongest first, and ``Metadata.sources``
records which one gave it: the text (``"text"``, above all the title page), the file's
own properties (``"properties"``; the front matter of a text file is ``"front_matter"``)
and the file name (``"filename"``, a weak last resort).

The document's own identifier, found on its title page (:mod:`.titlepage`), decides most
of the rest: its series gives the type (Prop. → proposition, BFS → föreskrift, COM →
EU-meddelande) and often the issuer (a Riksdag committee from "Bet. 2018/19:KrU3", an
agency from its regulation series).  Without one, the wording does: court-record fields,
"Regleringsbrev för budgetåret", a title opening "Uppdrag att …" or "Strategi för …", an
agency's report, an EU act's heading.  The issuer is read from labels ("Ansvarig:"), the
minister's department under a signature ("(Arbetsmarknadsdepartementet)"), "Boverkets
författningssamling", the file's author, a colophon, and matched against the registry in
:mod:`.authorities`.  Dates are :mod:`.dates`' business.

The rules name kinds of document and the ways Swedish and EU documents are laid out,
never a particular document.
"""

from __future__ import annotations

import re

from styrsignal.ingest import dates
from styrsignal.ingest.authorities import Authority, by_code, find_mentions, lookup
from styrsignal.ingest.identifiers import find_identifiers
from styrsignal.ingest.titlepage import TitlePage, explicit_identifiers, is_ruling, own_identifier, title_of
from styrsignal.model import DocType, Extracted, Identifier, Metadata

KIND_TYPES: dict[str, DocType] = {
    "prop": DocType.PROPOSITION, "sou": DocType.SOU, "ds": DocType.DS, "dir": DocType.KOMMITTEDIREKTIV,
    "sfs": DocType.SFS, "bet": DocType.BETANKANDE, "rskr": DocType.RIKSDAGSSKRIVELSE,
    "skr": DocType.SKRIVELSE, "fs": DocType.FORESKRIFT, "com": DocType.EU_MEDDELANDE,
}
GOVERNMENT_SERIES = {"prop", "dir", "ds", "skr", "sfs", "sou"}
"""Series the Government publishes: their issuer is Regeringen when no ministry is named."""

_MINISTRY_SIGNATURE = re.compile(r"\(\s*([A-ZÅÄÖ][\w\s-]{2,40}departementet|Statsrådsberedningen)\s*\)")
_RESPONSIBLE = re.compile(r"\bAnsvarig(?: myndighet)?\s*:\s*([^\n]{3,120})")
_ISSUING_AGENCY = re.compile(r"^(.{3,90}?)(?:s författningssamling\b| föreskriver\b)", re.M)
_INQUIRY = re.compile(r"^(?:Slut|Del)?[Bb]etänkande (?:av|från) ([A-ZÅÄÖ][^\n]{4,100}?)\.?$", re.M)
_COLOPHON = re.compile(r"(?:©|\bcopyright\b)\s*(?:\d{4}\s*)?([^\n]{3,120})", re.I)
_REPORT = re.compile(r"\b(?:rapport|report)\b", re.I)
_SERIES_NAMES = re.compile(r"^(?:Statens offentliga utredningar|Departementsserien|Regeringskansliet)$", re.I)
_WORDING_TYPES: list[tuple[str, re.Pattern[str], DocType]] = [
    ("head", re.compile(r"^(?:Regleringsbrev för budgetåret|REGLERINGSBREV)", re.M), DocType.REGLERINGSBREV),
    ("title", re.compile(r"^(?:Regeringsuppdrag\b|Uppdrag (?:att|om|angående|avseende|till|för)\b)"),
     DocType.REGERINGSUPPDRAG),
    ("title", re.compile(r"(?:\bREGULATION|^(?:Europaparlamentets och rådets|Rådets|Kommissionens) förordning)"
                         r" \((?:EU|EG|EEG|EC|EEC)\)", re.I), DocType.EU_FORORDNING),
    ("title", re.compile(r"(?:\bDIRECTIVE|^(?:Europaparlamentets och rådets|Rådets|Kommissionens) direktiv)",
                         re.I), DocType.EU_DIREKTIV),
    ("title", re.compile(r"COMMUNICATION FROM THE COMMISSION|MEDDELANDE FRÅN KOMMISSIONEN", re.I),
     DocType.EU_MEDDELANDE),
    ("title", re.compile(r"\bTreaty\b|\bfördraget om\b|Official Journal of the European", re.I), DocType.EU_OVRIGT),
    ("title", re.compile(r"\bföreskrifter (?:och allmänna råd )?(?:\(\S+\) )?(?:om|för)\b"), DocType.FORESKRIFT),
    ("title", re.compile(r"^(?:(?:Nationell|Regeringens) )?(?:[Ss]trategi|[Hh]andlingsplan)\b"
                         r"|\b(?:strategi|handlingsplan) för\b"), DocType.STRATEGI),
]
_URL_TYPES: list[tuple[str, DocType]] = [
    ("/regeringsuppdrag/", DocType.REGERINGSUPPDRAG), ("/regleringsbrev/", DocType.REGLERINGSBREV),
    ("/proposition/", DocType.PROPOSITION), ("/kommittedirektiv/", DocType.KOMMITTEDIREKTIV),
    ("/statens-offentliga-utredningar/", DocType.SOU), ("/departementsserien", DocType.DS),
    ("/skrivelse/", DocType.SKRIVELSE),
]
_SPECIFICITY = {"ministry": 0, "riksdag_committee": 0, "court": 1, "agency": 1, "riksdag_agency": 1,
                "municipality": 1, "region": 1, "eu": 1, "other": 2, "government": 3, "riksdag": 3}


def extract_metadata(extracted: Extracted, *, filename: str) -> Metadata:
    """Fill title, doc_type, issuer, date, identifiers and source_url; say where each came from."""
    doc = TitlePage.of(extracted, filename)
    meta = Metadata()
    own, own_source = own_identifier(doc)
    meta.identifiers = _all_identifiers(doc, own)
    if own is not None:
        meta.sources["identifiers"] = own_source

    issuer, issuer_source = _issuer(doc, own)
    title, title_source = title_of(doc, own)
    doc_type, type_source = _doc_type(doc, own, own_source, issuer, title)
    if issuer is None:
        issuer, issuer_source = _issuer_by_type(own, own_source, doc_type)
    date, date_source = dates.document_date(extracted, doc.head, doc.props, doc.props_source)

    meta.title, meta.doc_type, meta.issuer, meta.date = title, doc_type, issuer, date
    meta.source_url = doc.prop("source_url", "url")
    for field, source, value in (("title", title_source, title), ("doc_type", type_source, doc_type),
                                 ("issuer", issuer_source, issuer), ("date", date_source, date),
                                 ("source_url", doc.props_source, meta.source_url)):
        if value is not None and source:
            meta.sources[field] = source
    return meta


def _all_identifiers(doc: TitlePage, own: Identifier | None) -> list[Identifier]:
    found: dict[Identifier, None] = {own: None} if own else {}
    for ident in find_identifiers(doc.extracted.text):
        found.setdefault(ident, None)
    for key in ("source_title", "publisher", "title", "subject", "keywords"):
        for ident in explicit_identifiers(doc.props.get(key, "")):
            found.setdefault(ident, None)
    return list(found)


# -- document type ----------------------------------------------------------------------------

def _doc_type(doc: TitlePage, own: Identifier | None, own_source: str, issuer: str | None,
              title: str | None) -> tuple[DocType, str]:
    """The own identifier's series, else court-record fields, wording, the source URL, the issuer's kind."""
    if own is not None and own.kind in KIND_TYPES:
        return KIND_TYPES[own.kind], own_source
    if own is not None and own.kind == "celex":
        return _celex_type(own.value), own_source
    if is_ruling(doc):
        return DocType.RATTSFALL, "text"
    title = title or ""
    for where, pattern, doc_type in _WORDING_TYPES:
        if pattern.search(title if where == "title" else doc.head):
            return doc_type, "text"
    url = doc.prop("source_url") or ""
    for part, doc_type in _URL_TYPES:
        if part in url:
            return doc_type, doc.props_source
    body = lookup(issuer) if issuer else None
    kind = body.kind if body is not None else None
    described = " ".join(filter(None, (title, doc.prop("description", "subject"), doc.head[:1500])))
    if kind in {"agency", "riksdag_agency"} and _REPORT.search(described):
        return DocType.MYNDIGHETSRAPPORT, "text"
    if kind == "eu":
        return DocType.EU_OVRIGT, "text"
    if doc.extracted.format == "html":
        return DocType.WEBBSIDA, "properties"
    return DocType.OVRIGT, ""


def _celex_type(celex: str) -> DocType:
    sector, kind = celex[0], re.sub(r"[^A-Z]", "", celex[5:7])
    if sector == "3" and kind == "R":
        return DocType.EU_FORORDNING
    if sector == "3" and kind == "L":
        return DocType.EU_DIREKTIV
    if sector == "5" and kind == "DC":
        return DocType.EU_MEDDELANDE
    return DocType.EU_OVRIGT


# -- issuer -----------------------------------------------------------------------------------

def _issuer(doc: TitlePage, own: Identifier | None) -> tuple[str | None, str]:
    """The body that issued the document, by the first rule that applies, most explicit first.

    Front matter "publisher"; a label ("Ansvarig: Justitiedepartementet"); the minister's
    department under the signature, on the first page or the last; the committee of a
    betänkande; the inquiry of an SOU ("Betänkande av …"); the court of a ruling; an agency
    that "föreskriver" or owns the "författningssamling"; the owner of a regulation series
    or of COM documents; a body named alone at the top of the page; the file's author or
    publisher; a colophon ("© …").  Government series without a named ministry fall back to
    Regeringen in :func:`_issuer_by_type`.
    """
    publisher = doc.props.get("publisher") if doc.props_source == "front_matter" else None
    if publisher:
        return _issuer_from_phrase(publisher), "front_matter"
    for m in _RESPONSIBLE.finditer(doc.head):
        best = _most_specific(m.group(1))
        if best:
            return best.name, "text"
    for part in (doc.head, doc.tail):
        signature = _MINISTRY_SIGNATURE.search(part)
        if signature and (ministry := lookup(signature.group(1))):
            return ministry.name, "text"
    if own is not None and own.kind == "bet" and (committee := by_code("bet", _committee(own.value))):
        return committee.name, "text"
    if inquiry := _INQUIRY.search(doc.head):  # an SOU's title page: "Betänkande av Utredningen om …"
        return inquiry.group(1).strip(), "text"
    if is_ruling(doc):
        court = next((m.authority for m in find_mentions(doc.head[:300]) if m.authority.kind == "court"), None)
        if court:
            return court.name, "text"
    for m in _ISSUING_AGENCY.finditer(doc.head):
        if agency := lookup(m.group(1).strip()):
            return agency.name, "text"
    if own is not None and own.kind == "fs" and (agency := by_code("fs", own.value.split()[0])):
        return agency.name, "text"
    if own is not None and own.kind == "com":
        return "Europeiska kommissionen", "text"
    if letterhead := _letterhead(doc):
        return letterhead.name, "text"
    for key in ("author", "publisher", "site_name"):
        value = doc.prop(key)
        best = _most_specific(value) if value else None
        if best is not None:
            return best.name, "properties"
    for m in _COLOPHON.finditer(doc.tail):
        body = _most_specific(m.group(1)) or _municipality_by_place(m.group(1))
        if body:
            return body.name, "text"
    return None, ""


def _letterhead(doc: TitlePage) -> Authority | None:
    """A body named alone at the top of the title page: "EUROPEISKA KOMMISSIONEN", "Arbetsdomstolen"."""
    for _, text in doc.head_blocks[:5]:
        mentions = find_mentions(text)
        rest = text
        for mention in reversed(mentions):
            rest = rest[:mention.start] + rest[mention.end:]
        if mentions and not re.search(r"[^\W\d_]{4,}", rest):
            return mentions[0].authority
    return None


def _issuer_by_type(own: Identifier | None, own_source: str, doc_type: DocType) -> tuple[str | None, str]:
    if own is not None and own.kind in GOVERNMENT_SERIES:
        return "Regeringen", own_source
    if doc_type in {DocType.REGERINGSUPPDRAG, DocType.REGLERINGSBREV}:
        return "Regeringen", "text"
    if doc_type in {DocType.EU_OVRIGT, DocType.EU_FORORDNING, DocType.EU_DIREKTIV}:
        return "Europeiska unionen", "text"
    return None, ""


def _issuer_from_phrase(phrase: str) -> str | None:
    """"Regeringen (Näringsdepartementet), regeringsuppdrag till Vinnova" → Näringsdepartementet."""
    phrase = re.split(r",\s*(?:\w+\s+)?till\b|,?\s*\bvia\b", phrase, maxsplit=1)[0]
    best = _most_specific(phrase)
    if best is not None:
        return best.name
    leading = re.split(r"[(,;]", phrase, maxsplit=1)[0].strip()
    return leading if leading and not _SERIES_NAMES.match(leading) else None


def _most_specific(phrase: str) -> Authority | None:
    phrase = re.sub(r"\S+\.(?:se|eu|com|org|nu|net)\b\S*", " ", phrase)
    mentions = [m.authority for m in find_mentions(phrase)]
    return min(mentions, key=lambda a: _SPECIFICITY.get(a.kind, 2), default=None)


def _municipality_by_place(text: str) -> Authority | None:
    for word in re.findall(r"[A-ZÅÄÖ][\wåäö-]+", text):
        for name in (f"{word}s kommun", f"{word} kommun"):
            found = lookup(name)
            if found is not None and found.kind == "municipality":
                return found
    return None


def _committee(bet: str) -> str:
    return re.sub(r"\d+$", "", bet.split(":", 1)[1])


