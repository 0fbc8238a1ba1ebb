"""The analysis framework: what a mapping looks for in policy documents and how it judges them.

A framework is a YAML file (the default, for social innovation, ships with the package)::

    name: social-innovation
    version: "2025.1"
    languages: [sv, en]
    description: {sv: …, en: …}
    questions:                        # the central questions the mapping answers
      - id: national-support
        text: {sv: …, en: …}
    themes:                           # thematic categories passages are coded by
      - id: cross-sector-collaboration
        label: {sv: Sektorsövergripande samverkan, en: Cross-sector collaboration}
        description: {sv: …, en: …}
        terms: {sv: [samverkan, "idéburet offentligt partnerskap", tvärsektoriell*], en: [partnership]}
        patterns: {sv: ['(?i)\\bIOP\\b']}            # optional regular expressions
        exclude: {sv: [arbetslag]}                      # optional: passages with these do not count
        parent: …                                       # optional: a broader theme
        weight: 1.0                                     # optional
    impact: …                         # criteria for direct/indirect impact (see ImpactCriteria)
    actors: {registry: builtin, extra: [...]}

A **term** is written in the search language (:mod:`styrsignal.search.query`) and matched
through the Swedish analysis (:mod:`styrsignal.text.analyzer`): a word matches its
inflections and the compounds it is the head of ("utfallskontrakt" finds "sociala
utfallskontrakten", "labb" finds "policylabb"), several words match as a phrase (quotes
optional), and ``prefix*`` matches every word that begins so.  Search operators are not allowed in a
term: each list entry already is an alternative, and exclusions go under ``exclude``.

Every problem in a file is reported at once, each with its place::

    framework.yaml:42 themes[3].terms.sv[2]: "och" is only stopwords … (hint)

Field errors come from pydantic; the checks across fields (unique ids, parents that exist,
no parent cycles, languages that cover the terms) run on the raw data in a wrap validator
and are merged into the same error list, so a file with both kinds gets one full report.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import types
from collections.abc import Iterator
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from styrsignal.errors import FrameworkError, UsageError
from styrsignal.search.query import Node, Phrase, Prefix, parse_query, word_keys
from styrsignal.search.query import Term as TermNode
from styrsignal.yamlfile import load_yaml_model

DEFAULT_FRAMEWORK = "social-innovation.yaml"
LANGUAGES = ("sv", "en")
ScopeId = Literal["sweden", "eu", "nordic", "other"]
SCOPES: tuple[str, ...] = get_args(ScopeId)
ActorKind = Literal[
    # the kinds of the built-in registry (data/authorities.tsv) …
    "government", "ministry", "agency", "court", "riksdag", "riksdag_committee", "riksdag_agency",
    "region", "municipality", "eu", "other",
    # … and kinds for actors outside it
    "nordic", "international", "civil_society", "academia", "business", "network", "programme", "fund",
]
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
MIN_PREFIX = 3
"""Letters a ``prefix*`` term needs before the star; shorter ones match half the vocabulary."""

_OPERATORS = frozenset({"OR", "AND", "NOT", "|"})
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _problem(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, "{message}", {"message": message})


# --- single values ---------------------------------------------------------------------

def term_query(term: str) -> Node:
    """The search tree of one framework term: several words are a phrase, quoted or not."""
    text = term.strip()
    inner = text[1:-1].strip() if len(text) >= 2 and text[0] == text[-1] == '"' else text
    return parse_query(f'"{inner}"' if len(inner.split()) > 1 else inner)


def _check_term(value: str) -> str:
    text = value.strip()
    if not text:
        raise _problem("term", "empty term; remove it or write a word or phrase")
    inner = text[1:-1].strip() if len(text) >= 2 and text[0] == text[-1] == '"' else text
    words = inner.split()
    if '"' in inner:
        raise _problem("term", f"{text!r}: quotes may only surround the whole term (and are optional)")
    if any(w in _OPERATORS or w.startswith("-") or "(" in w or ")" in w for w in words):
        raise _problem("term", f"{text!r}: a term is a word, a phrase or prefix*; search operators (OR, AND, NOT, "
                               "-word, parentheses) are not allowed — list alternatives as separate terms and put "
                               "exclusions under exclude")
    if "*" in inner:
        stem = inner[:-1]
        if len(words) > 1 or not inner.endswith("*") or "*" in stem:
            raise _problem("term", f"{text!r}: '*' is allowed only at the end of a single word (prefix*)")
        if sum(c.isalnum() for c in stem) < MIN_PREFIX:
            raise _problem("term", f"{text!r}: a prefix needs at least {MIN_PREFIX} letters before '*', or it "
                                   "matches far too many words")
    try:
        node = term_query(text)
    except UsageError as exc:
        if "no words to search for" in str(exc):
            raise _problem("term", f"{text!r} is only stopwords, so it would match nothing; use a content word "
                                   "or a phrase with one") from None
        raise _problem("term", f"{text!r}: {exc}") from None
    if isinstance(node, Prefix) and not node.stems:
        raise _problem("term", f"{text!r}: the prefix is too short to search for")
    if len(words) > 1 and isinstance(node, TermNode):
        kept = " ".join(w for w in words if word_keys(w))
        raise _problem("term", f"{text!r} searches only for {kept!r}: the other words are stopwords, which are "
                               f"not indexed; write {kept!r} alone or a phrase with two or more content words")
    assert isinstance(node, TermNode | Phrase | Prefix), node
    return text


def _check_pattern(value: str) -> str:
    try:
        compiled = re.compile(value)
    except re.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        raise _problem("pattern", f"{value!r} is not a valid regular expression: {exc.msg}{where} (Python re "
                                  "syntax; escape special characters such as + ( ) . with a backslash)") from None
    if compiled.search("") is not None:
        raise _problem("pattern", f"{value!r} matches the empty string, so it would match every passage")
    return value


def _check_slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise _problem("slug", f"{value!r} is not a valid id: use lower-case letters, digits and hyphens, "
                               "e.g. 'cross-sector-collaboration'")
    return value


SearchTerm = Annotated[str, AfterValidator(_check_term)]
RegexPattern = Annotated[str, AfterValidator(_check_pattern)]
Slug = Annotated[str, AfterValidator(_check_slug)]

_CONFIG = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- the parts of a framework ----------------------------------------------------------

class LocalText(BaseModel):
    """A text in Swedish and, optionally, English (which falls back to the Swedish)."""

    model_config = _CONFIG

    sv: str = Field(min_length=1)
    en: str | None = Field(default=None, min_length=1)

    def get(self, lang: str = "sv") -> str:
        return self.en if lang == "en" and self.en else self.sv


def _no_duplicates(values: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        key = value.casefold()
        if key in seen:
            raise _problem("duplicate", f"{value!r} is listed twice (items {seen[key]} and {index}); remove one")
        seen[key] = index
    return values


class Terms(BaseModel):
    """Search terms per language."""

    model_config = _CONFIG

    sv: list[SearchTerm] = Field(default_factory=list)
    en: list[SearchTerm] = Field(default_factory=list)

    @field_validator("sv", "en")
    @classmethod
    def _unique(cls, values: list[str]) -> list[str]:
        return _no_duplicates(values)

    def get(self, lang: str) -> list[str]:
        return list(self.en if lang == "en" else self.sv)

    def items(self) -> Iterator[tuple[str, str]]:
        """Every ``(language, term)``."""
        for lang in LANGUAGES:
            for term in self.get(lang):
                yield lang, term

    def __len__(self) -> int:
        return len(self.sv) + len(self.en)


class RequiredTerms(Terms):
    """Search terms with at least one in Swedish: the analysis is Swedish first."""

    sv: list[SearchTerm]

    @field_validator("sv")
    @classmethod
    def _has_swedish(cls, values: list[str]) -> list[str]:
        if not values:
            raise _problem("no_swedish_term", "needs at least one Swedish term")
        return values


class Patterns(BaseModel):
    """Regular expressions (Python ``re``) for what terms cannot say; add ``(?i)`` to ignore case."""

    model_config = _CONFIG

    sv: list[RegexPattern] = Field(default_factory=list)
    en: list[RegexPattern] = Field(default_factory=list)

    def compiled(self, lang: str) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in (self.en if lang == "en" else self.sv)]

    def __len__(self) -> int:
        return len(self.sv) + len(self.en)


class Question(BaseModel):
    """A central question of the mapping."""

    model_config = _CONFIG

    id: Slug
    text: LocalText


class Theme(BaseModel):
    """A thematic category passages are coded by."""

    model_config = _CONFIG

    id: Slug
    label: LocalText
    description: LocalText
    terms: RequiredTerms
    patterns: Patterns = Field(default_factory=Patterns)
    exclude: Terms = Field(default_factory=Terms)
    """A passage holding one of these does not count for the theme."""
    parent: Slug | None = None
    weight: float = Field(default=1.0, gt=0, le=100)
    anchor: bool = False
    """A theme close to the subject: without the subject named, only anchor themes can make
    an object's impact indirect; other themes only support."""


