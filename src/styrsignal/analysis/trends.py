"""Across objects and over time: shared themes, recurring actors, gaps, and trends by date.

Trends count coded passages per period (year, or quarter when the corpus spans few years)
by the documents' dates, as a share of all passages of that period's documents, so a period
with more documents does not look like a rise.  A change point is flagged where a series
moves sharply between consecutive periods that both hold enough text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import pairwise
from typing import Literal

from styrsignal.analysis.assessment import (
    ChangePoint,
    CrossCutting,
    ObjectAssessment,
    RecurringActor,
    SharedTheme,
    ThemeAlignment,
    Trends,
    TrendSeries,
)
from styrsignal.analysis.framework import Framework
from styrsignal.model import Document

MIN_PERIOD_PASSAGES = 20
"""A period needs this many passages before its shares are compared."""
CHANGE_RATIO = 1.5
CHANGE_MIN_POINTS = 0.02


def cross_cutting(framework: Framework, assessments: list[ObjectAssessment], lang: str) -> CrossCutting:
    counts = Counter(a.impact for a in assessments)
    carriers: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for assessment in assessments:
        for row in assessment.themes:
            carriers[row.id].append((assessment.id, row.passages))
    shared = []
    gaps = []
    for theme in framework.themes:
        label = theme.label.en if lang == "en" and theme.label.en else theme.label.sv
        objects = sorted(carriers.get(theme.id, []), key=lambda kv: -kv[1])
        if len(objects) >= 2:
            shared.append(SharedTheme(id=theme.id, label=label, objects=[o for o, _ in objects],
                                      passages=sum(n for _, n in objects)))
        if not objects:
            gaps.append(ThemeAlignment(id=theme.id, label=label, passages=0, score=0.0))
    shared.sort(key=lambda s: (-len(s.objects), -s.passages, s.id))
    actors: dict[str, dict[str, int]] = defaultdict(dict)
    info: dict[str, tuple[str, bool]] = {}
    for assessment in assessments:
        for actor in assessment.actors:
            actors[actor.name][assessment.id] = actor.mentions
            info[actor.name] = (actor.kind, actor.registered)
    recurring = [RecurringActor(name=name, kind=info[name][0], registered=info[name][1], objects=objects)
                 for name, objects in actors.items() if len(objects) >= 2]
    recurring.sort(key=lambda r: (-len(r.objects), -sum(r.objects.values()), r.name))
    return CrossCutting(impact_counts={k: counts.get(k, 0) for k in ("direct", "indirect", "none")},
                        shared_themes=shared, recurring_actors=recurring, gaps=gaps)


def _period(document: Document, granularity: str) -> str | None:
    date = document.metadata.date
    if date is None:
        return None
    return str(date.year) if granularity == "year" else f"{date.year}-Q{(date.month - 1) // 3 + 1}"


def trends(framework: Framework, documents: list[Document], passage_counts: dict[int, int],
           coding_counts: list[tuple[int, str, int]], mention_counts: list[tuple[int, str, int]], lang: str, *,
           top_actors: int = 15) -> Trends:
    """Theme and actor frequencies per period; counts are (document id, theme or actor, n)."""
    years = {d.metadata.date.year for d in documents if d.metadata.date}
    granularity: Literal["year", "quarter"] = "quarter" if years and max(years) - min(years) < 3 else "year"
    period_of = {d.id: _period(d, granularity) for d in documents}
    passages: Counter[str] = Counter()
    for document in documents:
        period = period_of[document.id]
        if period is not None:
            passages[period] += passage_counts.get(document.id, 0)
    periods = sorted(passages)
    theme_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for document_id, theme_id, n in coding_counts:
        period = period_of.get(document_id)
        if period is not None and not theme_id.startswith("@"):
            theme_counts[theme_id][period] += n
    actor_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for document_id, name, n in mention_counts:
        period = period_of.get(document_id)
        if period is not None:
            actor_counts[name][period] += n
    theme_series = []
    for theme in framework.themes:
        counts = theme_counts.get(theme.id, Counter())
        label = theme.label.en if lang == "en" and theme.label.en else theme.label.sv
        theme_series.append(TrendSeries(id=theme.id, label=label,
                                        values={p: round(counts[p] / passages[p], 4) for p in periods},
                                        counts={p: counts[p] for p in periods}))
    actor_series = []
    for name, counts in sorted(actor_counts.items(), key=lambda kv: -sum(kv[1].values()))[:top_actors]:
        actor_series.append(TrendSeries(id=name, label=name,
                                        values={p: round(100 * counts[p] / passages[p], 2) for p in periods},
                                        counts={p: counts[p] for p in periods}))
    changes = [c for series in theme_series for c in change_points(series, periods, passages)]
    return Trends(granularity=granularity, periods=periods, passages=dict(passages),
                  undated_documents=sum(1 for d in documents if d.metadata.date is None),
                  themes=theme_series, actors=actor_series, change_points=changes)


def change_points(series: TrendSeries, periods: list[str], passages: Counter[str]) -> list[ChangePoint]:
    """Sharp moves of a theme's share between consecutive periods with enough text."""
    usable = [p for p in periods if passages[p] >= MIN_PERIOD_PASSAGES]
    points = []
    for before, after in pairwise(usable):
        a, b = series.values[before], series.values[after]
        if abs(b - a) < CHANGE_MIN_POINTS:
            continue
        if b >= a * CHANGE_RATIO or a >= b * CHANGE_RATIO:
            points.append(ChangePoint(series=series.id, label=series.label, period=after, previous_period=before,
                                      before=a, after=b, direction="rising" if b > a else "falling"))
    return points
