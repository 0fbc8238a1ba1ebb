"""Response and request models of the HTTP API, as they appear in ``/api/openapi.json``.

The analysis itself is served in the models of :mod:`styrsignal.analysis.assessment` (the
contract of ``styrsignal analyze --json``) and coded passages in those of
:mod:`styrsignal.analysis.annotated`; this module describes the rest — the records of
:mod:`styrsignal.corpus` and :mod:`styrsignal.search`, the framework as shown in one language,
the actor registry and analysts' reviews — and builds them from the library's objects.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from styrsignal.analysis.assessment import Impact, RecurringActor
from styrsignal.analysis.framework import Framework, Theme
from styrsignal.ingest.authorities import Authority
from styrsignal.model import Review

Lang = Literal["sv", "en"]


class Problem(BaseModel):
    """What went wrong, for a person: names the thing, the reason and the fix."""

    detail: str


class NotReadyProblem(Problem):
    """The analysis is being computed; ask again after ``Retry-After`` seconds."""

    done: int
    total: int
    """Objects assessed so far, of how many (0 of 0 while the corpus is being coded)."""


# OpenAPI descriptions of the error answers, for routes' ``responses=``
NOT_READY: dict[int | str, dict[str, Any]] = {503: {
    "model": NotReadyProblem,
    "description": "The analysis is still being computed: ask again after `Retry-After` seconds.",
    "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "No such object or document."}}
BAD_REQUEST: dict[int | str, dict[str, Any]] = {400: {"model": Problem, "description": "A value that does not fit."}}


class Identifier(BaseModel):
    kind: str
    """prop, sou, ds, dir, sfs, bet, rskr, skr, com, celex, dnr, fs, ecli or other."""
    value: str


class DocumentRecord(BaseModel):
    """A stored document at its current version, as ``styrsignal documents --json`` lists it."""

    id: int
    source_path: str
    title: str | None
    doc_type: str
    doc_type_label: str
    issuer: str | None
    date: dt.date | None
    identifier: str | None
    """The document's own identifier (as opposed to those it cites)."""
    identifiers: list[Identifier]
    language: str
    source_url: str | None
    format: str
    page_count: int | None
    size: int
    version: int
    content_hash: str
    objects: list[str]
    """Ids of the analysis objects the document belongs to."""
    metadata_sources: dict[str, str]
    """Where each metadata field came from: text, properties, filename, user…"""
    ingested_at: str


class Page(BaseModel):
    number: int
    start: int
    end: int


class DocumentDetail(DocumentRecord):
    pages: list[Page]
    """Pages as character offsets into the text (empty for formats without pages)."""
    text_length: int
    text: str | None
    """The whole text every offset refers to; only with ``?text=true``."""


class TextSpan(BaseModel):
    start: int
    end: int
    text: str
    """The document's text at ``start``–``end``."""


class SearchHitRecord(BaseModel):
    """A ranked passage, as ``styrsignal search --json`` prints it."""

    document_id: int
    title: str | None
    source_path: str
    doc_type: str
    issuer: str | None
    date: dt.date | None
    identifier: str | None
    identifiers: list[str]
    passage_id: int
    page: int | None
    page_end: int | None
    heading_path: list[str]
    start: int
    end: int
    score: float
    """BM25: higher is better."""
    snippet: str
    """The passage's words in context."""
    highlights: list[tuple[int, int]]
    """Matched words as offsets into ``snippet``."""
    matches: list[TextSpan]
    """Matched words as offsets into the document's text."""


class Question(BaseModel):
    id: str
    text: str


class FrameworkInfo(BaseModel):
    """The active analysis framework, in one language."""

    name: str
    version: str
    version_key: str
    """Changes with any change of the framework's content."""
    classifier: str
    languages: list[str]
    description: str
    questions: list[Question]

    @classmethod
    def of(cls, framework: Framework, lang: str) -> FrameworkInfo:
        return cls(name=framework.name, version=framework.version, version_key=framework.version_key,
                   classifier=framework.impact.classifier, languages=list(framework.languages),
                   description=framework.description.get(lang),
                   questions=[Question(id=q.id, text=q.text.get(lang)) for q in framework.questions])


class ThemeInfo(BaseModel):
    """A theme of the framework with its label, description and search terms in one language."""

    id: str
    label: str
    description: str
    parent: str | None
    weight: float
    anchor: bool
    terms: list[str]
    patterns: list[str]
    exclude: list[str]

    @classmethod
    def of(cls, theme: Theme, lang: str) -> ThemeInfo:
        return cls(id=theme.id, label=theme.label.get(lang), description=theme.description.get(lang),
                   parent=theme.parent, weight=theme.weight, anchor=theme.anchor, terms=theme.terms.get(lang),
                   patterns=list(theme.patterns.en if lang == "en" else theme.patterns.sv),
                   exclude=theme.exclude.get(lang))


class RegistryEntry(BaseModel):
    """A public body of the built-in actor registry."""

    name: str
    kind: str
    aliases: list[str]
    codes: list[Identifier]
    """Typed codes: dnr (diarienummer prefix), bet (Riksdag committee), fs (regulation series)."""
    successor: str | None

    @classmethod
    def of(cls, authority: Authority) -> RegistryEntry:
        return cls(name=authority.name, kind=authority.kind, aliases=list(authority.aliases),
                   codes=[Identifier(kind=k, value=v) for k, v in authority.codes], successor=authority.successor)


class Actors(BaseModel):
    recurring: list[RecurringActor]
    """Actors named in two or more objects, with their mentions per object."""
    registry: list[RegistryEntry] | None = None
    """The built-in registry, with ``?registry=true``."""


class ReviewRecord(BaseModel):
    """An analyst's judgement as stored: never overwritten, the latest word is in force."""

    id: int
    object_id: str
    action: Literal["impact", "accept", "reject", "edit"]
    target: str | None
    """The statement id for accept, reject and edit."""
    value: str | None
    """The impact (direct, indirect, none) or the edited text."""
    note: str | None
    author: str
    at: str

    @classmethod
    def of(cls, review: Review) -> ReviewRecord:
        return cls.model_validate(review, from_attributes=True)


class StatementEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200)
    """The drafted statement's id (``opportunities[].id`` or ``limitations[].id``)."""
    text: str = Field(min_length=1, max_length=10_000)


class OverrideRequest(BaseModel):
    """An analyst's judgement on an object: a verdict, a note, and drafted statements accepted,
    rejected or rewritten.  Give at least one of them."""

    model_config = ConfigDict(extra="forbid")

    impact: Impact | None = None
    note: str | None = Field(default=None, max_length=10_000)
    accept: list[str] = Field(default_factory=list, max_length=100)
    reject: list[str] = Field(default_factory=list, max_length=100)
    edit: list[StatementEdit] = Field(default_factory=list, max_length=100)
    author: str | None = Field(default=None, min_length=1, max_length=200)
    """Who reviews [default: $STYRSIGNAL_USER of the server, or its login]."""
