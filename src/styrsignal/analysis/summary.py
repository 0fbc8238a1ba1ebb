"""A coding run seen per analysis object: themes, actors, matrices and changes between runs."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from styrsignal.analysis.actors import ActorSummary, by_passage, summarise
from styrsignal.analysis.coding import is_criterion
from styrsignal.analysis.framework import Framework
from styrsignal.corpus import list_objects
from styrsignal.model import AnalysisObject, Coding, CodingRun, Mention
from styrsignal.workspace import Workspace


@dataclass
class ThemeSummary:
    id: str
    label: str
    passages: int
    """Passages of the object coded to the theme."""
    score: float
    """Summed passage scores per 100 passages of the object: how much of the object the theme fills."""
    share: float
    """Coded passages / all passages of the object."""
    documents: int
    top_terms: list[tuple[str, int]] = field(default_factory=list)
    passage_ids: list[int] = field(default_factory=list)


@dataclass
class ObjectCoding:
    object: AnalysisObject
    total_passages: int
    themes: list[ThemeSummary]
    actors: list[ActorSummary]


def summarise_run(workspace: Workspace, framework: Framework, run: CodingRun, *, lang: str = "sv",
                  objects: list[AnalysisObject] | None = None) -> list[ObjectCoding]:
    store = workspace.store
    objects = objects if objects is not None else list_objects(workspace)
    codings_by_doc: dict[int, list[Coding]] = defaultdict(list)
    for coding in store.codings(run.id):
        codings_by_doc[coding.document_id].append(coding)
    mentions_by_doc: dict[int, list[Mention]] = defaultdict(list)
    for mention in store.mentions(run.id):
        mentions_by_doc[mention.document_id].append(mention)
    passage_counts = {d.id: len(store.passages(d.id)) for d in store.documents()}
    labels = {t.id: (t.label.en if lang == "en" and t.label.en else t.label.sv) for t in framework.themes}
    result = []
    for obj in objects:
        total = sum(passage_counts.get(did, 0) for did in obj.document_ids)
        codings = [c for did in obj.document_ids for c in codings_by_doc.get(did, [])]
        mentions = [m for did in obj.document_ids for m in mentions_by_doc.get(did, [])]
        result.append(ObjectCoding(obj, total, _themes(framework, labels, codings, total), _actors(mentions)))
    return result


def _themes(framework: Framework, labels: dict[str, str], codings: list[Coding], total: int) -> list[ThemeSummary]:
    by_theme: dict[str, list[Coding]] = defaultdict(list)
    for coding in codings:
        by_theme[coding.theme_id].append(coding)
    summaries = []
    for theme in framework.themes:
        items = by_theme.get(theme.id, [])
        if not items:
            continue
        terms: Counter[str] = Counter(term for c in items for term in c.terms)
        summaries.append(ThemeSummary(
            theme.id, labels[theme.id], len(items),
            round(100 * sum(c.score for c in items) / max(total, 1), 2),
            round(len(items) / max(total, 1), 4), len({c.document_id for c in items}),
            terms.most_common(5), [c.passage_id for c in sorted(items, key=lambda c: -c.score)]))
    summaries.sort(key=lambda s: (-s.score, s.id))
    return summaries


def _actors(mentions: list[Mention]) -> list[ActorSummary]:
    return summarise(by_passage(mentions), display=True)


def object_records(framework: Framework, run: CodingRun, summaries: list[ObjectCoding]) -> dict[str, Any]:
    """The JSON of ``styrsignal code --json``."""
    return {
        "framework": {"name": framework.name, "version": framework.version, "version_key": framework.version_key},
        "run": {"id": run.id, "created_at": run.created_at},
        "objects": [{
            "id": s.object.id,
            "name": s.object.name,
            "passages_total": s.total_passages,
            "themes": [{"id": t.id, "label": t.label, "passages": t.passages, "score": t.score, "share": t.share,
                        "documents": t.documents, "top_terms": [{"term": k, "passages": n} for k, n in t.top_terms]}
                       for t in s.themes],
            "actors": [{"name": a.name, "kind": a.kind, "registered": a.registered, "mentions": a.mentions,
                        "passages": a.passages, "roles": a.roles, "example_passages": list(a.examples)}
                       for a in s.actors],
        } for s in summaries],
    }


def theme_matrix(framework: Framework, summaries: list[ObjectCoding], *, lang: str = "sv",
                 value: str = "passages") -> tuple[list[str], list[list[Any]]]:
    """Rows: themes; columns: objects; cells: coded passages (or score)."""
    header = ["theme", "label", *[s.object.id for s in summaries]]
    rows: list[list[Any]] = []
    for theme in framework.themes:
        label = theme.label.en if lang == "en" and theme.label.en else theme.label.sv
        row: list[Any] = [theme.id, label]
        for s in summaries:
            found = next((t for t in s.themes if t.id == theme.id), None)
            row.append(getattr(found, value) if found else 0)
        rows.append(row)
    return header, rows


def actor_matrix(summaries: list[ObjectCoding], *, min_mentions: int = 1) -> tuple[list[str], list[list[Any]]]:
    """Rows: actors; columns: objects; cells: mentions."""
    totals: Counter[str] = Counter()
    info: dict[str, ActorSummary] = {}
    for s in summaries:
        for a in s.actors:
            totals[a.name] += a.mentions
            info.setdefault(a.name, a)
    header = ["actor", "kind", "registered", *[s.object.id for s in summaries]]
    rows: list[list[Any]] = []
    for name, total in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])):
        if total < min_mentions:
            continue
        cells = [next((a.mentions for a in s.actors if a.name == name), 0) for s in summaries]
        rows.append([name, info[name].kind, info[name].registered, *cells])
    return header, rows


@dataclass
class ThemeChange:
    object_id: str
    theme_id: str
    before: int
    after: int
    added: int
    removed: int


def compare_runs(workspace: Workspace, before: CodingRun, after: CodingRun,
                 objects: list[AnalysisObject] | None = None) -> list[ThemeChange]:
    """What a framework change did: per object and theme, passages coded before and after."""
    store = workspace.store
    objects = objects if objects is not None else list_objects(workspace)
    old = {(c.document_id, c.theme_id, c.passage_id) for c in store.codings(before.id) if not is_criterion(c.theme_id)}
    new = {(c.document_id, c.theme_id, c.passage_id) for c in store.codings(after.id) if not is_criterion(c.theme_id)}
    changes = []
    themes = sorted({t for _, t, _ in old | new})
    for obj in objects:
        docs = set(obj.document_ids)
        for theme in themes:
            was = {p for d, t, p in old if t == theme and d in docs}
            now = {p for d, t, p in new if t == theme and d in docs}
            if was != now:
                changes.append(ThemeChange(obj.id, theme, len(was), len(now), len(now - was), len(was - now)))
    return changes


def previous_run(workspace: Workspace, run: CodingRun) -> CodingRun | None:
    """The latest earlier run of a different framework version over the same corpus."""
    for other in workspace.store.coding_runs():
        if other.id < run.id and other.version_key != run.version_key and other.corpus_state == run.corpus_state:
            return other
    return None
