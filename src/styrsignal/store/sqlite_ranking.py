"""The ranking index kept exactly in step with the SQLite store, or not used.

The database records what the ranking index (:mod:`styrsignal.store.ranking`) holds, in
``ranking_state``: the **watermark**, the highest passage id the index has been brought up
to, and the **token** of its last commit (the index holds the same token, so a folder that
was deleted, replaced or restored from elsewhere is recognised).  Triggers fill
``ranking_queue`` with every version that became or stopped being a document's current
version.  A search goes to the index only when it is in step — its token is the database's,
the watermark is the highest passage id, the queue is empty — and to FTS5 otherwise:
correct, only slower.

Writing.  The passages a store adds go to the index's writer as they are stored (their keys
are at hand then).  At a flush (the end of an ingest, closing the store, every
``COMMIT_EVERY`` passages) the queued versions are settled — a version no longer current is
deleted, a current one gets back any passage the index lacks — and every current passage
above the watermark that was not added is analysed again from the stored text (after a
crash, or when another process stored it).  Then tantivy commits and only then does the
database advance the watermark and clear the queue.  A crash between the two is harmless:
the database wrote the new token as *pending* before the commit, so the next writer
recognises the index, deletes what lies above the watermark and does the work again.  An
index with any other token is rebuilt from the database.  If another process holds the
writer, nothing waits: this store writes the database only and the index catches up later.
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from styrsignal.search.query import Node
from styrsignal.store.base import PassageHit, StoredPassage
from styrsignal.store.ranking import ERRORS, RankingIndex
from styrsignal.text.indexing import IndexedPassage, passage_keys

COMMIT_EVERY = 100_000
"""Passages added between commits during a long ingest (bounds the work a crash loses)."""
SEARCH_CATCH_UP = 2_000
"""A search first brings the index up to date itself when it lacks at most this many passages."""
SEARCH_CATCH_UP_VERSIONS = 200

_log = logging.getLogger(__name__)


@dataclass
class _Session:
    """A writer held from the first write to the flush."""

    watermark: int
    rebuild: bool
    added: list[list[int]] = field(default_factory=list)
    """Ranges [first, last] of passage ids added since the last commit."""
    since_commit: int = 0

    def mark(self, passage_id: int) -> None:
        if self.added and self.added[-1][1] + 1 == passage_id:
            self.added[-1][1] = passage_id
        else:
            self.added.append([passage_id, passage_id])
        self.since_commit += 1

    def covers(self, first: int, last: int) -> bool:
        return len(self.added) == 1 and self.added[0][0] <= first and self.added[0][1] >= last

    def added_test(self) -> Callable[[int], bool]:
        starts = [a for a, _ in self.added]
        ends = [b for _, b in self.added]

        def was_added(passage_id: int) -> bool:
            i = bisect_right(starts, passage_id) - 1
            return i >= 0 and passage_id <= ends[i]

        return was_added


class SqliteRanking:
    def __init__(self, db: sqlite3.Connection, folder: Path,
                 transaction: Callable[[], AbstractContextManager[sqlite3.Connection]]) -> None:
        self.db = db
        self.index = RankingIndex(folder)
        self._transaction = transaction
        self._session: _Session | None = None
        self._writer_busy = False
        self.ranked = 0
        """Searches the ranking index answered (the others went to FTS5)."""
        self.fell_back = 0

    # -- writing -----------------------------------------------------------------------------
    def added(self, version_id: int, document_id: int, passages: Sequence[tuple[int, IndexedPassage]]) -> None:
        """Passages just stored (their transaction has committed)."""
        if not passages or self._writer_busy:
            return
        try:
            if self._session is None:
                self._session = self._begin(allow_rebuild=True)
                if self._session is None:
                    self._writer_busy = True
                    return
            for passage_id, item in passages:
                self.index.add(passage_id, version_id, document_id, item.words, item.heads, item.prefixes)
                self._session.mark(passage_id)
            if self._session.since_commit >= COMMIT_EVERY:
                self._commit(self._session)
        except ERRORS as exc:
            self._abandon(exc)

    def flush(self, *, allow_rebuild: bool = True) -> bool:
        """Bring the index in step with the database and give its writer up.

        False when that could not be done: another process holds the writer, tantivy failed,
        or the index would need a rebuild and ``allow_rebuild`` is false."""
        self._writer_busy = False
        try:
            if self._session is None:
                if self.in_step():
                    return True
                self._session = self._begin(allow_rebuild=allow_rebuild)
                if self._session is None:
                    return False
            self._commit(self._session)
            self._session = None
            self.index.release()
            return True
        except ERRORS as exc:
            self._abandon(exc)
            return False

    def close(self) -> None:
        if self._session is not None:
            self.flush()

    def _begin(self, *, allow_rebuild: bool) -> _Session | None:
        self.index.open(create=True)
        if not self.index.open_writer():
            return None
        try:
            committed = self.index.reload()
            token, pending, watermark = self.db.execute(
                "SELECT token, pending, watermark FROM ranking_state").fetchone()
            if committed is not None and committed in (token, pending):
                self.index.delete_above(watermark)
                return _Session(watermark, rebuild=False)
            if not allow_rebuild:
                self.index.release(wait=False)
                return None
            self.index.delete_all()
            return _Session(0, rebuild=True)
        except BaseException:
            self.index.release(wait=False)
            raise

    def _commit(self, session: _Session) -> None:
        token = secrets.randbits(63)
        with self._transaction() as db:
            db.execute("UPDATE ranking_state SET pending = ?", (token,))
        top = self.db.execute("SELECT COALESCE(MAX(id), 0) FROM passages").fetchone()[0]
        last_queued = self.db.execute("SELECT COALESCE(MAX(id), 0) FROM ranking_queue").fetchone()[0]
        if not session.rebuild:
            for (version_id,) in self.db.execute(
                    "SELECT DISTINCT version_id FROM ranking_queue WHERE id <= ? ORDER BY version_id",
                    (last_queued,)).fetchall():
                self._settle(version_id, session.watermark)
        if top > session.watermark and not session.covers(session.watermark + 1, top):
            was_added = session.added_test()
            self._add_analysed(row for row in self.db.execute(
                'SELECT p.id, p.version_id, d.id, p.start, p."end" FROM passages p '
                "JOIN documents d ON d.current_version_id = p.version_id WHERE p.id > ? AND p.id <= ? "
                "ORDER BY p.id", (session.watermark, top)) if not was_added(row[0]))
        self.index.commit(token)
        with self._transaction() as db:
            db.execute("UPDATE ranking_state SET watermark = ?, token = ?, pending = NULL", (top, token))
            db.execute("DELETE FROM ranking_queue WHERE id <= ?", (last_queued,))
        session.watermark, session.rebuild = top, False
        session.added, session.since_commit = [], 0

    def _settle(self, version_id: int, watermark: int) -> None:
        """A queued version: deleted when no longer current, completed when current again."""
        if self.db.execute("SELECT 1 FROM documents WHERE current_version_id = ?", (version_id,)).fetchone() is None:
            self.index.delete_version(version_id)
            return
        below = self.db.execute(
            'SELECT p.id, p.version_id, d.id, p.start, p."end" FROM passages p '
            "JOIN documents d ON d.current_version_id = p.version_id "
            "WHERE p.version_id = ? AND p.id <= ? ORDER BY p.id", (version_id, watermark)).fetchall()
        if below:
            present = self.index.version_passages(version_id)
            self._add_analysed(row for row in below if row[0] not in present)

    def _add_analysed(self, rows: Iterable[tuple[int, int, int, int, int]]) -> None:
        """Add passages whose keys are not at hand, analysing their text again."""
        current = -1
        text = language = ""
        for passage_id, version_id, document_id, start, end in rows:
            if version_id != current:
                text, language = self.db.execute("SELECT text, language FROM versions WHERE id = ?",
                                                 (version_id,)).fetchone()
                current = version_id
            self.index.add(passage_id, version_id, document_id, *passage_keys(text[start:end], language))

    def _abandon(self, exc: BaseException) -> None:
        _log.warning("ranking index %s: %s; searching the full-text index instead until the next ingest",
                     self.index.folder, exc)
        self._session = None
        with suppress(*ERRORS):
            self.index.release(wait=False)

    # -- reading -----------------------------------------------------------------------------
    def _state(self) -> tuple[int | None, int, int | None, int]:
        row: tuple[int | None, int, int | None, int] = self.db.execute(
            "SELECT token, watermark, (SELECT MAX(id) FROM passages), "
            "(SELECT COUNT(*) FROM (SELECT 1 FROM ranking_queue LIMIT ?)) FROM ranking_state",
            (SEARCH_CATCH_UP_VERSIONS + 1,)).fetchone()
        return row

    def in_step(self) -> bool:
        """True when the index holds exactly the current passages (then searches use it)."""
        token, watermark, top, queued = self._state()
        if token is None or top is None or watermark != top or queued:
            return False
        if not self.index.open(create=False):
            return False
        return self.index.token == token or self.index.reload() == token

    def _ready(self) -> bool:
        token, watermark, top, queued = self._state()
        if top is None:
            return False  # nothing stored: FTS5 answers at once
        if token is None or watermark != top or queued:
            if self._session is None and (token is None or top - watermark > SEARCH_CATCH_UP
                                          or queued > SEARCH_CATCH_UP_VERSIONS):
                return False
            if not self.flush(allow_rebuild=False):
                return False
        return self.in_step()

    def search(self, query: Node, *, document_ids: Collection[int] | None, limit: int,
               broad: bool) -> list[PassageHit] | None:
        """Best passages first, or None when the index is not in step (search FTS5 instead)."""
        try:
            if not self._ready():
                self.fell_back += 1
                return None
            found = self.index.search(query, document_ids=document_ids, limit=limit, broad=broad)
        except ERRORS as exc:
            _log.warning("ranking index %s: %s; searching the full-text index instead", self.index.folder, exc)
            self.fell_back += 1
            return None
        rows = dict(_passages_by_id(self.db, [passage_id for passage_id, _ in found]))
        if len(rows) < len(found):  # the database moved on since the check: a version was retired
            self.fell_back += 1
            return None
        self.ranked += 1
        return [PassageHit(rows[passage_id], score) for passage_id, score in found]

    def count(self, query: Node, *, broad: bool = False) -> int | None:
        """Passages the index matches, or None when it is not in step."""
        return self.index.count(query, broad=broad) if self.in_step() else None


def _passages_by_id(db: sqlite3.Connection, ids: list[int]) -> Iterator[tuple[int, StoredPassage]]:
    if not ids:
        return
    for r in db.execute(
            'SELECT p.id, d.id, p.seq, p.start, p."end", p.page_start, p.page_end, p.heading_path FROM passages p '
            "JOIN documents d ON d.current_version_id = p.version_id "
            "WHERE p.id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)):
        yield r[0], StoredPassage(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])))