class Instrument(BaseModel):
    """A kind of concrete steering instrument: funding, calls, government assignments, …"""

    model_config = _CONFIG

    id: Slug
    label: LocalText
    terms: RequiredTerms
    patterns: Patterns = Field(default_factory=Patterns)


class ScopeLevel(BaseModel):
    """A level a document or passage speaks for: Sweden, the EU, the Nordic countries, other."""

    model_config = _CONFIG

    id: ScopeId
    label: LocalText
    terms: Terms = Field(default_factory=Terms)
    """May be empty for ``other``, the level of whatever names no other."""


class Thresholds(BaseModel):
    """Numbers the impact classifier uses; the defaults suit documents of a few pages and up."""

    model_config = _CONFIG

    direct_min_subject_passages: int = Field(default=2, ge=1)
    """Passages that explicitly name the subject before an object can have direct impact."""
    direct_min_instrument_passages: int = Field(default=1, ge=0)
    """Of those, passages that also name a concrete instrument."""
    indirect_min_theme_passages: int = Field(default=3, ge=1)
    """Passages coded with any theme before an object can have indirect impact."""
    indirect_min_themes: int = Field(default=2, ge=1)
    """Different themes those passages must cover."""
    indirect_anchor_score: float = Field(default=5.0, gt=0)
    """An anchor theme at least this strong (passage scores per 100 passages) suffices alone."""


