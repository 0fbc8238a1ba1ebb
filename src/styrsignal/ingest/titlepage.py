"""Reading a title page: the document's own identifier and its title.

A document names itself on its title page — the first page of a paged document, the first
few thousand characters otherwise — and in its file properties.  A proposition cites
dozens of laws and reports, but only its own number stands there as a label
("Regeringens proposition 2013/14:104", "ID-nummer: SOU 2014:67"), under a series heading
("Kommittédirektiv" … "Dir. 2016:15", "Boverkets författningssamling" … "BFS 2017:2"), on
a line of its own, or in the title property.  Identifiers in running text are citations.

The title is looked for the same way: the property a text file's front matter gives, a
court ruling's report reference, a web page's own title, then the title page's largest
heading (the series label, numbers and dates beside it are skipped; a title broken over
two lines is joined), then the file's title property, the first heading, the file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from styrsignal.ingest.identifiers import find_identifiers, iter_identifiers, plausible_riksmote
from styrsignal.model import Block, Extracted, Identifier

# Series headings on title pages, and the identifier kind each announces.
_SERIES_HEADINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Regeringens proposition$", re.I), "prop"),
    (re.compile(r"^Regeringens skrivelse$", re.I), "skr"),
    (re.compile(r"^Kommittédirektiv$", re.I), "dir"),
    (re.compile(r"^Statens offentliga utredningar$", re.I), "sou"),
    (re.compile(r"^Departementsserien$", re.I), "ds"),
    (re.compile(r"^Svensk författningssamling$", re.I), "sfs"),
    (re.compile(r"^\S.{0,80}s författningssamling\b", re.I), "fs"),
    (re.compile(r"^Riksdagsskrivelse$", re.I), "rskr"),
]
_LABEL = re.compile(
    r"^(?:Regeringens (?:proposition|skrivelse)|Kommittédirektiv|Svensk författningssamling|.{0,80}författningssamling"
    r"|Statens offentliga utredningar|Departementsserien|Prop\.|Dir\.|Skr\.|Innehåll(?:sförteckning)?|Sammanfattning"
    r"|Propositionens huvudsakliga innehåll|Utgivare:.*|ISSN.*|ISBN.*|Beslut vid regeringssammanträde.*"
    r"|Utfärdad den.*|Publicerad den.*|Utkom från trycket.*|beslutade den.*|\d{1,4})$", re.I)
_ID_LABEL = re.compile(r"(?:ID-nummer|Dokumentnummer|Beteckning|(?P<series>Proposition|Skrivelse)snummer)"
                       r"[\s\u00a0]*[:·][\s\u00a0]*(?P<value>[^\n·]{3,40})", re.I)
_BARE_RIKSMOTE = re.compile(r"^(?P<y1>(?:19|20)\d\d)/(?P<y2>\d\d(?:\d\d)?):(?P<n>\d{1,4})\b")
_FILENAME_IDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<![a-z])(prop|skr|rskr)[-_ .]?((?:19|20)\d\d)[-_](\d\d|\d{4})[-_](\d{1,4})(?!\d)"), "riksmote"),
    (re.compile(r"(?<![a-z])(sou|ds|dir|sfs|[a-z]{1,6}fs)[-_ .]?((?:19|20)\d\d)[-_](\d{1,4})(?!\d)"), "yearly"),
]
_CASE = re.compile(r"\b(?:AD \d{4} nr \d+|NJA \d{4} s\. \d+|HFD \d{4} ref\. \d+|RÅ \d{4} ref\. \d+"
                   r"|(?:MÖD|MIG|MD|PMÖD) \d{4}:\d+)")
_COURT_FIELDS = re.compile(r"^(?:Avgörandedatum|Målnummer|Domsnummer)\s*:", re.M)


@dataclass
class TitlePage:
    """The parts of a document that say what it is: its first page(s), last page and properties."""

    extracted: Extracted
    filename: str
    head: str
    tail: str
    head_blocks: list[tuple[Block, str]]
    props: dict[str, str]
    props_source: str

    @classmethod
    def of(cls, extracted: Extracted, filename: str) -> TitlePage:
        text = extracted.text
        if extracted.pages:
            head_end = extracted.pages[0].end
            if len(text[:head_end].strip()) < 400 and len(extracted.pages) > 1:
                head_end = extracted.pages[1].end  # a cover page: read the next one too
            tail_start = extracted.pages[-1].start
        else:
            head_end, tail_start = min(len(text), 3000), max(0, len(text) - 3000)
        blocks = [(b, text[b.start:b.end]) for b in extracted.blocks if b.start < head_end]
        props = {k.lower(): v for k, v in extracted.properties.items() if v.strip()}
        source = "front_matter" if extracted.format in {"text", "markdown"} else "properties"
        return cls(extracted, filename, text[:head_end], text[tail_start:], blocks, props, source)

    def prop(self, *keys: str) -> str | None:
        """The first of ``keys`` the file's properties have a value for."""
        return next((self.props[k] for k in keys if self.props.get(k)), None)


