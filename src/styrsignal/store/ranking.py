"""The ranking index: tantivy over the analysed keys of current passages, for fast ranked search.

SQLite's FTS5 index (:mod:`styrsignal.store.sqlite_search`) is the source of truth, but it
ranks every match with BM25, so a search for a frequent word costs time in proportion to the
passages that hold it.  This index holds the same keys — words, compound heads and compound
modifiers (see :mod:`styrsignal.text.analyzer`) — of the passages of every document's current
version, and tantivy ranks only the best candidates.  It is an accelerator:
:mod:`styrsignal.store.sqlite_ranking` keeps it in step with the database and searches it only
when it is exactly in step.

Fields: ``id`` (the passage id), ``version`` and ``document`` (to delete a retired version
and to filter by document), ``words`` (with positions, for phrases), ``keys`` (words and
compound heads together, for query words and prefixes) and ``prefixes`` (modifiers, for the
broad search).  A query word is one term on ``keys``, not a union over a words and a heads
field: tantivy then intersects and ranks posting lists directly (skipping, block-max WAND)
instead of scoring every passage of a frequent word.  FTS5 scores a passage like one field
whose term frequency counts a word 1 and a head 0.7; here ``keys`` holds each word twice and
each head once, so that after BM25's saturation (k1 = 1.2) a head counts about 0.73 of a word,
near FTS5's 0.81.  The keys are already analysed; they are split the way FTS5's ``unicode61``
splits them, at every character that is neither a letter nor a digit (``e-tjänst`` is
``e`` + ``tjänst``), with case and diacritics kept (å, ä and ö stay letters of their own), so
both indexes match the same passages.  One more document, with ``id`` 0, holds the token of
the last commit: it ties the folder to the database's record of what the folder holds.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Collection
from itertools import islice, product
from pathlib import Path
from typing import Any

import tantivy

from styrsignal.search.query import And, Node, Not, Or, Phrase, Prefix, Term
from styrsignal.store.sqlite_search import MAX_PHRASE_VARIANTS

MATCH_FIELDS = (("keys", 1.0), ("prefixes", 0.0))
"""Where a query word or prefix is looked for, with its weight; modifiers only in a broad search,
matching without adding to the score (as FTS5's weights say)."""
KEYS_TOKENIZER = "styrsignal_keys"
WRITER_HEAP = 64_000_000
"""Bytes the writer buffers before it writes a segment on its own."""
SCORED_EXPANSIONS = 64
"""A prefix with at most this many keys in a field is ranked by BM25 over them; beyond, every match
scores alike (FTS5 ranks by the expanded keys; tantivy's union of many keys would cost more than it
tells)."""
COUNT_FIRST = 1_000
"""Above this limit a search counts its matches first, so tantivy never makes room for more."""
ERRORS = (ValueError, OSError, RuntimeError)
"""What tantivy raises when it cannot open, write or search an index."""


def _schema() -> Any:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    builder.add_unsigned_field("version", indexed=True, fast=True)
    builder.add_unsigned_field("document", indexed=True, fast=True)
    builder.add_unsigned_field("token", stored=True, fast=True)
    builder.add_text_field("words", tokenizer_name=KEYS_TOKENIZER, index_option="position")
    builder.add_text_field("keys", tokenizer_name=KEYS_TOKENIZER, index_option="freq")
    builder.add_text_field("prefixes", tokenizer_name=KEYS_TOKENIZER, index_option="freq")
    return builder.build()


def _keys_analyzer() -> Any:
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).build()


