"""Which words of a passage a query matched, and a keyword-in-context snippet around them.

Matching here repeats the index's analysis on the passage text, so a word found through its
lemma ("ekonomin" for "ekonomi") or as the head of a compound ("socialtjänsten" for
"tjänst") is highlighted as well, and phrases are highlighted only where their words stand
in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from styrsignal.search.query import And, Node, Not, Or, Phrase, Prefix, Term
from styrsignal.text.analyzer import Token, analyze

SNIPPET_CHARS = 240


def _word_matches(token: Token, keys: tuple[str, ...] | set[str], broad: bool = False) -> bool:
    word = token.word
    if word.stop:
        return False
    if word.stem in keys or any(head in keys for head in word.heads):
        return True
    return broad and any(prefix in keys for prefix in word.prefixes)


def match_spans(text: str, node: Node, lang: str = "sv", *, broad: bool = False,
                tokens: list[Token] | None = None) -> list[tuple[int, int]]:
    """Character spans in ``text`` where the query's (non-negated) terms occur, in order."""
    tokens = tokens if tokens is not None else analyze(text, lang if lang in ("sv", "en") else "sv")
    spans: set[tuple[int, int]] = set()
    _collect(node, tokens, spans, broad)
    return sorted(spans)


def _collect(node: Node, tokens: list[Token], spans: set[tuple[int, int]], broad: bool) -> None:
    if isinstance(node, Term):
        spans.update((t.start, t.end) for t in tokens if _word_matches(t, node.keys, broad))
    elif isinstance(node, Prefix):
        spans.update((t.start, t.end) for t in tokens if not t.word.stop and any(
            t.word.stem.startswith(p) or t.word.norm.startswith(p) for p in node.stems))
    elif isinstance(node, Phrase):
        words = [t for t in tokens if not t.word.stop]
        size = len(node.words)
        for i in range(len(words) - size + 1):
            if all(_word_matches(words[i + j], node.words[j]) for j in range(size)):
                spans.add((words[i].start, words[i + size - 1].end))
    elif isinstance(node, Not):
        _collect(node.positive, tokens, spans, broad)
    elif isinstance(node, And | Or):
        for child in node.children:
            _collect(child, tokens, spans, broad)


@dataclass(frozen=True, slots=True)
class Snippet:
    text: str
    highlights: list[tuple[int, int]]
    """Spans within :attr:`text` to highlight."""
    start: int
    """Offset of the snippet within the passage."""


def kwic(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> Snippet:
    """A window of about ``width`` characters around the first matches, cut at spaces."""
    if not spans or len(text) <= width:
        start, end = 0, min(len(text), width)
    else:
        first = spans[0][0]
        start = max(0, first - width // 3)
        end = min(len(text), start + width)
        start = max(0, min(start, end - width))
    if start > 0:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and start - space < 30 else start
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space - end < 30 else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    body = text[start:end].replace("\n", " ")  # same length: highlight offsets stay valid
    shift = len(prefix) - start
    highlights = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return Snippet(prefix + body + suffix, highlights, start)
