"""The registry of Swedish public bodies and EU institutions (``data/authorities.tsv``).

One row per body: its name, a kind (government, ministry, agency, court, riksdag,
riksdag_committee, riksdag_agency, region, municipality, eu, international, nordic,
civil_society, network, other), other names and
abbreviations, typed codes (``dnr:Fi`` — diarienummer prefix, ``bet:KrU`` — Riksdag
committee code, ``fs:AFS`` — regulation series) and, for former bodies, the successor.
Metadata extraction uses it to name issuers; actor mapping (:mod:`styrsignal.analysis.actors`)
matches the same rows with its own, stricter rules.

Mentions are found with one regular expression built as a trie over every name, so a
scan stays linear in the text whatever the registry's size.  Full names match in any
letter case ("ARBETSMILJÖVERKET"); abbreviations only as written ("MSB", "Vinnova").
A genitive "s" or ":s" is allowed after any name ("Boverkets", "MSB:s").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Authority:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    codes: tuple[tuple[str, str], ...] = ()
    successor: str | None = None

    def code(self, kind: str) -> str | None:
        return next((value for k, value in self.codes if k == kind), None)


@dataclass(frozen=True, slots=True)
class Mention:
    authority: Authority
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def authorities() -> tuple[Authority, ...]:
    """Every row of the bundled registry, in file order."""
    source = resources.files("styrsignal").joinpath("data", "authorities.tsv")
    rows: list[Authority] = []
    header_seen = False
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        name, kind, aliases, codes, successor = (line.split("\t") + [""] * 5)[:5]
        rows.append(Authority(
            name=name,
            kind=kind,
            aliases=tuple(a for a in aliases.split(";") if a),
            codes=tuple(_code(c) for c in codes.split(";") if ":" in c),
            successor=successor or None,
        ))
    return tuple(rows)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Authority]:
    index: dict[str, Authority] = {}
    for authority in authorities():
        for name in (authority.name, *authority.aliases):
            index.setdefault(_key(name), authority)
    return index


def _code(text: str) -> tuple[str, str]:
    kind, _, value = text.partition(":")
    return kind, value


def _key(name: str) -> str:
    return " ".join(name.replace("\u00ad", "").split()).casefold()


def lookup(name: str) -> Authority | None:
    """The body called ``name`` (any listed name or alias; a genitive "s" is tolerated)."""
    key = _key(name)
    index = _by_name()
    if key in index:
        return index[key]
    for suffix in (":s", "s"):
        if key.endswith(suffix) and key[: -len(suffix)] in index:
            return index[key[: -len(suffix)]]
    return None


@cache
@lru_cache(maxsize=4096)
def display_name(name: str) -> str:
    """The name people write: a body's one-word everyday name when it has one ("Vinnova" for
    Verket för innovationssystem, "Skolverket" for Statens skolverk), else its formal name."""
    row = _by_name().get(_key(name))
    if row is None or row.name != name:
        return name
    for alias in row.aliases:
        if " " not in alias and len(alias) >= 4 and alias[0].isupper() and not alias.isupper() \
                and alias.isalpha():
            return alias
    return name


def by_code(kind: str, value: str) -> Authority | None:
    """The body with code ``kind:value``, e.g. ``by_code("bet", "KrU")`` → Kulturutskottet."""
    return next((a for a in authorities() if (kind, value) in a.codes), None)


@lru_cache(maxsize=1)
def diarie_prefixes() -> tuple[str, ...]:
    """Ministry prefixes of Government Offices diarienummer ("A", "Fi", "S", "UD", …)."""
    return tuple(sorted({value for a in authorities() for kind, value in a.codes if kind == "dnr"}))


def find_mentions(text: str) -> list[Mention]:
    """Every registry name in ``text``, longest match first, left to right, no overlaps."""
    found: list[Mention] = []
    for pattern in _patterns():
        for m in pattern.finditer(text):
            authority = lookup(m.group("name"))
            if authority is not None:
                found.append(Mention(authority, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda mention: (mention.start, -(mention.end - mention.start)))
    result: list[Mention] = []
    for mention in found:
        if not result or mention.start >= result[-1].end:
            result.append(mention)
    return result


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Names match in any case; one-word aliases ("Sida", "Polisen", "MSB") only as written,
    # since in lower case they are often ordinary words ("sida 3", "polisen").
    any_case: set[str] = set()
    as_written: set[str] = set()
    for a in authorities():
        for name in (a.name, *a.aliases):
            if len(name) > 3 and (name == a.name or " " in name):
                any_case.add(name.casefold())
            else:
                as_written.add(name)
    edge_left, edge_right = r"(?<![\wÅÄÖåäö-])", r"(?::?s)?(?![\wÅÄÖåäö-])"
    return (
        re.compile(rf"{edge_left}(?P<name>{_trie(any_case)}){edge_right}", re.IGNORECASE),
        re.compile(rf"{edge_left}(?P<name>{_trie(as_written)}){edge_right}"),
    )


_Trie = dict[str, "_Trie"]


def _trie(words: set[str]) -> str:
    """A regular expression matching any of ``words``, built as a prefix tree."""
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(root)


def _trie_regex(node: _Trie) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def search_authorities(query: str = "", kind: str | None = None) -> list[Authority]:
    """Rows of the registry whose name, other names or codes contain ``query`` (in any letter
    case), of ``kind`` when given, in registry order."""
    needle = query.strip().casefold()
    result = []
    for row in authorities():
        if kind and row.kind != kind:
            continue
        if needle and not any(needle in text.casefold()
                              for text in (row.name, *row.aliases, *(value for _, value in row.codes))):
            continue
        result.append(row)
    return result
