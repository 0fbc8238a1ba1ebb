"""Ingest: files and folders → stored documents, with every failure recorded.

For each file: hash the bytes; skip it when the store already holds that content at
that path (idempotence) or elsewhere (a duplicate becomes another source of the same
document); otherwise read it, extract metadata and language, and store it as a new
document or a new version — one transaction per file, so a killed run leaves the store
consistent and the next run completes the rest.

Extraction runs in worker processes when there is more than one file to read; the
store is written from this process only.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import Literal

from styrsignal.errors import ExtractionFailed, IngestError
from styrsignal.ingest.language import detect_language
from styrsignal.ingest.metadata import extract_metadata
from styrsignal.ingest.objects import ResolvedObjects, load_objects
from styrsignal.ingest.readers import DEFAULT_MAX_FILE_MB, read_path
from styrsignal.model import AnalysisObject, Extracted, Metadata
from styrsignal.text.analyzer import index_text
from styrsignal.text.indexing import IndexedPassage, index_passages
from styrsignal.workspace import Workspace

Status = Literal["added", "new_version", "unchanged", "duplicate", "failed"]
_JUNK = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True, slots=True)
class IngestEvent:
    path: str
    status: Status
    document_id: int | None = None
    reason: str = ""
    kind: str = ""


@dataclass
class IngestReport:
    events: list[IngestEvent] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for e in self.events if e.status == status)

    @property
    def failed(self) -> list[IngestEvent]:
        return [e for e in self.events if e.status == "failed"]

    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("added", "new_version", "unchanged", "duplicate", "failed")}


EventHandler = Callable[[IngestEvent], None]
ProgressHandler = Callable[[int, int], None]


def ingest(workspace: Workspace, paths: Iterable[Path | str], *, objects_file: Path | None = None,
           on_event: EventHandler | None = None, on_progress: ProgressHandler | None = None,
           jobs: int | None = None) -> IngestReport:
    """Ingest ``paths`` (files and folders) and the files an objects file names."""
    store = workspace.store
    report = IngestReport()

    def emit(event: IngestEvent) -> None:
        if event.status == "failed":
            event = replace(event, reason=" ".join(event.reason.split()))  # one line on stderr and in status
        report.events.append(event)
        if event.status == "failed":
            store.record_failure(event.path, event.kind, event.reason)
        if on_event:
            on_event(event)

    resolved = load_objects(objects_file) if objects_file else None
    exclude = {resolved.path} if resolved else set()
    files: list[Path] = []
    for item in collect_files(paths, exclude=exclude,
                              follow_symlinks=bool(workspace.settings.get("follow_symlinks", True)),
                              include_hidden=bool(workspace.settings.get("include_hidden", False)),
                              workspace=workspace.root):
        if isinstance(item, IngestEvent):
            emit(item)
        else:
            files.append(item)
    if resolved:
        files.extend(resolved.all_files())
        for object_id, pattern in resolved.unmatched:
            emit(IngestEvent(f"{resolved.path}: {pattern}", "failed",
                             reason=f"object {object_id!r}: the path matches no file", kind="ObjectsFileError"))
    files = list(dict.fromkeys(files))  # keep order, drop repeats

    max_mb = float(workspace.settings.get("max_file_mb", DEFAULT_MAX_FILE_MB))
    failed_before = {failure.path for failure in store.failures()}
    todo: list[tuple[Path, str, int]] = []
    for path in files:
        key = source_key(path)
        try:
            digest, size = file_hash(path)
        except OSError as exc:
            emit(IngestEvent(key, "failed", reason=f"cannot read ({exc.strerror})", kind="OSError"))
            continue
        state = store.source_state(key)
        if state is not None and state.content_hash == digest:
            if key in failed_before:  # it failed after a change; now it is back to the stored content
                store.clear_failure(key)
            emit(IngestEvent(key, "unchanged", state.document_id))
            continue
        if state is None:
            other = store.document_with_hash(digest)
            if other is not None:
                store.add_source(key, other)
                emit(IngestEvent(key, "duplicate", other, reason="same content as an ingested document"))
                continue
        todo.append((path, digest, size))

    total = len(todo)
    if on_progress:
        on_progress(0, total)
    for done, ((path, digest, size), outcome) in enumerate(_extract_all(todo, max_mb, jobs), start=1):
        key = source_key(path)
        if isinstance(outcome, IngestError):
            emit(IngestEvent(key, "failed", reason=outcome.reason, kind=type(outcome).__name__))
        else:
            stored = store.add_version(key, digest, size, outcome.extracted, outcome.metadata, outcome.passages)
            emit(IngestEvent(key, "added" if stored.is_new_document else "new_version", stored.document_id))
        if on_progress:
            on_progress(done, total)

    index_missing(workspace)
    if resolved:
        apply_objects(workspace, resolved)
    store.flush()
    return report


def index_missing(workspace: Workspace) -> int:
    """Index documents stored without passages (by an older styrsignal); returns how many."""
    store = workspace.store
    missing = store.unindexed_documents()
    for document_id in missing:
        document = store.document(document_id)
        store.set_passages(document_id, index_passages(document.text, document.blocks, document.pages,
                                                       document.metadata.language, document_id))
    return len(missing)


def apply_objects(workspace: Workspace, resolved: ResolvedObjects) -> None:
    """Store the objects of an objects file and the metadata overrides it gives."""
    store = workspace.store
    objects: list[AnalysisObject] = []
    source = f"objects file {resolved.path.name}"
    for spec in resolved.spec.objects:
        ids: list[int] = []
        for path, overrides in resolved.files.get(spec.id, []):
            document_id = store.document_id_for_path(source_key(path))
            if document_id is None:
                continue  # failed to ingest: recorded as a failure already
            ids.append(document_id)
            store.set_overrides(document_id, overrides, source)
        objects.append(AnalysisObject(spec.id, spec.name, list(dict.fromkeys(ids))))
    store.replace_objects(objects)


def source_key(path: Path) -> str:
    """The path as stored and shown: one printable line, whatever bytes the file name holds.

    Names that are not valid UTF-8 (say Latin-1 names from an old zip) keep their odd bytes
    as ``\\xe4``; control characters such as a newline become escapes like ``\\n``.
    """
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text.translate(_CONTROL_ESCAPES)


_CONTROL_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)}
_CONTROL_ESCAPES.update({ord("\t"): "\\t", ord("\n"): "\\n", ord("\r"): "\\r"})


def _file_name(path: Path) -> str:
    """The file name as text for metadata; bytes that are not UTF-8 are read as Windows-1252 (old zips)."""
    raw = os.fsencode(path.name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def file_hash(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


@dataclass(frozen=True, slots=True)
class Prepared:
    """A file read, described and cut into indexed passages: ready to store."""

    extracted: Extracted
    metadata: Metadata
    passages: list[IndexedPassage]


def extract(path: Path, max_file_mb: float = DEFAULT_MAX_FILE_MB) -> Prepared | IngestError:
    """Read one file, extract its metadata and index its passages.

    An expected failure is returned, not raised, so a worker process can hand it back."""
    try:
        extracted = read_path(path, max_file_mb=max_file_mb)
        if not extracted.text.strip():
            raise IngestError("no text found in the document")
        metadata = extract_metadata(extracted, filename=_file_name(path))
        metadata.language = detect_language(extracted.text)
        metadata.sources.setdefault("language", "text")
        passages = index_passages(extracted.text, extracted.blocks, extracted.pages, metadata.language)
        return Prepared(extracted, metadata, passages)
    except IngestError as exc:
        return exc
    except Exception as exc:  # a reader bug must not stop the batch
        return IngestError(f"unexpected error while reading ({type(exc).__name__}: {exc})")


_Item = tuple[Path, str, int]
_Outcome = Prepared | IngestError


def _extract_all(todo: list[_Item], max_mb: float, jobs: int | None) -> Iterator[tuple[_Item, _Outcome]]:
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(todo) < POOL_MIN_FILES:
        for item in todo:
            yield item, extract(item[0], max_mb)
        return
    warm_up()  # forked readers inherit the loaded models instead of each loading them
    queue: Iterator[_Item] = iter(todo)
    broken = True
    while broken:  # a reader process that dies breaks its pool: go on with a new one
        broken = False
        with ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),)) as pool:
            pending: list[tuple[_Item, Future[_Outcome]]] = []
            for item in islice(queue, workers * 2):
                if not _submit(pool, pending, item, max_mb):
                    broken, queue = True, chain([item], queue)
                    break
            while pending:
                item, future = pending.pop(0)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    # Every file in flight fails with the pool; read each alone to find the one that kills it.
                    broken = True
                    outcome = _extract_alone(item[0], max_mb)
                except Exception as exc:  # a crashed worker fails one file, not the batch
                    outcome = IngestError(f"reader process failed ({type(exc).__name__}: {exc})")
                yield item, outcome
                following = None if broken else next(queue, None)
                if following is not None and not _submit(pool, pending, following, max_mb):
                    broken, queue = True, chain([following], queue)


POOL_MIN_FILES = 4
"""Fewer files than this are read in this process: starting readers costs more than it saves."""


def warm_up() -> None:
    """Load the language model and the Swedish dictionaries now, once."""
    detect_language("Regeringen ger Vinnova i uppdrag att stödja social innovation.")
    index_text("Socialtjänstlagen ger kommunerna ansvar för arbetsmarknadsinsatser.", "sv")


def _exit_with_parent(parent: int) -> None:
    """In a reader process: end when the ingest process is gone (say killed with kill -9), not linger."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _submit(pool: ProcessPoolExecutor, pending: list[tuple[_Item, Future[_Outcome]]], item: _Item,
            max_mb: float) -> bool:
    """Queue ``item`` for reading; False when the pool is already broken."""
    try:
        pending.append((item, pool.submit(extract, item[0], max_mb)))
    except BrokenProcessPool:
        return False
    return True


