"""The words of a report: headings, labels and dates in Swedish (the default) or English.

Every piece of fixed text a writer or the content model shows comes from :data:`LABELS`, so a
report is in one language throughout and a new language is one more dictionary.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")

_MONTHS = {
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "report_title": "Policykartläggning",
        "kicker": "Analysrapport",
        "report_subtitle": "Styrdokument och styrsignaler för {subject}",
        "generated_with": "Framtagen med styrsignal, ramverk {framework} {version} ({classifier})",
        "date": "Datum",
        "framework": "Ramverk",
        "analysis_objects": "Analysobjekt",
        "documents": "Dokument",
        "period": "Period",
        "undated": "odaterade",
        "contents": "Innehåll",
        "page_of": "Sida {page} av {pages}",
        "page": "Sida",
        # sections
        "summary": "Sammanfattning",
        "purpose_method": "Syfte och metod",
        "purpose": "Syfte",
        "questions": "Centrala frågeställningar",
        "themes": "Teman",
        "search_terms": "Sökord",
        "method": "Metod",
        "corpus": "Underlaget",
        "doc_types": "Dokumenttyper",
        "issuers": "Utfärdare",
        "classification": "Klassificering av analysobjekt",
        "objects": "Analysobjekt",
        "cross_cutting": "Övergripande analys",
        "heatmap": "Teman per analysobjekt",
        "shared_patterns": "Gemensamma mönster",
        "gaps": "Luckor",
        "actors": "Aktörer",
        "actor_table": "Återkommande aktörer",
        "trends": "Trender",
        "change_points": "Brytpunkter",
        "appendix": "Bilagor",
        "appendix_framework": "Bilaga A. Analysramverket",
        "appendix_evidence": "Bilaga B. Belägg",
        "impact_criteria": "Kriterier för påverkan",
        "instruments": "Styrinstrument",
        "subject_terms": "Uttryckliga hänvisningar till ämnet",
        "thresholds": "Tröskelvärden",
        "scope_levels": "Nivåer",
        "enabling_terms": "Möjliggörande formuleringar",
        "constraining_terms": "Begränsande formuleringar",
        # object sections
        "what_it_is": "Vad objektet är",
        "assessment": "Bedömning",
        "opportunities": "Möjligheter",
        "limitations": "Begränsningar",
        "key_passages": "Nyckelpassager",
        "sources": "Källor",
        "rationale": "Motivering",
        "confidence": "Säkerhet",
        "thin_evidence": "tunt underlag",
        # table columns
        "col_impact": "Påverkan",
        "col_object": "Analysobjekt",
        "col_opportunities": "Möjligheter",
        "col_limitations": "Begränsningar",
        "col_theme": "Tema",
        "col_passages": "Stycken",
        "col_share": "Andel",
        "col_actor": "Aktör",
        "col_kind": "Typ",
        "col_mentions": "Omnämnanden",
        "col_objects": "Analysobjekt",
        "col_object_count": "Objekt",
        "col_roles": "Roller",
        "col_registered": "I registret",
        "col_document": "Dokument",
        "col_doc_type": "Dokumenttyp",
        "col_issuer": "Utfärdare",
        "col_date": "Datum",
        "col_identifier": "Beteckning",
        "col_pages": "Sidor",
        "col_page": "Sida",
        "col_heading": "Rubrik",
        "col_quote": "Citat",
        "col_citation": "Hänvisning",
        "col_criterion": "Kriterium",
        "col_count": "Antal",
        "col_period": "Period",
        "col_before": "Före",
        "col_after": "Efter",
        "col_direction": "Riktning",
        "col_id": "Id",
        "col_label": "Benämning",
        "col_description": "Beskrivning",
        "col_terms_sv": "Sökord (sv)",
        "col_terms_en": "Sökord (en)",
        "col_question": "Fråga",
        "col_automatic": "Automatisk bedömning",
        "col_reviewed": "Granskad",
        "col_note": "Analytikerns kommentar",
        "col_confidence": "Säkerhet",
        "col_file": "Fil",
        "col_start": "Början (tecken)",
        "col_end": "Slut (tecken)",
        "col_statement": "Påstående",
        "col_object_id": "Objekt-id",
        "col_used_for": "Belägg för",
        "yes": "ja",
        "no": "nej",
        # impacts and markers
        "impact_direct": "Direkt påverkan",
        "impact_indirect": "Indirekt påverkan",
        "impact_none": "Ingen påverkan",
        "impact_short_direct": "Direkt",
        "impact_short_indirect": "Indirekt",
        "impact_short_none": "Ingen",
        "reviewed": "granskad",
        "automatic": "automatiskt",
        "analyst_note": "Analytikerns kommentar",
        "by": "av",
        "edited_from": "ursprungligt förslag",
        "rejected_statements": "{n} förslag har avvisats av analytiker och visas inte.",
        "no_evidence_absence": "konstaterad frånvaro i underlaget",
        "none_found": "Inga.",
        "rising": "ökande",
        "falling": "minskande",
        "page_abbr": "s.",
        "pages_abbr": "s.",
        "figure": "Figur",
        "table": "Tabell",
        # evidence roles
        "used_subject": "Ämnet nämns",
        "used_instruments": "Instrument",
        "used_scope": "Nivå",
        "used_themes": "Teman",
        "used_opportunity": "Möjlighet",
        "used_limitation": "Begränsning",
        "used_actor": "Aktör",
        # sheets
        "sheet_classification": "Klassificering",
        "sheet_themes": "Teman x objekt",
        "sheet_actors": "Aktörer x objekt",
        "sheet_evidence": "Belägg",
        "sheet_documents": "Dokument",
        # charts
        "chart_heatmap": "Andel stycken per tema och analysobjekt",
        "chart_actors": "Omnämnanden av återkommande aktörer per analysobjekt",
        "chart_trends": "Temanas andel av styckena per period",
        "chart_trends_axis": "Andel av periodens stycken",
        "chart_change": "brytpunkt",
        "chart_share": "Andel stycken",
        "chart_mentions": "omnämnanden",
        "no_trends": "Underlaget har för få daterade dokument för att visa trender.",
        "md_charts_note": "Diagrammen ligger som PNG-filer i mappen {folder} bredvid denna fil.",
        # generated prose
        "purpose_text": (
            "Kartläggningen beskriver hur {n_objects} analysobjekt – styrdokument, strategier och satsningar – "
            "påverkar förutsättningarna för {subject}: vilka möjligheter de öppnar, vilka begränsningar de "
            "innebär och vilka aktörer som bär frågan."),
        "method_text": (
            "Underlaget har delats upp i stycken som kodats mot ramverkets {n_themes} teman med sammanlagt "
            "{n_terms} sökord. Varje analysobjekt har bedömts med en regelbaserad metod ({classifier}) mot "
            "fyra kriterier: uttryckliga hänvisningar till ämnet, konkreta styrinstrument kopplade till ämnet, "
            "nivå (Sverige, EU, Norden) och tematisk träffbild. Varje slutsats hänvisar till dokument och sida "
            "i underlaget; bedömningar som en analytiker har granskat markeras som granskade."),
        "impact_definition_direct": (
            "Direkt påverkan: tydliga skrivningar eller styrsignaler som skapar konkreta möjligheter."),
        "impact_definition_indirect": (
            "Indirekt påverkan: övergripande eller implicita ingångar som beror på tolkning, tillämpning "
            "eller kompletterande insatser."),
        "impact_definition_none": "Ingen påverkan: ämnet och temana berörs inte i nämnvärd utsträckning.",
        "corpus_text": (
            "Underlaget omfattar {n_documents} dokument ({pages}) fördelade på {n_objects} analysobjekt. "
            "{period}"),
        "corpus_period": "De daterade dokumenten är från {start} till {end}.",
        "corpus_period_undated": " {n} dokument saknar datum.",
        "corpus_no_dates": "Inget av dokumenten har ett fastställt datum.",
        "pages_count": "{n} sidor",
        "page_count_one": "1 sida",
        "rationale_overridden": (
            "Motiveringen ovan är den automatiska; analytikern har ändrat bedömningen till {impact}."),
        "summary_text": (
            "Av {n} analysobjekt bedöms {direct} ha direkt påverkan, {indirect} indirekt påverkan och {none} "
            "ingen påverkan på {subject}."),
        "summary_reviewed": " {n} bedömningar har granskats av analytiker.",
        "summary_reviewed_one": " 1 bedömning har granskats av en analytiker.",
        "summary_themes": "Teman som flest analysobjekt delar: {items}.",
        "summary_gaps": "Teman som inget analysobjekt berör: {items}.",
        "summary_actors": "Aktörer som återkommer i flest analysobjekt: {items}.",
        "classification_text": (
            "Tabellen sammanfattar bedömningen per analysobjekt, ordnad efter typ av påverkan, med de "
            "viktigaste möjligheterna och begränsningarna."),
        "object_documents": "Objektet består av {n} dokument:",
        "object_stats": "Underlaget för objektet är {passages} stycken; {subject} av dem nämner ämnet uttryckligen.",
        "shared_theme_line": "{label}: {n} analysobjekt ({objects}), {passages} stycken.",
        "gap_line": "{label} – inget analysobjekt berör temat.",
        "no_gaps": "Alla ramverkets teman berörs av minst ett analysobjekt.",
        "no_shared": "Inget tema delas av två eller fler analysobjekt.",
        "heatmap_text": (
            "Figuren visar hur stor andel av varje analysobjekts stycken som kodats till respektive tema."),
        "actors_text": (
            "Tabellen visar aktörer som nämns i minst två analysobjekt, med antal omnämnanden per objekt."),
        "no_recurring": "Ingen aktör nämns i mer än ett analysobjekt.",
        "trends_text": (
            "Temanas andel av styckena i de daterade dokumenten per {granularity}. {undated} dokument saknar "
            "datum och ingår inte."),
        "granularity_year": "år",
        "granularity_quarter": "kvartal",
        "change_line": "{label}: {direction} från {before} ({previous}) till {after} ({period}).",
        "no_change_points": "Inga tydliga brytpunkter mellan perioderna.",
        "evidence_text": "Samtliga belägg i rapporten, med dokument, sida, rubrik och teckenposition i texten.",
        "framework_text": "Ramverket {name}, version {version} ({version_key}).",
        "thresholds_text": (
            "Direkt påverkan kräver minst {direct_subject} stycken som nämner ämnet, varav minst "
            "{direct_instrument} med ett konkret instrument. Indirekt påverkan kräver minst {indirect_passages} "
            "tematiskt kodade stycken inom minst {indirect_themes} teman."),
    },
    "en": {
        "report_title": "Policy mapping",
        "kicker": "Analysis report",
        "report_subtitle": "Policy documents and steering signals for {subject}",
        "generated_with": "Produced with styrsignal, framework {framework} {version} ({classifier})",
        "date": "Date",
        "framework": "Framework",
        "analysis_objects": "Analysis objects",
        "documents": "Documents",
        "period": "Period",
        "undated": "undated",
        "contents": "Contents",
        "page_of": "Page {page} of {pages}",
        "page": "Page",
        "summary": "Summary",
        "purpose_method": "Purpose and method",
        "purpose": "Purpose",
        "questions": "Central questions",
        "themes": "Themes",
        "search_terms": "Search terms",
        "method": "Method",
        "corpus": "The corpus",
        "doc_types": "Document types",
        "issuers": "Issuers",
        "classification": "Classification of analysis objects",
        "objects": "Analysis objects",
        "cross_cutting": "Cross-cutting analysis",
        "heatmap": "Themes per analysis object",
        "shared_patterns": "Shared patterns",
        "gaps": "Gaps",
        "actors": "Actors",
        "actor_table": "Recurring actors",
        "trends": "Trends",
        "change_points": "Change points",
        "appendix": "Appendices",
        "appendix_framework": "Appendix A. The analysis framework",
        "appendix_evidence": "Appendix B. Evidence",
        "impact_criteria": "Impact criteria",
        "instruments": "Steering instruments",
        "subject_terms": "Explicit references to the subject",
        "thresholds": "Thresholds",
        "scope_levels": "Levels",
        "enabling_terms": "Enabling wording",
        "constraining_terms": "Constraining wording",
        "what_it_is": "What it is",
        "assessment": "Assessment",
        "opportunities": "Opportunities",
        "limitations": "Limitations",
        "key_passages": "Key passages",
        "sources": "Sources",
        "rationale": "Rationale",
        "confidence": "Confidence",
        "thin_evidence": "thin evidence",
        "col_impact": "Impact",
        "col_object": "Analysis object",
        "col_opportunities": "Opportunities",
        "col_limitations": "Limitations",
        "col_theme": "Theme",
        "col_passages": "Passages",
        "col_share": "Share",
        "col_actor": "Actor",
        "col_kind": "Kind",
        "col_mentions": "Mentions",
        "col_objects": "Analysis objects",
        "col_object_count": "Objects",
        "col_roles": "Roles",
        "col_registered": "In registry",
        "col_document": "Document",
        "col_doc_type": "Document type",
        "col_issuer": "Issuer",
        "col_date": "Date",
        "col_identifier": "Identifier",
        "col_pages": "Pages",
        "col_page": "Page",
        "col_heading": "Heading",
        "col_quote": "Quote",
        "col_citation": "Citation",
        "col_criterion": "Criterion",
        "col_count": "Count",
        "col_period": "Period",
        "col_before": "Before",
        "col_after": "After",
        "col_direction": "Direction",
        "col_id": "Id",
        "col_label": "Label",
        "col_description": "Description",
        "col_terms_sv": "Terms (sv)",
        "col_terms_en": "Terms (en)",
        "col_question": "Question",
        "col_automatic": "Automatic verdict",
        "col_reviewed": "Reviewed",
        "col_note": "Analyst's note",
        "col_confidence": "Confidence",
        "col_file": "File",
        "col_start": "Start (characters)",
        "col_end": "End (characters)",
        "col_statement": "Statement",
        "col_object_id": "Object id",
        "col_used_for": "Evidence for",
        "yes": "yes",
        "no": "no",
        "impact_direct": "Direct impact",
        "impact_indirect": "Indirect impact",
        "impact_none": "No impact",
        "impact_short_direct": "Direct",
        "impact_short_indirect": "Indirect",
        "impact_short_none": "None",
        "reviewed": "reviewed",
        "automatic": "automatic",
        "analyst_note": "Analyst's note",
        "by": "by",
        "edited_from": "original draft",
        "rejected_statements": "{n} drafted statements were rejected by an analyst and are not shown.",
        "no_evidence_absence": "absence found in the corpus",
        "none_found": "None.",
        "rising": "rising",
        "falling": "falling",
        "page_abbr": "p.",
        "pages_abbr": "pp.",
        "figure": "Figure",
        "table": "Table",
        "used_subject": "Subject named",
        "used_instruments": "Instruments",
        "used_scope": "Scope",
        "used_themes": "Themes",
        "used_opportunity": "Opportunity",
        "used_limitation": "Limitation",
        "used_actor": "Actor",
        "sheet_classification": "Classification",
        "sheet_themes": "Themes x objects",
        "sheet_actors": "Actors x objects",
        "sheet_evidence": "Evidence",
        "sheet_documents": "Documents",
        "chart_heatmap": "Share of passages per theme and analysis object",
        "chart_actors": "Mentions of recurring actors per analysis object",
        "chart_trends": "Themes' share of passages per period",
        "chart_trends_axis": "Share of the period's passages",
        "chart_change": "change point",
        "chart_share": "Share of passages",
        "chart_mentions": "mentions",
        "no_trends": "The corpus has too few dated documents to show trends.",
        "md_charts_note": "The charts are PNG files in the folder {folder} next to this file.",
        "purpose_text": (
            "This mapping describes how {n_objects} analysis objects – policy documents, strategies and "
            "initiatives – shape the conditions for {subject}: the opportunities they open, the limitations "
            "they set and the actors who carry the issue."),
        "method_text": (
            "The corpus was cut into passages, coded against the framework's {n_themes} themes with {n_terms} "
            "search terms in all. Each analysis object was assessed by a rule-based method ({classifier}) against "
            "four criteria: explicit references to the subject, concrete steering instruments tied to the "
            "subject, scope (Sweden, the EU, the Nordic countries) and thematic alignment. Every conclusion "
            "cites document and page; verdicts an analyst has reviewed are marked as reviewed."),
        "impact_definition_direct": (
            "Direct impact: clear wording or steering signals that create concrete opportunities."),
        "impact_definition_indirect": (
            "Indirect impact: broader or implicit openings that depend on interpretation, application or "
            "complementary efforts."),
        "impact_definition_none": "No impact: the subject and the themes are not addressed to any notable extent.",
        "corpus_text": "The corpus holds {n_documents} documents ({pages}) in {n_objects} analysis objects. {period}",
        "corpus_period": "The dated documents range from {start} to {end}.",
        "corpus_period_undated": " {n} documents have no date.",
        "corpus_no_dates": "None of the documents has an established date.",
        "pages_count": "{n} pages",
        "page_count_one": "1 page",
        "rationale_overridden": (
            "The rationale above is the automatic one; the analyst changed the verdict to {impact}."),
        "summary_text": (
            "Of {n} analysis objects, {direct} are assessed to have a direct impact, {indirect} an indirect "
            "impact and {none} no impact on {subject}."),
        "summary_reviewed": " {n} verdicts have been reviewed by an analyst.",
        "summary_reviewed_one": " 1 verdict has been reviewed by an analyst.",
        "summary_themes": "Themes shared by the most analysis objects: {items}.",
        "summary_gaps": "Themes no analysis object addresses: {items}.",
        "summary_actors": "Actors recurring in the most analysis objects: {items}.",
        "classification_text": (
            "The table summarises the assessment of each analysis object, ordered by kind of impact, with the "
            "main opportunities and limitations."),
        "object_documents": "The object consists of {n} documents:",
        "object_stats": "The object holds {passages} passages; {subject} of them name the subject explicitly.",
        "shared_theme_line": "{label}: {n} analysis objects ({objects}), {passages} passages.",
        "gap_line": "{label} – no analysis object addresses the theme.",
        "no_gaps": "Every theme of the framework is addressed by at least one analysis object.",
        "no_shared": "No theme is shared by two or more analysis objects.",
        "heatmap_text": "The figure shows the share of each analysis object's passages coded to each theme.",
        "actors_text": "The table shows actors named in at least two analysis objects, with mentions per object.",
        "no_recurring": "No actor is named in more than one analysis object.",
        "trends_text": (
            "The themes' share of the passages of dated documents per {granularity}. {undated} documents have no "
            "date and are left out."),
        "granularity_year": "year",
        "granularity_quarter": "quarter",
        "change_line": "{label}: {direction} from {before} ({previous}) to {after} ({period}).",
        "no_change_points": "No clear change points between periods.",
        "evidence_text": "Every piece of evidence in the report, with document, page, heading and character offsets.",
        "framework_text": "The framework {name}, version {version} ({version_key}).",
        "thresholds_text": (
            "Direct impact needs at least {direct_subject} passages naming the subject, of which at least "
            "{direct_instrument} with a concrete instrument. Indirect impact needs at least {indirect_passages} "
            "thematically coded passages in at least {indirect_themes} themes."),
    },
}

KIND_LABELS: dict[str, dict[str, str]] = {
    "sv": {"government": "Regeringen", "ministry": "Departement", "agency": "Myndighet", "court": "Domstol",
           "riksdag": "Riksdagen", "riksdag_committee": "Riksdagsutskott", "riksdag_agency": "Riksdagsmyndighet",
           "region": "Region", "municipality": "Kommun", "eu": "EU", "other": "Övrig", "nordic": "Nordisk",
           "international": "Internationell", "civil_society": "Civilsamhälle", "academia": "Akademi",
           "business": "Näringsliv", "network": "Nätverk", "programme": "Program", "fund": "Fond"},
    "en": {"government": "Government", "ministry": "Ministry", "agency": "Agency", "court": "Court",
           "riksdag": "Riksdag", "riksdag_committee": "Riksdag committee", "riksdag_agency": "Riksdag agency",
           "region": "Region", "municipality": "Municipality", "eu": "EU", "other": "Other", "nordic": "Nordic",
           "international": "International", "civil_society": "Civil society", "academia": "Academia",
           "business": "Business", "network": "Network", "programme": "Programme", "fund": "Fund"},
}

ROLE_LABELS: dict[str, dict[str, str]] = {
    "sv": {"responsible": "ansvarig", "commissioned": "uppdragstagare", "funder": "finansiär",
           "partner": "samverkanspart"},
    "en": {"responsible": "responsible", "commissioned": "commissioned", "funder": "funder", "partner": "partner"},
}


def lang_of(value: str) -> Lang:
    return "en" if value == "en" else "sv"


class Words:
    """The labels of one language: ``words["contents"]`` and ``words.fmt("page_of", page=1, pages=2)``."""

    def __init__(self, lang: str) -> None:
        self.lang: Lang = lang_of(lang)
        self._labels = LABELS[self.lang]

    def __getitem__(self, key: str) -> str:
        return self._labels[key]

    def fmt(self, key: str, **values: object) -> str:
        return self._labels[key].format(**values)

    def impact(self, impact: str, *, short: bool = False) -> str:
        return self._labels[f"impact_short_{impact}" if short else f"impact_{impact}"]

    def kind(self, kind: str) -> str:
        return KIND_LABELS[self.lang].get(kind, kind)

    def role(self, role: str) -> str:
        return ROLE_LABELS[self.lang].get(role, role)

    def date(self, value: dt.date | str | None) -> str:
        """``27 november 2025`` / ``27 November 2025``; an ISO string is parsed first."""
        if value is None:
            return "–"
        if isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value[:10])
            except ValueError:
                return value
        else:
            day = value
        return f"{day.day} {_MONTHS[self.lang][day.month - 1]} {day.year}"

    def number(self, value: float, digits: int = 0) -> str:
        """Swedish decimal comma and a thin space between thousands; English as usual."""
        text = f"{value:,.{digits}f}"
        if self.lang == "sv":
            return text.replace(",", "\u202f").replace(".", ",")
        return text

    def percent(self, share: float) -> str:
        value = share * 100
        digits = 0 if value >= 10 or value == 0 else 1
        return f"{self.number(value, digits)}\u00a0%" if self.lang == "sv" else f"{self.number(value, digits)}%"

    def pages(self, n: int) -> str:
        return self["page_count_one"] if n == 1 else self.fmt("pages_count", n=n)

    def page(self, page: int | None) -> str:
        return f"{self['page_abbr']}\u00a0{page}" if page is not None else ""
