"""Receiving uploaded files: a multipart body streamed to disk with limits.

The body is parsed as it arrives (never held in memory or spooled whole), each file written
under the job's folder with a safe name.  A file stops being written the moment it passes
the size limit and is deleted; a file whose name or content is not a type styrsignal reads
(PDF, DOCX, HTML, text, Markdown — the content decides, as at ingest) is deleted too.  Both
are reported as :class:`Rejected`, with the reason as a message key for the page and as text
for the API.  The CSRF token must come before any file: in the ``X-CSRF-Token`` header or
as the form's first field, so nothing is written for a forged request.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from python_multipart.multipart import MultipartParser, parse_options_header

from styrsignal.errors import IngestError
from styrsignal.ingest.readers import detect_format
from styrsignal.web.security import CSRF_FIELD, tokens_match

ALLOWED_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt", ".md", ".markdown")
"""File names the upload takes; the content must then be of a type the readers read."""
MAX_FILES = 500
MAX_FIELD_BYTES = 64 * 1024
INCOMING = ".incoming"
"""Where a file is written while it arrives, under its own name, until it is checked."""
_UNSAFE = re.compile(r"[^\w .,()+&'-]+")


class UploadRefused(Exception):
    """The request as a whole is refused (HTTP status and message)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Rejected:
    """A file not taken, and why: ``key`` and ``values`` for the page, ``reason`` for the API."""

    name: str
    key: str
    values: dict[str, str]
    reason: str


@dataclass
class Received:
    files: list[Path] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


