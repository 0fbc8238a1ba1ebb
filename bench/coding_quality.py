"""Coding quality: theme coding and actor extraction against hand-labelled development sets.

    python bench/coding_quality.py [--corpus DIR] [--workspace DIR] [--jobs N] [--worst N]

The development sets are ``tests/data/coding_devset.yaml`` (passages with the framework themes
an analyst assigns) and ``tests/data/actors_devset.yaml`` (passages with the organisations they
name and the roles the sentences give them).  Both identify a passage by a document path
relative to the corpus and a verbatim quote.  The script

1. checks both sets (keys, quotes of at least eight words, theme ids of the default framework,
   statuses and roles) and stops with every problem listed;
2. ingests the documents the sets name into a fresh temporary workspace (or ``--workspace``,
   which is kept) with ``styrsignal.ingest.pipeline.ingest``;
3. maps each quote to the one stored passage that holds it (white space normalised, soft
   hyphens ignored; ``occurrence: N`` picks one of identical passages) and stops with every
   quote that matches no passage or several;
4. runs ``styrsignal.analysis.coding.code_corpus`` with the default framework;
5. scores themes per passage (predicted theme set against the gold set, both with parent themes
   added, as the framework says a subtheme's hits count for its parent) per theme, micro- and
   macro-averaged; and actors as (passage, actor) pairs, both sides mapped through the registry
   (``styrsignal.ingest.authorities.lookup``, former names to their successor, then the
   framework's extra actors), with role accuracy where both sides give a role;
6. prints a compact table and the worst false positives and negatives, with the passage and the
   framework term or the mention that caused them.

See bench/README.md for how to read it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from styrsignal.analysis.coding import code_corpus, is_criterion
from styrsignal.analysis.framework import Framework, load_framework
from styrsignal.ingest.authorities import lookup
from styrsignal.ingest.pipeline import ingest, source_key
from styrsignal.model import Coding, Mention
from styrsignal.store.base import StoredPassage
from styrsignal.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
CODING_DEVSET = ROOT / "tests" / "data" / "coding_devset.yaml"
ACTORS_DEVSET = ROOT / "tests" / "data" / "actors_devset.yaml"
MIN_WORDS = 8
ROLES = ("responsible", "commissioned", "funder", "partner")
STATUSES = ("registered", "unregistered", "other")


class DevsetError(Exception):
    """The development sets are malformed or do not fit the corpus; ``problems`` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the development sets:\n  " + "\n  ".join(problems))
        self.problems = problems


# -- the development sets ----------------------------------------------------------------------
@dataclass(frozen=True)
class GoldActor:
    name: str
    status: str
    roles: frozenset[str]


@dataclass(frozen=True)
class Item:
    """One labelled passage of either set."""

    where: str
    """File and item number, for messages."""
    doc: str
    quote: str
    occurrence: int | None
    themes: frozenset[str] = frozenset()
    actors: tuple[GoldActor, ...] = ()
    note: str = ""


def normalise(text: str) -> str:
    """Text as quotes are matched: soft hyphens dropped, every run of white space one space."""
    return " ".join(text.replace("\u00ad", "").split())


def load_items(path: Path, kind: str) -> tuple[list[Item], list[str]]:
    """The items of a set (``kind`` is "themes" or "actors") and the problems found while reading."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    raw = data.get("passages") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        return [], [f"{path.name}: a top-level 'passages:' list is required"]
    items: list[Item] = []
    problems: list[str] = []
    top = {"passages", "labelled_themes"} if kind == "themes" else {"passages"}
    if unknown := set(data) - top:
        problems.append(f"{path.name}: unknown top-level key(s) {sorted(unknown)}; allowed: {sorted(top)}")
    allowed = {"doc", "quote", "occurrence", "note", kind}
    for number, entry in enumerate(raw, start=1):
        where = f"{path.name} item {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        if unknown := set(entry) - allowed:
            problems.append(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
        doc, quote = entry.get("doc"), entry.get("quote")
        if not isinstance(doc, str) or not isinstance(quote, str):
            problems.append(f"{where}: 'doc' and 'quote' must be strings")
            continue
        where = f"{where} ({doc})"
        if len(normalise(quote).split()) < MIN_WORDS:
            problems.append(f"{where}: quote {quote!r} has fewer than {MIN_WORDS} words")
        occurrence = entry.get("occurrence")
        if occurrence is not None and (not isinstance(occurrence, int) or occurrence < 1):
            problems.append(f"{where}: occurrence must be a whole number from 1")
            occurrence = None
        value = entry.get(kind)
        if not isinstance(value, list):
            problems.append(f"{where}: '{kind}' must be a list (empty for none)")
            continue
        note = str(entry.get("note") or "")
        if kind == "themes":
            items.append(Item(where, doc, quote, occurrence, themes=frozenset(map(str, value)), note=note))
        else:
            actors, actor_problems = _gold_actors(where, value)
            problems += actor_problems
            items.append(Item(where, doc, quote, occurrence, actors=actors, note=note))
    return items, problems


def labelled_themes(path: Path = CODING_DEVSET) -> list[str]:
    """The themes the coding set was labelled for (``labelled_themes:``); others are not scored."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    themes = data.get("labelled_themes") if isinstance(data, dict) else None
    return [str(t) for t in themes] if isinstance(themes, list) else []


