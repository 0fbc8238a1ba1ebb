"""Versioned schema of the SQLite store.  Append new steps; never edit a released one.

The schema version lives in ``PRAGMA user_version``: step N brings a database from
version N-1 to N, inside one transaction.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: documents, versions with their text and structure, objects, failures
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        source_path TEXT NOT NULL UNIQUE,
        current_version_id INTEGER,
        created_at TEXT NOT NULL
    );
    CREATE TABLE sources (
        path TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id)
    );
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        version INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        format TEXT NOT NULL,
        size INTEGER NOT NULL,
        page_count INTEGER,
        text TEXT NOT NULL,
        title TEXT,
        doc_type TEXT NOT NULL,
        issuer TEXT,
        date TEXT,
        language TEXT NOT NULL,
        source_url TEXT,
        metadata_sources TEXT NOT NULL DEFAULT '{}',
        properties TEXT NOT NULL DEFAULT '{}',
        warnings TEXT NOT NULL DEFAULT '[]',
        ingested_at TEXT NOT NULL,
        UNIQUE (document_id, version),
        UNIQUE (document_id, content_hash)
    );
    CREATE INDEX versions_hash ON versions(content_hash);
    CREATE TABLE blocks (
        version_id INTEGER NOT NULL REFERENCES versions(id),
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        page INTEGER,
        level INTEGER NOT NULL,
        heading_path TEXT NOT NULL,
        PRIMARY KEY (version_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE pages (
        version_id INTEGER NOT NULL REFERENCES versions(id),
        number INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (version_id, number)
    ) WITHOUT ROWID;
    CREATE TABLE identifiers (
        version_id INTEGER NOT NULL REFERENCES versions(id),
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (version_id, kind, value)
    ) WITHOUT ROWID;
    CREATE INDEX identifiers_value ON identifiers(value);
    CREATE TABLE overrides (
        document_id INTEGER NOT NULL REFERENCES documents(id),
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        source TEXT NOT NULL,
        set_at TEXT NOT NULL,
        PRIMARY KEY (document_id, field)
    );
    CREATE TABLE objects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        seq INTEGER NOT NULL
    );
    CREATE TABLE object_documents (
        object_id TEXT NOT NULL REFERENCES objects(id),
        document_id INTEGER NOT NULL REFERENCES documents(id),
        PRIMARY KEY (object_id, document_id)
    );
    CREATE TABLE failures (
        path TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 1,
        first_at TEXT NOT NULL,
        last_at TEXT NOT NULL
    );
    """,
    # 2: passages of each version and the full-text index over their analysed text
    """
    CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions(id),
        seq INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        page_start INTEGER,
        page_end INTEGER,
        heading_path TEXT NOT NULL,
        UNIQUE (version_id, seq)
    );
    CREATE VIRTUAL TABLE passage_index USING fts5(
        words, heads, prefixes, content='', tokenize='unicode61 remove_diacritics 0'
    );
    """,
    # 3: thematic coding and actor mentions, per run of a framework over the corpus
    """
    CREATE TABLE coding_runs (
        id INTEGER PRIMARY KEY,
        framework_name TEXT NOT NULL,
        framework_version TEXT NOT NULL,
        version_key TEXT NOT NULL,
        framework TEXT NOT NULL,
        corpus_state TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE codings (
        run_id INTEGER NOT NULL REFERENCES coding_runs(id) ON DELETE CASCADE,
        passage_id INTEGER NOT NULL,
        document_id INTEGER NOT NULL,
        theme_id TEXT NOT NULL,
        score REAL NOT NULL,
        terms TEXT NOT NULL,
        spans TEXT NOT NULL,
        PRIMARY KEY (run_id, theme_id, passage_id)
    ) WITHOUT ROWID;
    CREATE TABLE actor_mentions (
        run_id INTEGER NOT NULL REFERENCES coding_runs(id) ON DELETE CASCADE,
        passage_id INTEGER NOT NULL,
        document_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        registered INTEGER NOT NULL,
        role TEXT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        surface TEXT NOT NULL
    );
    CREATE INDEX actor_mentions_run ON actor_mentions(run_id, document_id);
    """,
    # 4: analysts' reviews of assessments (append-only: the history is the record)
    """
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        object_id TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        value TEXT,
        note TEXT,
        author TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX reviews_object ON reviews(object_id, id);
    """,
    # 5: find a version's document without scanning (every search hit joins through it)
    """
    CREATE INDEX documents_current_version ON documents(current_version_id);
    """,
    # 6: look codings and object membership up by document
    """
    CREATE INDEX object_documents_document ON object_documents(document_id);
    CREATE INDEX codings_document ON codings(run_id, document_id);
    """,
    # 7: what the ranking index (store/ranking.py) holds: the highest passage id it has, the
    # token of its last commit, and the versions that became or stopped being current since
    """
    CREATE TABLE ranking_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        watermark INTEGER NOT NULL DEFAULT 0,
        token INTEGER,
        pending INTEGER
    );
    INSERT INTO ranking_state (id) VALUES (1);
    CREATE TABLE ranking_queue (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL
    );
    CREATE TRIGGER ranking_current_version AFTER UPDATE OF current_version_id ON documents
    WHEN OLD.current_version_id IS NOT NEW.current_version_id
    BEGIN
        INSERT INTO ranking_queue (version_id) SELECT OLD.current_version_id WHERE OLD.current_version_id IS NOT NULL;
        INSERT INTO ranking_queue (version_id) SELECT NEW.current_version_id WHERE NEW.current_version_id IS NOT NULL;
    END;
    CREATE TRIGGER ranking_document_added AFTER INSERT ON documents
    WHEN NEW.current_version_id IS NOT NULL
    BEGIN
        INSERT INTO ranking_queue (version_id) VALUES (NEW.current_version_id);
    END;
    CREATE TRIGGER ranking_document_deleted AFTER DELETE ON documents
    WHEN OLD.current_version_id IS NOT NULL
    BEGIN
        INSERT INTO ranking_queue (version_id) VALUES (OLD.current_version_id);
    END;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def statements(script: str) -> list[str]:
    """The SQL statements of a migration step (a trigger's body holds semicolons of its own)."""
    result: list[str] = []
    current = ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                result.append(current.strip())
            current = ""
    if current.strip(" \n;"):
        result.append(current.strip())
    return result
