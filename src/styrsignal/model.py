"""The shared document model: small typed objects every stage takes and returns.

A reader turns a file into :class:`Extracted` — one text string plus the structure laid
over it (:class:`Block` and :class:`PageSpan`, both as character offsets into that string).
Metadata extraction adds :class:`Metadata`; the store keeps the result as a
:class:`Document`.  Because every span is an offset into the one stored text, any passage
can later be cited as document + page + heading path + characters, and any quote can be
checked against the text verbatim.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table"]


@dataclass(frozen=True, slots=True)
class Block:
    """A structural unit of a document's text: ``text[start:end]``."""

    kind: BlockKind
    start: int
    end: int
    page: int | None = None
    """1-based page the block starts on (None for formats without pages)."""
    level: int = 0
    """Heading level, 1 = top; 0 for anything that is not a heading."""
    heading_path: tuple[str, ...] = ()
    """Titles of the headings this block stands under, outermost first."""


@dataclass(frozen=True, slots=True)
class PageSpan:
    number: int
    start: int
    end: int


@dataclass
class Extracted:
    """What a reader gives back: text, structure and the file's own properties."""

    format: str
    text: str
    blocks: list[Block]
    pages: list[PageSpan] = field(default_factory=list)
    page_count: int | None = None
    properties: dict[str, str] = field(default_factory=dict)
    """File properties as found (title, author, subject, created, modified, source_url…)."""
    warnings: list[str] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        return page_at(self.pages, offset)


def page_at(pages: list[PageSpan], offset: int) -> int | None:
    """The page holding character ``offset`` (None when the text has no pages)."""
    lo, hi = 0, len(pages) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        span = pages[mid]
        if offset < span.start:
            hi = mid - 1
        elif offset >= span.end and mid < len(pages) - 1:
            lo = mid + 1
        else:
            return span.number
    return None


class DocType(StrEnum):
    """Kinds of policy document.  Values are stable identifiers; labels are for people."""

    PROPOSITION = "proposition"
    SOU = "sou"
    DS = "ds"
    KOMMITTEDIREKTIV = "kommittedirektiv"
    SFS = "sfs"
    BETANKANDE = "betankande"
    RIKSDAGSSKRIVELSE = "riksdagsskrivelse"
    SKRIVELSE = "skrivelse"
    REGERINGSUPPDRAG = "regeringsuppdrag"
    REGLERINGSBREV = "regleringsbrev"
    STRATEGI = "strategi"
    MYNDIGHETSRAPPORT = "myndighetsrapport"
    FORESKRIFT = "foreskrift"
    RATTSFALL = "rattsfall"
    EU_MEDDELANDE = "eu_meddelande"
    EU_FORORDNING = "eu_forordning"
    EU_DIREKTIV = "eu_direktiv"
    EU_OVRIGT = "eu_ovrigt"
    WEBBSIDA = "webbsida"
    OVRIGT = "ovrigt"

    @property
    def label(self) -> str:
        return DOC_TYPE_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return DOC_TYPE_LABELS[self][1]


DOC_TYPE_LABELS: dict[DocType, tuple[str, str]] = {
    DocType.PROPOSITION: ("Proposition", "Government bill"),
    DocType.SOU: ("Statens offentliga utredning (SOU)", "Government official report (SOU)"),
    DocType.DS: ("Departementsserien (Ds)", "Ministry publication series (Ds)"),
    DocType.KOMMITTEDIREKTIV: ("Kommittédirektiv", "Terms of reference"),
    DocType.SFS: ("Lag/förordning (SFS)", "Act/ordinance (SFS)"),
    DocType.BETANKANDE: ("Betänkande", "Committee report"),
    DocType.RIKSDAGSSKRIVELSE: ("Riksdagsskrivelse", "Riksdag communication"),
    DocType.SKRIVELSE: ("Regeringens skrivelse", "Government communication"),
    DocType.REGERINGSUPPDRAG: ("Regeringsuppdrag", "Government assignment"),
    DocType.REGLERINGSBREV: ("Regleringsbrev", "Appropriation directions"),
    DocType.STRATEGI: ("Strategi/handlingsplan", "Strategy/action plan"),
    DocType.MYNDIGHETSRAPPORT: ("Myndighetsrapport", "Agency report"),
    DocType.FORESKRIFT: ("Myndighetsföreskrift", "Agency regulations"),
    DocType.RATTSFALL: ("Rättsfall", "Court ruling"),
    DocType.EU_MEDDELANDE: ("EU-meddelande", "EU communication"),
    DocType.EU_FORORDNING: ("EU-förordning", "EU regulation"),
    DocType.EU_DIREKTIV: ("EU-direktiv", "EU directive"),
    DocType.EU_OVRIGT: ("EU-dokument (övrigt)", "EU document (other)"),
    DocType.WEBBSIDA: ("Webbsida", "Web page"),
    DocType.OVRIGT: ("Övrigt", "Other"),
}