def _gold_actors(where: str, value: list[Any]) -> tuple[tuple[GoldActor, ...], list[str]]:
    actors: list[GoldActor] = []
    problems: list[str] = []
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            problems.append(f"{where}: each actor needs a 'name'")
            continue
        name, status, role = entry["name"], entry.get("status"), entry.get("role")
        if status not in STATUSES:
            problems.append(f"{where}: actor {name!r} has status {status!r}; valid: {', '.join(STATUSES)}")
        roles = [] if role is None else [role] if isinstance(role, str) else list(role)
        if bad := [r for r in roles if r not in ROLES]:
            problems.append(f"{where}: actor {name!r} has role(s) {bad}; valid: {', '.join(ROLES)}")
        actors.append(GoldActor(name, str(status), frozenset(roles)))
    return tuple(actors), problems


def devset_problems(framework: Framework, coding_path: Path = CODING_DEVSET,
                    actors_path: Path = ACTORS_DEVSET) -> list[str]:
    """Every problem in the two sets that can be seen without the corpus."""
    themes, problems = load_items(coding_path, "themes")
    actors, more = load_items(actors_path, "actors")
    problems += more
    known = {t.id for t in framework.themes}
    labelled = set(labelled_themes(coding_path))
    if not labelled:
        problems.append(f"{coding_path.name}: a 'labelled_themes:' list (the themes the passages were labelled for) "
                        "is required")
    if bad := sorted(labelled - known):
        problems.append(f"{coding_path.name}: labelled_themes {bad} are not in framework {framework.name} "
                        f"{framework.version}; available: {', '.join(sorted(known))}")
    for item in themes:
        if bad := sorted(item.themes - known):
            problems.append(f"{item.where}: unknown theme(s) {bad}; available: {', '.join(sorted(known))}")
        elif bad := sorted(item.themes - labelled):
            problems.append(f"{item.where}: theme(s) {bad} are not in labelled_themes")
    for items in (themes, actors):
        seen: dict[tuple[str, str, int | None], str] = {}
        for item in items:
            key = (item.doc, normalise(item.quote), item.occurrence)
            if key in seen:
                problems.append(f"{item.where}: the same quote as {seen[key]}")
            seen[key] = item.where
    return problems


# -- the corpus --------------------------------------------------------------------------------
def ingest_documents(workspace: Workspace, corpus: Path, docs: Iterable[str],
                     jobs: int | None = None) -> dict[str, int]:
    """Ingest ``docs`` (paths relative to ``corpus``); their document ids.  Raises DevsetError."""
    docs = sorted(set(docs))
    missing = [f"{doc}: no such file under {corpus}" for doc in docs if not (corpus / doc).is_file()]
    if missing:
        raise DevsetError(missing)
    report = ingest(workspace, [corpus / doc for doc in docs], jobs=jobs)
    if report.failed:
        raise DevsetError([f"{e.path}: ingest failed ({e.reason})" for e in report.failed])
    ids: dict[str, int] = {}
    for doc in docs:
        document_id = workspace.store.document_id_for_path(source_key((corpus / doc).resolve()))
        if document_id is None:
            raise DevsetError([f"{doc}: ingested, but no document is stored for the path"])
        ids[doc] = document_id
    return ids