# -- the document's own identifier ----------------------------------------------------------

def own_identifier(doc: TitlePage) -> tuple[Identifier | None, str]:
    """The document's own identifier and where it was found; file properties count first."""
    for key in ("source_title", "publisher", "title", "subject", "keywords"):
        ids = explicit_identifiers(doc.props.get(key, ""))
        if ids:
            return ids[0], doc.props_source
    for finder in (_labelled, _under_series_heading, _prominent):
        found = finder(doc)
        if found is not None:
            return found, "text"
    found = _from_filename(doc.filename)
    return (found, "filename") if found else (None, "")


def explicit_identifiers(text: str) -> list[Identifier]:
    """Identifiers written with their series (a law reference "lagen (2003:1210)" is a citation)."""
    return [ident for _, _, ident in _explicit_spans(text)]


def _explicit_spans(text: str) -> list[tuple[int, int, Identifier]]:
    return [(start, end, ident) for start, end, ident in iter_identifiers(text)
            if ident.kind != "sfs" or text[start:end].upper().startswith("SFS")]


def _labelled(doc: TitlePage) -> Identifier | None:
    """"ID-nummer: SOU 2014:67", "Propositionsnummer · 2012/13:144" on a web page or record."""
    for m in _ID_LABEL.finditer(doc.head):
        ids = explicit_identifiers(m["value"])
        if ids:
            return ids[0]
        bare = _BARE_RIKSMOTE.match(m["value"].strip())
        if bare and plausible_riksmote(bare["y1"], bare["y2"]):
            number = f"{bare['y1']}/{bare['y2']}:{int(bare['n'])}"
            kind = "prop" if (m["series"] or "").lower() == "proposition" else (
                "skr" if m["series"] else _kind_of_number(doc.extracted.text, number))
            prefix = {"prop": "Prop.", "skr": "Skr.", "rskr": "Rskr."}.get(kind or "")
            if prefix:
                return Identifier(kind or "", f"{prefix} {number}")
    return None


def _kind_of_number(text: str, number: str) -> str | None:
    """The series a bare riksmöte number belongs to, from where the text names it in full."""
    return next((i.kind for i in find_identifiers(text) if i.value.endswith(" " + number)), None)


def _under_series_heading(doc: TitlePage) -> Identifier | None:
    if doc.extracted.format == "html":
        return None  # web pages list every series in their navigation
    for _, text in doc.head_blocks:
        for pattern, kind in _SERIES_HEADINGS:
            if pattern.search(text.strip()):
                return _prominent(doc, kind)
    return None


def _prominent(doc: TitlePage, kind: str | None = None) -> Identifier | None:
    """An identifier standing alone on the title page (perhaps over two lines) or in a heading."""
    spans = [(s, e, i) for s, e, i in _explicit_spans(doc.head) if kind is None or i.kind == kind]
    for start, end, ident in spans:
        around = [(b, t) for b, t in doc.head_blocks if b.start < end and b.end > start]
        if not around:
            continue
        rest = doc.head[around[0][0].start:start] + doc.head[end:around[-1][0].end]
        if any(b.kind == "heading" for b, _ in around) or not re.search(r"[^\W\d_]{4,}", rest):
            return ident
    return spans[0][2] if spans and kind is not None else None


