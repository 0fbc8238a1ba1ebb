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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from styrsignal.errors import IngestError
from styrsignal.ingest.language import detect_language
from styrsignal.ingest.metadata import extract_metadata
from styrsignal.ingest.objects import ResolvedObjects, load_objects
from styrsignal.ingest.readers import DEFAULT_MAX_FILE_MB, read_path
from styrsignal.model import AnalysisObject, Extracted, Metadata
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
    todo: list[tuple[Path, str, int]] = []
    for path in files:
        key = str(path)
        try:
            digest, size = file_hash(path)
        except OSError as exc:
            emit(IngestEvent(key, "failed", reason=f"cannot read ({exc.strerror})", kind="OSError"))
            continue
        state = store.source_state(key)
        if state is not None and state.content_hash == digest:
            emit(IngestEvent(key, "unchanged", state.document_id))
            continue
        if state is None:
            other = store.document_with_hash(digest)
            if other is not None:
                store.add_source(key, other)
                emit(IngestEvent(key, "duplicate", other, reason="same content as an ingested document"))
                continue
        todo.append((path, digest, size))

    done = 0
    total = len(todo)
    if on_progress:
        on_progress(0, total)
    for (path, digest, size), outcome in _extract_all(todo, max_mb, jobs):
        key = str(path)
        if isinstance(outcome, IngestError):
            emit(IngestEvent(key, "failed", reason=outcome.reason, kind=type(outcome).__name__))
        else:
            extracted, metadata = outcome
            stored = store.add_version(key, digest, size, extracted, metadata)
            emit(IngestEvent(key, "added" if stored.is_new_document else "new_version", stored.document_id))
        done += 1
        if on_progress:
            on_progress(done, total)

    if resolved:
        apply_objects(workspace, resolved)
    return report


def apply_objects(workspace: Workspace, resolved: ResolvedObjects) -> None:
    """Store the objects of an objects file and the metadata overrides it gives."""
    store = workspace.store
    objects: list[AnalysisObject] = []
    source = f"objects file {resolved.path.name}"
    for spec in resolved.spec.objects:
        ids: list[int] = []
        for path, overrides in resolved.files.get(spec.id, []):
            document_id = store.document_id_for_path(str(path))
            if document_id is None:
                continue  # failed to ingest: recorded as a failure already
            ids.append(document_id)
            store.set_overrides(document_id, overrides, source)
        objects.append(AnalysisObject(spec.id, spec.name, list(dict.fromkeys(ids))))
    store.replace_objects(objects)


def file_hash(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def extract(path: Path, max_file_mb: float = DEFAULT_MAX_FILE_MB) -> tuple[Extracted, Metadata] | IngestError:
    """Read one file and extract its metadata; an expected failure is returned, not raised."""
    try:
        extracted = read_path(path, max_file_mb=max_file_mb)
        if not extracted.text.strip():
            raise IngestError("no text found in the document")
        metadata = extract_metadata(extracted, filename=path.name)
        metadata.language = detect_language(extracted.text)
        metadata.sources.setdefault("language", "text")
        return extracted, metadata
    except IngestError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch
        return IngestError(f"unexpected error while reading ({type(exc).__name__}: {exc})")


def _extract_all(todo: list[tuple[Path, str, int]], max_mb: float, jobs: int | None
                 ) -> Iterator[tuple[tuple[Path, str, int], tuple[Extracted, Metadata] | IngestError]]:
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(todo) <= 1:
        for item in todo:
            yield item, extract(item[0], max_mb)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        window = workers * 2
        pending: list[tuple[tuple[Path, str, int], Future[tuple[Extracted, Metadata] | IngestError]]] = []
        queue = iter(todo)
        for item in queue:
            pending.append((item, pool.submit(extract, item[0], max_mb)))
            if len(pending) >= window:
                break
        while pending:
            item, future = pending.pop(0)
            try:
                outcome = future.result()
            except Exception as exc:  # noqa: BLE001 - a crashed worker fails one file, not the batch
                outcome = IngestError(f"reader process failed ({type(exc).__name__}: {exc})")
            yield item, outcome
            following = next(queue, None)
            if following is not None:
                pending.append((following, pool.submit(extract, following[0], max_mb)))


def collect_files(paths: Iterable[Path | str], *, exclude: set[Path], follow_symlinks: bool = True,
                  include_hidden: bool = False, workspace: Path | None = None) -> Iterator[Path | IngestEvent]:
    """Files under ``paths`` in a stable order; missing paths come back as failure events.

    Folders are walked recursively; a symlink that leads back into a folder already being
    walked is skipped, so link loops end.
    """
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            yield IngestEvent(str(path), "failed", reason="no such file or folder", kind="FileNotFoundError")
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
                    yield IngestEvent(str(file), "failed", reason="broken symbolic link", kind="FileNotFoundError")
                    continue
                if file.is_symlink() and not follow_symlinks:
                    continue
                real = file.resolve()
                if real not in exclude and real.is_file():
                    yield real
