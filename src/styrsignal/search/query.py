"""The search language and its parse tree.

A query is words, ``"quoted phrases"``, ``prefix*``, ``OR``, ``AND`` (the default between
terms), ``NOT`` or a leading ``-``, and parentheses::

    social ekonomi
    "idéburet offentligt partnerskap" OR IOP
    innovation* -teknik
    (samordningsförbund OR finsam) NOT försäkringskassan

Each word is analysed like the indexed text (lemma → stem), so one word matches its
inflections and compounds whose head it is; see :mod:`styrsignal.text.analyzer`.  The
tree is independent of any database: each store translates it to its own full-text syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from styrsignal.errors import UsageError
from styrsignal.text.analyzer import analyze_word, query_terms
from styrsignal.text.normalize import normalize_word


@dataclass(frozen=True, slots=True)
class Term:
    """One query word: matches documents holding any of ``keys`` as a word or compound head."""

    text: str
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words in this order, each given by its alternative keys."""

    text: str
    words: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Prefix:
    text: str
    stems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """``positive`` without ``negative``."""

    positive: Node
    negative: Node


Node = Term | Phrase | Prefix | And | Or | Not

_LEX = re.compile(r'\s*(?:(?P<phrase>"[^"]*"?)|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+))')


def word_keys(word: str) -> tuple[str, ...]:
    """The index keys of a query word, as Swedish and as English (texts are in both).

    A stopword in either language gives no keys: "och" is not worth searching for just
    because English does not know it."""
    if any(analyze_word(part, lang).stop for lang in ("sv", "en") for part in word.split()):
        return ()
    keys: list[str] = []
    for lang in ("sv", "en"):
        for key in query_terms(word, lang):
            if key not in keys:
                keys.append(key)
    return tuple(keys)


def parse_query(text: str) -> Node:
    """Parse a search; raises :class:`UsageError` for an empty or unbalanced query."""
    tokens = [m for m in _LEX.finditer(text) if m.group().strip()]
    parser = _Parser(tokens, text)
    node = parser.expression()
    if parser.position < len(tokens):
        raise UsageError(f"search {text!r}: unexpected {tokens[parser.position].group().strip()!r}")
    if node is None:
        raise UsageError(f"search {text!r}: no words to search for (only stopwords or punctuation)")
    return node


class _Parser:
    def __init__(self, tokens: list[re.Match[str]], text: str) -> None:
        self.tokens = tokens
        self.text = text
        self.position = 0

    def peek(self) -> re.Match[str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def expression(self) -> Node | None:
        """or_expr := and_expr ("OR" and_expr)*"""
        children = [self.conjunction()]
        while (token := self.peek()) is not None and token.group("word") in ("OR", "|"):
            self.position += 1
            children.append(self.conjunction())
        present = [c for c in children if c is not None]
        if not present:
            return None
        return present[0] if len(present) == 1 else Or(tuple(present))

    def conjunction(self) -> Node | None:
        positives: list[Node] = []
        negatives: list[Node] = []
        while (token := self.peek()) is not None:
            word = token.group("word")
            if token.group("close") or word in ("OR", "|"):
                break
            self.position += 1
            if word == "AND":
                continue
            negate = word == "NOT"
            if negate:
                token = self.peek()
                if token is None:
                    raise UsageError(f"search {self.text!r}: NOT needs something after it")
                self.position += 1
                word = token.group("word")
            elif word and word.startswith("-") and len(word) > 1:
                negate, word = True, word[1:]
            node = self.primary(token, word)
            if node is not None:
                (negatives if negate else positives).append(node)
        if not positives:
            if negatives:
                raise UsageError(f"search {self.text!r}: a search cannot be only exclusions")
            return None
        result: Node = positives[0] if len(positives) == 1 else And(tuple(positives))
        for negative in negatives:
            result = Not(result, negative)
        return result

    def primary(self, token: re.Match[str], word: str | None) -> Node | None:
        if token.group("open"):
            node = self.expression()
            closing = self.peek()
            if closing is None or not closing.group("close"):
                raise UsageError(f"search {self.text!r}: a parenthesis is not closed")
            self.position += 1
            return node
        if token.group("close"):
            raise UsageError(f"search {self.text!r}: unexpected ')'")
        if token.group("phrase"):
            inner = token.group("phrase").strip('"')
            words = tuple(k for k in (word_keys(w) for w in inner.split()) if k)
            if not words:
                return None
            if len(words) == 1:
                return Term(inner, words[0])
            return Phrase(inner, words)
        assert word is not None
        if word.endswith("*") and len(word) > 1:
            stem = word.rstrip("*")
            norm = normalize_word(stem)
            stems = {norm, analyze_word(stem, "sv").stem, analyze_word(stem, "en").stem}
            return Prefix(word, tuple(sorted(s for s in stems if len(s) >= 2)))
        keys = word_keys(word)
        return Term(word, keys) if keys else None


def query_keys(node: Node) -> set[str]:
    """Every key a query matches (for highlighting), negations excluded."""
    if isinstance(node, Term):
        return set(node.keys)
    if isinstance(node, Phrase):
        return {k for alternatives in node.words for k in alternatives}
    if isinstance(node, Prefix):
        return set()
    if isinstance(node, Not):
        return query_keys(node.positive)
    return set().union(*(query_keys(c) for c in node.children))


def query_prefixes(node: Node) -> set[str]:
    if isinstance(node, Prefix):
        return set(node.stems)
    if isinstance(node, Term | Phrase):
        return set()
    if isinstance(node, Not):
        return query_prefixes(node.positive)
    return set().union(*(query_prefixes(c) for c in node.children))
