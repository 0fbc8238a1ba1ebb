"""``styrsignal analyze``: coding if needed, then an assessment per object, cross-cutting
analysis and trends — with analysts' reviews applied and shown beside the automatic verdict.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from styrsignal.analysis.actors import by_passage, summarise
from styrsignal.analysis.assessment import (
    ActorRow,
    Analysis,
    Criteria,
    DocumentRef,
    Evidence,
    FrameworkRef,
    InstrumentCriterion,
    InstrumentKind,
    ObjectAssessment,
    Override,
    ScopeCriterion,
    Statement,
    SubjectCriterion,
    ThemeAlignment,
    ThemeCriterion,
    ThemeRow,
)
from styrsignal.analysis.classify import (
    Checklist,
    ObjectEvidence,
    checklist,
    decide,
    enabling_and_constraining,
)
from styrsignal.analysis.coding import INSTRUMENT, SUBJECT, ensure_coding
from styrsignal.analysis.drafting import (
    evidence_for,
    limitations,
    opportunities,
    quote_evidence,
    rationale,
)
from styrsignal.analysis.framework import Framework, load_framework
from styrsignal.analysis.trends import cross_cutting, trends
from styrsignal.corpus import list_objects
from styrsignal.ingest.authorities import display_name
from styrsignal.model import AnalysisObject, Coding, CodingRun, Document, Mention, Review
from styrsignal.store.base import StoredPassage
from styrsignal.workspace import Workspace

Progress = Callable[[int, int], None]


def analyze(workspace: Workspace, framework: Framework | None = None, *, lang: str = "sv",
            object_ids: list[str] | None = None, on_progress: Progress | None = None) -> Analysis:
    framework = framework or load_framework()
    run = ensure_coding(workspace, framework)
    objects = list_objects(workspace)
    if object_ids is not None:
        objects = [o for o in objects if o.id in set(object_ids)]
    reviews: dict[str, list[Review]] = defaultdict(list)
    for review in workspace.store.reviews():
        reviews[review.object_id].append(review)
    assessments = []
    for done, obj in enumerate(objects, start=1):
        assessments.append(assess_object(workspace, framework, run, obj, lang, reviews.get(obj.id, [])))
        if on_progress:
            on_progress(done, len(objects))
    store = workspace.store
    documents = store.documents()
    return Analysis(
        framework=FrameworkRef(name=framework.name, version=framework.version, version_key=framework.version_key,
                               classifier=framework.impact.classifier),
        lang="en" if lang == "en" else "sv",
        generated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        coding_run=run.id,
        objects=assessments,
        cross_cutting=cross_cutting(framework, assessments, lang),
        trends=trends(framework, documents, store.passage_counts(), store.coding_counts(run.id),
                      store.mention_counts(run.id), lang),
    )


def assess_object(workspace: Workspace, framework: Framework, run: CodingRun, obj: AnalysisObject, lang: str,
                  reviews: list[Review]) -> ObjectAssessment:
    store = workspace.store
    documents: dict[int, Document] = {did: store.document(did) for did in obj.document_ids}
    passages = [p for did in obj.document_ids for p in store.passages(did)]
    by_id = {p.id: p for p in passages}
    codings = store.codings(run.id, obj.document_ids)
    evidence = ObjectEvidence.build(passages, documents, codings)
    check = checklist(framework, evidence)
    verdict = decide(framework, check)

    theme_ids = {t.id for t in framework.themes}
    coded_themes: dict[int, list[str]] = defaultdict(list)
    instruments: dict[int, list[str]] = defaultdict(list)
    for coding in codings:
        if coding.theme_id in theme_ids or coding.theme_id == SUBJECT:
            coded_themes[coding.passage_id].append(coding.theme_id)
        elif coding.theme_id.startswith(INSTRUMENT):
            instruments[coding.passage_id].append(coding.theme_id[len(INSTRUMENT):])
    enabling, constraining = enabling_and_constraining(evidence)

    criteria = _criteria(framework, check, evidence, by_id, documents, verdict.subject_met, verdict.themes_met,
                         verdict.instruments_met, lang)
    opps = opportunities(framework, enabling, coded_themes, by_id, documents, instruments, lang)
    lims = limitations(framework, check, constraining, coded_themes, by_id, documents, lang)
    override = _apply_reviews(reviews, opps, lims)
    impact = override.impact if override and override.impact else verdict.impact
    key_evidence = _dedupe([*criteria.subject.evidence, *criteria.instruments.evidence, *criteria.themes.evidence])
    return ObjectAssessment(
        id=obj.id, name=obj.name, impact=impact, automatic_impact=verdict.impact,  # type: ignore[arg-type]
        confidence=verdict.confidence, thin_evidence=verdict.thin_evidence, passages_total=check.total_passages,
        criteria=criteria, rationale=rationale(framework, check, verdict, len(documents), lang),
        opportunities=opps, limitations=lims,
        actors=_actors(store.mentions(run.id, obj.document_ids), by_id, documents),
        themes=[ThemeRow(id=t, label=_label(framework, t, lang), passages=n, score=s,
                         share=round(n / max(check.total_passages, 1), 4)) for t, n, s in check.theme_scores],
        evidence=key_evidence,
        documents=[DocumentRef(id=d.id, title=d.metadata.title, source_path=d.source_path,
                               doc_type=d.metadata.doc_type.value,
                               date=d.metadata.date.isoformat() if d.metadata.date else None,
                               identifier=d.metadata.own_identifier.value if d.metadata.own_identifier else None)
                   for d in documents.values()],
        override=override,
    )


def _label(framework: Framework, theme_id: str, lang: str) -> str:
    theme = framework.theme(theme_id)
    return theme.label.en if lang == "en" and theme.label.en else theme.label.sv


def _criteria(framework: Framework, check: Checklist, evidence: ObjectEvidence, passages: dict[int, StoredPassage],
              documents: dict[int, Document], subject_met: bool, themes_met: bool, instruments_met: bool,
              lang: str) -> Criteria:
    subject_codings = evidence.by_group.get(SUBJECT, [])
    instrument_codings: list[Coding] = [c for items in evidence.prefixed(INSTRUMENT).values() for c in items]
    tied = {p for ids in check.tied_passages.values() for p in ids}
    national = set(check.national_passages)
    scope_codings = [c for g, items in evidence.by_group.items() if g.startswith("@scope:") for c in items]
    theme_codings = [c for t, _, _ in check.aligned_themes for c in evidence.by_group.get(t, [])]
    labels = {i.id: (i.label.en if lang == "en" and i.label.en else i.label.sv) for i in framework.impact.instruments}
    primary = max(check.scope_levels.items(), key=lambda kv: kv[1])[0] if check.scope_levels else None
    return Criteria(
        subject=SubjectCriterion(met=subject_met, passages=len(check.subject_passages),
                                 documents=check.subject_documents, terms=check.subject_terms,
                                 evidence=evidence_for(subject_codings, passages, documents)),
        instruments=InstrumentCriterion(
            met=instruments_met, passages=check.instrument_total, tied_to_subject=check.tied_total,
            kinds=[InstrumentKind(id=k, label=labels.get(k, k), passages=len(ids),
                                  tied_to_subject=len(check.tied_passages.get(k, [])))
                   for k, ids in sorted(check.instrument_passages.items(), key=lambda kv: -len(kv[1]))],
            evidence=evidence_for([c for c in instrument_codings if c.passage_id in tied] or instrument_codings,
                                  passages, documents)),
        scope=ScopeCriterion(levels=check.scope_levels, primary=primary, national_instrument=check.national_instrument,
                             evidence=evidence_for([c for c in instrument_codings if c.passage_id in national]
                                                   or scope_codings, passages, documents, limit=3)),
        themes=ThemeCriterion(met=themes_met,
                              aligned=[ThemeAlignment(id=t, label=_label(framework, t, lang), passages=n, score=s)
                                       for t, n, s in check.aligned_themes],
                              evidence=evidence_for(theme_codings, passages, documents)),
    )


def _actors(mentions: list[Mention], passages: dict[int, StoredPassage],
            documents: dict[int, Document]) -> list[ActorRow]:
    """One row per actor, with the first mention that gives a role (else the first) as evidence."""
    cited: dict[tuple[str, str, bool], Mention] = {}
    for m in mentions:
        key = (display_name(m.name), m.kind, m.registered)
        if key not in cited or (m.role and not cited[key].role):
            cited[key] = m
    rows = []
    for s in summarise(by_passage(mentions), display=True):
        first = cited[(s.name, s.kind, s.registered)]
        quote = quote_evidence(documents[first.document_id], passages[first.passage_id], (first.start, first.end)) \
            if first.passage_id in passages else None
        rows.append(ActorRow(name=s.name, kind=s.kind, registered=s.registered, mentions=s.mentions,
                             passages=s.passages, roles=s.roles, evidence=[quote] if quote else []))
    return rows


def _dedupe(items: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[int, int]] = set()
    result = []
    for item in items:
        key = (item.document_id, item.start)
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result


def _apply_reviews(reviews: list[Review], opps: list[Statement], lims: list[Statement]) -> Override | None:
    """Apply the analyst's reviews in the order given; the latest word on each thing counts."""
    if not reviews:
        return None
    statements = {s.id: s for s in [*opps, *lims]}
    override = Override(history=[{"action": r.action, "target": r.target, "value": r.value, "note": r.note,
                                  "author": r.author, "at": r.at} for r in reviews])
    for review in reviews:
        if review.action == "impact":
            if review.value is not None:
                override.impact = review.value  # type: ignore[assignment]
            override.note, override.author, override.at = review.note or override.note, review.author, review.at
        elif review.target in statements:
            statement = statements[review.target]
            if review.action == "accept":
                statement.status = "accepted"
            elif review.action == "reject":
                statement.status = "rejected"
            elif review.action == "edit" and review.value:
                statement.proposed_text = statement.proposed_text or statement.text
                statement.text = review.value
                statement.status = "edited"
    return override
