"""A run killed with SIGKILL at any moment leaves the store consistent; the same command completes it.

A copy of part of the shared corpus (with two files that fail) is ingested through the real
console script, which is killed with SIGKILL at one kind of moment after another; after each
kill the database must be whole and hold only complete documents.  Then the same command
runs to the end and the store must equal that of an uninterrupted run.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from styrsignal.ingest.pipeline import ingest
from styrsignal.workspace import Workspace

TEXTS = 14
"""How many of the corpus's text files to take (in name order)."""
PDFS = ("se_prop-2012-13-144_sjofartsstod_NEG.pdf", "se_dir-2017-29_tillaggsdirektiv-forskningsdatautredningen.pdf")
HTML = ("regeringen_sou-2014-67_inbyggd-integritet-isf.html",)
DOCX = ("ad-2013-63_arbetsdomstolen_tillfallig-foraldrapenning.docx",)
DATABASE = "styrsignal.sqlite"
ONE = ["--jobs", "1"]
"""Most runs read in one process: each reader process loads the language models anew (seconds)."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("resume") / "corpus"
    texts = tuple(sorted(path.name for path in (corpus_dir / "text").iterdir()))[:TEXTS]
    for subfolder, names in (("text", texts), ("pdf", PDFS), ("html", HTML), ("docx", DOCX)):
        (folder / subfolder).mkdir(parents=True)
        for name in names:
            shutil.copy(corpus_dir / subfolder / name, folder / subfolder / name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    return folder.resolve()


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> dict[str, Any]:
    """What an uninterrupted run stores (through the library the command calls: no start-up to wait for)."""
    with Workspace.open(tmp_path_factory.mktemp("clean") / "ws") as workspace:
        report = ingest(workspace, [corpus], jobs=1)
        assert len(report.failed) == 2  # the two bad files
        return snapshot(workspace.database)


def snapshot(database: Path) -> dict[str, Any]:
    db = sqlite3.connect(database)
    try:
        return {
            "documents": sorted(db.execute(
                "SELECT d.source_path, v.version, v.content_hash, v.format, length(v.text),"
                " (SELECT COUNT(*) FROM blocks b WHERE b.version_id = v.id)"
                " FROM documents d JOIN versions v ON v.id = d.current_version_id")),
            "versions": db.execute("SELECT COUNT(*) FROM versions").fetchone()[0],
            "sources": sorted(db.execute("SELECT s.path, d.source_path FROM sources s JOIN documents d"
                                         " ON d.id = s.document_id")),
            "failures": sorted(db.execute("SELECT path, kind, reason FROM failures")),
        }
    finally:
        db.close()


def assert_consistent(database: Path) -> int:
    """Check the store after a kill; return how many documents it holds."""
    if not database.exists():
        return 0  # killed before the database was created
    db = sqlite3.connect(database)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "documents" not in tables:
            return 0  # killed before the schema was committed: the next run migrates
        assert db.execute(
            "SELECT COUNT(*) FROM documents d LEFT JOIN versions v ON v.id = d.current_version_id"
            " WHERE v.id IS NULL OR v.document_id != d.id").fetchone()[0] == 0, "a document without current version"
        assert db.execute(
            "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS"
            " (SELECT 1 FROM blocks b WHERE b.version_id = d.current_version_id)").fetchone()[0] == 0, \
            "a current version without blocks"
        assert db.execute(
            'SELECT COUNT(*) FROM blocks b JOIN versions v ON v.id = b.version_id WHERE b."end" > length(v.text)'
        ).fetchone()[0] == 0
        assert db.execute(
            "SELECT COUNT(*) FROM sources s LEFT JOIN documents d ON d.id = s.document_id WHERE d.id IS NULL"
        ).fetchone()[0] == 0
        assert db.execute(
            "SELECT COUNT(*) FROM documents d LEFT JOIN sources s ON s.path = d.source_path WHERE s.path IS NULL"
        ).fetchone()[0] == 0
        return int(db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    finally:
        db.close()


def stored_documents(database: Path) -> int:
    """Documents committed so far, read without creating or locking anything."""
    if not database.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1)
        try:
            return int(db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def group_alive(group: int) -> list[int]:
    """Processes of ``group`` that have not exited (zombies waiting to be reaped do not count)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


Moment = Callable[[Path, float, int], bool]
"""When to kill: called with the database, the seconds since the start and the run's process group."""


def kill_run(cli: Any, corpus: Path, jobs: list[str], until: Moment) -> None:
    """Start ``ingest``, SIGKILL it once ``until(...)`` holds, and check no reader process lingers."""
    process = subprocess.Popen(cli.popen_args("ingest", corpus, *jobs), env=cli.env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    group = process.pid  # a new session: its own process group, so its reader processes can be found
    try:
        started = time.monotonic()
        while process.poll() is None and not until(cli.workspace / DATABASE, time.monotonic() - started, group):
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        if sys.platform == "linux":
            deadline = time.monotonic() + 10
            while group_alive(group) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert group_alive(group) == [], "reader processes outlived the killed run"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)  # only what this test started


def after(seconds: float) -> Moment:
    return lambda database, elapsed, group: elapsed >= seconds


def at_documents(count: int) -> Moment:
    return lambda database, elapsed, group: stored_documents(database) >= count


def with_reader_processes(database: Path, elapsed: float, group: int) -> bool:
    """Once the run has started its two reader processes (they load their models, then read)."""
    if sys.platform != "linux":
        return elapsed >= 2.0
    if len(group_alive(group)) < 3:
        return False
    time.sleep(0.3)
    return True


def test_killed_at_any_moment_the_store_stays_consistent_and_the_rerun_completes(cli, corpus: Path,
                                                                                 clean: dict[str, Any]) -> None:
    """Killed again and again, each time at another kind of moment, then run to the end.

    One sequence rather than a test per moment: every run pays for loading the language
    models, and a store killed several times over is the harder case anyway.
    """
    total = len(clean["documents"])
    rng = random.Random(7)
    moments: list[tuple[str, list[str], Callable[[int], Moment]]] = [
        ("during start-up", ONE, lambda done: after(0.3)),
        ("with reader processes running", ["--jobs", "2"], lambda done: with_reader_processes),
        ("halfway through the rest", ONE, lambda done: at_documents(done + (total - done) // 2)),
        ("at a random moment", ONE, lambda done: after(rng.uniform(0.5, 3.0))),
    ]
    done = 0
    for moment, jobs, until in moments:
        kill_run(cli, corpus, jobs, until(done))
        stored = assert_consistent(cli.workspace / DATABASE)
        assert done <= stored <= total, moment  # a kill never takes back a committed document
        done = stored

    again = cli("ingest", corpus, *ONE)
    assert again.returncode == 1, again.stderr  # the two bad files
    assert "Traceback" not in again.stderr
    assert snapshot(cli.workspace / DATABASE) == clean
    status = cli.json("status")
    assert status["counts"]["documents"] == total
    assert {f["path"] for f in status["failures"]} == {str(corpus / "empty.txt"), str(corpus / "scan.png")}