class ImpactCriteria(BaseModel):
    """What makes an analysis object's impact on the subject direct rather than indirect."""

    model_config = _CONFIG

    classifier: Literal["rules.v1"] = "rules.v1"
    """The versioned classification method, so an old framework keeps meaning the same."""
    subject_terms: RequiredTerms
    """Explicit references to the framework's subject."""
    instruments: list[Instrument] = Field(min_length=1)
    scope: list[ScopeLevel] = Field(min_length=1)
    enabling: Terms = Field(default_factory=Terms)
    """Wording that opens possibilities (for drafting the opportunities of an object)."""
    constraining: Terms = Field(default_factory=Terms)
    """Wording that signals limits, risks and obstacles."""
    thresholds: Thresholds = Field(default_factory=Thresholds)


class ExtraActor(BaseModel):
    """An actor the registry does not hold (networks, programmes, civil-society bodies, …)."""

    model_config = _CONFIG

    name: str = Field(min_length=1)
    kind: ActorKind
    aliases: list[str] = Field(default_factory=list)

    @field_validator("aliases")
    @classmethod
    def _unique(cls, values: list[str]) -> list[str]:
        return _no_duplicates(values)


_BASE_DIR: ContextVar[Path | None] = ContextVar("framework_base_dir", default=None)
"""The folder of the framework file being loaded, so a registry path can be checked."""


