"""The embedded store: one SQLite file in the workspace, WAL mode, migrated on open."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from styrsignal.errors import SchemaTooNew, StoreError
from styrsignal.model import (
    AnalysisObject,
    Block,
    Coding,
    CodingRun,
    DocType,
    Document,
    Extracted,
    Failure,
    Identifier,
    Mention,
    Metadata,
    PageSpan,
    Review,
)
from styrsignal.search.query import Node
from styrsignal.store import sqlite_coding, sqlite_search
from styrsignal.store.base import PassageHit, SourceState, StoredPassage, StoredVersion
from styrsignal.store.migrations import MIGRATIONS, SCHEMA_VERSION, statements
from styrsignal.store.sqlite_ranking import SqliteRanking
from styrsignal.text.indexing import IndexedPassage


def ranking_folder(database: Path) -> Path:
    """Where the ranking index of a database lives: beside it (``styrsignal.ranking/`` for
    ``styrsignal.sqlite``); see :mod:`styrsignal.store.sqlite_ranking`."""
    return database.with_suffix(".ranking")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class SqliteStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open the workspace database ({exc})") from exc
        self.ranking = SqliteRanking(self.db, ranking_folder(path), self.transaction)

    def close(self) -> None:
        self.ranking.close()
        self.db.close()

    def flush(self) -> None:
        self.ranking.flush()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"{self.path}: the database has schema version {version}, newer than this "
                f"styrsignal understands ({SCHEMA_VERSION}); upgrade styrsignal")
        for step in range(version, SCHEMA_VERSION):
            with self.transaction() as db:
                for statement in statements(MIGRATIONS[step]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {step + 1}")

    # -- sources and documents -------------------------------------------------------------
    def source_state(self, path: str) -> SourceState | None:
        row = self.db.execute(
            "SELECT s.document_id, v.content_hash FROM sources s JOIN documents d ON d.id = s.document_id "
            "JOIN versions v ON v.id = d.current_version_id WHERE s.path = ?", (path,)).fetchone()
        return SourceState(row[0], row[1]) if row else None

    def document_with_hash(self, content_hash: str) -> int | None:
        row = self.db.execute("SELECT document_id FROM versions WHERE content_hash = ? LIMIT 1",
                              (content_hash,)).fetchone()
        return row[0] if row else None

    def document_id_for_path(self, path: str) -> int | None:
        row = self.db.execute("SELECT document_id FROM sources WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def add_version(self, path: str, content_hash: str, size: int, extracted: Extracted,
                    metadata: Metadata, passages: Sequence[IndexedPassage] = ()) -> StoredVersion:
        with self.transaction() as db:
            now = _now()
            row = db.execute("SELECT document_id FROM sources WHERE path = ?", (path,)).fetchone()
            is_new = row is None
            if is_new:
                document_id = db.execute("INSERT INTO documents (source_path, created_at) VALUES (?, ?)",
                                         (path, now)).lastrowid
                db.execute("INSERT INTO sources (path, document_id) VALUES (?, ?)", (path, document_id))
                version = 1
            else:
                document_id = row[0]
                earlier = db.execute("SELECT id, version FROM versions WHERE document_id = ? AND content_hash = ?",
                                     (document_id, content_hash)).fetchone()
                if earlier:  # the file went back to content stored before
                    db.execute("UPDATE documents SET current_version_id = ? WHERE id = ?", (earlier[0], document_id))
                    db.execute("DELETE FROM failures WHERE path = ?", (path,))
                    return StoredVersion(document_id, earlier[0], earlier[1], False)
                version = db.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM versions WHERE document_id = ?",
                                     (document_id,)).fetchone()[0]
            version_id = db.execute(
                "INSERT INTO versions (document_id, version, content_hash, format, size, page_count, text, title,"
                " doc_type, issuer, date, language, source_url, metadata_sources, properties, warnings, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document_id, version, content_hash, extracted.format, size, extracted.page_count, extracted.text,
                 metadata.title, metadata.doc_type.value, metadata.issuer,
                 metadata.date.isoformat() if metadata.date else None, metadata.language, metadata.source_url,
                 json.dumps(metadata.sources, ensure_ascii=False),
                 json.dumps(extracted.properties, ensure_ascii=False),
                 json.dumps(extracted.warnings, ensure_ascii=False), now)).lastrowid
            assert version_id is not None and document_id is not None
            db.executemany(
                'INSERT INTO blocks (version_id, seq, kind, start, "end", page, level, heading_path)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(version_id, seq, b.kind, b.start, b.end, b.page, b.level,
                  json.dumps(b.heading_path, ensure_ascii=False)) for seq, b in enumerate(extracted.blocks)])
            db.executemany('INSERT INTO pages (version_id, number, start, "end") VALUES (?, ?, ?, ?)',
                           [(version_id, p.number, p.start, p.end) for p in extracted.pages])
            db.executemany("INSERT OR IGNORE INTO identifiers (version_id, kind, value, seq) VALUES (?, ?, ?, ?)",
                           [(version_id, i.kind, i.value, seq) for seq, i in enumerate(metadata.identifiers)])
            stored = sqlite_search.insert_passages(db, version_id, passages)
            db.execute("UPDATE documents SET current_version_id = ? WHERE id = ?", (version_id, document_id))
            db.execute("DELETE FROM failures WHERE path = ?", (path,))
        self.ranking.added(version_id, document_id, stored)
        return StoredVersion(document_id, version_id, version, is_new)

    def unindexed_documents(self) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT d.id FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM passages p WHERE p.version_id = d.current_version_id) ORDER BY d.id")]

    def set_passages(self, document_id: int, passages: Sequence[IndexedPassage]) -> None:
        with self.transaction() as db:
            version_id = db.execute("SELECT current_version_id FROM documents WHERE id = ?",
                                    (document_id,)).fetchone()[0]
            if db.execute("SELECT 1 FROM passages WHERE version_id = ? LIMIT 1", (version_id,)).fetchone():
                raise StoreError(f"document {document_id} is already indexed")
            stored = sqlite_search.insert_passages(db, version_id, passages)
        self.ranking.added(version_id, document_id, stored)

    def passages(self, document_id: int) -> list[StoredPassage]:
        return sqlite_search.passages(self.db, document_id)

    def passage_texts(self, passages: Sequence[StoredPassage]) -> list[str]:
        if not passages:
            return []
        texts = dict(self.db.execute(
            'SELECT p.id, substr(v.text, p.start + 1, p."end" - p.start) FROM passages p '
            f"JOIN versions v ON v.id = p.version_id WHERE p.id IN ({','.join('?' * len(passages))})",
            [p.id for p in passages]).fetchall())
        return [texts[p.id] for p in passages]

    def search_passages(self, query: Node, *, document_ids: Collection[int] | None = None,
                        limit: int = 20, broad: bool = False) -> list[PassageHit]:
        if document_ids is not None and not document_ids:
            return []
        ranked = self.ranking.search(query, document_ids=document_ids, limit=limit, broad=broad)
        if ranked is not None:
            return ranked
        try:
            return sqlite_search.search(self.db, query, document_ids=document_ids, limit=limit, broad=broad)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed ({exc})") from exc

    # -- coding runs -----------------------------------------------------------------------
    def corpus_state(self) -> str:
        return sqlite_coding.corpus_state(self.db)

    def match_passages(self, query: Node, *, document_ids: Collection[int] | None = None,
                       broad: bool = False) -> list[tuple[int, int]]:
        try:
            return sqlite_coding.match_passages(self.db, query, document_ids, broad)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed ({exc})") from exc

    def start_coding_run(self, name: str, version: str, version_key: str, framework_json: str) -> int:
        with self.transaction() as db:
            return sqlite_coding.start_run(db, name, version, version_key, framework_json)

    def add_to_coding_run(self, run_id: int, codings: Sequence[Coding], mentions: Sequence[Mention]) -> None:
        with self.transaction() as db:
            sqlite_coding.add_to_run(db, run_id, codings, mentions)

    def finish_coding_run(self, run_id: int, corpus_state: str) -> CodingRun:
        with self.transaction() as db:
            return sqlite_coding.finish_run(db, run_id, corpus_state)

    def coding_runs(self) -> list[CodingRun]:
        return sqlite_coding.runs(self.db)

    def codings(self, run_id: int, document_ids: Collection[int] | None = None) -> list[Coding]:
        return sqlite_coding.codings(self.db, run_id, document_ids)

    def mentions(self, run_id: int, document_ids: Collection[int] | None = None) -> list[Mention]:
        return sqlite_coding.mentions(self.db, run_id, document_ids)

    def coding_counts(self, run_id: int) -> list[tuple[int, str, int]]:
        return sqlite_coding.coding_counts(self.db, run_id)

    def mention_counts(self, run_id: int) -> list[tuple[int, str, int]]:
        return sqlite_coding.mention_counts(self.db, run_id)

    def passage_counts(self) -> dict[int, int]:
        return sqlite_coding.passage_counts(self.db)

    # -- reviews ---------------------------------------------------------------------------
    def add_review(self, object_id: str, action: str, target: str | None, value: str | None, note: str | None,
                   author: str) -> Review:
        with self.transaction() as db:
            return sqlite_coding.add_review(db, object_id, action, target, value, note, author)

    def reviews(self, object_id: str | None = None) -> list[Review]:
        return sqlite_coding.reviews(self.db, object_id)

    def add_source(self, path: str, document_id: int) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO sources (path, document_id) VALUES (?, ?)", (path, document_id))
            db.execute("DELETE FROM failures WHERE path = ?", (path,))

    def versions(self, document_id: int) -> list[tuple[int, int, str, str]]:
        return [tuple(r) for r in self.db.execute(  # type: ignore[misc]
            "SELECT id, version, content_hash, ingested_at FROM versions WHERE document_id = ? ORDER BY version",
            (document_id,))]

    _DOCUMENT_SQL = (
        "SELECT d.id, v.id, v.version, d.source_path, v.content_hash, v.format, v.size, {text}, v.page_count,"
        " v.title, v.doc_type, v.issuer, v.date, v.language, v.source_url, v.metadata_sources, v.properties,"
        " v.ingested_at FROM documents d JOIN versions v ON v.id = d.current_version_id")

    def document(self, document_id: int, *, with_text: bool = True) -> Document:
        sql = self._DOCUMENT_SQL.format(text="v.text" if with_text else "''") + " WHERE d.id = ?"
        row = self.db.execute(sql, (document_id,)).fetchone()
        if row is None:
            raise StoreError(f"no document with id {document_id}")
        return self._hydrate([row], with_structure=with_text)[0]

    def documents_by_id(self, document_ids: Collection[int], *, with_text: bool = False) -> dict[int, Document]:
        if not document_ids:
            return {}
        sql = self._DOCUMENT_SQL.format(text="v.text" if with_text else "''") + \
            f" WHERE d.id IN ({','.join('?' * len(document_ids))})"
        rows = self.db.execute(sql, list(document_ids)).fetchall()
        return {d.id: d for d in self._hydrate(rows, with_structure=with_text)}

    def documents(self, *, with_text: bool = False) -> list[Document]:
        sql = self._DOCUMENT_SQL.format(text="v.text" if with_text else "''") + " ORDER BY d.id"
        return self._hydrate(self.db.execute(sql).fetchall(), with_structure=with_text)

    def _hydrate(self, rows: list[Any], *, with_structure: bool) -> list[Document]:
        if not rows:
            return []
        version_ids = [r[1] for r in rows]
        marks = ",".join("?" * len(version_ids))
        identifiers: dict[int, list[Identifier]] = {}
        for vid, kind, value in self.db.execute(
                f"SELECT version_id, kind, value FROM identifiers WHERE version_id IN ({marks}) ORDER BY seq",
                version_ids):
            identifiers.setdefault(vid, []).append(Identifier(kind, value))
        overrides: dict[int, dict[str, tuple[str, str]]] = {}
        for did, field, value, source in self.db.execute(
                f"SELECT document_id, field, value, source FROM overrides WHERE document_id IN "
                f"({','.join('?' * len(rows))})", [r[0] for r in rows]):
            overrides.setdefault(did, {})[field] = (value, source)
        objects: dict[int, list[str]] = {}
        # One document (the common case) asks for its own objects; a listing reads them all.
        few = len(rows) <= 500
        where = f" WHERE o.document_id IN ({','.join('?' * len(rows))})" if few else ""
        for oid, did in self.db.execute("SELECT o.object_id, o.document_id FROM object_documents o "
                                        f"JOIN objects ob ON ob.id = o.object_id{where} ORDER BY ob.seq",
                                        [r[0] for r in rows] if few else []):
            objects.setdefault(did, []).append(oid)
        docs = []
        for r in rows:
            (did, vid, version, path, chash, fmt, size, text, page_count, title, doc_type, issuer, date,
             language, source_url, sources, properties, ingested_at) = r
            meta = Metadata(title=title, doc_type=DocType(doc_type), issuer=issuer,
                            date=dt.date.fromisoformat(date) if date else None,
                            identifiers=identifiers.get(vid, []), language=language, source_url=source_url,
                            sources=json.loads(sources))
            _apply_overrides(meta, overrides.get(did, {}))
            blocks: list[Block] = []
            pages: list[PageSpan] = []
            if with_structure:
                blocks = [Block(k, s, e, p, lv, tuple(json.loads(hp))) for k, s, e, p, lv, hp in self.db.execute(
                    'SELECT kind, start, "end", page, level, heading_path FROM blocks WHERE version_id = ? '
                    "ORDER BY seq", (vid,))]
                pages = [PageSpan(n, s, e) for n, s, e in self.db.execute(
                    'SELECT number, start, "end" FROM pages WHERE version_id = ? ORDER BY number', (vid,))]
            docs.append(Document(did, vid, version, path, chash, fmt, size, text, blocks, pages, page_count, meta,
                                 json.loads(properties), objects.get(did, []), ingested_at))
        return docs

    # -- overrides, objects, failures ------------------------------------------------------
    def set_overrides(self, document_id: int, values: dict[str, str], source: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM overrides WHERE document_id = ? AND source = ?", (document_id, source))
            db.executemany("INSERT OR REPLACE INTO overrides (document_id, field, value, source, set_at)"
                           " VALUES (?, ?, ?, ?, ?)",
                           [(document_id, k, v, source, _now()) for k, v in values.items()])

    def replace_objects(self, objects: list[AnalysisObject]) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM object_documents")
            db.execute("DELETE FROM objects")
            for seq, obj in enumerate(objects):
                db.execute("INSERT INTO objects (id, name, seq) VALUES (?, ?, ?)", (obj.id, obj.name, seq))
                db.executemany("INSERT OR IGNORE INTO object_documents (object_id, document_id) VALUES (?, ?)",
                               [(obj.id, did) for did in obj.document_ids])

    def objects(self) -> list[AnalysisObject]:
        members: dict[str, list[int]] = {}
        for oid, did in self.db.execute("SELECT object_id, document_id FROM object_documents ORDER BY document_id"):
            members.setdefault(oid, []).append(did)
        return [AnalysisObject(oid, name, members.get(oid, []))
                for oid, name in self.db.execute("SELECT id, name FROM objects ORDER BY seq")]

    def record_failure(self, path: str, kind: str, reason: str) -> None:
        now = _now()
        with self.transaction() as db:
            db.execute("INSERT INTO failures (path, kind, reason, first_at, last_at) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, reason = excluded.reason, "
                       "attempts = attempts + 1, last_at = excluded.last_at", (path, kind, reason, now, now))

    def clear_failure(self, path: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM failures WHERE path = ?", (path,))

    def failures(self) -> list[Failure]:
        return [Failure(p, r, k, at) for p, r, k, at in
                self.db.execute("SELECT path, reason, kind, last_at FROM failures ORDER BY path")]

    def counts(self) -> dict[str, int]:
        one = self.db.execute
        return {
            "documents": one("SELECT COUNT(*) FROM documents").fetchone()[0],
            "versions": one("SELECT COUNT(*) FROM versions").fetchone()[0],
            "sources": one("SELECT COUNT(*) FROM sources").fetchone()[0],
            "pages": one("SELECT COALESCE(SUM(v.page_count), 0) FROM documents d "
                         "JOIN versions v ON v.id = d.current_version_id").fetchone()[0],
            "objects": one("SELECT COUNT(*) FROM objects").fetchone()[0],
            "failures": one("SELECT COUNT(*) FROM failures").fetchone()[0],
        }


def _apply_overrides(meta: Metadata, overrides: dict[str, tuple[str, str]]) -> None:
    for field, (value, source) in overrides.items():
        if field == "date":
            meta.date = dt.date.fromisoformat(value)
        elif field == "doc_type":
            meta.doc_type = DocType(value)
        else:
            setattr(meta, field, value)
        meta.sources[field] = source