def _from_filename(filename: str) -> Identifier | None:
    stem = PurePath(filename).stem.lower()
    for pattern, shape in _FILENAME_IDS:
        m = pattern.search(stem)
        if m is None:
            continue
        series = m.group(1)
        if shape == "riksmote":
            y1, y2, n = m.group(2), m.group(3), m.group(4)
            if plausible_riksmote(y1, y2):
                prefix = {"prop": "Prop.", "skr": "Skr.", "rskr": "Rskr."}[series]
                return Identifier(series, f"{prefix} {y1}/{y2}:{int(n)}")
        elif series in {"sou", "ds", "dir", "sfs"}:
            prefix = {"sou": "SOU", "ds": "Ds", "dir": "Dir.", "sfs": "SFS"}[series]
            return Identifier(series, f"{prefix} {m.group(2)}:{int(m.group(3))}")
        else:
            return Identifier("fs", f"{series.upper()} {m.group(2)}:{int(m.group(3))}")
    return None


def is_ruling(doc: TitlePage) -> bool:
    """A court ruling's record: case fields ("Avgörandedatum:") and a report reference ("NJA 2014 s. 499")."""
    return bool(_COURT_FIELDS.search(doc.head) and _CASE.search(doc.head))


# -- title ------------------------------------------------------------------------------------

def title_of(doc: TitlePage, own: Identifier | None) -> tuple[str | None, str]:
    """The document's title and where it was found."""
    if doc.props_source == "front_matter" and doc.props.get("source_title"):
        return _clean_title(doc.props["source_title"], own), "front_matter"
    if is_ruling(doc) and (case := _CASE.search(doc.head)):
        return case.group(0), "text"
    if doc.extracted.format == "html":
        for key in ("title", "html_title", "h1"):
            if (value := _good_property_title(doc, key, own)) is not None:
                return value, "properties"
    title = _title_page(doc, own)
    if title:
        return title, "text"
    for key in ("title", "description"):
        if (value := _good_property_title(doc, key, own)) is not None:
            return value, "properties"
    first = next((text for block, text in doc.head_blocks if block.kind == "heading"), None)
    first = first or next((doc.extracted.text[b.start:b.end] for b in doc.extracted.blocks if b.kind == "heading"),
                          None)
    if first:
        return _clean_title(first, own), "text"
    stem = PurePath(doc.filename).stem
    return (re.sub(r"[_-]+", " ", stem).strip() or None), "filename"


def _title_page(doc: TitlePage, own: Identifier | None) -> str | None:
    blocks = [(b, t.strip()) for b, t in doc.head_blocks if b.page in (None, doc.head_blocks[0][0].page)]
    candidates = [(i, b, t) for i, (b, t) in enumerate(blocks) if not _is_furniture(t)]
    for i, _, text in candidates:  # "<title> Prop. 2012/13:144" — a title beside its number
        ids = list(iter_identifiers(text))
        continued = i + 1 < len(blocks) and blocks[i + 1][1][:1].islower()
        if ids and own is not None and ids[-1][2] == own and text[ids[-1][1]:].strip(" ·") == "" \
                and len(text[:ids[-1][0]].split()) >= 2 and not continued:
            return _clean_title(text, own)
    headings = [(i, b, t) for i, b, t in candidates if b.kind == "heading" and not re.match(r"^\d+(\.\d+)*\.?\s", t)]
    if headings:
        level = min(b.level for _, b, _ in headings)
        index, _, text = next(h for h in headings if h[1].level == level)
        if text[:1].islower():  # reading order put the second line of a title first
            lead = [t for _, b, t in headings if b.level == level and not t[:1].islower()]
            if lead:
                text = f"{lead[0]} {text}"
        for _, following in blocks[index + 1:index + 3]:
            if text.endswith((".", ";", ":", "?", "!")) or not following[:1].islower():
                break
            text = f"{text} {following}"
        return _clean_title(text, own) or None
    if doc.extracted.format != "html" and candidates:  # a title set as an ordinary first line
        text = candidates[0][2]
        if len(text) <= 150 and text[:1].isupper() and not text.endswith((".", ":", ";", ",", "!", "?")):
            return _clean_title(text, own) or None
    return None