class RankingIndex:
    """A tantivy index in ``folder``; opened on first use, its writer only while writing."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.schema = _schema()
        self.analyzer = _keys_analyzer()
        self._index: Any = None
        self._searcher: Any = None
        self.token: int | None = None
        """Token of the commit the searcher sees (None: no commit, or not loaded yet)."""
        self.writer: Any = None

    # -- opening ---------------------------------------------------------------------------
    def open(self, *, create: bool) -> bool:
        """Open the index; with ``create``, make a new one when it is missing or unusable."""
        if self._index is not None:
            return True
        if (self.folder / "meta.json").exists():
            try:
                index = tantivy.Index(self.schema, path=str(self.folder), reuse=True)
                if index.schema == self.schema:
                    self._use(index)
                    return True
            except ERRORS:
                pass
        if not create:
            return False
        self._create(replace=self.folder.exists())
        self._use(tantivy.Index(self.schema, path=str(self.folder), reuse=True))
        return True

    def _use(self, index: Any) -> None:
        index.register_tokenizer(KEYS_TOKENIZER, self.analyzer)
        index.config_reader(reload_policy="manual")
        self._index = index
        self._searcher = None
        self.token = None

    def _create(self, *, replace: bool) -> None:
        """A new empty index, made aside and moved into place whole, so no reader sees half of one;
        with ``replace``, in place of the unusable folder there."""
        fresh = self.folder.with_name(f"{self.folder.name}.new-{os.getpid()}")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        tantivy.Index(self.schema, path=str(fresh), reuse=False)
        if replace:
            old = self.folder.with_name(f"{self.folder.name}.old-{os.getpid()}")
            shutil.rmtree(old, ignore_errors=True)
            with contextlib.suppress(FileNotFoundError):
                os.rename(self.folder, old)
            shutil.rmtree(old, ignore_errors=True)
        try:
            os.rename(fresh, self.folder)
        except OSError:  # another process made one in the meantime: use that
            shutil.rmtree(fresh, ignore_errors=True)

    def reload(self) -> int | None:
        """See the latest commit; returns its token."""
        self._index.reload()
        self._searcher = self._index.searcher()
        hits = self._searcher.search(tantivy.Query.term_query(self.schema, "id", 0), limit=1, count=False).hits
        values = self._searcher.fast_field_values("token", [hits[0][1]]) if hits else [None]
        self.token = None if values[0] is None else int(values[0])
        return self.token

    # -- writing ---------------------------------------------------------------------------
    def open_writer(self) -> bool:
        """Take the index's writer; False if another writer (this process or another) holds it."""
        try:
            self.writer = self._index.writer(heap_size=WRITER_HEAP, num_threads=1)
        except ValueError as exc:
            if "LockBusy" in str(exc):
                return False
            raise
        return True

    def add(self, passage_id: int, version_id: int, document_id: int, words: str, heads: str,
            prefixes: str) -> None:
        document = tantivy.Document()
        document.add_unsigned("id", passage_id)
        document.add_unsigned("version", version_id)
        document.add_unsigned("document", document_id)
        document.add_text("words", words)
        document.add_text("keys", f"{words} {words} {heads}")  # a word twice, a head once: see the docstring
        document.add_text("prefixes", prefixes)
        self.writer.add_document(document)

    def delete_above(self, passage_id: int) -> None:
        """Delete the passages with a higher id (added by a commit the database never recorded)."""
        self.writer.delete_documents_by_query(tantivy.Query.range_query(
            self.schema, "id", tantivy.FieldType.Unsigned, passage_id + 1, None, use_inverted_index=True))

    def delete_version(self, version_id: int) -> None:
        # by query: delete_documents_by_term takes a Python int for a signed value and misses u64 fields
        self.writer.delete_documents_by_query(tantivy.Query.term_query(self.schema, "version", version_id))

    def delete_all(self) -> None:
        self.writer.delete_all_documents()

    def commit(self, token: int) -> None:
        """Make the writes durable and visible, with ``token`` as the commit's token."""
        self.writer.delete_documents_by_query(tantivy.Query.term_query(self.schema, "id", 0))
        state = tantivy.Document()
        state.add_unsigned("id", 0)
        state.add_unsigned("token", token)
        self.writer.add_document(state)
        self.writer.commit()
        self.reload()

    def release(self, *, wait: bool = True) -> None:
        """Give the writer up (after its merges finish, with ``wait``); uncommitted writes are dropped."""
        writer, self.writer = self.writer, None
        if writer is None:
            return
        if wait:
            writer.wait_merging_threads()
        else:
            writer.rollback()

    # -- reading ---------------------------------------------------------------------------
    def version_passages(self, version_id: int) -> set[int]:
        """Ids of the passages of a version in the latest commit seen."""
        query = tantivy.Query.term_query(self.schema, "version", version_id)
        count = self._searcher.search(query, limit=1, count=True).count
        if not count:
            return set()
        hits = self._searcher.search(query, limit=count, count=False).hits
        return {int(i) for i in self._searcher.fast_field_values("id", [address for _, address in hits])}

    def passage_ids(self) -> list[int]:
        """Ids of every passage in the latest commit seen, a repeated one as often as it is held."""
        query = tantivy.Query.range_query(self.schema, "id", tantivy.FieldType.Unsigned, 1, None,
                                          use_inverted_index=True)
        count = self._searcher.search(query, limit=1, count=True).count
        if not count:
            return []
        hits = self._searcher.search(query, limit=count, count=False).hits
        return sorted(int(i) for i in self._searcher.fast_field_values("id", [address for _, address in hits]))

    def search(self, node: Node, *, document_ids: Collection[int] | None = None, limit: int = 20,
               broad: bool = False) -> list[tuple[int, float]]:
        """(passage id, score) of the best matches, best first; a higher score is better."""
        query = self.query(node, broad=broad)
        if document_ids is not None:
            allowed = tantivy.Query.term_set_query(self.schema, "document", sorted(document_ids))
            query = tantivy.Query.boolean_query([(tantivy.Occur.Must, query),
                                                 (tantivy.Occur.Must, tantivy.Query.const_score_query(allowed, 0.0))])
        searcher = self._searcher
        if limit > COUNT_FIRST:
            limit = min(limit, searcher.search(query, limit=1, count=True).count)
        if limit <= 0:
            return []
        hits = searcher.search(query, limit=limit, count=False).hits
        ids = searcher.fast_field_values("id", [address for _, address in hits])
        return [(int(passage_id), float(score)) for (score, _), passage_id in zip(hits, ids, strict=True)]

    def count(self, node: Node, *, broad: bool = False) -> int:
        return int(self._searcher.search(self.query(node, broad=broad), limit=1, count=True).count)

    # -- the query tree in tantivy's terms -------------------------------------------------------
    def query(self, node: Node, *, broad: bool = False) -> Any:
        """The tantivy query for a query tree, with the field semantics of ``sqlite_search.to_fts5``:
        words and heads (one field here, see the module docstring), modifiers only when
        ``broad`` (matching without adding to the score); phrases on words only."""
        Query, Occur = tantivy.Query, tantivy.Occur
        if isinstance(node, Term):
            return self._any([self._on_fields(self._key, key, broad) for key in node.keys])
        if isinstance(node, Prefix):
            return self._any([self._on_fields(self._prefix, stem, broad) for stem in node.stems])
        if isinstance(node, Phrase):
            variants = islice(product(*node.words), MAX_PHRASE_VARIANTS)
            return self._any([[self._key("words", " ".join(combo))] for combo in variants])
        if isinstance(node, And):
            return Query.boolean_query([(Occur.Must, self.query(c, broad=broad)) for c in node.children])
        if isinstance(node, Or):
            return Query.boolean_query([(Occur.Should, self.query(c, broad=broad)) for c in node.children])
        if isinstance(node, Not):
            return Query.boolean_query([(Occur.Must, self.query(node.positive, broad=broad)),
                                        (Occur.MustNot, self.query(node.negative, broad=broad))])
        raise TypeError(node)

    def _on_fields(self, make: Any, key: str, broad: bool) -> list[Any]:
        queries = []
        for field, weight in MATCH_FIELDS:
            if field == "prefixes" and not broad:
                continue
            query = make(field, key)
            if query is not None:
                queries.append(query if weight == 1.0 else tantivy.Query.boost_query(query, weight))
        return queries

    @staticmethod
    def _any(groups: list[list[Any]]) -> Any:
        queries = [q for group in groups for q in group if q is not None]
        if not queries:
            return tantivy.Query.empty_query()
        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])

    def _key(self, field: str, key: str) -> Any:
        """A key on one field; None when the index lacks one of its tokens there, so a query carries
        no clause that cannot match.  A key of several tokens ("e-tjänst") is a phrase on words (the
        only field with positions; FTS5 would also find it across two heads, which hardly happens),
        and on modifiers all of its tokens."""
        tokens = self.analyzer.analyze(key)
        if len(tokens) > 1 and field == "keys":
            field = "words"
        if not tokens or not all(self._searcher.doc_freq(field, token) for token in tokens):
            return None
        if len(tokens) == 1:
            return tantivy.Query.term_query(self.schema, field, tokens[0])
        if field == "words":
            return tantivy.Query.phrase_query(self.schema, field, tokens)
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, tantivy.Query.term_query(self.schema, field, token)) for token in tokens])

    def _prefix(self, field: str, stem: str) -> Any:
        """Every key on the field that starts with ``stem``, from the term dictionary: ranked by
        BM25 when there are few, matched alike when there are many."""
        tokens = self.analyzer.analyze(stem)
        if not tokens:
            return None
        if len(tokens) > 1:  # "e-tj*": a phrase on words whose last word is a prefix (of its first 50 expansions)
            return tantivy.Query.phrase_prefix_query(self.schema, "words", tokens) if field == "keys" else None
        terms = [term for term, _ in self._searcher.terms_with_prefix(field, tokens[0])]
        if not terms:
            return None
        if len(terms) > SCORED_EXPANSIONS:
            return tantivy.Query.term_set_query(self.schema, field, terms)
        return self._any([[tantivy.Query.term_query(self.schema, field, term) for term in terms]])
