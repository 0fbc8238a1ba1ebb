"""The SQLite store: migrations, versions, duplicates, overrides."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from styrsignal.errors import SchemaTooNew
from styrsignal.ingest.pipeline import ingest
from styrsignal.store import open_store
from styrsignal.store.migrations import SCHEMA_VERSION


def test_new_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    store = open_store(tmp_path / "db.sqlite")
    store.close()
    db = sqlite3.connect(tmp_path / "db.sqlite")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_database_from_newer_version_is_refused(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "db.sqlite")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(SchemaTooNew, match="upgrade styrsignal"):
        open_store(tmp_path / "db.sqlite")


def test_versions_and_duplicates(workspace, tmp_path: Path, examples_dir: Path) -> None:
    source = (examples_dir / "text/si_strategi-sociala-foretag-2018__01.txt").read_text(encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text(source, encoding="utf-8")
    first = ingest(workspace, [doc], jobs=1)
    assert first.summary()["added"] == 1
    again = ingest(workspace, [doc], jobs=1)
    assert again.summary() == {"added": 0, "new_version": 0, "unchanged": 1, "duplicate": 0, "failed": 0}

    copy = tmp_path / "copy.txt"
    copy.write_text(source, encoding="utf-8")
    dup = ingest(workspace, [copy], jobs=1)
    assert dup.summary()["duplicate"] == 1
    assert workspace.store.counts()["documents"] == 1

    doc.write_text(source + "\nEtt tillagt stycke om social innovation.\n", encoding="utf-8")
    changed = ingest(workspace, [doc], jobs=1)
    assert changed.summary()["new_version"] == 1
    [document] = workspace.store.documents(with_text=True)
    assert document.version == 2
    assert "Ett tillagt stycke" in document.text
    versions = workspace.store.versions(document.id)
    assert [v[1] for v in versions] == [1, 2]

    doc.write_text(source, encoding="utf-8")  # back to the first content
    ingest(workspace, [doc], jobs=1)
    [document] = workspace.store.documents(with_text=True)
    assert document.version == 1 and "Ett tillagt stycke" not in document.text
    assert len(workspace.store.versions(document.id)) == 2


def test_stored_document_round_trips(workspace, corpus_dir: Path) -> None:
    from styrsignal.ingest.readers import read_path

    path = corpus_dir / "pdf/se_prop-2012-13-144_sjofartsstod_NEG.pdf"
    ingest(workspace, [path], jobs=1)
    [stored] = workspace.store.documents(with_text=True)
    fresh = read_path(path)
    assert stored.text == fresh.text
    assert stored.blocks == fresh.blocks
    assert stored.pages == fresh.pages
    assert stored.page_count == 10
    assert stored.format == "pdf"
