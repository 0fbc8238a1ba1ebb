"""Thematic coding and actor mapping: a framework applied to every passage of the corpus.

For each theme, every term (in Swedish and English) is looked up in the full-text index —
so one term covers its inflections and the compounds it heads — and the matches are
confirmed on the passage text itself, which gives the exact spans that serve as evidence.
Regular-expression patterns run over the documents' text.  A passage that also matches
one of the theme's exclusion terms is not coded to it.  Actors are found in the same pass.

The framework's impact criteria are matched in the same pass and stored the same way, under
group ids that start with ``@`` (``@subject``, ``@instrument:funding``, ``@scope:eu``,
``@enabling``, ``@constraining``), so the classification reads its evidence from the run.

A run is stored with the framework's version key, so a changed framework gives a new run
whose differences from the previous one can be shown per object and theme.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from styrsignal.analysis.actors import ActorMatcher
from styrsignal.analysis.framework import Framework, Terms, Theme, term_query
from styrsignal.model import Coding, CodingRun, Document, Mention
from styrsignal.search.query import Node
from styrsignal.search.snippets import match_spans
from styrsignal.store.base import StoredPassage
from styrsignal.text.analyzer import Token, analyze
from styrsignal.workspace import Workspace

Progress = Callable[[int, int], None]


SUBJECT = "@subject"
ENABLING = "@enabling"
CONSTRAINING = "@constraining"
INSTRUMENT = "@instrument:"
SCOPE = "@scope:"


def is_criterion(group: str) -> bool:
    """True for the impact-criteria groups, False for themes."""
    return group.startswith("@")


@dataclass(frozen=True, slots=True)
class _Term:
    theme_id: str
    """The theme or criterion group the term belongs to."""
    text: str
    node: Node
    lang: str
    """The term list it came from: Swedish terms are looked for in Swedish (and undetermined)
    documents, English terms in English ones — "grant" is not Swedish "grannar"."""


def term_groups(framework: Framework) -> dict[str, list[tuple[str, str]]]:
    """Every group of (term, language) the coding pass looks for: themes, then the impact criteria."""
    impact = framework.impact

    def both(terms: Terms) -> list[tuple[str, str]]:
        return [(t, "sv") for t in terms.sv] + [(t, "en") for t in terms.en]

    groups: dict[str, list[tuple[str, str]]] = {theme.id: both(theme.terms) for theme in framework.themes}
    groups[SUBJECT] = both(impact.subject_terms)
    for instrument in impact.instruments:
        groups[INSTRUMENT + instrument.id] = both(instrument.terms)
    for level in impact.scope:
        groups[SCOPE + level.id] = both(level.terms)
    groups[ENABLING] = both(impact.enabling)
    groups[CONSTRAINING] = both(impact.constraining)
    return groups


def group_patterns(framework: Framework) -> list[tuple[str, re.Pattern[str]]]:
    # Patterns are case-sensitive unless they say (?i): "IOP" is the partnership, "iop" is not.
    patterns = [(theme.id, pattern) for theme in framework.themes
                for lang in ("sv", "en") for pattern in theme.patterns.compiled(lang)]
    patterns += [(INSTRUMENT + instrument.id, pattern) for instrument in framework.impact.instruments
                 for lang in ("sv", "en") for pattern in instrument.patterns.compiled(lang)]
    return patterns


def passage_score(distinct_terms: int, occurrences: int, weight: float = 1.0) -> float:
    """Strength of a theme in a passage: one term once gives 0.5, each further distinct term
    halves the distance to 1, repeated occurrences count a quarter of a term."""
    effective: float = distinct_terms + 0.25 * max(0, occurrences - distinct_terms)
    strength: float = 1.0 - pow(0.5, effective)
    return round(min(1.0, strength * weight), 4)


def _exclusions(theme: Theme) -> list[str]:
    return [*theme.exclude.sv, *theme.exclude.en]


SAVE_EVERY = 20_000
"""Codings and mentions held in memory before they are written (bounds memory on large corpora)."""


def code_corpus(workspace: Workspace, framework: Framework, *, on_progress: Progress | None = None) -> CodingRun:
    """Code every passage of the corpus with ``framework`` and store the run."""
    store = workspace.store
    state = store.corpus_state()
    hits: dict[int, list[_Term]] = defaultdict(list)
    excluded: dict[str, set[int]] = defaultdict(set)
    for group, texts in term_groups(framework).items():
        for text, lang in texts:
            term = _Term(group, text, term_query(text), lang)
            for passage_id, _document_id in store.match_passages(term.node):
                hits[passage_id].append(term)
    for theme in framework.themes:
        for text in _exclusions(theme):
            excluded[theme.id].update(pid for pid, _ in store.match_passages(term_query(text)))
    patterns = group_patterns(framework)
    weights = {theme.id: theme.weight for theme in framework.themes}
    ancestors = {theme.id: [a.id for a in framework.ancestors(theme.id)] for theme in framework.themes}
    matcher = ActorMatcher(extra=framework.actors.extra)

    framework_json = json.dumps(framework.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
    run_id = store.start_coding_run(framework.name, framework.version, framework.version_key, framework_json)
    codings: list[Coding] = []
    mentions: list[Mention] = []
    documents = store.documents()
    for done, listed in enumerate(documents, start=1):
        document = store.document(listed.id)
        passages = store.passages(document.id)
        found: dict[tuple[int, str], dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
        _match_terms(document, passages, hits, found)
        _match_patterns(document, passages, patterns, found)
        for (passage_id, theme_id), by_term in list(found.items()):
            for parent in ancestors.get(theme_id, ()):  # a sub-theme's evidence counts for its parent
                for term_text, spans in by_term.items():
                    found[(passage_id, parent)][term_text].extend(spans)
        for (passage_id, theme_id), by_term in found.items():
            if passage_id in excluded.get(theme_id, ()):
                continue
            spans = sorted({span for spans in by_term.values() for span in spans})
            codings.append(Coding(passage_id, document.id, theme_id,
                                  passage_score(len(by_term), len(spans), weights.get(theme_id, 1.0)),
                                  tuple(by_term), tuple(spans)))
        mentions.extend(_mentions(document, passages, matcher))
        if len(codings) + len(mentions) >= SAVE_EVERY:
            store.add_to_coding_run(run_id, codings, mentions)
            codings, mentions = [], []
        if on_progress:
            on_progress(done, len(documents))
    store.add_to_coding_run(run_id, codings, mentions)
    return store.finish_coding_run(run_id, state)


def _match_terms(document: Document, passages: list[StoredPassage], hits: dict[int, list[_Term]],
                 found: dict[tuple[int, str], dict[str, list[tuple[int, int]]]]) -> None:
    language = document.metadata.language if document.metadata.language in ("sv", "en") else "sv"
    for passage in passages:
        terms = hits.get(passage.id)
        if not terms:
            continue
        text = document.text[passage.start:passage.end]
        tokens: list[Token] = analyze(text, language)
        for term in terms:
            if term.lang != language:
                continue
            spans = match_spans(text, term.node, language, tokens=tokens)
            if spans:  # the index matched and the text confirms it: evidence with exact spans
                found[(passage.id, term.theme_id)][term.text].extend(
                    (passage.start + s, passage.start + e) for s, e in spans)


def _match_patterns(document: Document, passages: list[StoredPassage], patterns: list[tuple[str, re.Pattern[str]]],
                    found: dict[tuple[int, str], dict[str, list[tuple[int, int]]]]) -> None:
    if not patterns or not passages:
        return
    starts = [p.start for p in passages]
    for theme_id, pattern in patterns:
        for match in pattern.finditer(document.text):
            passage = _passage_at(passages, starts, match.start())
            if passage is not None and match.end() <= passage.end:
                found[(passage.id, theme_id)][f"/{pattern.pattern}/"].append(match.span())


def _passage_at(passages: list[StoredPassage], starts: list[int], offset: int) -> StoredPassage | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index < 0:
        return None
    passage = passages[index]
    return passage if offset < passage.end else None


def _mentions(document: Document, passages: list[StoredPassage], matcher: ActorMatcher) -> list[Mention]:
    if not passages:
        return []
    starts = [p.start for p in passages]
    result: list[Mention] = []
    for mention in matcher.find(document.text):
        passage = _passage_at(passages, starts, mention.start)
        if passage is None:
            continue  # in a heading or other text outside passages
        result.append(Mention(passage.id, document.id, mention.name, mention.kind, mention.registered, mention.role,
                              mention.start, mention.end, mention.surface))
    return result


def latest_run(workspace: Workspace, framework: Framework) -> CodingRun | None:
    """The newest stored run of this exact framework over the corpus as it is now."""
    state = workspace.store.corpus_state()
    for run in workspace.store.coding_runs():
        if run.version_key == framework.version_key and run.corpus_state == state:
            return run
    return None


def ensure_coding(workspace: Workspace, framework: Framework, *, on_progress: Progress | None = None) -> CodingRun:
    """The current coding run, coding the corpus first when there is none."""
    return latest_run(workspace, framework) or code_corpus(workspace, framework, on_progress=on_progress)
