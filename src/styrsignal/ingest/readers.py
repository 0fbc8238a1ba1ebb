"""The reader registry and the one entry point that turns a file into :class:`Extracted`.

Built-in readers register themselves here the same way a third-party reader would::

    from styrsignal.ingest.readers import register_reader
    register_reader("odt", read_odt)

``read_path`` checks the file first (empty, too large, zip or XML bombs), sniffs its
type from the content and hands it to the reader registered for that type.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from styrsignal.errors import EmptyFile, EncryptedDocument, ExtractionFailed, FileTooLarge, IngestError, UnsafeFile
from styrsignal.ingest.docx import read_docx
from styrsignal.ingest.html import read_html
from styrsignal.ingest.pdf import read_pdf
from styrsignal.ingest.sniff import sniff
from styrsignal.ingest.text import read_text
from styrsignal.model import Extracted

Reader = Callable[[Path], Extracted]

_READERS: dict[str, Reader] = {}

MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
XML_SCAN_BYTES = 1024 * 1024
DEFAULT_MAX_FILE_MB = 200


def register_reader(fmt: str, reader: Reader) -> None:
    _READERS[fmt] = reader


def registered_formats() -> list[str]:
    return sorted(_READERS)


def _register_builtins() -> None:
    register_reader("pdf", read_pdf)
    register_reader("docx", read_docx)
    register_reader("html", read_html)
    register_reader("text", partial(read_text, markdown=False))
    register_reader("markdown", partial(read_text, markdown=True))


_register_builtins()


def detect_format(path: Path, *, max_file_mb: float = DEFAULT_MAX_FILE_MB) -> str:
    """Check the file and tell its format, or raise an :class:`IngestError` saying why not."""
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile("empty file")
    if size > max_file_mb * 1024 * 1024:
        raise FileTooLarge(f"file is {size / 1024 / 1024:.3g} MB, over the {max_file_mb:g} MB limit "
                           "(setting max_file_mb)")
    with path.open("rb") as handle:
        head = handle.read(65536)
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise EmptyFile("empty file (only white space)")
    fmt = sniff(path, head)
    if fmt == "docx":
        check_zip(path)
    return fmt


def read_path(path: Path, *, max_file_mb: float = DEFAULT_MAX_FILE_MB) -> Extracted:
    fmt = detect_format(path, max_file_mb=max_file_mb)
    try:
        return _READERS[fmt](path)
    except IngestError:
        raise
    except RecursionError as exc:
        raise UnsafeFile("structure nested too deeply to read safely") from exc
    except MemoryError as exc:
        raise UnsafeFile("content expands beyond available memory") from exc


def check_zip(path: Path) -> None:
    """Refuse zip bombs and XML entity declarations inside a zip-based document."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(info.file_size for info in infos)
            if total > MAX_UNZIPPED_BYTES:
                raise UnsafeFile(f"zip bomb: contents unpack to {total / 1024 / 1024:.0f} MB")
            for info in infos:
                if info.compress_size and info.file_size > 10 * 1024 * 1024 \
                        and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
                    ratio = info.file_size // info.compress_size
                    raise UnsafeFile(f"zip bomb: {info.filename} is compressed {ratio}:1")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with zf.open(info) as member:
                        prologue = member.read(XML_SCAN_BYTES)  # a prolog padded with comments is still a prolog
                    if b"<!ENTITY" in prologue or b"<!DOCTYPE" in prologue:
                        raise UnsafeFile(f"XML entity declarations in {info.filename} (possible entity bomb)")
    except zipfile.BadZipFile as exc:
        raise ExtractionFailed(f"not a valid DOCX: broken zip container ({exc})") from exc
    except (NotImplementedError, zlib.error, EOFError) as exc:  # NotImplementedError: an unknown zip method
        raise ExtractionFailed(f"corrupt DOCX: a part of the zip container cannot be unpacked ({exc})") from exc
    except RuntimeError as exc:  # zipfile's "File … is encrypted, password required for extraction"
        if "encrypted" not in str(exc):
            raise
        raise EncryptedDocument("encrypted DOCX: its zip parts need a password") from exc
