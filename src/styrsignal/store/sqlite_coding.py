"""Coding runs in SQLite: codings (theme × passage) and actor mentions per run."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Collection, Sequence

from styrsignal.model import Coding, CodingRun, Mention, Review
from styrsignal.search.query import Node
from styrsignal.store import sqlite_search

KEEP_RUNS = 10
"""Older coding runs are deleted; the last ones stay for comparing framework changes."""


def corpus_state(db: sqlite3.Connection) -> str:
    """Changes whenever a document is added or gets a new current version."""
    count, top, total = db.execute(
        "SELECT COUNT(*), COALESCE(MAX(current_version_id), 0), COALESCE(SUM(current_version_id), 0) "
        "FROM documents").fetchone()
    return f"{count}:{top}:{total}"


def match_passages(db: sqlite3.Connection, query: Node, document_ids: Collection[int] | None = None,
                   broad: bool = False) -> list[tuple[int, int]]:
    sql = ("SELECT p.id, d.id FROM passage_index JOIN passages p ON p.id = passage_index.rowid "
           "JOIN documents d ON d.current_version_id = p.version_id WHERE passage_index MATCH ?")
    params: list[object] = [sqlite_search.to_fts5(query, broad=broad)]
    if document_ids is not None:
        if not document_ids:
            return []
        sql += f" AND d.id IN ({','.join('?' * len(document_ids))})"
        params.extend(document_ids)
    return [(r[0], r[1]) for r in db.execute(sql, params)]


PENDING = "pending"
"""The corpus state of a run still being written: no lookup matches it, so a run that was
interrupted is never used, and the next run removes it."""


def start_run(db: sqlite3.Connection, name: str, version: str, version_key: str, framework_json: str) -> int:
    for (stale,) in db.execute("SELECT id FROM coding_runs WHERE corpus_state = ?", (PENDING,)).fetchall():
        _delete_run(db, stale)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    run_id = db.execute(
        "INSERT INTO coding_runs (framework_name, framework_version, version_key, framework, corpus_state,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (name, version, version_key, framework_json, PENDING, now)).lastrowid
    assert run_id is not None
    return run_id


def add_to_run(db: sqlite3.Connection, run_id: int, codings: Sequence[Coding], mentions: Sequence[Mention]) -> None:
    db.executemany(
        "INSERT INTO codings (run_id, passage_id, document_id, theme_id, score, terms, spans)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(run_id, c.passage_id, c.document_id, c.theme_id, c.score, json.dumps(c.terms, ensure_ascii=False),
          json.dumps(c.spans)) for c in codings])
    db.executemany(
        'INSERT INTO actor_mentions (run_id, passage_id, document_id, name, kind, registered, role, start, "end",'
        " surface) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(run_id, m.passage_id, m.document_id, m.name, m.kind, int(m.registered), m.role, m.start, m.end,
          m.surface) for m in mentions])


def finish_run(db: sqlite3.Connection, run_id: int, state: str) -> CodingRun:
    """Mark the run complete for the corpus ``state`` it coded and drop runs beyond the last few."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    db.execute("UPDATE coding_runs SET corpus_state = ?, created_at = ? WHERE id = ?", (state, now, run_id))
    old = [r[0] for r in db.execute("SELECT id FROM coding_runs ORDER BY id DESC LIMIT -1 OFFSET ?", (KEEP_RUNS,))]
    for stale in old:
        _delete_run(db, stale)
    row = db.execute("SELECT id, framework_name, framework_version, version_key, corpus_state, created_at "
                     "FROM coding_runs WHERE id = ?", (run_id,)).fetchone()
    return CodingRun(*row)


def _delete_run(db: sqlite3.Connection, run_id: int) -> None:
    db.execute("DELETE FROM codings WHERE run_id = ?", (run_id,))
    db.execute("DELETE FROM actor_mentions WHERE run_id = ?", (run_id,))
    db.execute("DELETE FROM coding_runs WHERE id = ?", (run_id,))


def runs(db: sqlite3.Connection) -> list[CodingRun]:
    return [CodingRun(*r) for r in db.execute(
        "SELECT id, framework_name, framework_version, version_key, corpus_state, created_at FROM coding_runs "
        "WHERE corpus_state != ? ORDER BY id DESC", (PENDING,))]


def coding_counts(db: sqlite3.Connection, run_id: int) -> list[tuple[int, str, int]]:
    """(document id, theme id, coded passages) for the whole run, counted in the database."""
    return [tuple(r) for r in db.execute(  # type: ignore[misc]
        "SELECT document_id, theme_id, COUNT(*) FROM codings WHERE run_id = ? GROUP BY document_id, theme_id",
        (run_id,))]


def mention_counts(db: sqlite3.Connection, run_id: int) -> list[tuple[int, str, int]]:
    """(document id, actor name, mentions) for the whole run."""
    return [tuple(r) for r in db.execute(  # type: ignore[misc]
        "SELECT document_id, name, COUNT(*) FROM actor_mentions WHERE run_id = ? GROUP BY document_id, name",
        (run_id,))]


def passage_counts(db: sqlite3.Connection) -> dict[int, int]:
    return dict(db.execute("SELECT d.id, COUNT(p.id) FROM documents d LEFT JOIN passages p "
                           "ON p.version_id = d.current_version_id GROUP BY d.id").fetchall())


def add_review(db: sqlite3.Connection, object_id: str, action: str, target: str | None, value: str | None,
               note: str | None, author: str) -> Review:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    review_id = db.execute(
        "INSERT INTO reviews (object_id, action, target, value, note, author, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (object_id, action, target, value, note, author, now)).lastrowid
    assert review_id is not None
    return Review(review_id, object_id, action, target, value, note, author, now)


def reviews(db: sqlite3.Connection, object_id: str | None = None) -> list[Review]:
    where, params = ("WHERE object_id = ?", [object_id]) if object_id is not None else ("", [])
    return [Review(*r) for r in db.execute(
        f"SELECT id, object_id, action, target, value, note, author, at FROM reviews {where} ORDER BY id", params)]


def _where(document_ids: Collection[int] | None) -> tuple[str, list[object]]:
    if document_ids is None:
        return "", []
    return f" AND document_id IN ({','.join('?' * len(document_ids))})", list(document_ids)


def codings(db: sqlite3.Connection, run_id: int, document_ids: Collection[int] | None = None) -> list[Coding]:
    where, params = _where(document_ids)
    return [Coding(p, d, t, s, tuple(json.loads(terms)), tuple(tuple(x) for x in json.loads(spans)))  # type: ignore[misc]
            for p, d, t, s, terms, spans in db.execute(
                "SELECT passage_id, document_id, theme_id, score, terms, spans FROM codings"
                # without statistics SQLite walks the whole run by primary key rather than the index
                f"{' INDEXED BY codings_document' if document_ids is not None else ''} WHERE run_id = ?{where}"
                " ORDER BY document_id, passage_id, theme_id", [run_id, *params])]


def mentions(db: sqlite3.Connection, run_id: int, document_ids: Collection[int] | None = None) -> list[Mention]:
    where, params = _where(document_ids)
    return [Mention(p, d, n, k, bool(r), role, s, e, surface) for p, d, n, k, r, role, s, e, surface in db.execute(
        'SELECT passage_id, document_id, name, kind, registered, role, start, "end", surface FROM actor_mentions '
        f"WHERE run_id = ?{where} ORDER BY document_id, start", [run_id, *params])]