class ActorRegistry(BaseModel):
    """Which actors to recognise: the built-in registry or a file of one's own, plus extras."""

    model_config = _CONFIG

    registry: str = "builtin"
    """``builtin`` (the package's authorities.tsv) or a .tsv/.yaml path relative to the framework file."""
    extra: list[ExtraActor] = Field(default_factory=list)

    @field_validator("registry")
    @classmethod
    def _registry(cls, value: str) -> str:
        if value == "builtin":
            return value
        if Path(value).suffix.lower() not in (".tsv", ".yaml", ".yml"):
            raise _problem("registry", f"{value!r}: give 'builtin' or the path of a .tsv or .yaml file")
        base = _BASE_DIR.get()
        if base is not None and not (base / value).is_file():
            raise _problem("registry", f"{value!r}: no such file next to the framework (looked for {base / value})")
        return value

    def registry_path(self, base: Path) -> Path | None:
        """The registry file, or ``None`` for the built-in registry."""
        return None if self.registry == "builtin" else base / self.registry


class Framework(BaseModel):
    """A whole framework file.  Load one with :func:`load_framework`."""

    model_config = _CONFIG

    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    languages: list[Literal["sv", "en"]] = Field(min_length=1)
    description: LocalText
    questions: list[Question] = Field(min_length=1)
    themes: list[Theme] = Field(min_length=1)
    impact: ImpactCriteria
    actors: ActorRegistry = Field(default_factory=ActorRegistry)

    _source: Path | None = PrivateAttr(default=None)

    @field_validator("version", mode="before")
    @classmethod
    def _version(cls, value: object) -> object:
        if isinstance(value, float):
            raise _problem("version", f"{value!r} was read as a number; quote it so it stays as written, "
                                      f'e.g. version: "{value}"')
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("languages")
    @classmethod
    def _languages(cls, values: list[str]) -> list[str]:
        if "sv" not in values:
            raise _problem("languages", "must include sv: every theme has Swedish terms")
        if len(set(values)) != len(values):
            raise _problem("languages", "lists a language twice")
        return values

    @model_validator(mode="wrap")
    @classmethod
    def _check_across_fields(cls, data: Any, handler: ModelWrapValidatorHandler[Framework]) -> Framework:
        problems = _cross_field_problems(data) if isinstance(data, dict) else []
        try:
            framework = handler(data)
        except ValidationError as exc:
            raise _merged_errors(exc.errors(), problems) from None
        if problems:
            raise _merged_errors([], problems)
        return framework

    @property
    def source(self) -> Path | None:
        """The file the framework was loaded from."""
        return self._source

    @property
    def version_key(self) -> str:
        """``name@version#hash``: changes whenever anything in the framework changes."""
        canonical = json.dumps(self.model_dump(mode="json"), ensure_ascii=False, sort_keys=True,
                               separators=(",", ":"))
        digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
        return f"{self.name}@{self.version}#{digest}"

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise FrameworkError(f"framework {self.name!r} has no theme {theme_id!r}; "
                             f"available: {', '.join(t.id for t in self.themes)}")

    def children(self, theme_id: str) -> list[Theme]:
        return [t for t in self.themes if t.parent == theme_id]

    def ancestors(self, theme_id: str) -> list[Theme]:
        """The parent, its parent and so on (the nearest first)."""
        chain: list[Theme] = []
        parent = self.theme(theme_id).parent
        while parent is not None:
            chain.append(self.theme(parent))
            parent = chain[-1].parent
        return chain

    def term_count(self) -> int:
        """Terms of all themes, both languages (exclusions and patterns not counted)."""
        return sum(len(t.terms) for t in self.themes)


# --- checks across fields ---------------------------------------------------------------

Loc = tuple[int | str, ...]


