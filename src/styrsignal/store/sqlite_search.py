"""Passages and full-text search in SQLite: FTS5 over analysed text.

The index is a contentless FTS5 table with three columns of analysed keys per passage
(words, compound heads, compound modifiers; see :mod:`styrsignal.text.analyzer`),
tokenised by ``unicode61`` with ``remove_diacritics 0`` so å, ä and ö stay distinct
letters.  Rows are keyed by ``passages.id``; searching joins back to the passages of
each document's current version, so older versions never show up.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Sequence
from itertools import islice, product

from styrsignal.search.query import And, Node, Not, Or, Phrase, Prefix, Term
from styrsignal.store.base import PassageHit, StoredPassage
from styrsignal.text.indexing import IndexedPassage

MAX_PHRASE_VARIANTS = 16
WEIGHTS = (1.0, 0.7, 0.0)
"""BM25 weight of words, heads and modifiers: a head match counts a little less."""


def insert_passages(db: sqlite3.Connection, version_id: int,
                    passages: Sequence[IndexedPassage]) -> list[tuple[int, IndexedPassage]]:
    """Store and index the passages of a version; returns them with their ids."""
    stored: list[tuple[int, IndexedPassage]] = []
    for item in passages:
        p = item.passage
        passage_id = db.execute(
            'INSERT INTO passages (version_id, seq, start, "end", page_start, page_end, heading_path)'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (version_id, p.seq, p.start, p.end, p.page_start, p.page_end,
             json.dumps(p.heading_path, ensure_ascii=False))).lastrowid
        assert passage_id is not None
        db.execute("INSERT INTO passage_index (rowid, words, heads, prefixes) VALUES (?, ?, ?, ?)",
                   (passage_id, item.words, item.heads, item.prefixes))
        stored.append((passage_id, item))
    return stored


def passages(db: sqlite3.Connection, document_id: int) -> list[StoredPassage]:
    rows = db.execute(
        'SELECT p.id, d.id, p.seq, p.start, p."end", p.page_start, p.page_end, p.heading_path FROM passages p '
        "JOIN documents d ON d.current_version_id = p.version_id WHERE d.id = ? ORDER BY p.seq", (document_id,))
    return [StoredPassage(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7]))) for r in rows]


def search(db: sqlite3.Connection, query: Node, *, document_ids: Collection[int] | None = None,
           limit: int = 20, broad: bool = False) -> list[PassageHit]:
    """Best passages first.  Without a document filter the index ranks on its own and only the
    best rows are joined to their passages (rows of older versions drop out there, so the
    inner limit grows until enough current passages are found)."""
    if document_ids is None:
        return _search_ranked_first(db, query, limit, broad)
    expression = to_fts5(query, broad=broad)
    sql = ('SELECT p.id, d.id, p.seq, p.start, p."end", p.page_start, p.page_end, p.heading_path, '
           f"bm25(passage_index, {', '.join(map(str, WEIGHTS))}) AS score "
           "FROM passage_index JOIN passages p ON p.id = passage_index.rowid "
           "JOIN documents d ON d.current_version_id = p.version_id WHERE passage_index MATCH ?")
    params: list[object] = [expression]
    if document_ids is not None:
        if not document_ids:
            return []
        sql += f" AND d.id IN ({','.join('?' * len(document_ids))})"
        params.extend(document_ids)
    sql += " ORDER BY score LIMIT ?"
    params.append(limit)
    return [PassageHit(StoredPassage(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7]))), -r[8])
            for r in db.execute(sql, params)]


_COLUMNS = 'p.id, d.id, p.seq, p.start, p."end", p.page_start, p.page_end, p.heading_path'


def _search_ranked_first(db: sqlite3.Connection, query: Node, limit: int, broad: bool) -> list[PassageHit]:
    expression = to_fts5(query, broad=broad)
    inner = limit * 4
    while True:
        rows = db.execute(
            f"SELECT {_COLUMNS}, f.score FROM (SELECT rowid, bm25(passage_index, {', '.join(map(str, WEIGHTS))})"
            " AS score FROM passage_index WHERE passage_index MATCH ? ORDER BY score LIMIT ?) f"
            " JOIN passages p ON p.id = f.rowid JOIN documents d ON d.current_version_id = p.version_id"
            " ORDER BY f.score LIMIT ?", (expression, inner, limit)).fetchall()
        if len(rows) >= limit or inner >= 1 << 22:
            break
        total = db.execute("SELECT COUNT(*) FROM passage_index WHERE passage_index MATCH ?",
                           (expression,)).fetchone()[0]
        if total <= inner:
            break
        inner *= 8
    return [PassageHit(StoredPassage(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7]))), -r[8])
            for r in rows]


def _quote(key: str) -> str:
    return '"' + key.replace('"', '""') + '"'


def _columns(broad: bool) -> str:
    return "{words heads prefixes}" if broad else "{words heads}"


def to_fts5(node: Node, *, broad: bool = False) -> str:
    """The FTS5 MATCH expression for a query tree."""
    if isinstance(node, Term):
        return f"{_columns(broad)} : ({' OR '.join(_quote(k) for k in node.keys)})"
    if isinstance(node, Prefix):
        return f"{_columns(broad)} : ({' OR '.join(_quote(s) + ' *' for s in node.stems)})"
    if isinstance(node, Phrase):
        variants = islice(product(*node.words), MAX_PHRASE_VARIANTS)
        phrases = [" + ".join(_quote(k) for k in combo) for combo in variants]
        return "words : (" + " OR ".join(phrases) + ")"
    if isinstance(node, And):
        return "(" + " AND ".join(to_fts5(c, broad=broad) for c in node.children) + ")"
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(c, broad=broad) for c in node.children) + ")"
    if isinstance(node, Not):
        return f"({to_fts5(node.positive, broad=broad)} NOT {to_fts5(node.negative, broad=broad)})"
    raise TypeError(node)