def _extract_alone(path: Path, max_mb: float) -> _Outcome:
    with ProcessPoolExecutor(max_workers=1, initializer=_exit_with_parent, initargs=(os.getpid(),)) as solo:
        try:
            return solo.submit(extract, path, max_mb).result()
        except BrokenProcessPool:
            return ExtractionFailed("the reader process died on this file (a crash while reading its content, "
                                    "or it needs more memory than there is)")
        except Exception as exc:
            return IngestError(f"reader process failed ({type(exc).__name__}: {exc})")


def collect_files(paths: Iterable[Path | str], *, exclude: set[Path], follow_symlinks: bool = True,
                  include_hidden: bool = False, workspace: Path | None = None) -> Iterator[Path | IngestEvent]:
    """Files under ``paths`` in a stable order; missing paths come back as failure events.

    Folders are walked recursively; a symlink that leads back into a folder already being
    walked is skipped, so link loops end.
    """
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            yield IngestEvent(source_key(path), "failed", reason="no such file or folder", kind="FileNotFoundError")
            continue
        resolved = path.resolve()
        if resolved.is_file():
            if resolved not in exclude:
                yield resolved
            continue
        seen: set[tuple[int, int]] = set()
        for root, dirs, names in os.walk(resolved, followlinks=follow_symlinks,
                                         onerror=lambda exc: None):
            root_path = Path(root)
            stat = root_path.stat()
            if (stat.st_dev, stat.st_ino) in seen:
                dirs[:] = []
                continue
            seen.add((stat.st_dev, stat.st_ino))
            dirs[:] = sorted(d for d in dirs if (include_hidden or not d.startswith("."))
                             and (workspace is None or (root_path / d).resolve() != workspace))
            for name in sorted(names):
                if name in _JUNK or name.startswith("~$") or (name.startswith(".") and not include_hidden):
                    continue
                file = root_path / name
                if not file.exists():
                    yield IngestEvent(source_key(file), "failed", reason="broken symbolic link",
                                      kind="FileNotFoundError")
                    continue
                if file.is_symlink() and not follow_symlinks:
                    continue
                real = file.resolve()
                if real not in exclude and real.is_file():
                    yield real
