"""Words for an assessment: evidence quotes, the rationale, opportunities and limitations.

Everything here is generated from the checklist and the coded passages; nothing is written per
object.  A quote is the sentence of the passage that holds the matched words, copied exactly
from the stored text (a long sentence is cut to a window around the match, still exact).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from styrsignal.analysis.assessment import Evidence, Statement
from styrsignal.analysis.classify import Checklist, Verdict
from styrsignal.analysis.framework import Framework
from styrsignal.model import Coding, Document, page_at
from styrsignal.store.base import StoredPassage
from styrsignal.text.sentences import split_sentences

MAX_QUOTE = 420
IMPACT_LABELS = {
    "sv": {"direct": "direkt påverkan", "indirect": "indirekt påverkan", "none": "ingen påverkan"},
    "en": {"direct": "direct impact", "indirect": "indirect impact", "none": "no impact"},
}
SCOPE_LABELS = {
    "sv": {"sweden": "Sverige", "eu": "EU", "nordic": "Norden", "other": "internationellt"},
    "en": {"sweden": "Sweden", "eu": "the EU", "nordic": "the Nordic countries", "other": "international"},
}


def quote_evidence(document: Document, passage: StoredPassage, span: tuple[int, int] | None = None) -> Evidence:
    """The sentence holding ``span`` (or the passage's first sentence), exact, with its citation."""
    text = document.text
    start, end = passage.start, passage.end
    if span is not None:
        for s, e in split_sentences(text, passage.start, passage.end):
            if s <= span[0] < e:
                start, end = s, max(e, min(span[1], passage.end))
                break
    elif passage.end - passage.start > MAX_QUOTE:
        sentences = split_sentences(text, passage.start, passage.end)
        if sentences:
            start, end = sentences[0]
    if end - start > MAX_QUOTE:
        center = span[0] if span is not None else start
        lo = max(start, center - MAX_QUOTE // 3)
        hi = min(end, lo + MAX_QUOTE)
        lo = text.find(" ", lo, center) + 1 if lo > start and text.find(" ", lo, center) >= 0 else lo
        hi = text.rfind(" ", max(lo + 1, span[1] if span else lo + 1), hi) if hi < end else hi
        start, end = lo, hi if hi > lo else min(end, lo + MAX_QUOTE)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    meta = document.metadata
    return Evidence(
        document=meta.title or document.source_path.rsplit("/", 1)[-1], document_id=document.id,
        source_path=document.source_path, identifier=meta.own_identifier.value if meta.own_identifier else None,
        page=page_at(document.pages, start), heading=passage.heading_path[-1] if passage.heading_path else None,
        heading_path=list(passage.heading_path), quote=text[start:end], start=start, end=end,
        passage_id=passage.id)


def evidence_for(codings: Iterable[Coding], passages: dict[int, StoredPassage], documents: dict[int, Document],
                 limit: int = 5) -> list[Evidence]:
    """Quotes for the strongest codings, one per passage."""
    seen: set[int] = set()
    result = []
    for coding in sorted(codings, key=lambda c: (-c.score, c.document_id, c.passage_id)):
        if coding.passage_id in seen or coding.passage_id not in passages:
            continue
        seen.add(coding.passage_id)
        result.append(quote_evidence(documents[coding.document_id], passages[coding.passage_id],
                                     coding.spans[0] if coding.spans else None))
        if len(result) >= limit:
            break
    return result


def _label(framework: Framework, theme_id: str, lang: str) -> str:
    theme = framework.theme(theme_id)
    return theme.label.en if lang == "en" and theme.label.en else theme.label.sv


def _instrument_label(framework: Framework, kind: str, lang: str) -> str:
    for instrument in framework.impact.instruments:
        if instrument.id == kind:
            return instrument.label.en if lang == "en" and instrument.label.en else instrument.label.sv
    return kind


def _join(items: list[str], lang: str) -> str:
    """"a, b och c"; "samt" / "as well as" when an item has its own "och" / "and"."""
    if len(items) <= 1:
        return "".join(items)
    word = " och " if lang == "sv" else " and "
    if any(word in item for item in items):
        word = " samt " if lang == "sv" else " as well as "
    return ", ".join(items[:-1]) + word + items[-1]


def subject_name(framework: Framework, lang: str) -> str:
    terms = framework.impact.subject_terms
    first = (terms.en if lang == "en" and terms.en else terms.sv)[0]
    return first.strip('"')


def rationale(framework: Framework, check: Checklist, verdict: Verdict, document_count: int, lang: str) -> str:
    sv = lang != "en"
    subject = subject_name(framework, lang)
    parts = [(f"Bedömning: {IMPACT_LABELS['sv'][verdict.impact]}." if sv
              else f"Assessment: {IMPACT_LABELS['en'][verdict.impact]}.")]
    n = len(check.subject_passages)
    if n:
        parts.append(f"Objektet nämner {subject} eller närliggande begrepp uttryckligen i {passages_word(n, lang)} "
                     f"({check.subject_documents} av {document_count} dokument)." if sv else
                     f"The object names {subject} or related concepts explicitly in {passages_word(n, lang)} "
                     f"({check.subject_documents} of {document_count} documents).")
    else:
        parts.append(f"Objektet nämner inte {subject} eller närliggande begrepp uttryckligen." if sv else
                     f"The object does not name {subject} or related concepts explicitly.")
    kinds = [_instrument_label(framework, k, lang).lower() for k, ids in check.instrument_passages.items() if ids]
    tied = [_instrument_label(framework, k, lang).lower() for k, ids in check.tied_passages.items() if ids]
    if tied:
        tied_n = passages_word(check.tied_total, lang)
        parts.append(f"Konkreta instrument knyts till ämnet i {tied_n} ({_join(tied, lang)})." if sv
                     else f"Concrete instruments are tied to the subject in {tied_n} "
                          f"({_join(tied, lang)}).")
    elif kinds:
        parts.append(f"Instrument förekommer ({_join(kinds, lang)}) men knyts inte till ämnet." if sv else
                     f"Instruments occur ({_join(kinds, lang)}) but are not tied to the subject.")
    else:
        parts.append("Inga konkreta instrument hittades." if sv else "No concrete instruments were found.")
    levels = [SCOPE_LABELS[lang if lang == "en" else "sv"].get(k, k) for k, v in
              sorted(check.scope_levels.items(), key=lambda kv: -kv[1]) if v]
    if levels:
        national = ("nationellt instrument finns" if check.national_instrument else "inget nationellt instrument")
        national_en = "a national instrument exists" if check.national_instrument else "no national instrument"
        parts.append(f"Nivå: främst {levels[0]}{' och ' + _join(levels[1:], lang) if levels[1:] else ''}; "
                     f"{national}." if sv else
                     f"Scope: mainly {levels[0]}{' and ' + _join(levels[1:], lang) if levels[1:] else ''}; "
                     f"{national_en}.")
    if check.aligned_themes:
        themes = [f"{_label(framework, t, lang).lower()} ({passages_word(n, lang)})"
                  for t, n, _ in check.aligned_themes[:3]]
        parts.append(f"Starkast tematisk koppling: {_join(themes, lang)}." if sv else
                     f"Strongest thematic alignment: {_join(themes, lang)}.")
    elif check.theme_scores:
        parts.append("Teman förekommer bara i enstaka stycken." if sv else "Themes occur only in single passages.")
    if verdict.thin_evidence:
        parts.append("Underlaget är tunt; bedömningen bör kontrolleras." if sv else
                     "The evidence is thin; the assessment should be checked.")
    return " ".join(parts)


def statement_id(kind: str, key: str) -> str:
    return kind[0] + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


GIST = 170
"""Longest excerpt of the source sentence in a drafted statement."""
MIN_GIST = 40
"""Shorter sentences (list fragments, headings) say too little to draft from."""


def passages_word(n: int, lang: str) -> str:
    if lang == "en":
        return f"{n} passage" if n == 1 else f"{n} passages"
    return f"{n} stycke" if n == 1 else f"{n} stycken"


def gist(document: Document, passage: StoredPassage, span: tuple[int, int]) -> str:
    """The words of the sentence holding ``span``, cut at a word near the span when long."""
    quote = quote_evidence(document, passage, span)
    text = " ".join(quote.quote.split())
    if len(text) <= GIST:
        return text
    offset = len(" ".join(document.text[quote.start:span[0]].split()))
    lo = 0 if offset + 40 < GIST else max(0, min(offset - GIST // 3, len(text) - GIST))
    if lo:
        lo = text.find(" ", lo) + 1 or lo
    hi = text.rfind(" ", lo, lo + GIST)
    hi = hi if hi > lo else lo + GIST
    return ("…" if lo else "") + text[lo:hi].rstrip(" ,;:") + "…"


def _finding_label(framework: Framework, themes: list[str], kinds: list[str], lang: str) -> str:
    """The one theme a statement names: an anchor theme before others, in framework order, and
    not one that only repeats the instrument ("finansiering genom finansiering")."""
    if "@subject" in themes and not [t for t in themes if t != "@subject"]:
        return subject_name(framework, lang)
    order = {t.id: (not t.anchor, i) for i, t in enumerate(framework.themes)}
    instruments = {_instrument_label(framework, k, lang).casefold() for k in kinds}
    candidates = sorted((t for t in themes if t in order), key=lambda t: order[t])
    preferred = [t for t in candidates if _label(framework, t, lang).casefold() not in instruments]
    if not preferred and candidates and kinds:
        return ""  # the theme is the instrument: "Öppning genom finansiering"
    chosen = preferred or candidates
    return _label(framework, chosen[0], lang).lower() if chosen else subject_name(framework, lang)


def _findings(codings: list[Coding], coded_themes: dict[int, list[str]], instruments: dict[int, list[str]],
              limit: int) -> list[tuple[Coding, list[str], list[str]]]:
    """The passages to draft from: the strongest first, each adding a theme, an instrument or a
    document not covered yet, so statements do not repeat one another.  Returns (coding,
    themes, instrument kinds)."""
    by_passage: dict[int, Coding] = {}
    for c in codings:
        if coded_themes.get(c.passage_id) and (c.passage_id not in by_passage
                                               or len(c.terms) > len(by_passage[c.passage_id].terms)):
            by_passage[c.passage_id] = c

    def strength(c: Coding) -> tuple[float, ...]:
        themes = coded_themes[c.passage_id]
        return (-("@subject" in themes), -len(instruments.get(c.passage_id, [])), -len(themes), -len(c.terms),
                c.document_id, c.passage_id)
    ranked = sorted(by_passage.values(), key=strength)
    covered_themes: set[str] = set()
    covered_kinds: set[str] = set()
    covered_docs: set[int] = set()
    chosen: list[tuple[Coding, list[str], list[str]]] = []
    for c in ranked:
        themes = [t for t in coded_themes[c.passage_id] if t != "@subject"] or coded_themes[c.passage_id]
        kinds = sorted(set(instruments.get(c.passage_id, [])))
        if chosen and set(themes) <= covered_themes and set(kinds) <= covered_kinds and c.document_id in covered_docs:
            continue
        chosen.append((c, themes, kinds))
        covered_themes.update(themes)
        covered_kinds.update(kinds)
        covered_docs.add(c.document_id)
        if len(chosen) >= limit:
            break
    return chosen


def opportunities(framework: Framework, enabling: list[Coding], coded_themes: dict[int, list[str]],
                  passages: dict[int, StoredPassage], documents: dict[int, Document], instruments: dict[int, list[str]],
                  lang: str, limit: int = 4) -> list[Statement]:
    """Enabling wording in passages coded to a theme (or the subject): one statement per distinct
    finding, phrased from the source sentence, with the instrument it comes through."""
    sv = lang != "en"
    statements = []
    for coding, themes, kinds in _findings(enabling, coded_themes, instruments, limit):
        document, passage = documents[coding.document_id], passages[coding.passage_id]
        label = _finding_label(framework, themes, kinds, lang)
        via = _join([_instrument_label(framework, k, lang).lower() for k in kinds], lang)
        excerpt = gist(document, passage, coding.spans[0])
        if len(excerpt) < MIN_GIST:
            continue
        opening = ("Öppning" + (f" för {label}" if label else "") + (f" genom {via}" if via else "") if sv else
                   "Opening" + (f" for {label}" if label else "") + (f" through {via}" if via else ""))
        text = f"{opening}: ”{excerpt}”"
        evidence = [quote_evidence(document, passage, coding.spans[0])]
        statements.append(Statement(id=statement_id("enabling", f"{coding.passage_id}:{coding.spans[0][0]}"),
                                    kind="enabling", text=text, themes=themes, evidence=evidence))
    return statements


def limitations(framework: Framework, check: Checklist, constraining: list[Coding],
                coded_themes: dict[int, list[str]], passages: dict[int, StoredPassage],
                documents: dict[int, Document], lang: str, limit: int = 3) -> list[Statement]:
    """Constraining wording near the object's themes, and absences worth stating."""
    sv = lang != "en"
    statements: list[Statement] = []
    subject = subject_name(framework, lang)
    if not check.subject_passages:
        statements.append(Statement(
            id=statement_id("absence", "subject"), kind="absence",
            text=(f"Nämner inte {subject} uttryckligen; möjligheterna beror på hur texten tolkas och tillämpas."
                  if sv else f"Does not name {subject} explicitly; the openings depend on interpretation and "
                             "application.")))
    if check.instrument_total and not check.tied_total:
        statements.append(Statement(
            id=statement_id("absence", "instrument"), kind="absence",
            text=("Instrumenten (finansiering, uppdrag, program eller lagkrav) knyts inte till ämnet." if sv else
                  "The instruments (funding, assignments, programmes or legal requirements) are not tied to the "
                  "subject.")))
    elif not check.instrument_total:
        statements.append(Statement(
            id=statement_id("absence", "no-instrument"), kind="absence",
            text=("Saknar konkreta instrument som finansiering, uppdrag, program eller lagkrav." if sv else
                  "Lacks concrete instruments such as funding, assignments, programmes or legal requirements.")))
    if check.scope_levels.get("eu") and not check.national_instrument:
        statements.append(Statement(
            id=statement_id("absence", "national"), kind="absence",
            text=("Inget nationellt instrument: genomslaget i Sverige förutsätter svenska beslut och resurser." if sv
                  else "No national instrument: the effect in Sweden depends on Swedish decisions and resources.")))
    for coding, themes, _kinds in _findings(constraining, coded_themes, {}, limit):
        document, passage = documents[coding.document_id], passages[coding.passage_id]
        label = _finding_label(framework, themes, [], lang)
        excerpt = gist(document, passage, coding.spans[0])
        if len(excerpt) < MIN_GIST:
            continue
        text = (f"Villkor eller hinder för {label}: ”{excerpt}”" if sv else
                f"Condition or obstacle for {label}: ”{excerpt}”")
        statements.append(Statement(
            id=statement_id("constraining", f"{coding.passage_id}:{coding.spans[0][0]}"), kind="constraining",
            text=text, themes=themes, evidence=[quote_evidence(document, passage, coding.spans[0])]))
    return statements
