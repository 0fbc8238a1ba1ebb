"""The words of the web interface, Swedish by default and English on request.

The report's vocabulary (:mod:`styrsignal.reports.i18n`: impacts, kinds, roles, dates,
numbers) is reused; this module adds what only the interface says.  A page asks
``t("key")``; a missing key is a bug the tests catch (every key exists in both languages).
"""

from __future__ import annotations

from styrsignal.reports.i18n import Words

UI: dict[str, dict[str, str]] = {
    "sv": {
        "app_name": "styrsignal",
        "tagline": "Policykartläggning för social innovation",
        "nav_overview": "Översikt",
        "nav_objects": "Analysobjekt",
        "nav_search": "Sök",
        "nav_actors": "Aktörer",
        "nav_framework": "Ramverk",
        "nav_ingest": "Lägg till dokument",
        "nav_reports": "Rapporter",
        "switch_lang": "English",
        "skip_to_content": "Hoppa till innehållet",
        "overview_title": "Översikt",
        "classification": "Klassificering av analysobjekt",
        "object": "Analysobjekt",
        "impact": "Påverkan",
        "confidence": "Säkerhet",
        "key_actors": "Nyckelaktörer",
        "top_themes": "Starkaste teman",
        "documents": "Dokument",
        "passages": "Stycken",
        "objects": "Analysobjekt",
        "reviewed": "granskad",
        "automatic": "automatiskt",
        "thin_evidence": "tunt underlag",
        "heatmap": "Teman per analysobjekt",
        "heatmap_hint": "Andel av objektets stycken som kodats till temat.",
        "trends": "Trender",
        "trends_hint": "Andel av periodens stycken per tema.",
        "no_trends": "Dokumenten saknar datum, så trender kan inte visas.",
        "computing": "Analysen tas fram",
        "computing_detail": "{done} av {total} analysobjekt klara. Sidan uppdateras av sig själv.",
        "computing_start": "Kodningen av dokumenten pågår. Sidan uppdateras av sig själv.",
        "stale": "Underlaget har ändrats; en ny analys tas fram. Det du ser är den föregående.",
        "empty_title": "Inga dokument ännu",
        "empty_text": "Lägg till dokument för att komma igång.",
        "framework_line": "Ramverk {name} {version}",
        "generated": "Analysen gjordes {at}",
        "error": "Något gick fel",
        "not_found": "Sidan finns inte",
        "back_overview": "Till översikten",
        "none": "–",
    },
    "en": {
        "app_name": "styrsignal",
        "tagline": "Policy mapping for social innovation",
        "nav_overview": "Overview",
        "nav_objects": "Objects",
        "nav_search": "Search",
        "nav_actors": "Actors",
        "nav_framework": "Framework",
        "nav_ingest": "Add documents",
        "nav_reports": "Reports",
        "switch_lang": "Svenska",
        "skip_to_content": "Skip to content",
        "overview_title": "Overview",
        "classification": "Classification of analysis objects",
        "object": "Analysis object",
        "impact": "Impact",
        "confidence": "Confidence",
        "key_actors": "Key actors",
        "top_themes": "Top themes",
        "documents": "Documents",
        "passages": "Passages",
        "objects": "Analysis objects",
        "reviewed": "reviewed",
        "automatic": "automatic",
        "thin_evidence": "thin evidence",
        "heatmap": "Themes per analysis object",
        "heatmap_hint": "Share of the object's passages coded to the theme.",
        "trends": "Trends",
        "trends_hint": "Share of the period's passages per theme.",
        "no_trends": "The documents have no dates, so no trends can be shown.",
        "computing": "The analysis is being computed",
        "computing_detail": "{done} of {total} analysis objects done. The page refreshes itself.",
        "computing_start": "The documents are being coded. The page refreshes itself.",
        "stale": "The corpus has changed; a new analysis is being computed. You are seeing the previous one.",
        "empty_title": "No documents yet",
        "empty_text": "Add documents to get started.",
        "framework_line": "Framework {name} {version}",
        "generated": "Analysed {at}",
        "error": "Something went wrong",
        "not_found": "No such page",
        "back_overview": "Back to the overview",
        "none": "–",
    },
}


class UiWords(Words):
    """Report words plus interface words: ``t("nav_search")``, ``t("computing_detail", done=1, total=2)``."""

    def __call__(self, key: str, **values: object) -> str:
        text = UI[self.lang].get(key)
        if text is None:
            text = self[key]
        return text.format(**values) if values else text