def locate(workspace: Workspace, ids: dict[str, int], items: Sequence[Item]) -> dict[Item, StoredPassage]:
    """The passage each item's quote lies in.  Raises DevsetError listing every quote that matches
    no passage or several, and every passage labelled twice in one set."""
    store = workspace.store
    texts: dict[int, list[tuple[StoredPassage, str]]] = {}
    found: dict[Item, StoredPassage] = {}
    problems: list[str] = []
    labelled: dict[tuple[int, str], str] = {}
    for item in items:
        document_id = ids[item.doc]
        if document_id not in texts:
            text = store.document(document_id).text
            texts[document_id] = [(p, normalise(text[p.start:p.end])) for p in store.passages(document_id)]
        quote = normalise(item.quote)
        hits = [p for p, passage_text in texts[document_id] if quote in passage_text]
        if item.occurrence is not None and len(hits) >= item.occurrence:
            hits = [hits[item.occurrence - 1]]
        if not hits:
            whole = normalise(" ".join(t for _, t in texts[document_id]))
            hint = " (it is in the text: it spans a passage boundary)" if quote in whole else ""
            problems.append(f"{item.where}: quote matches no passage{hint}: {item.quote!r}")
        elif len(hits) > 1:
            problems.append(f"{item.where}: quote matches {len(hits)} passages (seq "
                            f"{', '.join(str(p.seq) for p in hits)}); lengthen it or add occurrence: N: "
                            f"{item.quote!r}")
        else:
            key = (hits[0].id, item.where.split(" ", 1)[0])  # one label per passage and set file
            if key in labelled:
                problems.append(f"{item.where}: the same passage as {labelled[key]}")
            labelled[key] = item.where
            found[item] = hits[0]
    if problems:
        raise DevsetError(problems)
    return found


# -- scores ------------------------------------------------------------------------------------
@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass(frozen=True)
class ThemeError:
    item: Item
    theme: str
    terms: tuple[str, ...] = ()
    """For a false positive: the framework terms that matched."""


@dataclass
class ThemeResult:
    per_theme: dict[str, Counts]
    passages: int
    rolled_up: int
    """Passages that gained a parent theme from a child theme styrsignal coded."""
    unscored: Counter[str] = field(default_factory=Counter)
    """Framework themes the set was not labelled for: labelled passages styrsignal coded with them."""
    false_positives: list[ThemeError] = field(default_factory=list)
    false_negatives: list[ThemeError] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.per_theme.values():
            total.add(counts)
        return total

    def macro(self) -> tuple[float, float, float]:
        """Mean precision, recall and F1 over the themes with gold passages (a theme styrsignal
        never predicts scores precision 0 there)."""
        supported = [c for c in self.per_theme.values() if c.tp + c.fn]
        return (_mean([c.precision or 0.0 for c in supported]), _mean([c.recall or 0.0 for c in supported]),
                _mean([c.f1 or 0.0 for c in supported]))


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def with_ancestors(themes: Iterable[str], framework: Framework) -> set[str]:
    result = set(themes)
    for theme in list(result):
        result.update(t.id for t in framework.ancestors(theme))
    return result


def score_themes(items: Sequence[Item], passages: dict[Item, StoredPassage], codings: Sequence[Coding],
                 framework: Framework, labelled: Iterable[str]) -> ThemeResult:
    """Passage-level scores of the ``labelled`` themes; other themes are only counted."""
    scored = set(labelled)
    coded: dict[int, dict[str, Coding]] = defaultdict(dict)
    for coding in codings:
        if not is_criterion(coding.theme_id):  # "@subject", "@instrument:…": impact criteria, not themes
            coded[coding.passage_id][coding.theme_id] = coding
    result = ThemeResult({t.id: Counts() for t in framework.themes if t.id in scored}, len(items), 0)
    for item in items:
        by_theme = coded.get(passages[item].id, {})
        result.unscored.update(set(with_ancestors(by_theme, framework)) - scored)
        by_theme = {theme: coding for theme, coding in by_theme.items() if theme in scored}
        predicted = with_ancestors(by_theme, framework) & scored
        result.rolled_up += bool(predicted - set(by_theme))
        gold = with_ancestors(item.themes, framework) & scored
        for theme in gold | predicted:
            counts = result.per_theme[theme]
            if theme in gold and theme in predicted:
                counts.tp += 1
            elif theme in predicted:
                counts.fp += 1
                terms = by_theme[theme].terms if theme in by_theme else tuple(
                    f"(via {child})" for child in by_theme if theme in with_ancestors([child], framework))
                result.false_positives.append(ThemeError(item, theme, terms))
            else:
                counts.fn += 1
                result.false_negatives.append(ThemeError(item, theme))
    return result


@dataclass(frozen=True)
class Predicted:
    name: str
    registered: bool
    roles: frozenset[str]
    surfaces: tuple[str, ...]


