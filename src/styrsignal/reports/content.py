"""One report, whatever the format: the content model every writer renders.

:func:`build_report` turns an :class:`~styrsignal.analysis.assessment.Analysis`, the
:class:`~styrsignal.analysis.framework.Framework` it was made with and a
:class:`CorpusSummary` into a :class:`Report`: a title page, numbered sections of plain
blocks (paragraphs, lists, quotes, tables, figures, source lists) and the data tables a
spreadsheet gets.  Writers only lay these out; none of them reads the analysis, so every
format says the same thing in the same words.

Citations read ``(Titel, s. 12)`` / ``(Title, p. 12)``; each object section ends with a
numbered list of its sources.  A verdict or statement an analyst has reviewed carries the
marker ``granskad`` / ``reviewed``, with the automatic verdict and the analyst's note beside it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from styrsignal.analysis.assessment import Analysis, Evidence, ObjectAssessment, Statement
from styrsignal.analysis.drafting import SCOPE_LABELS
from styrsignal.analysis.framework import Framework
from styrsignal.model import Document
from styrsignal.reports import charts
from styrsignal.reports.blocks import (
    Block,
    BulletList,
    Callout,
    Cell,
    Citation,
    Figure,
    Item,
    Paragraph,
    QuoteBlock,
    Report,
    Row,
    Section,
    Source,
    SourceList,
    Table,
)
from styrsignal.reports.i18n import Words

IMPACT_ORDER = {"direct": 0, "indirect": 1, "none": 2}
TITLE_WIDTH = 52
"""Longest document title in a citation; longer ones are cut at a word with an ellipsis."""
STATEMENTS_IN_TABLE = 3
CITATIONS_PER_CLAIM = 3
MAX_ACTOR_ROWS = 25
MAX_OBJECT_ACTORS = 8
MAX_CHART_ACTORS = 15
MAX_TREND_SERIES = 6


# --- the corpus --------------------------------------------------------------------------

@dataclass(frozen=True)
class DocumentInfo:
    id: int
    title: str
    doc_type: str
    """The type's label in the report's language."""
    issuer: str | None
    date: dt.date | None
    identifier: str | None
    pages: int | None
    file: str


@dataclass(frozen=True)
class CorpusSummary:
    """What the documents behind a report are: types, issuers, period."""

    documents: dict[int, DocumentInfo]

    @classmethod
    def from_documents(cls, documents: list[Document], lang: str = "sv",
                       only: set[int] | None = None) -> CorpusSummary:
        infos = {}
        for d in documents:
            if only is not None and d.id not in only:
                continue
            meta = d.metadata
            infos[d.id] = DocumentInfo(
                id=d.id, title=meta.title or d.source_path.rsplit("/", 1)[-1],
                doc_type=meta.doc_type.label_en if lang == "en" else meta.doc_type.label, issuer=meta.issuer,
                date=meta.date, identifier=meta.own_identifier.value if meta.own_identifier else None,
                pages=d.page_count, file=d.source_path.rsplit("/", 1)[-1])
        return cls(infos)

    @property
    def dates(self) -> list[dt.date]:
        return sorted(d.date for d in self.documents.values() if d.date)

    @property
    def undated(self) -> int:
        return sum(1 for d in self.documents.values() if d.date is None)

    @property
    def pages(self) -> int:
        return sum(d.pages or 0 for d in self.documents.values())

    def counts(self, what: Literal["doc_type", "issuer"], unknown: str) -> list[tuple[str, int]]:
        values = Counter((getattr(d, what) or unknown) for d in self.documents.values())
        return sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))


# --- building ----------------------------------------------------------------------------

def short_title(title: str) -> str:
    return charts.shorten(" ".join(title.split()), TITLE_WIDTH)


def anchor(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(str.maketrans("åäöéü", "aaoeu"))).strip("-")
    return slug or "section"


class _Sources:
    """Citations of one object, numbering its documents in the order they are first cited."""

    def __init__(self, words: Words, corpus: CorpusSummary, evidence_log: list[tuple[str, str, Evidence]],
                 object_id: str) -> None:
        self.words, self.corpus, self.log, self.object_id = words, corpus, evidence_log, object_id
        self.numbers: dict[int, int] = {}
        self.titles: dict[int, str] = {}
        self.seen: set[tuple[int, int]] = set()

    def cite(self, evidence: Evidence, role: str) -> Citation:
        return self.cite_all([evidence], role)[0]

    def cite_all(self, items: list[Evidence], role: str) -> list[Citation]:
        """One citation per document, in the order first cited, with the pages of all its quotes."""
        pages: dict[int, list[int]] = {}
        titles: dict[int, str] = {}
        for evidence in items:
            self.numbers.setdefault(evidence.document_id, len(self.numbers) + 1)
            self.titles.setdefault(evidence.document_id, evidence.document)
            if (evidence.document_id, evidence.start) not in self.seen:
                self.seen.add((evidence.document_id, evidence.start))
                self.log.append((self.object_id, role, evidence))
            titles.setdefault(evidence.document_id, evidence.document)
            found = pages.setdefault(evidence.document_id, [])
            if evidence.page is not None and evidence.page not in found:
                found.append(evidence.page)
        result = []
        for document_id, found in pages.items():
            title = short_title(titles[document_id])
            where = f", {self.words['page_abbr']}\u00a0{', '.join(map(str, sorted(found)))}" if found else ""
            result.append(Citation(document_id, title, tuple(sorted(found)), self.numbers[document_id],
                                   f"({title}{where})"))
        return result

    def add_document(self, document_id: int, title: str) -> None:
        self.numbers.setdefault(document_id, len(self.numbers) + 1)
        self.titles.setdefault(document_id, title)

    def sources(self) -> list[Source]:
        result = []
        for document_id, number in sorted(self.numbers.items(), key=lambda kv: kv[1]):
            info = self.corpus.documents.get(document_id)
            title = info.title if info else self.titles[document_id]
            result.append(Source(number, title, _document_details(self.words, info) if info else "", document_id))
        return result


def _document_details(words: Words, info: DocumentInfo, *, with_file: bool = True) -> str:
    parts = [info.doc_type, info.identifier or "", info.issuer or "",
             words.date(info.date) if info.date else "",
             words.pages(info.pages) if info.pages else "", info.file if with_file else ""]
    return " · ".join(p for p in parts if p)


def build_report(analysis: Analysis, framework: Framework, corpus: CorpusSummary, *,
                 title: str | None = None) -> Report:
    """The whole report in the analysis's language."""
    return _Builder(analysis, framework, corpus).build(title)