def _cross_field_problems(data: dict[str, Any]) -> list[tuple[Loc, str]]:
    """Problems no single field can see, found on the raw data (so they are reported even
    when fields have errors too)."""
    problems: list[tuple[Loc, str]] = []
    themes = _items(data.get("themes"))
    problems += _duplicate_ids(themes, ("themes",), "id", "theme id")
    problems += _duplicate_ids(_items(data.get("questions")), ("questions",), "id", "question id")
    impact = _mapping(data.get("impact"))
    problems += _duplicate_ids(_items(impact.get("instruments")), ("impact", "instruments"), "id", "instrument id")
    problems += _duplicate_ids(_items(impact.get("scope")), ("impact", "scope"), "id", "scope id")
    actors = _mapping(data.get("actors"))
    problems += _duplicate_ids(_items(actors.get("extra")), ("actors", "extra"), "name", "actor name")
    problems += _parent_problems(themes)
    languages = data.get("languages")
    if isinstance(languages, list) and all(lang in LANGUAGES for lang in languages) and "en" not in languages:
        for loc, value in _term_lists(themes, impact):
            if isinstance(value, dict) and value.get("en"):
                problems.append(((*loc, "en"), "English terms, but en is not in languages: add it to languages "
                                                "or remove these terms"))
    return problems


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: object) -> list[tuple[int, dict[str, Any]]]:
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def _duplicate_ids(items: list[tuple[int, dict[str, Any]]], loc: Loc, key: str, what: str) -> list[tuple[Loc, str]]:
    first: dict[str, int] = {}
    problems: list[tuple[Loc, str]] = []
    for index, item in items:
        value = item.get(key)
        if not isinstance(value, str):
            continue
        folded = value.casefold()
        if folded in first:
            where = _loc_text((*loc, first[folded]))
            problems.append(((*loc, index, key), f"duplicate {what} {value!r} (first used at {where}); "
                                                 f"each {what} must be unique"))
        else:
            first[folded] = index
    return problems


def _parent_problems(themes: list[tuple[int, dict[str, Any]]]) -> list[tuple[Loc, str]]:
    ids = [item["id"] for _, item in themes if isinstance(item.get("id"), str)]
    parent_of: dict[str, str] = {}
    index_of: dict[str, int] = {}
    for index, item in themes:
        theme_id, parent = item.get("id"), item.get("parent")
        if isinstance(theme_id, str) and theme_id not in index_of:
            index_of[theme_id] = index
            if isinstance(parent, str):
                parent_of[theme_id] = parent
    problems: list[tuple[Loc, str]] = []
    for index, item in themes:
        parent = item.get("parent")
        if isinstance(parent, str) and parent not in index_of:
            problems.append((("themes", index, "parent"), f"unknown theme {parent!r}{_did_you_mean(parent, ids)}; "
                                                           f"available: {', '.join(dict.fromkeys(ids))}"))
    reported: set[frozenset[str]] = set()
    for theme_id in index_of:
        path = [theme_id]
        while (parent := parent_of.get(path[-1])) is not None and parent in index_of:
            if parent in path:
                cycle = path[path.index(parent):]
                members = frozenset(cycle)
                if members not in reported:
                    reported.add(members)
                    start = min(cycle, key=index_of.__getitem__)
                    ordered = cycle[cycle.index(start):] + cycle[:cycle.index(start)]
                    message = ("a theme cannot be its own parent" if len(cycle) == 1 else
                               "parent cycle " + " → ".join([*ordered, start]) + "; a theme cannot be its own ancestor")
                    problems.append((("themes", index_of[start], "parent"), message))
                break
            path.append(parent)
    return problems


def _term_lists(themes: list[tuple[int, dict[str, Any]]], impact: dict[str, Any]) -> Iterator[tuple[Loc, object]]:
    for index, item in themes:
        for key in ("terms", "patterns", "exclude"):
            yield ("themes", index, key), item.get(key)
    for key in ("subject_terms", "enabling", "constraining"):
        yield ("impact", key), impact.get(key)
    for key in ("instruments", "scope"):
        for index, item in _items(impact.get(key)):
            for part in ("terms", "patterns"):
                yield ("impact", key, index, part), item.get(part)