@dataclass
class ActorResult:
    passages: int
    pairs: Counts
    by_status: dict[str, Counts]
    """Recall per gold status (tp and fn only)."""
    roles_correct: int = 0
    roles_both: int = 0
    roles_missed: int = 0
    """Gold gives a role, styrsignal none."""
    roles_spurious: int = 0
    """styrsignal gives a role, gold none."""
    flag_wrong: list[tuple[Item, str, bool]] = field(default_factory=list)
    """Matched actors whose registered flag disagrees with the gold status."""
    false_negatives: list[tuple[Item, GoldActor]] = field(default_factory=list)
    false_positives: list[tuple[Item, Predicted]] = field(default_factory=list)
    wrong_roles: list[tuple[Item, str, frozenset[str], frozenset[str]]] = field(default_factory=list)
    unknown_to_registry: list[tuple[Item, str]] = field(default_factory=list)
    """Gold actors marked registered that lookup() cannot find."""


def canonicaliser(framework: Framework) -> Callable[[str], str]:
    """A function from any name or alias to one comparable name: the registry's current body,
    else the framework's extra actor, else the name as written."""
    extras = {normalise(form).casefold(): actor.name
              for actor in framework.actors.extra for form in (actor.name, *actor.aliases)}

    def canonical(name: str) -> str:
        clean = normalise(name)
        authority = lookup(clean)
        seen: set[str] = set()
        while authority is not None and authority.successor and authority.name not in seen:
            seen.add(authority.name)
            following = lookup(authority.successor)
            if following is None:
                return authority.successor.casefold()
            authority = following
        if authority is not None:
            return authority.name.casefold()
        return extras.get(clean.casefold(), clean).casefold()

    return canonical


def score_actors(items: Sequence[Item], passages: dict[Item, StoredPassage], mentions: Sequence[Mention],
                 canonical: Callable[[str], str]) -> ActorResult:
    in_passage: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        in_passage[mention.passage_id].append(mention)
    result = ActorResult(len(items), Counts(), {s: Counts() for s in STATUSES})
    for item in items:
        gold = {canonical(a.name): a for a in item.actors}
        predicted: dict[str, Predicted] = {}
        for mention in in_passage.get(passages[item].id, []):
            key = canonical(mention.name)
            before = predicted.get(key)
            roles = (before.roles if before else frozenset()) | ({mention.role} if mention.role else set())
            surfaces = (before.surfaces if before else ()) + (normalise(mention.surface),)
            predicted[key] = Predicted(mention.name, mention.registered if before is None else before.registered,
                                       roles, surfaces)
        for actor in item.actors:
            if actor.status == "registered" and lookup(normalise(actor.name)) is None:
                result.unknown_to_registry.append((item, actor.name))
        for key, actor in gold.items():
            status = result.by_status[actor.status]
            if key not in predicted:
                result.pairs.fn += 1
                status.fn += 1
                result.false_negatives.append((item, actor))
                continue
            result.pairs.tp += 1
            status.tp += 1
            got = predicted[key]
            if actor.status != "other" and got.registered != (actor.status == "registered"):
                result.flag_wrong.append((item, actor.name, got.registered))
            if actor.roles and got.roles:
                result.roles_both += 1
                if actor.roles & got.roles:
                    result.roles_correct += 1
                else:
                    result.wrong_roles.append((item, actor.name, actor.roles, got.roles))
            elif actor.roles:
                result.roles_missed += 1
                result.wrong_roles.append((item, actor.name, actor.roles, frozenset()))
            elif got.roles:
                result.roles_spurious += 1
                result.wrong_roles.append((item, actor.name, frozenset(), got.roles))
        for key, got in predicted.items():
            if key not in gold:
                result.pairs.fp += 1
                result.false_positives.append((item, got))
    return result


# -- a run -------------------------------------------------------------------------------------
@dataclass
class Evaluation:
    themes: ThemeResult
    actors: ActorResult
    documents: int
    ingest_seconds: float
    coding_seconds: float


def prepare(workspace: Workspace, corpus: Path, framework: Framework, *, jobs: int | None = None,
            coding_path: Path = CODING_DEVSET, actors_path: Path = ACTORS_DEVSET
            ) -> tuple[list[Item], list[Item], dict[Item, StoredPassage], dict[str, int]]:
    """Check the sets, ingest their documents and locate every quote (raises DevsetError)."""
    if problems := devset_problems(framework, coding_path, actors_path):
        raise DevsetError(problems)
    theme_items, _ = load_items(coding_path, "themes")
    actor_items, _ = load_items(actors_path, "actors")
    ids = ingest_documents(workspace, corpus, [i.doc for i in (*theme_items, *actor_items)], jobs)
    passages = locate(workspace, ids, [*theme_items, *actor_items])
    return theme_items, actor_items, passages, ids