def safe_name(raw: str) -> str:
    """A file name that stays in its folder: the last path component, printable, no leading dots."""
    name = unicodedata.normalize("NFC", raw.replace("\\", "/").split("/")[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(_UNSAFE.sub("_", name).split()).lstrip(".-_ ").rstrip(". ")
    stem, suffix = os.path.splitext(name)
    stem = stem[:120].rstrip(". ") or "dokument"
    return stem + suffix[:12].lower()


def _unique(folder: Path, name: str) -> Path:
    path = folder / name
    stem, suffix = os.path.splitext(name)
    n = 2
    while path.exists():
        path = folder / f"{stem} ({n}){suffix}"
        n += 1
    return path


class _Part:
    def __init__(self) -> None:
        self.headers: dict[str, bytes] = {}
        self.name = ""
        self.filename: str | None = None
        self.path: Path | None = None
        self.incoming: Path | None = None
        self.handle: BinaryIO | None = None
        self.size = 0
        self.too_large = False
        self.value = bytearray()


class _Receiver:
    def __init__(self, folder: Path, max_mb: float, cookie_token: str | None, header_token: str | None) -> None:
        self.folder = folder
        self.max_mb = max_mb
        self.max_bytes = int(max_mb * 1024 * 1024)
        self.cookie_token = cookie_token
        self.trusted = tokens_match(cookie_token, header_token)
        self.result = Received()
        self.part = _Part()
        self._field = bytearray()
        self._value = bytearray()
        self.parts = 0

    # -- parser callbacks ------------------------------------------------------------------
    def on_part_begin(self) -> None:
        self.part = _Part()
        self.parts += 1
        if self.parts > MAX_FILES + 20:
            raise UploadRefused(413, f"too many parts in one upload (at most {MAX_FILES} files)")

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def on_header_end(self) -> None:
        self.part.headers[self._field.decode("latin-1").strip().lower()] = bytes(self._value)
        self._field, self._value = bytearray(), bytearray()

    def on_headers_finished(self) -> None:
        part = self.part
        _kind, options = parse_options_header(part.headers.get("content-disposition", b""))
        part.name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        if filename is None:
            return
        part.filename = filename.decode("utf-8", "replace")
        if not part.filename:
            return  # the empty file input of a form sent with a folder only
        if not self.trusted:
            raise UploadRefused(403, "CSRF token missing or wrong: reload the page and try again")
        if len(self.result.files) + len(self.result.rejected) >= MAX_FILES:
            raise UploadRefused(413, f"too many files in one upload (at most {MAX_FILES})")
        self.folder.mkdir(parents=True, exist_ok=True)
        part.path = _unique(self.folder, safe_name(part.filename))
        part.incoming = self.folder / INCOMING / part.path.name
        part.incoming.parent.mkdir(exist_ok=True)
        part.handle = part.incoming.open("wb")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self.part
        if part.filename is None:
            if len(part.value) + end - start > MAX_FIELD_BYTES:
                raise UploadRefused(413, f"form field {part.name!r} is too long")
            part.value += data[start:end]
            return
        if part.handle is None or part.too_large:
            return
        part.size += end - start
        if part.size > self.max_bytes:
            part.too_large = True
            self._discard(part)
            return
        part.handle.write(data[start:end])

    def on_part_end(self) -> None:
        part = self.part
        if part.filename is None:
            value = part.value.decode("utf-8", "replace")
            self.result.fields[part.name] = value
            if part.name == CSRF_FIELD and tokens_match(self.cookie_token, value):
                self.trusted = True
            return
        if part.path is None:
            return
        name = part.path.name
        if part.too_large:
            mb = f"{self.max_mb:g}"
            self.result.rejected.append(Rejected(name, "upload_too_large", {"name": name, "mb": mb},
                                                 f"larger than the upload limit of {mb} MB"))
            return
        assert part.handle is not None
        part.handle.close()
        assert part.incoming is not None
        problem = _type_problem(name, part.incoming)
        if problem is not None:
            part.incoming.unlink(missing_ok=True)
            self.result.rejected.append(problem)
            return
        part.incoming.replace(part.path)
        self.result.files.append(part.path)

    # -- helpers ---------------------------------------------------------------------------
    def _discard(self, part: _Part) -> None:
        if part.handle is not None:
            part.handle.close()
            part.handle = None
        if part.incoming is not None:
            part.incoming.unlink(missing_ok=True)

    def abort(self) -> None:
        """Remove everything written for a refused request."""
        self._discard(self.part)
        for path in self.result.files:
            path.unlink(missing_ok=True)
        self.result.files.clear()


def _type_problem(name: str, path: Path) -> Rejected | None:
    suffix = os.path.splitext(name)[1].lower()
    allowed = ", ".join(ALLOWED_SUFFIXES)
    if suffix not in ALLOWED_SUFFIXES:
        shown = suffix or "(none)"
        return Rejected(name, "upload_wrong_type", {"name": name, "suffix": shown, "allowed": allowed},
                        f"files named {shown} are not taken; allowed: {allowed}")
    try:
        detect_format(path)
    except IngestError as exc:
        return Rejected(name, "upload_unreadable", {"name": name, "reason": exc.reason}, exc.reason)
    return None


async def receive(chunks: AsyncIterator[bytes], content_type: str, folder: Path, *, max_mb: float,
                  cookie_token: str | None, header_token: str | None) -> Received:
    """Stream a ``multipart/form-data`` body into ``folder``; raise :class:`UploadRefused`."""
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadRefused(415, "send the files as multipart/form-data")
    receiver = _Receiver(folder, max_mb, cookie_token, header_token)
    callbacks = {name: getattr(receiver, name) for name in (
        "on_part_begin", "on_header_field", "on_header_value", "on_header_end", "on_headers_finished",
        "on_part_data", "on_part_end")}
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    try:
        async for chunk in chunks:
            parser.write(chunk)
        parser.finalize()
    except UploadRefused:
        receiver.abort()
        raise
    except Exception as exc:  # a malformed body
        receiver.abort()
        raise UploadRefused(400, f"the upload could not be read ({exc})") from exc
    finally:
        _remove_empty(folder / INCOMING)
        _remove_empty(folder)
    if not receiver.trusted:
        receiver.abort()
        raise UploadRefused(403, "CSRF token missing or wrong: reload the page and try again")
    return receiver.result


def _remove_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
