"""``styrsignal ingest``, ``status``, ``documents`` and ``settings`` as a user runs them.

The exit codes, the tracebacks that must not appear and Ctrl-C are tested on the real
console script in a subprocess.  The longer flows call the same entry point,
``styrsignal.cli.main()``, in the test process (``cli_in_process``): each new
interpreter would spend seconds loading the language models again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from styrsignal.workspace import Workspace

TEXTS = ("si_strategi-sociala-foretag-2018__01.txt", "si_palett-starkt-civilsamhalle-sou-2016-13__01.txt",
         "regeringen_prop-2021-22-135_ideburen-valfard_summary.md")
PDF = "se_prop-2012-13-144_sjofartsstod_NEG.pdf"


@pytest.fixture
def docs(tmp_path: Path, corpus_dir: Path) -> Path:
    """A folder of four real documents."""
    folder = (tmp_path / "docs").resolve()
    folder.mkdir()
    for name in TEXTS:
        shutil.copy(corpus_dir / "text" / name, folder / name)
    shutil.copy(corpus_dir / "pdf" / PDF, folder / PDF)
    for path in folder.iterdir():
        path.chmod(0o644)  # the shared corpus is read-only; tests change copies
    return folder


def failure_lines(stderr: str, folder: Path) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(str(folder))]


def stored(cli) -> tuple[dict[str, int], list[str]]:
    """Counts and failed paths, read through the library (cheaper than another subprocess)."""
    with Workspace.open(cli.workspace) as workspace:
        return workspace.store.counts(), [f.path for f in workspace.store.failures()]


def test_a_clean_batch_exits_zero_and_the_same_files_again_add_nothing(cli, docs: Path) -> None:
    result = cli("ingest", docs, "--jobs", "1")  # reader processes: tests/ingest/test_hostile_files.py
    assert result.returncode == 0, result.stderr
    assert failure_lines(result.stderr, docs) == []
    documents = cli.json("documents")
    assert sorted(d["source_path"] for d in documents) == sorted(str(docs / n) for n in (*TEXTS, PDF))
    assert {d["format"] for d in documents} == {"text", "markdown", "pdf"}
    status = cli.json("status")
    assert (status["counts"]["documents"], status["counts"]["failures"], status["failures"]) == (4, 0, [])

    again = cli.json("ingest", docs, "--jobs", "1")
    assert again["summary"] == {"added": 0, "new_version": 0, "unchanged": 4, "duplicate": 0, "failed": 0}
    assert stored(cli) == (status["counts"], [])


def test_failures_make_the_exit_code_non_zero_and_show_in_status(cli_in_process, docs: Path) -> None:
    (docs / "empty.txt").write_bytes(b"")
    (docs / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = cli_in_process("ingest", docs, "--jobs", "1")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert failure_lines(result.stderr, docs) == [
        f"{docs / 'empty.txt'}: empty file",
        f"{docs / 'scan.png'}: unsupported type: PNG image; images need OCR, which is not supported",
    ]
    assert stored(cli_in_process)[0]["documents"] == 4

    status = cli_in_process("status")
    assert status.returncode == 0
    assert "4 dokument" in status.stdout
    assert "2 misslyckade filer" in status.stdout
    assert str(docs / "empty.txt") in status.stdout and "empty file" in status.stdout
    assert str(docs / "scan.png") in status.stdout

    info = cli_in_process.json("status")
    assert info["counts"]["failures"] == 2
    assert [(f["path"], f["kind"]) for f in info["failures"]] == [
        (str(docs / "empty.txt"), "EmptyFile"), (str(docs / "scan.png"), "UnsupportedFormat")]


def test_a_changed_file_is_a_new_version_and_a_copy_a_duplicate(cli_in_process, docs: Path, tmp_path: Path) -> None:
    path = docs / TEXTS[0]
    original = path.read_bytes()
    assert cli_in_process("ingest", docs, "--jobs", "1").returncode == 0
    path.write_bytes(original + "\nEtt tillägg om sociala företag i hela landet.\n".encode())
    copy = tmp_path / "elsewhere" / "copy.md"
    copy.parent.mkdir()
    shutil.copy(docs / TEXTS[2], copy)
    report = cli_in_process.json("ingest", docs, copy, "--jobs", "1")
    assert report["summary"] == {"added": 0, "new_version": 1, "unchanged": 3, "duplicate": 1, "failed": 0}
    [changed] = [e for e in report["events"] if e["status"] == "new_version"]
    assert changed["path"] == str(path)

    with Workspace.open(cli_in_process.workspace) as workspace:
        versions = workspace.store.versions(changed["document_id"])
        assert [v[1] for v in versions] == [1, 2]
        assert versions[0][2] == hashlib.sha256(original).hexdigest()  # version 1 is kept
        assert versions[1][2] == hashlib.sha256(path.read_bytes()).hexdigest()
        current = workspace.store.document(changed["document_id"])
        assert current.version == 2
        assert "Ett tillägg om sociala företag" in current.text
        counts = workspace.store.counts()
        assert (counts["documents"], counts["versions"], counts["sources"]) == (4, 5, 5)


def test_size_limit_is_a_setting(cli_in_process, docs: Path) -> None:
    assert cli_in_process("settings", "max_file_mb", "0.001").returncode == 0
    result = cli_in_process("ingest", docs / TEXTS[0], docs / TEXTS[1], "--jobs", "1")
    assert result.returncode == 1
    lines = failure_lines(result.stderr, docs)
    assert len(lines) == 2
    for line in lines:
        assert "over the 0.001 MB limit (setting max_file_mb)" in line
    with Workspace.open(cli_in_process.workspace) as workspace:
        assert [f.kind for f in workspace.store.failures()] == ["FileTooLarge", "FileTooLarge"]
        workspace.settings["max_file_mb"] = 5.0
        workspace.save_settings()
    again = cli_in_process("ingest", docs / TEXTS[0], docs / TEXTS[1], "--jobs", "1")
    assert again.returncode == 0, again.stderr
    assert stored(cli_in_process)[1] == []


def test_fixed_files_leave_the_failures(cli_in_process, docs: Path) -> None:
    """Fixed by new content, or by going back to the content stored before it broke."""
    later = docs / "later.txt"
    later.write_bytes(b"")
    damaged = docs / TEXTS[0]
    original = damaged.read_bytes()
    assert cli_in_process("ingest", docs, "--jobs", "1").returncode == 1
    assert stored(cli_in_process)[1] == [str(later)]

    later.write_text("Nu finns det text om idéburen välfärd här.\n", encoding="utf-8")
    damaged.write_bytes(b"\x00\x01binary\x00" * 20)  # fails; its version 1 stays current
    assert cli_in_process("ingest", docs, "--jobs", "1").returncode == 1
    assert stored(cli_in_process)[1] == [str(damaged)]

    damaged.write_bytes(original)
    report = cli_in_process.json("ingest", docs, "--jobs", "1")
    assert report["summary"]["unchanged"] == 5
    counts, failures = stored(cli_in_process)
    assert failures == []
    assert counts["documents"] == 5


def test_missing_path(cli, tmp_path: Path) -> None:
    missing = tmp_path / "finns-inte.pdf"
    result = cli("ingest", missing)
    assert result.returncode == 1
    assert failure_lines(result.stderr, tmp_path) == [f"{missing}: no such file or folder"]
    assert "Traceback" not in result.stderr


def test_symlinks_loop_and_alias(cli_in_process, docs: Path) -> None:
    os.symlink("..", docs / "tillbaka")  # a loop: docs/tillbaka/docs/tillbaka/…
    os.symlink(TEXTS[0], docs / "alias.txt")  # the same file under a second name
    os.symlink("saknas.txt", docs / "trasig.txt")
    result = cli_in_process("ingest", docs, "--jobs", "1")
    assert result.returncode == 1
    assert failure_lines(result.stderr, docs) == [f"{docs / 'trasig.txt'}: broken symbolic link"]
    with Workspace.open(cli_in_process.workspace) as workspace:
        paths = sorted(d.source_path for d in workspace.store.documents())
    assert paths == sorted(str(docs / n) for n in (*TEXTS, PDF))


def test_odd_file_names_stay_on_one_line(cli_in_process, tmp_path: Path) -> None:
    folder = (tmp_path / "names").resolve()
    folder.mkdir()
    (folder / "två\nrader.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    try:
        latin_1 = os.fsencode(folder) + b"/r\xe4tt.txt"
        with open(latin_1, "wb") as handle:
            handle.write("Text om välfärd.\n".encode())
    except (OSError, UnicodeError):
        latin_1 = b""  # this file system only takes UTF-8 names
    result = cli_in_process("ingest", folder, "--jobs", "1")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert failure_lines(result.stderr, folder) == [
        f"{folder}/två\\nrader.png: unsupported type: PNG image; images need OCR, which is not supported"]
    if latin_1:
        assert cli_in_process.json("ingest", folder, "--jobs", "1", returncode=1)["summary"]["unchanged"] == 1
        with Workspace.open(cli_in_process.workspace) as workspace:
            assert [d.source_path for d in workspace.store.documents()] == [f"{folder}/r\\xe4tt.txt"]


@pytest.mark.parametrize(("args", "code", "message"), [
    pytest.param(["ingest"], 2, "give at least one PATH", id="no-paths"),
    pytest.param(["statsu"], 2, "No such command", id="unknown-command"),
    pytest.param(["settings", "max_file_mb", "mycket"], 2, "setting max_file_mb takes a float", id="bad-setting"),
])
def test_usage_errors_without_traceback(cli, args: list[str], code: int, message: str) -> None:
    result = cli(*args)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unusable_workspace_is_an_error_not_a_traceback(cli, docs: Path) -> None:
    cli.workspace.mkdir()
    (cli.workspace / "styrsignal.sqlite").write_bytes(b"this is not a database" * 100)
    result = cli("ingest", docs)
    assert result.returncode == 3
    assert "cannot open the workspace database" in result.stderr
    assert "Traceback" not in result.stderr


def test_interrupted_run_says_how_to_go_on(cli, docs: Path) -> None:
    for number in range(30):
        (docs / f"extra{number}.txt").write_text(f"Text nummer {number} om social innovation.\n", encoding="utf-8")
    process = subprocess.Popen(cli.popen_args("ingest", docs, "--jobs", "1"), env=cli.env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    try:
        database = cli.workspace / "styrsignal.sqlite"
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if database.exists():
                try:
                    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
                        if db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] >= 2:
                            break
                except sqlite3.Error:
                    pass
            time.sleep(0.005)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    if process.returncode == 0:
        pytest.skip("the run finished before the interrupt arrived")
    assert process.returncode == 130
    assert "run the same command again" in stderr
    assert "Traceback" not in stderr
    assert cli("ingest", docs, "--jobs", "1").returncode == 0
    assert stored(cli) == ({**stored(cli)[0], "documents": 34}, [])