@dataclass(frozen=True, slots=True)
class Identifier:
    """An official identifier found in a document, in canonical written form.

    ``kind`` is one of: prop, sou, ds, dir, sfs, bet, rskr, skr, com, celex, dnr,
    fs (agency regulation series such as AFS 2023:1), ecli, other.
    """

    kind: str
    value: str


@dataclass
class Metadata:
    title: str | None = None
    doc_type: DocType = DocType.OVRIGT
    issuer: str | None = None
    date: dt.date | None = None
    identifiers: list[Identifier] = field(default_factory=list)
    language: str = "other"
    """"sv", "en" or "other"."""
    source_url: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    """Where each field came from: "text", "properties", "filename", "user"…"""

    @property
    def own_identifier(self) -> Identifier | None:
        """The document's own identifier (listed first), as opposed to those it cites."""
        return self.identifiers[0] if self.identifiers and "identifiers" in self.sources else None


METADATA_FIELDS = ("title", "doc_type", "issuer", "date", "language", "source_url")
"""Fields a user may override (objects.yaml or the command line)."""


@dataclass
class Document:
    """A stored version of a document, with its text, structure and metadata."""

    id: int
    version_id: int
    version: int
    source_path: str
    content_hash: str
    format: str
    size: int
    text: str
    blocks: list[Block]
    pages: list[PageSpan]
    page_count: int | None
    metadata: Metadata
    properties: dict[str, str] = field(default_factory=dict)
    object_ids: list[str] = field(default_factory=list)
    ingested_at: str = ""


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be ingested, and why."""

    path: str
    reason: str
    kind: str
    at: str = ""


@dataclass(frozen=True, slots=True)
class Coding:
    """One theme of a framework found in one passage, with the evidence."""

    passage_id: int
    document_id: int
    theme_id: str
    score: float
    """Strength in (0, 1]: more distinct terms and more occurrences give more."""
    terms: tuple[str, ...]
    """The framework terms (or patterns) that matched."""
    spans: tuple[tuple[int, int], ...]
    """Matched spans as offsets into the document's text."""


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named in a passage."""

    passage_id: int
    document_id: int
    name: str
    """Canonical name (a registered body's current name, or the name as written)."""
    kind: str
    registered: bool
    role: str | None
    start: int
    end: int
    surface: str


@dataclass(frozen=True, slots=True)
class CodingRun:
    """A stored application of a framework to the corpus."""

    id: int
    framework_name: str
    framework_version: str
    version_key: str
    corpus_state: str
    created_at: str


@dataclass(frozen=True, slots=True)
class Review:
    """An analyst's judgement on an object: stored as it was given, never overwritten."""

    id: int
    object_id: str
    action: str
    """"impact" (value: direct/indirect/none), "accept", "reject" or "edit" (target: a statement id)."""
    target: str | None
    value: str | None
    note: str | None
    author: str
    at: str


@dataclass
class AnalysisObject:
    """What the analysis is about: one or more documents under one name."""

    id: str
    name: str
    document_ids: list[int] = field(default_factory=list)
    implicit: bool = False
    """True when the object was made for a document no objects file names."""
