"""A document as the analysis sees it: its text in passages, each with the themes it was coded
to (with the matched spans) and the actors it names, plus headings, pages and the objects the
document belongs to.

:func:`annotate_document` is what the web's document page and the API's document endpoint
show.  It reads the newest coding run of the framework over the corpus as it is now and
never starts one: a document ingested a moment ago is shown with ``coding_run=None`` and no
annotations until the analysis has coded it.  Every offset (``start``, ``end``, spans) is a
character offset into the stored text of the document's current version, so a quote, a
passage and a highlight line up with the evidence of an assessment.  The work is linear in
the document's size: passages, codings and mentions are each read once and grouped by passage.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from pydantic import BaseModel, ConfigDict, Field

from styrsignal.analysis.coding import is_criterion, latest_run
from styrsignal.analysis.framework import Framework
from styrsignal.corpus import list_objects
from styrsignal.errors import NotFound, StoreError
from styrsignal.ingest.authorities import display_name
from styrsignal.model import Document
from styrsignal.workspace import Workspace


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IdentifierRef(_Model):
    kind: str
    value: str


class ObjectRef(_Model):
    id: str
    name: str


class PassageTheme(_Model):
    """A theme a passage is coded to."""

    id: str
    label: str
    score: float
    terms: list[str]
    """The framework terms (or /patterns/) that matched."""
    spans: list[tuple[int, int]]
    """Matched spans as offsets into the document's text."""


class ActorMark(_Model):
    """An actor named in a passage."""

    name: str
    """The everyday name of the actor (Vinnova rather than Verket för innovationssystem)."""
    kind: str
    registered: bool
    role: str | None
    start: int
    end: int
    surface: str
    """The words as written in the text."""


class AnnotatedPassage(_Model):
    id: int
    seq: int
    start: int
    end: int
    page_start: int | None
    page_end: int | None
    heading_path: list[str]
    text: str
    themes: list[PassageTheme] = Field(default_factory=list)
    actors: list[ActorMark] = Field(default_factory=list)


class Heading(_Model):
    level: int
    start: int
    end: int
    page: int | None
    text: str


class ThemeCount(_Model):
    id: str
    label: str
    passages: int


class AnnotatedDocument(_Model):
    id: int
    title: str | None
    source_path: str
    doc_type: str
    doc_type_label: str
    issuer: str | None
    date: str | None
    identifier: str | None
    """The document's own identifier, when it has one."""
    identifiers: list[IdentifierRef]
    language: str
    source_url: str | None
    format: str
    page_count: int | None
    version: int
    ingested_at: str
    objects: list[ObjectRef]
    coding_run: int | None
    """The coding run the annotations come from; None when the corpus is not coded yet."""
    themes: list[ThemeCount]
    """The framework's themes found in the document, in the framework's order."""
    headings: list[Heading]
    passages: list[AnnotatedPassage]


def annotate_document(workspace: Workspace, framework: Framework, document_id: int, *,
                      lang: str = "sv") -> AnnotatedDocument:
    """The document with its passages, coded themes, actor mentions, headings and objects.

    Raises :class:`UsageError` (``no document …``) when there is no such document."""
    store = workspace.store
    try:
        document = store.document(document_id)
    except StoreError as exc:
        raise NotFound(f"no document with id {document_id}") from exc
    passages = store.passages(document_id)
    run = latest_run(workspace, framework)
    labels = {t.id: (t.label.en if lang == "en" and t.label.en else t.label.sv) for t in framework.themes}
    themes: dict[int, list[PassageTheme]] = defaultdict(list)
    actors: dict[int, list[ActorMark]] = defaultdict(list)
    if run is not None:
        for coding in store.codings(run.id, [document_id]):
            if is_criterion(coding.theme_id) or coding.theme_id not in labels:
                continue
            themes[coding.passage_id].append(PassageTheme(
                id=coding.theme_id, label=labels[coding.theme_id], score=coding.score, terms=list(coding.terms),
                spans=[(s, e) for s, e in coding.spans]))
        for mention in store.mentions(run.id, [document_id]):
            actors[mention.passage_id].append(ActorMark(
                name=display_name(mention.name), kind=mention.kind, registered=mention.registered,
                role=mention.role, start=mention.start, end=mention.end, surface=mention.surface))
    order = {t.id: i for i, t in enumerate(framework.themes)}
    counts: dict[str, int] = defaultdict(int)
    annotated = []
    for p in passages:
        coded = sorted(themes.get(p.id, []), key=lambda t: order[t.id])
        for theme in coded:
            counts[theme.id] += 1
        annotated.append(AnnotatedPassage(
            id=p.id, seq=p.seq, start=p.start, end=p.end, page_start=p.page_start, page_end=p.page_end,
            heading_path=list(p.heading_path), text=document.text[p.start:p.end], themes=coded,
            actors=sorted(actors.get(p.id, []), key=lambda a: a.start)))
    meta = document.metadata
    own = meta.own_identifier
    return AnnotatedDocument(
        id=document.id, title=meta.title, source_path=document.source_path, doc_type=meta.doc_type.value,
        doc_type_label=meta.doc_type.label_en if lang == "en" else meta.doc_type.label,
        issuer=meta.issuer, date=meta.date.isoformat() if meta.date else None,
        identifier=own.value if own else None,
        identifiers=[IdentifierRef(kind=i.kind, value=i.value) for i in meta.identifiers],
        language=meta.language, source_url=meta.source_url, format=document.format,
        page_count=document.page_count, version=document.version, ingested_at=document.ingested_at,
        objects=objects_of(workspace, document),
        coding_run=run.id if run else None,
        themes=[ThemeCount(id=t.id, label=labels[t.id], passages=counts[t.id])
                for t in framework.themes if counts.get(t.id)],
        headings=headings(document),
        passages=annotated,
    )


def objects_of(workspace: Workspace, document: Document) -> list[ObjectRef]:
    """The analysis objects a document belongs to (declared ones, or the object made for it)."""
    # The declared objects are read in milliseconds; the object made for a document no declared
    # object names takes every document (its id must differ from the others'), a second on 10,000.
    objects = [o for o in workspace.store.objects() if document.id in o.document_ids] or \
        [o for o in list_objects(workspace) if document.id in o.document_ids]
    return [ObjectRef(id=o.id, name=o.name) for o in objects]


def headings(document: Document) -> list[Heading]:
    """The document's headings with the page each stands on."""
    starts = [p.start for p in document.pages]
    result = []
    for block in document.blocks:
        if block.kind != "heading":
            continue
        page = block.page
        if page is None and document.pages:
            index = bisect.bisect_right(starts, block.start) - 1
            page = document.pages[index].number if index >= 0 else None
        result.append(Heading(level=max(1, block.level), start=block.start, end=block.end, page=page,
                              text=" ".join(document.text[block.start:block.end].split())))
    return result
