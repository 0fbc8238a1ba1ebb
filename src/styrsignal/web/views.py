"""What pages show, computed from the analysis: plain data for the templates.

Routes call these and hand the result to a template; templates only lay out.  Nothing here
decides anything about a policy: it arranges what :mod:`styrsignal.analysis` concluded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from markupsafe import Markup, escape

from styrsignal.analysis.assessment import Analysis, ObjectAssessment, RecurringActor
from styrsignal.analysis.framework import Framework
from styrsignal.errors import NotFound
from styrsignal.model import DocType

IMPACT_ORDER = {"direct": 0, "indirect": 1, "none": 2}
HEAT_STEPS = 6
PALETTE = ("#1f5f8b", "#c0562f", "#3f8f4f", "#8a5aa8", "#b08d1a", "#4a4a4a")


def ordered(objects: list[ObjectAssessment]) -> list[ObjectAssessment]:
    """Direct impact first, then indirect, then none; by name within each group."""
    return sorted(objects, key=lambda a: (IMPACT_ORDER[a.impact], a.name.casefold()))


@dataclass
class HeatCell:
    share: float
    passages: int
    step: int
    """0 (none) … HEAT_STEPS-1 (the largest share in the table)."""


@dataclass
class HeatRow:
    object: ObjectAssessment
    cells: list[HeatCell]


@dataclass
class Heatmap:
    themes: list[tuple[str, str]]
    """(theme id, label) per column."""
    rows: list[HeatRow] = field(default_factory=list)


def heatmap(analysis: Analysis, framework: Framework, lang: str) -> Heatmap:
    """Theme × object, the share of each object's passages coded to each theme."""
    columns = [(t.id, t.label.get(lang)) for t in framework.themes]
    top = max((r.share for a in analysis.objects for r in a.themes), default=0.0)
    result = Heatmap(columns)
    for obj in ordered(analysis.objects):
        by_theme = {r.id: r for r in obj.themes}
        cells = []
        for theme_id, _label in columns:
            row = by_theme.get(theme_id)
            share = row.share if row else 0.0
            step = 0 if not row or top <= 0 else max(1, round(share / top * (HEAT_STEPS - 1)))
            cells.append(HeatCell(share, row.passages if row else 0, step))
        result.rows.append(HeatRow(obj, cells))
    keep = [i for i in range(len(columns)) if any(r.cells[i].passages for r in result.rows)]
    result.themes = [columns[i] for i in keep]
    for heat_row in result.rows:
        heat_row.cells = [heat_row.cells[i] for i in keep]
    return result


def trends_svg(analysis: Analysis, *, series: int = 6, width: int = 760, height: int = 260,
               title: str = "") -> Markup | None:
    """A line chart of the themes that vary most over the periods, as inline SVG (no script,
    no external file).  ``None`` when fewer than two periods have dated passages."""
    trends = analysis.trends
    periods = [p for p in trends.periods if trends.passages.get(p)]
    if len(periods) < 2:
        return None
    chosen = sorted(trends.themes, key=lambda s: -max((s.values.get(p, 0.0) for p in periods), default=0.0))[:series]
    if not chosen:
        return None
    top = max(max(s.values.get(p, 0.0) for p in periods) for s in chosen) or 1.0
    left, right, top_pad, bottom = 48, 240, 16, 34
    plot_w, plot_h = width - left - right, height - top_pad - bottom

    # years sit at their distance from each other (2014, 2017, 2024 are not evenly spaced)
    years = [int(p) for p in periods] if trends.granularity == "year" and all(p.isdigit() for p in periods) else None
    positions = [y - years[0] for y in years] if years else list(range(len(periods)))
    span = positions[-1] or 1

    def x(i: int) -> float:
        return left + plot_w * positions[i] / span

    def y(v: float) -> float:
        return top_pad + plot_h * (1 - v / top)

    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg">', f"<title>{escape(title)}</title>"]
    for k in range(5):
        v = top * k / 4
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#e3e3e3"/>')
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11" fill="#555">'
                     f"{v * 100:.0f}%</text>")
    step = max(1, len(periods) // 8)
    for i, period in enumerate(periods):
        if i % step == 0 or i == len(periods) - 1:
            parts.append(f'<text x="{x(i):.1f}" y="{height - 12}" text-anchor="middle" font-size="11" fill="#555">'
                         f"{escape(period)}</text>")
    for n, s in enumerate(chosen):
        colour = PALETTE[n % len(PALETTE)]
        points = " ".join(f"{x(i):.1f},{y(s.values.get(p, 0.0)):.1f}" for i, p in enumerate(periods))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        ly = top_pad + 8 + n * 18
        parts.append(f'<rect x="{left + plot_w + 14}" y="{ly - 8}" width="12" height="4" fill="{colour}"/>')
        label = s.label if len(s.label) <= 34 else s.label[:33] + "…"
        parts.append(f'<text x="{left + plot_w + 32}" y="{ly - 2}" font-size="11" fill="#222">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def find_object(analysis: Analysis, object_id: str) -> ObjectAssessment:
    """The assessment of one object; ``UsageError`` (shown as 404) when there is none."""
    for assessment in analysis.objects:
        if assessment.id == object_id:
            return assessment
    raise NotFound(f"no analysis object {object_id!r}")


def scope_labels(framework: Framework, lang: str) -> dict[str, str]:
    """Scope level id (sweden, eu, …) → the framework's label for it."""
    return {level.id: level.label.get(lang) for level in framework.impact.scope}


def statement_texts(assessment: ObjectAssessment, width: int = 70) -> dict[str, str]:
    """Statement id → the start of its drafted text, to name it in the review history."""
    result = {}
    for statement in [*assessment.opportunities, *assessment.limitations]:
        text = statement.proposed_text or statement.text
        result[statement.id] = text if len(text) <= width else text[:width - 1].rstrip() + "…"
    return result


def doc_type_labels(lang: str) -> dict[str, str]:
    """Document type value → its label in the interface language."""
    return {kind.value: kind.label_en if lang == "en" else kind.label for kind in DocType}


T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    """One page of a long list."""

    items: Sequence[T]
    number: int
    pages: int
    total: int

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def paginate(items: Sequence[T], number: int, size: int = 50) -> Page[T]:
    """Page ``number`` (from 1, clamped to the pages there are) of ``items``."""
    pages = max(1, math.ceil(len(items) / size))
    number = min(max(1, number), pages)
    return Page(items[(number - 1) * size:number * size], number, pages, len(items))


@dataclass
class ActorMatrix:
    """Recurring actors × objects: mentions per cell (0 where the actor is not named)."""

    objects: list[ObjectAssessment]
    rows: list[tuple[RecurringActor, list[int]]]
    steps: list[list[int]]
    """Shade step per cell, 0 … HEAT_STEPS-1, like the theme heat map."""


def actor_matrix(analysis: Analysis, limit: int = 60) -> ActorMatrix:
    """The ``limit`` actors named in most objects, against the objects that name any of them."""
    recurring = analysis.cross_cutting.recurring_actors[:limit]
    named = {object_id for actor in recurring for object_id in actor.objects}
    objects = [a for a in ordered(analysis.objects) if a.id in named]
    rows = [(actor, [actor.objects.get(a.id, 0) for a in objects]) for actor in recurring]
    top = max((n for _, cells in rows for n in cells), default=0)
    steps = [[0 if not n or not top else max(1, round(math.sqrt(n / top) * (HEAT_STEPS - 1))) for n in cells]
             for _, cells in rows]
    return ActorMatrix(objects, rows, steps)
