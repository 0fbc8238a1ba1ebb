"""Text with marks: a search snippet or a document's passages cut into segments, each with what
to highlight in it, for the templates to escape and wrap.

Nothing here builds HTML: a template writes each segment's text (escaped by Jinja) inside the
element its marks ask for, so document text is never marked safe.  Cutting is a sweep over
the span boundaries, linear in the text and the number of spans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from styrsignal.analysis.annotated import ActorMark, AnnotatedDocument, AnnotatedPassage, Heading
from styrsignal.analysis.framework import Framework

THEME_COLOURS = 12
"""Theme colour classes ``th-0`` … ``th-11`` in static/style.css."""


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    themes: tuple[str, ...] = ()
    """Theme ids whose matched spans cover this text (framework order)."""
    actor: ActorMark | None = None

    @property
    def marked(self) -> bool:
        return bool(self.themes)


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` as (piece, is_match) pairs, the matches being ``spans`` (offsets into ``text``)."""
    result: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, len(text))
        if end <= start:
            continue
        if start > at:
            result.append((text[at:start], False))
        result.append((text[start:end], True))
        at = end
    if at < len(text):
        result.append((text[at:], False))
    return result


def passage_segments(passage: AnnotatedPassage) -> list[Segment]:
    """The passage's text cut where a theme's matched span or an actor mention begins or ends."""
    base = passage.start
    size = len(passage.text)
    events: list[tuple[int, int, int, str]] = []
    """(offset, 0 = end / 1 = start, kind 0 = theme / 1 = actor, key)"""
    for theme in passage.themes:
        for start, end in theme.spans:
            s, e = max(0, start - base), min(size, end - base)
            if e > s:
                events += [(s, 1, 0, theme.id), (e, 0, 0, theme.id)]
    actors: dict[str, ActorMark] = {}
    for n, actor in enumerate(passage.actors):
        s, e = max(0, actor.start - base), min(size, actor.end - base)
        if e > s:
            key = str(n)
            actors[key] = actor
            events += [(s, 1, 1, key), (e, 0, 1, key)]
    if not events:
        return [Segment(passage.text)]
    events.sort()
    order = {t.id: i for i, t in enumerate(passage.themes)}
    active_themes: dict[str, int] = {}
    active_actors: dict[str, int] = {}
    segments: list[Segment] = []
    at = 0
    for offset, starts, kind, key in events:
        if offset > at:
            themes = tuple(sorted((t for t, n in active_themes.items() if n > 0), key=order.__getitem__))
            covering = next((actors[k] for k, n in active_actors.items() if n > 0), None)
            segments.append(Segment(passage.text[at:offset], themes, covering))
            at = offset
        active = active_themes if kind == 0 else active_actors
        active[key] = active.get(key, 0) + (1 if starts else -1)
    if at < size:
        segments.append(Segment(passage.text[at:]))
    return _merged(segments)


def _merged(segments: list[Segment]) -> list[Segment]:
    result: list[Segment] = []
    for segment in segments:
        if result and result[-1].themes == segment.themes and result[-1].actor is segment.actor:
            result[-1] = Segment(result[-1].text + segment.text, segment.themes, segment.actor)
        else:
            result.append(segment)
    return result


@dataclass
class DocumentItem:
    """One thing in the reading order of a document page."""

    kind: str
    """"page" (a page begins), "heading" or "passage"."""
    page: int | None = None
    heading: Heading | None = None
    passage: AnnotatedPassage | None = None
    segments: list[Segment] = field(default_factory=list)


def document_items(document: AnnotatedDocument) -> list[DocumentItem]:
    """Headings and passages in text order, with a page marker wherever a new page begins."""
    things: list[tuple[int, int, Heading | AnnotatedPassage]] = \
        [(h.start, 0, h) for h in document.headings] + [(p.start, 1, p) for p in document.passages]
    things.sort(key=lambda t: (t[0], t[1]))
    items: list[DocumentItem] = []
    page: int | None = None
    for _start, _kind, thing in things:
        starts_on = thing.page if isinstance(thing, Heading) else thing.page_start
        if starts_on is not None and starts_on != page:
            items.append(DocumentItem("page", page=starts_on))
            page = starts_on
        if isinstance(thing, Heading):
            items.append(DocumentItem("heading", page=page, heading=thing))
        else:
            items.append(DocumentItem("passage", page=page, passage=thing, segments=passage_segments(thing)))
    return items


def theme_classes(framework: Framework) -> dict[str, str]:
    """Theme id → its colour class, by the theme's place in the framework."""
    return {theme.id: f"th-{i % THEME_COLOURS}" for i, theme in enumerate(framework.themes)}