def evaluate_workspace(workspace: Workspace, framework: Framework, theme_items: Sequence[Item],
                       actor_items: Sequence[Item], passages: dict[Item, StoredPassage]
                       ) -> tuple[ThemeResult, ActorResult]:
    """Code the workspace and score both sets."""
    run = code_corpus(workspace, framework)
    store = workspace.store
    return (score_themes(theme_items, passages, store.codings(run.id), framework, labelled_themes()),
            score_actors(actor_items, passages, store.mentions(run.id), canonicaliser(framework)))


def evaluate(corpus: Path = DEFAULT_CORPUS, workspace: Path | None = None, *, jobs: int | None = None) -> Evaluation:
    framework = load_framework()
    with tempfile.TemporaryDirectory(prefix="coding-quality-") as tmp, \
            Workspace.open(workspace or Path(tmp) / "ws") as ws:
        started = time.perf_counter()
        theme_items, actor_items, passages, ids = prepare(ws, corpus, framework, jobs=jobs)
        ingested = time.perf_counter()
        themes, actors = evaluate_workspace(ws, framework, theme_items, actor_items, passages)
        return Evaluation(themes, actors, len(ids), ingested - started, time.perf_counter() - ingested)


# -- the report --------------------------------------------------------------------------------
def _f(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def _short(text: str, width: int = 90) -> str:
    text = normalise(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _row(label: str, c: Counts) -> str:
    support = c.tp + c.fn
    return (f"  {label:<30} {_f(c.precision):>5} {_f(c.recall):>5} {_f(c.f1):>5}   "
            f"{c.tp:>3} {c.fp:>3} {c.fn:>3}  {support:>4}")


def print_report(ev: Evaluation, *, worst: int = 3, out: Any = sys.stdout) -> None:
    t, a = ev.themes, ev.actors

    def say(line: str = "") -> None:
        print(line, file=out)

    say("styrsignal coding quality (tests/data/coding_devset.yaml, tests/data/actors_devset.yaml)")
    say(f"corpus   {ev.documents} documents ingested in {ev.ingest_seconds:.1f}s; "
        f"code_corpus {ev.coding_seconds:.1f}s")
    say()
    say(f"THEMES  {t.passages} passages, passage-level; parents added on both sides "
        f"({t.rolled_up} passage(s) gained a parent from a coded child)")
    say(f"  {'theme':<30} {'P':>5} {'R':>5} {'F1':>5}    TP  FP  FN  gold")
    for theme, counts in sorted(t.per_theme.items(), key=lambda kv: (-(kv[1].tp + kv[1].fn), kv[0])):
        say(_row(theme, counts))
    say("  " + "-" * 70)
    micro = t.micro
    say(_row("micro", micro))
    p, r, f1 = t.macro()
    supported = sum(1 for c in t.per_theme.values() if c.tp + c.fn)
    say(f"  {'macro (' + str(supported) + ' themes with gold)':<30} {p:>5.2f} {r:>5.2f} {f1:>5.2f}")
    if t.unscored:
        say("  not scored (the set was not labelled for them; label blind before scoring): "
            + ", ".join(f"{theme} coded on {n} passage(s)" for theme, n in t.unscored.most_common()))
    say()
    say(f"ACTORS  {a.passages} passages, {a.pairs.tp + a.pairs.fn} gold (passage, actor) pairs")
    say(f"  {'':<30} {'P':>5} {'R':>5} {'F1':>5}    TP  FP  FN")
    say(_row("all actors", a.pairs)[:-6])
    for status, counts in a.by_status.items():
        say(f"  {'recall, gold ' + status:<30} {'':>5} {_f(counts.recall):>5} {'':>5}   "
            f"{counts.tp:>3} {'':>3} {counts.fn:>3}")
    accuracy = a.roles_correct / a.roles_both if a.roles_both else None
    say(f"  role accuracy where both give a role: {_f(accuracy)} ({a.roles_correct}/{a.roles_both}); "
        f"gold role not given {a.roles_missed}, role given where gold has none {a.roles_spurious}")
    say(f"  registered flag wrong on {len(a.flag_wrong)} matched actor(s); "
        f"gold 'registered' names lookup() cannot find: {len(a.unknown_to_registry)}")
    _print_theme_errors(t, worst, say)
    _print_actor_errors(a, worst, say)


def _print_theme_errors(t: ThemeResult, worst: int, say: Callable[[str], None]) -> None:
    say()
    say("THEME FALSE POSITIVES by the term that matched (term → count; a developer can narrow or exclude)")
    by_term: Counter[tuple[str, str]] = Counter()
    example: dict[tuple[str, str], ThemeError] = {}
    for error in t.false_positives:
        for term in error.terms:
            by_term[(error.theme, term)] += 1
            example.setdefault((error.theme, term), error)
    for (theme, term), count in by_term.most_common(12):
        e = example[(theme, term)]
        say(f"  {count:>2}× {theme} ← {term!r}: {e.item.doc.split('/')[-1][:40]}: “{_short(e.item.quote, 70)}”")
    say()
    say(f"THEME ERRORS per theme, worst first (up to {worst} examples each; FN = no term matched)")
    errors: dict[str, list[tuple[str, ThemeError]]] = defaultdict(list)
    for error in t.false_positives:
        errors[error.theme].append(("FP", error))
    for error in t.false_negatives:
        errors[error.theme].append(("FN", error))
    for theme, listed in sorted(errors.items(), key=lambda kv: -len(kv[1])):
        fp = sum(1 for kind, _ in listed if kind == "FP")
        say(f"  {theme}: {fp} FP, {len(listed) - fp} FN")
        for kind in ("FP", "FN"):
            for _, e in [x for x in listed if x[0] == kind][:worst]:
                terms = f" [{', '.join(e.terms)}]" if e.terms else ""
                note = f"  — gold note: {_short(e.item.note, 80)}" if e.item.note else ""
                say(f"    {kind}{terms} {e.item.doc.split('/')[-1][:40]}: “{_short(e.item.quote, 80)}”{note}")


def _print_actor_errors(a: ActorResult, worst: int, say: Callable[[str], None]) -> None:
    say()
    say("ACTOR FALSE NEGATIVES by gold status")
    for status in STATUSES:
        listed = [(i, g) for i, g in a.false_negatives if g.status == status]
        if not listed:
            continue
        names = Counter(g.name for _, g in listed)
        say(f"  {status} ({len(listed)}): " + ", ".join(f"{n}{'×' + str(c) if c > 1 else ''}"
                                                       for n, c in names.most_common()))
    say()
    say(f"ACTOR FALSE POSITIVES ({len(a.false_positives)}; name as found, registered flag, surface, passage)")
    for item, got in a.false_positives[: max(worst * 4, 12)]:
        say(f"  {got.name!r} {'reg' if got.registered else 'unreg'} “{got.surfaces[0]}” "
            f"in {item.doc.split('/')[-1][:40]}: “{_short(item.quote, 60)}”")
    if a.flag_wrong:
        say()
        say("REGISTERED FLAG disagreeing with the gold status")
        for item, name, registered in a.flag_wrong[: worst * 3]:
            found = "registered" if registered else "unregistered"
            say(f"  {name!r} found as {found} in {item.doc.split('/')[-1][:40]}")
    if a.wrong_roles:
        say()
        say("ROLE DISAGREEMENTS (gold → styrsignal)")
        for item, name, gold, got in a.wrong_roles[: worst * 4]:
            say(f"  {name}: {'/'.join(sorted(gold)) or 'none'} → {'/'.join(sorted(got)) or 'none'}"
                f"  “{_short(item.quote, 70)}”")
    if a.unknown_to_registry:
        say()
        say("GOLD REGISTERED NAMES THE REGISTRY LACKS: " + ", ".join(sorted({n for _, n in a.unknown_to_registry})))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help=f"corpus folder the sets' paths are relative to (default: {DEFAULT_CORPUS})")
    parser.add_argument("--workspace", type=Path, default=None,
                        help="workspace folder to ingest into and keep (default: a temporary one)")
    parser.add_argument("--jobs", type=int, default=None, help="processes for the ingest (default: as ingest)")
    parser.add_argument("--worst", type=int, default=3, help="examples per theme in the error lists (default 3)")
    args = parser.parse_args(argv)
    try:
        evaluation = evaluate(args.corpus, args.workspace, jobs=args.jobs)
    except DevsetError as exc:
        print(exc, file=sys.stderr)
        return 2
    print_report(evaluation, worst=args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