class _Builder:
    def __init__(self, analysis: Analysis, framework: Framework, corpus: CorpusSummary) -> None:
        self.analysis, self.framework, self.corpus = analysis, framework, corpus
        self.w = Words(analysis.lang)
        self.lang = self.w.lang
        self.objects = sorted(analysis.objects, key=lambda a: (IMPACT_ORDER[a.impact], a.name.casefold()))
        self.anchors = {a.id: f"obj-{anchor(a.id)}" for a in self.objects}
        self.evidence_log: list[tuple[str, str, Evidence]] = []
        self.figure_count = 0
        self.table_count = 0
        subject_terms = framework.impact.subject_terms.get(self.lang) or framework.impact.subject_terms.sv
        self.subject = subject_terms[0]

    # small helpers
    def figure(self, key: str, caption: str, png: bytes, width: float = 1.0) -> Figure:
        self.figure_count += 1
        return Figure(key, f"{self.w['figure']} {self.figure_count}. {caption}", png, caption, width)

    def caption(self, text: str) -> str:
        self.table_count += 1
        return f"{self.w['table']} {self.table_count}. {text}"

    def verdict_note(self, a: ObjectAssessment) -> str | None:
        if a.impact != a.automatic_impact:
            return f"{self.w['reviewed']}; {self.w['automatic']}: {self.w.impact(a.automatic_impact).lower()}"
        if a.thin_evidence:
            return self.w["thin_evidence"]
        return None

    @staticmethod
    def shown(statements: list[Statement]) -> list[Statement]:
        return [s for s in statements if s.status != "rejected"]

    # the report
    def build(self, title: str | None) -> Report:
        w = self.w
        sections = [self.summary(), self.purpose_and_method(), self.classification(), self.object_sections(),
                    self.cross_cutting(), self.actors(), self.trends()]
        for number, section in enumerate(sections, start=1):
            section.number = str(number)
            for sub, child in enumerate((c for c in section.children if c.in_toc), start=1):
                child.number = f"{number}.{sub}"
        appendix = Section("bilagor", w["appendix"], 1, children=[self.appendix_framework(),
                                                                   self.appendix_evidence()])
        sections.append(appendix)
        dates = self.corpus.dates
        period = f"{dates[0].year}–{dates[-1].year}" if dates else "–"
        if dates and dates[0].year == dates[-1].year:
            period = str(dates[0].year)
        fw = self.analysis.framework
        facts = [
            (w["date"], w.date(self.analysis.generated_at)),
            (w["framework"], f"{fw.name} {fw.version}"),
            (w["analysis_objects"], str(len(self.objects))),
            (w["documents"], str(len(self.corpus.documents))),
            (w["period"], period + (f" ({self.corpus.undated} {w['undated']})" if self.corpus.undated else "")),
        ]
        return Report(
            lang=self.lang, words=w, title=title or f"{w['report_title']}: {self.subject}",
            subtitle=w.fmt("report_subtitle", subject=self.subject), date=w.date(self.analysis.generated_at),
            facts=facts, colophon=w.fmt("generated_with", framework=fw.name, version=fw.version,
                                        classifier=fw.classifier),
            sections=sections, sheets=self.sheets(), objects=[a.id for a in self.objects])

    def summary(self) -> Section:
        w, counts = self.w, self.analysis.cross_cutting.impact_counts
        text = w.fmt("summary_text", n=len(self.objects), direct=counts.get("direct", 0),
                     indirect=counts.get("indirect", 0), none=counts.get("none", 0), subject=self.subject)
        reviewed = sum(1 for a in self.objects if a.override and a.override.impact)
        if reviewed:
            text += w["summary_reviewed_one"] if reviewed == 1 else w.fmt("summary_reviewed", n=reviewed)
        impacts = ("direct", "indirect", "none")
        png = charts.impact_bars([w.impact(i, short=True) for i in impacts], [counts.get(i, 0) for i in impacts],
                                 [charts.IMPACT_COLOURS[i] for i in impacts])
        blocks: list[Block] = [Paragraph(text, style="lead"),
                               self.figure("impact", w["classification"], png)]
        for impact in impacts:
            names = [a.name for a in self.objects if a.impact == impact]
            if names:
                blocks.append(Paragraph(", ".join(names) + ".", lead=w.impact(impact) + ":"))
        cc = self.analysis.cross_cutting
        findings = []
        if cc.shared_themes:
            findings.append(Item(w.fmt("summary_themes", items=", ".join(
                f"{s.label.lower()} ({len(s.objects)})" for s in cc.shared_themes[:3]))))
        if cc.gaps:
            findings.append(Item(w.fmt("summary_gaps", items=", ".join(g.label.lower() for g in cc.gaps))))
        if cc.recurring_actors:
            findings.append(Item(w.fmt("summary_actors", items=", ".join(
                f"{r.name} ({len(r.objects)})" for r in cc.recurring_actors[:3]))))
        if findings:
            blocks.append(BulletList(findings))
        return Section("sammanfattning", w["summary"], 1, blocks=blocks)

    def purpose_and_method(self) -> Section:
        w, fw = self.w, self.framework
        purpose = Section("syfte", w["purpose"], 2, blocks=[
            Paragraph(w.fmt("purpose_text", n_objects=len(self.objects), subject=self.subject)),
            Paragraph(fw.description.get(self.lang))])
        questions = Section("fragor", w["questions"], 2, blocks=[
            BulletList([Item(q.text.get(self.lang)) for q in fw.questions], numbered=True)])
        terms = sum(len(t.terms.get(self.lang) or t.terms.sv) for t in fw.themes)
        method = Section("metod", w["method"], 2, blocks=[
            Paragraph(w.fmt("method_text", n_themes=len(fw.themes), n_terms=terms, classifier=fw.impact.classifier)),
            BulletList([Item(w[f"impact_definition_{i}"]) for i in ("direct", "indirect", "none")])])
        rows = [Row([Cell(t.label.get(self.lang)),
                     Cell(", ".join(t.terms.get(self.lang) or t.terms.sv))]) for t in fw.themes]
        themes = Section("teman", f"{w['themes']} och {w['search_terms'].lower()}" if self.lang == "sv" else
                         f"{w['themes']} and {w['search_terms'].lower()}", 2, blocks=[
            Table("themes", [w["col_theme"], w["search_terms"]], rows, [30, 70],
                  caption=self.caption(w["themes"]), small=True)])
        return Section("syfte-och-metod", w["purpose_method"], 1,
                       children=[purpose, questions, method, themes, self.corpus_section()])

    def corpus_section(self) -> Section:
        w, corpus = self.w, self.corpus
        dates = corpus.dates
        if dates:
            period = w.fmt("corpus_period", start=w.date(dates[0]), end=w.date(dates[-1]))
            if corpus.undated:
                period += w.fmt("corpus_period_undated", n=corpus.undated)
        else:
            period = w["corpus_no_dates"]
        text = w.fmt("corpus_text", n_documents=len(corpus.documents), pages=w.pages(corpus.pages),
                     n_objects=len(self.objects), period=period)
        unknown = "okänd" if self.lang == "sv" else "unknown"
        types = Table("doc_types", [w["col_doc_type"], w["col_count"]],
                      [Row([Cell(k), Cell(str(n), n)]) for k, n in corpus.counts("doc_type", unknown)], [80, 20],
                      caption=self.caption(w["doc_types"]), numeric=(1,))
        issuers = Table("issuers", [w["col_issuer"], w["col_count"]],
                        [Row([Cell(k), Cell(str(n), n)]) for k, n in corpus.counts("issuer", unknown)], [80, 20],
                        caption=self.caption(w["issuers"]), numeric=(1,))
        return Section("underlaget", w["corpus"], 2, blocks=[Paragraph(text), types, issuers])

    def classification(self) -> Section:
        w = self.w
        rows: list[Row] = []
        for impact in ("direct", "indirect", "none"):
            members = [a for a in self.objects if a.impact == impact]
            if not members:
                continue
            rows.append(Row([Cell(), Cell(), Cell()], group=f"{w.impact(impact)} ({len(members)})", tone=impact))
            for a in members:
                opps = [s.text for s in self.shown(a.opportunities)][:STATEMENTS_IN_TABLE]
                lims = [s.text for s in self.shown(a.limitations)][:STATEMENTS_IN_TABLE]
                rows.append(Row([Cell(a.name, marker=self.verdict_note(a), anchor=self.anchors[a.id]),
                                 Cell("" if opps else w["none_found"], lines=opps),
                                 Cell("" if lims else w["none_found"], lines=lims)],
                                tone=impact))
        table = Table("classification", [w["col_object"], w["col_opportunities"], w["col_limitations"]], rows,
                      [28, 36, 36], caption=self.caption(w["classification"]), small=True)
        return Section("klassificering", w["classification"], 1,
                       blocks=[Paragraph(w["classification_text"]), table])

    def object_sections(self) -> Section:
        section = Section("analysobjekt", self.w["objects"], 1)
        section.children = [self.object_section(a) for a in self.objects]
        return section

    def object_section(self, a: ObjectAssessment) -> Section:
        w = self.w
        sources = _Sources(w, self.corpus, self.evidence_log, a.id)
        lines: list[Paragraph] = []
        if a.impact != a.automatic_impact:
            lines.append(Paragraph(w.impact(a.automatic_impact), lead=f"{w['automatic'].capitalize()}:"))
        if a.override and a.override.note:
            who = ", ".join(x for x in [a.override.author or "", (a.override.at or "")[:10]] if x)
            lines.append(Paragraph(a.override.note + (f" ({who})" if who else ""), lead=f"{w['analyst_note']}:"))
        confidence = w.number(a.confidence, 2) + (f" ({w['thin_evidence']})" if a.thin_evidence else "")
        lines.append(Paragraph(confidence, lead=f"{w['confidence']}:"))
        callout = Callout(w.impact(a.impact), a.impact,
                          marker=w["reviewed"] if a.override and a.override.impact else None, lines=lines)

        docs = [self.corpus.documents[d.id] for d in a.documents if d.id in self.corpus.documents]
        what: list[Block] = [Paragraph(w.fmt("object_documents", n=len(a.documents)))]
        what.append(BulletList([Item(f"{d.title} – {_document_details(w, d, with_file=False)}") for d in docs]))
        what.append(Paragraph(w.fmt("object_stats", passages=a.passages_total, subject=a.criteria.subject.passages)))
        key = (a.criteria.subject.evidence or a.evidence)[:2]
        what += [QuoteBlock(e.quote, sources.cite(e, "used_subject")) for e in key]

        assessment: list[Block] = [Paragraph(a.rationale)]
        if a.impact != a.automatic_impact:
            assessment.append(Paragraph(w.fmt("rationale_overridden", impact=w.impact(a.impact).lower()), style="note"))
        assessment.append(BulletList(self.criteria(a, sources)))
        opportunities = self.statements(a.opportunities, sources, "used_opportunity")
        limitations = self.statements(a.limitations, sources, "used_limitation")

        actor_rows = []
        for actor in a.actors[:MAX_OBJECT_ACTORS]:
            roles = ", ".join(f"{w.role(r)} ({n})" for r, n in sorted(actor.roles.items(), key=lambda kv: -kv[1]))
            citation = sources.cite(actor.evidence[0], "used_actor").label if actor.evidence else ""
            actor_rows.append(Row([Cell(actor.name), Cell(w.kind(actor.kind)),
                                   Cell(str(actor.mentions), actor.mentions), Cell(roles or "–"), Cell(citation)]))
        actors: list[Block] = [Table(f"actors-{a.id}", [w["col_actor"], w["col_kind"], w["col_mentions"],
                                                         w["col_roles"], w["col_citation"]], actor_rows,
                                     [25, 13, 15, 19, 28], numeric=(2,), small=True)] if actor_rows else \
            [Paragraph(w["none_found"])]
        theme_rows = [Row([Cell(t.label), Cell(str(t.passages), t.passages), Cell(w.percent(t.share), t.share)])
                      for t in a.themes]
        themes: list[Block] = [Table(f"themes-{a.id}", [w["col_theme"], w["col_passages"], w["col_share"]],
                                     theme_rows, [60, 20, 20], numeric=(1, 2), small=True)] if theme_rows else \
            [Paragraph(w["none_found"])]
        for d in docs:
            sources.add_document(d.id, d.title)
        children = [
            Section(f"{self.anchors[a.id]}-vad", w["what_it_is"], 3, blocks=what, in_toc=False),
            Section(f"{self.anchors[a.id]}-bedomning", w["assessment"], 3, blocks=assessment, in_toc=False),
            Section(f"{self.anchors[a.id]}-mojligheter", w["opportunities"], 3, blocks=opportunities, in_toc=False),
            Section(f"{self.anchors[a.id]}-begransningar", w["limitations"], 3, blocks=limitations, in_toc=False),
            Section(f"{self.anchors[a.id]}-aktorer", w["actors"], 3, blocks=actors, in_toc=False),
            Section(f"{self.anchors[a.id]}-teman", w["themes"], 3, blocks=themes, in_toc=False),
            Section(f"{self.anchors[a.id]}-kallor", w["sources"], 3,
                    blocks=[SourceList(w["sources"], sources.sources())], in_toc=False),
        ]
        return Section(self.anchors[a.id], a.name, 2, blocks=[callout], children=children)

    def criteria(self, a: ObjectAssessment, sources: _Sources) -> list[Item]:
        c = a.criteria
        sv = self.lang == "sv"

        def cite(items: list[Evidence], role: str) -> list[Citation]:
            return sources.cite_all(items[:CITATIONS_PER_CLAIM], role)

        items = []
        if c.subject.passages:
            terms = ", ".join(f"”{t}”" if sv else f"“{t}”" for t in c.subject.terms)
            text = (f"Ämnet nämns uttryckligen i {c.subject.passages} stycken i {c.subject.documents} dokument "
                    f"({terms})." if sv else
                    f"The subject is named explicitly in {c.subject.passages} passages in {c.subject.documents} "
                    f"documents ({terms}).")
        else:
            text = "Ämnet nämns inte uttryckligen." if sv else "The subject is not named explicitly."
        items.append(Item(text, cite(c.subject.evidence, "used_subject")))
        if c.instruments.passages:
            kinds = ", ".join(f"{k.label.lower()} ({k.passages})" for k in c.instruments.kinds)
            text = (f"Styrinstrument i {c.instruments.passages} stycken, varav {c.instruments.tied_to_subject} "
                    f"kopplade till ämnet: {kinds}." if sv else
                    f"Steering instruments in {c.instruments.passages} passages, {c.instruments.tied_to_subject} of "
                    f"them tied to the subject: {kinds}.")
        else:
            text = "Inga konkreta styrinstrument." if sv else "No concrete steering instruments."
        items.append(Item(text, cite(c.instruments.evidence, "used_instruments")))
        scopes = SCOPE_LABELS[self.lang]
        if c.scope.primary:
            national = ("nationellt instrument finns" if c.scope.national_instrument else
                        "inget nationellt instrument") if sv else \
                ("a national instrument exists" if c.scope.national_instrument else "no national instrument")
            text = (f"Nivå: främst {scopes.get(c.scope.primary, c.scope.primary)}; {national}." if sv else
                    f"Scope: mainly {scopes.get(c.scope.primary, c.scope.primary)}; {national}.")
            items.append(Item(text, cite(c.scope.evidence, "used_scope")))
        if c.themes.aligned:
            aligned = ", ".join(f"{t.label.lower()} ({t.passages})" for t in c.themes.aligned)
            text = f"Tematisk träffbild: {aligned}." if sv else f"Thematic alignment: {aligned}."
        else:
            text = "Ingen tydlig tematisk träffbild." if sv else "No clear thematic alignment."
        items.append(Item(text, cite(c.themes.evidence, "used_themes")))
        return items

    def statements(self, statements: list[Statement], sources: _Sources, role: str) -> list[Block]:
        w = self.w
        shown = self.shown(statements)
        items = []
        for s in shown:
            note = None
            if s.status == "edited" and s.proposed_text:
                note = f"{w['edited_from']}: {s.proposed_text}"
            elif s.kind == "absence" and not s.evidence:
                note = w["no_evidence_absence"]
            items.append(Item(s.text, sources.cite_all(s.evidence[:CITATIONS_PER_CLAIM], role),
                              marker=w["reviewed"] if s.status in ("accepted", "edited") else None, note=note))
        blocks: list[Block] = [BulletList(items)] if items else [Paragraph(w["none_found"])]
        rejected = len(statements) - len(shown)
        if rejected:
            blocks.append(Paragraph(w.fmt("rejected_statements", n=rejected), style="note"))
        return blocks

    def name_list(self, ids: list[str], limit: int = 4) -> str:
        names = {a.id: a.name for a in self.objects}
        shown = [charts.shorten(names.get(i, i), 48) for i in ids[:limit]]
        rest = len(ids) - len(shown)
        if rest > 0:
            shown.append(f"{'och' if self.lang == 'sv' else 'and'} {rest} {'till' if self.lang == 'sv' else 'more'}")
        return "; ".join(shown)

    def theme_matrix(self) -> tuple[list[str], list[str], list[list[float]]]:
        themes = self.framework.themes
        values = []
        for a in self.objects:
            shares = {t.id: t.share for t in a.themes}
            values.append([shares.get(t.id, 0.0) for t in themes])
        return [a.name for a in self.objects], [t.label.get(self.lang) for t in themes], values

    def cross_cutting(self) -> Section:
        w, cc = self.w, self.analysis.cross_cutting
        rows, columns, values = self.theme_matrix()
        heat = self.figure("heatmap", w["chart_heatmap"],
                           charts.heatmap(rows, columns, values, colour_label=w["chart_share"]))
        shared = [Item(w.fmt("shared_theme_line", label=s.label, n=len(s.objects), objects=self.name_list(s.objects),
                             passages=s.passages)) for s in cc.shared_themes]
        instruments: Counter[str] = Counter()
        for a in self.objects:
            for kind in a.criteria.instruments.kinds:
                instruments[kind.label] += 1
        pattern_blocks: list[Block] = [BulletList(shared) if shared else Paragraph(w["no_shared"])]
        if instruments:
            common = ", ".join(f"{label.lower()} ({n})" for label, n in instruments.most_common(5))
            pattern_blocks.append(Paragraph(
                f"Vanligaste styrinstrumenten (antal analysobjekt): {common}." if self.lang == "sv" else
                f"Most common steering instruments (number of analysis objects): {common}."))
        gaps = [Item(w.fmt("gap_line", label=g.label)) for g in cc.gaps]
        return Section("overgripande", w["cross_cutting"], 1, blocks=[Paragraph(w["heatmap_text"]), heat], children=[
            Section("monster", w["shared_patterns"], 2, blocks=pattern_blocks),
            Section("luckor", w["gaps"], 2, blocks=[BulletList(gaps) if gaps else Paragraph(w["no_gaps"])])])

    def actors(self) -> Section:
        w, recurring = self.w, self.analysis.cross_cutting.recurring_actors
        blocks: list[Block] = [Paragraph(w["actors_text"])]
        if not recurring:
            return Section("aktorer", w["actors"], 1, blocks=[Paragraph(w["no_recurring"])])
        rows = [Row([Cell(r.name), Cell(w.kind(r.kind)), Cell(str(len(r.objects)), len(r.objects)),
                     Cell(str(sum(r.objects.values())), sum(r.objects.values())),
                     Cell(self.name_list(sorted(r.objects, key=lambda o: -r.objects[o]), 3))])
                for r in recurring[:MAX_ACTOR_ROWS]]
        blocks.append(Table("recurring_actors", [w["col_actor"], w["col_kind"], w["col_object_count"],
                                                 w["col_mentions"], w["analysis_objects"]], rows, [24, 13, 10, 14, 39],
                            caption=self.caption(w["actor_table"]), numeric=(2, 3), small=True))
        top = sorted(recurring, key=lambda r: -sum(r.objects.values()))[:MAX_CHART_ACTORS]
        ids = [a.id for a in self.objects if any(a.id in r.objects for r in top)]
        names = {a.id: a.name for a in self.objects}
        png = charts.bubble_matrix([r.name for r in top], [names[i] for i in ids],
                                   [[r.objects.get(i, 0) for i in ids] for r in top], size_label=w["chart_mentions"])
        blocks.append(self.figure("actors", w["chart_actors"], png))
        return Section("aktorer", w["actors"], 1, blocks=blocks)

    def trends(self) -> Section:
        w, t = self.w, self.analysis.trends
        if len(t.periods) < 2:
            return Section("trender", w["trends"], 1, blocks=[Paragraph(w["no_trends"])])
        series = sorted((s for s in t.themes if any(s.counts.values())), key=lambda s: -sum(s.counts.values()))
        series = series[:MAX_TREND_SERIES]
        labels = {s.id: s.label for s in series}
        points = [(labels[c.series], t.periods.index(c.period)) for c in t.change_points
                  if c.series in labels and c.period in t.periods]
        png = charts.trend_lines(t.periods, [(s.label, [s.values.get(p, 0.0) for p in t.periods]) for s in series],
                                 points, y_label=w["chart_trends_axis"], change_label=w["chart_change"])
        granularity = w["granularity_year" if t.granularity == "year" else "granularity_quarter"]
        blocks: list[Block] = [Paragraph(w.fmt("trends_text", granularity=granularity, undated=t.undated_documents)),
                               self.figure("trends", w["chart_trends"], png)]
        theme_changes = [c for c in t.change_points if any(s.id == c.series for s in t.themes)]
        rows = [Row([Cell(c.label), Cell(c.period), Cell(w.percent(c.before), c.before),
                     Cell(w.percent(c.after), c.after), Cell(w[c.direction])]) for c in theme_changes]
        change = Section("brytpunkter", w["change_points"], 2, blocks=[
            Table("change_points", [w["col_theme"], w["col_period"], w["col_before"], w["col_after"],
                                    w["col_direction"]], rows, [40, 14, 14, 14, 18], numeric=(2, 3), small=True,
                  caption=self.caption(w["change_points"]))] if rows else [Paragraph(w["no_change_points"])])
        return Section("trender", w["trends"], 1, blocks=blocks, children=[change])

    def appendix_framework(self) -> Section:
        w, fw, imp = self.w, self.framework, self.framework.impact
        sv = self.lang == "sv"
        theme_rows = []
        for t in fw.themes:
            extra = []
            if len(t.patterns):
                extra.append(("Mönster: " if sv else "Patterns: ") + "; ".join([*t.patterns.sv, *t.patterns.en]))
            if len(t.exclude):
                extra.append(("Undantag: " if sv else "Exclusions: ") + ", ".join([*t.exclude.sv, *t.exclude.en]))
            theme_rows.append(Row([Cell(t.label.get(self.lang), note=t.id), Cell(t.description.get(self.lang)),
                                   Cell(", ".join(t.terms.sv), lines=extra), Cell(", ".join(t.terms.en) or "–")]))
        instrument_rows = [Row([Cell(i.label.get(self.lang)), Cell(", ".join(i.terms.sv)),
                                Cell(", ".join(i.terms.en) or "–")]) for i in imp.instruments]
        scope_rows = [Row([Cell(s.label.get(self.lang)), Cell(", ".join(s.terms.sv) or "–"),
                           Cell(", ".join(s.terms.en) or "–")]) for s in imp.scope]
        th = imp.thresholds
        criteria: list[Block] = [
            Paragraph(", ".join([*imp.subject_terms.sv, *imp.subject_terms.en]), lead=f"{w['subject_terms']}:"),
            Table("framework_instruments", [w["instruments"], w["col_terms_sv"], w["col_terms_en"]], instrument_rows,
                  [24, 46, 30], small=True),
            Table("framework_scope", [w["scope_levels"], w["col_terms_sv"], w["col_terms_en"]], scope_rows,
                  [24, 46, 30], small=True),
            Paragraph(", ".join([*imp.enabling.sv, *imp.enabling.en]) or "–", lead=f"{w['enabling_terms']}:"),
            Paragraph(", ".join([*imp.constraining.sv, *imp.constraining.en]) or "–",
                      lead=f"{w['constraining_terms']}:"),
            Paragraph(w.fmt("thresholds_text", direct_subject=th.direct_min_subject_passages,
                            direct_instrument=th.direct_min_instrument_passages,
                            indirect_passages=th.indirect_min_theme_passages,
                            indirect_themes=th.indirect_min_themes), lead=f"{w['thresholds']}:"),
        ]
        return Section("bilaga-ramverk", w["appendix_framework"], 2, blocks=[
            Paragraph(w.fmt("framework_text", name=fw.name, version=fw.version,
                            version_key=self.analysis.framework.version_key)),
            Paragraph(fw.description.get(self.lang)),
        ], children=[
            Section("bilaga-fragor", w["questions"], 3, blocks=[
                BulletList([Item(q.text.get(self.lang)) for q in fw.questions], numbered=True)], in_toc=False),
            Section("bilaga-teman", w["themes"], 3, blocks=[
                Table("framework_themes", [w["col_theme"], w["col_description"], w["col_terms_sv"], w["col_terms_en"]],
                      theme_rows, [17, 33, 30, 20], small=True)], in_toc=False),
            Section("bilaga-kriterier", w["impact_criteria"], 3, blocks=criteria, in_toc=False),
        ])

    def evidence_rows(self) -> list[tuple[int, ObjectAssessment, str, Evidence]]:
        objects = {a.id: a for a in self.objects}
        return [(n, objects[oid], role, e) for n, (oid, role, e) in enumerate(self.evidence_log, start=1)]

    def appendix_evidence(self) -> Section:
        w = self.w
        rows = [Row([Cell(str(n), n), Cell(charts.shorten(a.name, 60)), Cell(w[role]),
                     Cell(short_title(e.document) + (f", {w.page(e.page)}" if e.page is not None else "")),
                     Cell(e.quote)]) for n, a, role, e in self.evidence_rows()]
        return Section("bilaga-belagg", w["appendix_evidence"], 2, blocks=[
            Paragraph(w["evidence_text"]),
            Table("evidence", ["Nr" if self.lang == "sv" else "No.", w["col_object"], w["col_used_for"],
                               w["col_citation"], w["col_quote"]], rows, [5, 17, 12, 20, 46], numeric=(0,),
                  small=True)])

    # data for spreadsheets
    def sheets(self) -> list[Table]:
        w = self.w
        classification = []
        for a in self.objects:
            o = a.override
            classification.append(Row([
                Cell(w.impact(a.impact)), Cell(a.name), Cell(a.id), Cell(w.impact(a.automatic_impact)),
                Cell(w["yes"] if o and o.impact else w["no"]), Cell((o.note if o else None) or ""),
                Cell(w.number(a.confidence, 2), a.confidence),
                Cell(lines=[s.text for s in self.shown(a.opportunities)]),
                Cell(lines=[s.text for s in self.shown(a.limitations)]),
                Cell(", ".join(t.label for t in a.themes[:3])),
                Cell(", ".join([r.name for r in a.actors if r.registered][:3])),
                Cell(str(len(a.documents)), len(a.documents))]))
        rows, columns, values = self.theme_matrix()
        themes = [Row([Cell(name), Cell(w.impact(a.impact)), *[Cell(w.percent(v), v) for v in row]])
                  for name, a, row in zip(rows, self.objects, values, strict=True)]
        actor_totals: dict[tuple[str, str], dict[str, int]] = {}
        for a in self.objects:
            for r in a.actors:
                actor_totals.setdefault((r.name, r.kind), {})[a.id] = r.mentions
        ordered = sorted(actor_totals.items(), key=lambda kv: (-sum(kv[1].values()), kv[0][0]))
        actors = [Row([Cell(name), Cell(w.kind(kind)), Cell(str(len(per)), len(per)),
                       Cell(str(sum(per.values())), sum(per.values())),
                       *[Cell(str(per.get(a.id, 0)), per.get(a.id, 0)) for a in self.objects]])
                  for (name, kind), per in ordered]
        evidence = [Row([Cell(str(n), n), Cell(a.id), Cell(a.name), Cell(w[role]), Cell(e.document),
                         Cell(e.identifier or ""), Cell(str(e.page) if e.page is not None else "", e.page),
                         Cell(" › ".join(e.heading_path)), Cell(e.quote), Cell(e.source_path.rsplit("/", 1)[-1]),
                         Cell(str(e.start), e.start), Cell(str(e.end), e.end)])
                    for n, a, role, e in self.evidence_rows()]
        documents = [Row([Cell(d.title), Cell(d.doc_type), Cell(d.issuer or ""), Cell(d.date.isoformat() if d.date
                                                                                      else ""),
                          Cell(d.identifier or ""), Cell(str(d.pages or ""), d.pages), Cell(d.file)])
                     for d in self.corpus.documents.values()]
        object_columns = [a.name for a in self.objects]
        return [
            Table("classification", [w["col_impact"], w["col_object"], w["col_object_id"], w["col_automatic"],
                                     w["col_reviewed"], w["col_note"], w["col_confidence"], w["col_opportunities"],
                                     w["col_limitations"], w["themes"], w["actors"], w["documents"]],
                  classification, [16, 40, 26, 18, 10, 36, 11, 60, 60, 36, 36, 11], numeric=(6, 11),
                  formats={6: "0.00"}, sheet=w["sheet_classification"]),
            Table("theme_matrix", [w["col_object"], w["col_impact"], *columns], themes,
                  [44, 16, *[14] * len(columns)], numeric=tuple(range(2, 2 + len(columns))),
                  formats={i: "0%" for i in range(2, 2 + len(columns))}, sheet=w["sheet_themes"],
                  heat=tuple(range(2, 2 + len(columns)))),
            Table("actor_matrix", [w["col_actor"], w["col_kind"], w["col_objects"], w["col_mentions"],
                                   *object_columns], actors, [40, 16, 12, 12, *[14] * len(object_columns)],
                  numeric=tuple(range(2, 4 + len(object_columns))), sheet=w["sheet_actors"],
                  heat=tuple(range(4, 4 + len(object_columns)))),
            Table("evidence", ["Nr" if self.lang == "sv" else "No.", w["col_object_id"], w["col_object"],
                               w["col_used_for"], w["col_document"], w["col_identifier"], w["col_page"],
                               w["col_heading"], w["col_quote"], w["col_file"], w["col_start"], w["col_end"]],
                  evidence, [6, 24, 32, 14, 40, 18, 7, 30, 80, 36, 10, 10], numeric=(0, 6, 10, 11),
                  sheet=w["sheet_evidence"]),
            Table("documents", [w["col_document"], w["col_doc_type"], w["col_issuer"], w["col_date"],
                                w["col_identifier"], w["col_pages"], w["col_file"]], documents,
                  [60, 26, 26, 12, 20, 8, 50], numeric=(5,), sheet=w["sheet_documents"]),
        ]
