"""Impact classification, ``rules.v1``: direct, indirect or none, with the checklist behind it.

The definitions (from how policy mappings are done): an object has **direct** impact when it
contains clear wording or steering signals that create concrete opportunities for the subject;
**indirect** impact when it offers broader or implicit openings whose potential depends on
interpretation, application or complementary efforts; otherwise **none**.

``rules.v1`` turns that into a checklist over the coded evidence of the object's passages:

1. *Subject*: passages that name the subject explicitly (the framework's subject terms).
2. *Instruments*: passages naming a concrete instrument (funding, calls, government
   assignments, programmes, legal mandates) and how many of them are *tied to the subject*
   — the instrument stands in a subject passage or in the passage next to it under the
   same heading.
3. *Scope*: which levels the text speaks of (Sweden, EU, Nordic, other), and whether a
   national instrument exists (an instrument passage in Swedish scope, or in a document
   from the Swedish state).
4. *Themes*: how strongly the framework's themes are present.

**Direct** needs the subject named in enough passages *and* an instrument tied to it.
**Indirect** needs the subject named at least once, or thematic alignment anchored near the
subject: an aligned *anchor* theme (one the framework marks as close to the subject, such as
civil society or cross-sector collaboration) together with enough aligned themes, or one
anchor theme that is strongly present on its own.  Generic themes (funding, follow-up,
participation …) support but never suffice alone: they occur in any administrative text.
Themes count as aligned when present in enough passages with a noticeable share of the
object's text.  The thresholds come from the framework; for objects of only a few passages
they are scaled down.  No rule knows an object, a title or a policy by name.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from styrsignal.analysis.coding import CONSTRAINING, ENABLING, INSTRUMENT, SCOPE, SUBJECT
from styrsignal.analysis.framework import Framework
from styrsignal.model import Coding, DocType, Document
from styrsignal.store.base import StoredPassage

STATE_DOCUMENT_TYPES = {DocType.PROPOSITION, DocType.SOU, DocType.DS, DocType.KOMMITTEDIREKTIV, DocType.SFS,
                        DocType.BETANKANDE, DocType.RIKSDAGSSKRIVELSE, DocType.SKRIVELSE, DocType.REGERINGSUPPDRAG,
                        DocType.REGLERINGSBREV, DocType.FORESKRIFT}
"""Documents of the Swedish state: an instrument in them is a national instrument."""

THEME_MIN_SCORE = 1.5
"""A theme counts as aligned only if its summed passage scores reach this per 100 passages."""


@dataclass
class ObjectEvidence:
    """The coded passages of one object, grouped for the checklist."""

    passages: list[StoredPassage]
    documents: dict[int, Document]
    by_group: dict[str, list[Coding]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, passages: list[StoredPassage], documents: dict[int, Document],
              codings: list[Coding]) -> ObjectEvidence:
        evidence = cls(passages, documents)
        for coding in codings:
            evidence.by_group[coding.theme_id].append(coding)
        return evidence

    def passage_ids(self, group: str) -> set[int]:
        return {c.passage_id for c in self.by_group.get(group, [])}

    def prefixed(self, prefix: str) -> dict[str, list[Coding]]:
        return {g[len(prefix):]: items for g, items in self.by_group.items() if g.startswith(prefix)}


@dataclass
class Checklist:
    subject_passages: list[int]
    subject_documents: int
    subject_terms: list[str]
    subject_threshold: int
    instrument_passages: dict[str, list[int]]
    tied_passages: dict[str, list[int]]
    scope_levels: dict[str, int]
    national_instrument: bool
    national_passages: list[int]
    aligned_themes: list[tuple[str, int, float]]
    """(theme id, passages, score) of themes that count as aligned, strongest first."""
    anchors: list[tuple[str, int, float]]
    """The aligned themes the framework marks as anchors."""
    theme_scores: list[tuple[str, int, float]]
    """Every theme present, strongest first."""
    total_passages: int

    @property
    def tied_total(self) -> int:
        return len({p for ids in self.tied_passages.values() for p in ids})

    @property
    def instrument_total(self) -> int:
        return len({p for ids in self.instrument_passages.values() for p in ids})


def checklist(framework: Framework, evidence: ObjectEvidence) -> Checklist:
    thresholds = framework.impact.thresholds
    total = len(evidence.passages)
    subject = evidence.passage_ids(SUBJECT)
    subject_docs = {c.document_id for c in evidence.by_group.get(SUBJECT, [])}
    terms = sorted({t for c in evidence.by_group.get(SUBJECT, []) for t in c.terms})
    # Neighbours: a subject passage ties the instruments of the passages beside it under the same heading.
    order = {p.id: (p.document_id, p.seq, p.heading_path) for p in evidence.passages}
    by_position = {(p.document_id, p.seq): p for p in evidence.passages}
    near_subject: set[int] = set(subject)
    for pid in subject:
        document_id, seq, heading = order[pid]
        for step in (-1, 1):
            neighbour = by_position.get((document_id, seq + step))
            if neighbour is not None and neighbour.heading_path == heading:
                near_subject.add(neighbour.id)
    instruments = {kind: sorted({c.passage_id for c in items}) for kind, items in evidence.prefixed(INSTRUMENT).items()}
    tied = {kind: [p for p in ids if p in near_subject] for kind, ids in instruments.items()}
    scope = {level: len({c.passage_id for c in items}) for level, items in evidence.prefixed(SCOPE).items()}
    swedish_scope = evidence.passage_ids(SCOPE + "sweden")
    state_docs = {did for did, d in evidence.documents.items() if d.metadata.doc_type in STATE_DOCUMENT_TYPES
                  and d.metadata.language == "sv"}
    national = sorted({p for ids in instruments.values() for p in ids
                       if p in swedish_scope or order[p][0] in state_docs})
    theme_scores = []
    for theme in framework.themes:
        items = evidence.by_group.get(theme.id, [])
        if items:
            score = 100 * sum(c.score for c in items) / max(total, 1)
            theme_scores.append((theme.id, len({c.passage_id for c in items}), round(score, 2)))
    theme_scores.sort(key=lambda t: (-t[2], t[0]))
    min_theme = min(thresholds.indirect_min_theme_passages, max(1, math.ceil(total / 4)))
    aligned = [t for t in theme_scores if t[1] >= min_theme and t[2] >= THEME_MIN_SCORE]
    subject_threshold = min(thresholds.direct_min_subject_passages, max(1, total // 2))
    anchor_ids = {theme.id for theme in framework.themes if theme.anchor}
    anchors = [t for t in aligned if t[0] in anchor_ids]
    return Checklist(sorted(subject), len(subject_docs), terms, subject_threshold, instruments, tied, scope,
                     bool(national), national, aligned, anchors, theme_scores, total)


@dataclass(frozen=True, slots=True)
class Verdict:
    impact: str
    confidence: float
    thin_evidence: bool
    subject_met: bool
    instruments_met: bool
    themes_met: bool


def decide(framework: Framework, check: Checklist) -> Verdict:
    thresholds = framework.impact.thresholds
    subject_met = len(check.subject_passages) >= check.subject_threshold
    instruments_met = check.tied_total >= thresholds.direct_min_instrument_passages
    strong_anchor = any(score >= thresholds.indirect_anchor_score for _, _, score in check.anchors)
    themes_met = bool(check.anchors) and (len(check.aligned_themes) >= thresholds.indirect_min_themes
                                          or strong_anchor)
    evidence_passages = len(set(check.subject_passages) | {p for ids in check.instrument_passages.values()
                                                           for p in ids})
    thin = check.total_passages < 3 or (evidence_passages + sum(t[1] for t in check.aligned_themes)) < 3
    if subject_met and instruments_met and check.tied_total > 0:
        margin = min(len(check.subject_passages) / check.subject_threshold, 3) + min(check.tied_total, 3)
        return Verdict("direct", _confidence(0.6, margin / 6), thin, subject_met, instruments_met, themes_met)
    if check.subject_passages or themes_met:
        # Indirect: how clearly it is not none (subject named, themes) and not direct (no tie).
        strength = min(len(check.subject_passages), 2) / 2 * 0.5 + min(len(check.aligned_themes), 4) / 4 * 0.5
        return Verdict("indirect", _confidence(0.55, strength), thin, subject_met, instruments_met, themes_met)
    weak = min(len(check.theme_scores), 4) / 4
    return Verdict("none", _confidence(0.55, 1 - weak), thin, subject_met, instruments_met, themes_met)


def _confidence(base: float, strength: float) -> float:
    return round(min(0.95, base + 0.4 * max(0.0, min(1.0, strength))), 2)


def enabling_and_constraining(evidence: ObjectEvidence) -> tuple[list[Coding], list[Coding]]:
    return evidence.by_group.get(ENABLING, []), evidence.by_group.get(CONSTRAINING, [])