def _did_you_mean(value: str, options: list[str]) -> str:
    close = difflib.get_close_matches(value, options, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _loc_text(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_TYPE_HINTS = {
    "list_type": " (write a list: [a, b] or one '- item' per line)",
    "model_type": " (write the fields indented under this key, or {field: value, …})",
    "dict_type": " (write the fields indented under this key, or {field: value, …})",
    "string_type": " (write text; quote it if YAML reads it as something else)",
}


def _merged_errors(errors: list[Any], problems: list[tuple[Loc, str]]) -> ValidationError:
    """One ValidationError with pydantic's errors (explained where they can be) and ours, in
    the order of the fields in the file's schema, so a report reads from top to bottom."""
    details: list[InitErrorDetails] = []
    for error in errors:
        kind, message, loc = error["type"], error["msg"], tuple(error["loc"])
        if kind == "extra_forbidden":
            kind, message = "unknown_field", _unknown_field(loc)
        elif kind == "missing":
            message = f"missing field {loc[-1]!r}"
        else:
            message += _TYPE_HINTS.get(kind, "")
        details.append({"type": _problem(kind, message), "loc": loc, "input": error.get("input")})
    details += [{"type": _problem("framework", message), "loc": loc, "input": None} for loc, message in problems]
    details.sort(key=lambda detail: _schema_order(tuple(detail["loc"])))
    return ValidationError.from_exception_data("Framework", details)


def _schema_order(loc: Loc) -> list[tuple[int, int]]:
    key: list[tuple[int, int]] = []
    for depth, part in enumerate(loc):
        if isinstance(part, int):
            key.append((0, part))
        else:
            fields = _fields_at(loc[:depth])
            key.append((1, fields.index(part) if part in fields else len(fields)))
    return key


def _unknown_field(loc: Loc) -> str:
    fields = _fields_at(loc[:-1])
    name = str(loc[-1])
    if not fields:
        return f"unknown field {name!r}"
    return f"unknown field {name!r}{_did_you_mean(name, fields)}; valid here: {', '.join(fields)}"


def _fields_at(loc: Loc) -> list[str]:
    """The field names of the model at ``loc`` inside a framework."""
    kind: Any = Framework
    for part in loc:
        kind = _unwrap(kind)
        if isinstance(part, int) and get_origin(kind) is list:
            kind = get_args(kind)[0]
        elif isinstance(part, str) and isinstance(kind, type) and issubclass(kind, BaseModel) \
                and part in kind.model_fields:
            kind = kind.model_fields[part].annotation
        else:
            return []
    kind = _unwrap(kind)
    return list(kind.model_fields) if isinstance(kind, type) and issubclass(kind, BaseModel) else []


def _unwrap(kind: Any) -> Any:
    while True:
        origin = get_origin(kind)
        if origin is Annotated:
            kind = get_args(kind)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(kind) if a is not type(None)]
            if len(args) != 1:
                return kind
            kind = args[0]
        else:
            return kind


# --- loading ---------------------------------------------------------------------------

def default_framework_path() -> Path:
    """The framework for social innovation that ships with styrsignal."""
    return Path(str(resources.files("styrsignal").joinpath("data", "frameworks", DEFAULT_FRAMEWORK)))


def load_framework(path: Path | None = None) -> Framework:
    """Read and validate a framework file (``None``: the packaged default).

    Raises :class:`FrameworkError` listing every problem, each as ``file:line field: message``.
    """
    path = default_framework_path() if path is None else Path(path)
    token = _BASE_DIR.set(path.parent)
    try:
        framework = load_yaml_model(path, Framework, FrameworkError)
    finally:
        _BASE_DIR.reset(token)
    framework._source = path
    return framework