def _is_furniture(text: str) -> bool:
    """Series labels, numbers, identifiers and dates: what stands on a title page beside the title."""
    if not text or _LABEL.match(text):
        return True
    rest = text
    for start, end, _ in sorted(iter_identifiers(text), reverse=True):
        rest = rest[:start] + rest[end:]
    return not re.search(r"[^\W\d_]{4,}", rest)


def _good_property_title(doc: TitlePage, key: str, own: Identifier | None) -> str | None:
    value = doc.props.get(key)
    if not value:
        return None
    if key == "description":
        value = re.split(r"\s+[-–|]\s+", value)[0]
        if len(value) > 200 or value.endswith((".", "…")):
            return None
    value = _without_site_name(value)
    owners = [doc.props.get(k, "") for k in ("author", "site_name", "publisher")]
    if _is_junk_title(value) or any(o and value.startswith(o.split()[0]) for o in owners):
        return None  # a template's or a site's name, not the document's
    return _clean_title(value, own) or None


def _is_junk_title(value: str) -> bool:
    """"Microsoft Word - 121314400", "NFS 2007-10k2.indd", "ReferatLagrummet", "Regeringens proposition"."""
    return bool(re.search(r"^Microsoft Word\b|\.(?:indd|docx?|pdf|qxd|rtf)\b", value, re.I)
                or not re.search(r"[a-zåäö]{4,}", value)
                or re.fullmatch(r"\w+[a-zåäö][A-ZÅÄÖ]\w+", value)
                or _LABEL.match(value))


def _without_site_name(title: str) -> str:
    """"Vissa skolfrågor - Regeringen.se" → "Vissa skolfrågor": drop domains and language codes at either end."""
    parts = re.split(r"(\s+[-–|]\s+)", title)

    def junk(part: str) -> bool:
        return not part.strip() or bool(re.search(r"\.\w{2,4}$", part) or re.fullmatch(r"[A-Z]{2}", part.strip()))

    while len(parts) > 2 and junk(parts[-1]):
        parts = parts[:-2]
    while len(parts) > 2 and junk(parts[0]):
        parts = parts[2:]
    return "".join(parts)


def _clean_title(text: str, own: Identifier | None) -> str:
    """Drop the document's own number from its title, unless the number belongs to the title.

    "Regeringens proposition 2013/14:104: Insatser …" and "Sjöfartsstödets inriktning
    Prop. 2012/13:144" lose it; so does "… allmänna råd om NFS 2007:10 inventering …",
    where layout put the number on the title's line.  "… allmänna råd (AFS 2023:1) om …"
    keeps it: a number in brackets is part of an official title.
    """
    text = " ".join(text.split())
    for start, end, ident in iter_identifiers(text):
        if ident != own:
            continue
        before, after = text[:start], text[end:]
        if not re.search(r"[^\W\d_]{4,}", re.sub(r"(?i)regeringens|proposition|skrivelse|betänkande", "", before)):
            text = after.lstrip(" :,.–-")
        elif not after.strip(" ;,.·"):
            text = re.sub(r"(?i)\s*(?:ID-nummer|Beteckning)\s*:?\s*$", "", before.rstrip(" (,:–-"))
        elif not before.rstrip().endswith("("):
            text = before.rstrip() + " " + after.lstrip()
        break
    text = re.sub(r"\s+(?:Prop\.|Skr\.|Dir\.|SOU|Ds)\s*[\d/:]*$", "", text)
    return text.strip(" ;,–-")
