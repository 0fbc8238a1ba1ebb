"""The output of ``styrsignal analyze``: assessments per object, cross-cutting analysis, trends.

These pydantic models are the documented JSON schema (``docs/analysis.schema.json`` is
generated from :class:`Analysis`), so what the CLI prints, what the web serves and what
reports read is one contract.  Every ``quote`` is an exact substring of the stored text of
the cited document, at ``start``–``end``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from styrsignal.errors import NotFound

Impact = Literal["direct", "indirect", "none"]
StatementKind = Literal["enabling", "constraining", "absence"]
StatementStatus = Literal["proposed", "accepted", "rejected", "edited"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    document: str
    """The document's title (or file name)."""
    document_id: int
    source_path: str
    identifier: str | None = None
    page: int | None
    heading: str | None
    """The nearest heading above the quote."""
    heading_path: list[str] = Field(default_factory=list)
    quote: str
    start: int
    end: int
    passage_id: int


class Statement(_Model):
    id: str
    """Stable id, used to accept, reject or edit the statement."""
    kind: StatementKind
    text: str
    status: StatementStatus = "proposed"
    proposed_text: str | None = None
    """The drafted text, when an analyst edited it."""
    themes: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class SubjectCriterion(_Model):
    met: bool
    passages: int
    documents: int
    terms: list[str]
    evidence: list[Evidence]


class InstrumentKind(_Model):
    id: str
    label: str
    passages: int
    tied_to_subject: int


class InstrumentCriterion(_Model):
    met: bool
    """At least the threshold of instrument passages tied to the subject."""
    passages: int
    tied_to_subject: int
    kinds: list[InstrumentKind]
    evidence: list[Evidence]


class ScopeCriterion(_Model):
    levels: dict[str, int]
    """Passages naming each level (sweden, eu, nordic, other)."""
    primary: str | None
    national_instrument: bool
    """An instrument passage that is Swedish in scope, or in a Swedish state document."""
    evidence: list[Evidence]


class ThemeAlignment(_Model):
    id: str
    label: str
    passages: int
    score: float


class ThemeCriterion(_Model):
    met: bool
    aligned: list[ThemeAlignment]
    evidence: list[Evidence]


class Criteria(_Model):
    subject: SubjectCriterion
    instruments: InstrumentCriterion
    scope: ScopeCriterion
    themes: ThemeCriterion


class ActorRow(_Model):
    name: str
    kind: str
    registered: bool
    mentions: int
    passages: int
    roles: dict[str, int]
    evidence: list[Evidence] = Field(default_factory=list)


class ThemeRow(_Model):
    id: str
    label: str
    passages: int
    score: float
    share: float


class Override(_Model):
    impact: Impact | None = None
    note: str | None = None
    author: str | None = None
    at: str | None = None
    history: list[dict[str, str | None]] = Field(default_factory=list)


class DocumentRef(_Model):
    id: int
    title: str | None
    source_path: str
    doc_type: str
    date: str | None
    identifier: str | None


class ObjectAssessment(_Model):
    id: str
    name: str
    impact: Impact
    """The verdict in force: the analyst's when overridden, else the automatic one."""
    automatic_impact: Impact
    confidence: float
    thin_evidence: bool
    passages_total: int
    criteria: Criteria
    rationale: str
    opportunities: list[Statement]
    limitations: list[Statement]
    actors: list[ActorRow]
    themes: list[ThemeRow]
    evidence: list[Evidence]
    documents: list[DocumentRef]
    override: Override | None = None


class SharedTheme(_Model):
    id: str
    label: str
    objects: list[str]
    passages: int


class RecurringActor(_Model):
    name: str
    kind: str
    registered: bool
    objects: dict[str, int]


class CrossCutting(_Model):
    impact_counts: dict[str, int]
    shared_themes: list[SharedTheme]
    recurring_actors: list[RecurringActor]
    gaps: list[ThemeAlignment]
    """Themes of the framework no object carries."""


class ChangePoint(_Model):
    series: str
    label: str
    period: str
    previous_period: str
    before: float
    after: float
    direction: Literal["rising", "falling"]


class TrendSeries(_Model):
    id: str
    label: str
    values: dict[str, float]
    """Period → share of the period's passages (themes) or mentions per 100 passages (actors)."""
    counts: dict[str, int]


class Trends(_Model):
    granularity: Literal["year", "quarter"]
    periods: list[str]
    passages: dict[str, int]
    """Passages of dated documents per period."""
    undated_documents: int
    themes: list[TrendSeries]
    actors: list[TrendSeries]
    change_points: list[ChangePoint]


class FrameworkRef(_Model):
    name: str
    version: str
    version_key: str
    classifier: str


class Analysis(_Model):
    framework: FrameworkRef
    lang: Literal["sv", "en"]
    generated_at: str
    coding_run: int
    objects: list[ObjectAssessment]
    cross_cutting: CrossCutting
    trends: Trends

    def assessment(self, object_id: str) -> ObjectAssessment:
        """The assessment of one object; :class:`UsageError` naming the objects there are."""
        for assessment in self.objects:
            if assessment.id == object_id:
                return assessment
        raise NotFound(f"no analysis object {object_id!r}. Available: {', '.join(a.id for a in self.objects)}")
