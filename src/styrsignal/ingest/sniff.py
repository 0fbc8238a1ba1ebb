"""Tell a file's type from its content, not its name.

The extension only decides between formats the content cannot tell apart (plain text
and Markdown).  Known binary types styrsignal cannot read are named in the error, so
the user learns what the file is and what to do.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from styrsignal.errors import EncryptedDocument, UnsupportedFormat

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
"""Office saves a password-protected DOCX as an OLE container holding this stream."""
_MAGIC: list[tuple[bytes, str]] = [
    (_OLE, "legacy Microsoft Office file (.doc/.xls/.ppt); save it as .docx"),
    (b"{\\rtf", "RTF document; save it as .docx or PDF"),
    (b"\x89PNG", "PNG image; images need OCR, which is not supported"),
    (b"\xff\xd8\xff", "JPEG image; images need OCR, which is not supported"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image; images need OCR, which is not supported"),
    (b"MM\x00*", "TIFF image; images need OCR, which is not supported"),
    (b"\x1f\x8b", "gzip archive; unpack it first"),
    (b"7z\xbc\xaf", "7-Zip archive; unpack it first"),
    (b"Rar!", "RAR archive; unpack it first"),
    (b"\x7fELF", "executable program"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
]

_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_ANY = re.compile(rb"<(html|body|div|p|h1|article|main)\b[^>]*>", re.I)
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
_CLAIMED_BY_NAME = {".pdf": "not a valid PDF: no %PDF- header", ".docx": "not a valid DOCX: not a zip container"}
"""What a file named like a binary format is told when its content is not that format."""


def sniff(path: Path, head: bytes) -> str:
    """Return "pdf", "docx", "html", "markdown" or "text"; raise :class:`UnsupportedFormat`."""
    stripped = head.lstrip(b"\xef\xbb\xbf")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    if stripped.startswith(_OLE):
        if _ENCRYPTED_PACKAGE in head:
            raise EncryptedDocument("encrypted Office document: it needs a password to open; save a copy without one")
        if path.suffix.lower() == ".docx":
            raise UnsupportedFormat("not a valid DOCX: an OLE container, so a password-protected DOCX or an old .doc "
                                    "renamed; remove the password or save it as .docx")
    for magic, what in _MAGIC:
        if stripped.startswith(magic):
            raise UnsupportedFormat(f"unsupported type: {what}")
    if stripped.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return _text_or_markdown(path)  # UTF-16 or UTF-32 text; decoded by the text reader
    claimed = _CLAIMED_BY_NAME.get(path.suffix.lower())
    if claimed is not None:
        found = "it holds an HTML page (a failed download?)" if _HTML_START.match(stripped[:4096]) \
            else "damaged, or another kind of file renamed"
        raise UnsupportedFormat(f"{claimed}; {found}")
    if _HTML_START.match(stripped[:4096]) or (
        path.suffix.lower() in {".html", ".htm", ".xhtml"} and _HTML_ANY.search(stripped[:65536])
    ):
        return "html"
    if stripped.lstrip().startswith(b"<?xml"):
        raise UnsupportedFormat("unsupported type: XML data (not an HTML page)")
    if b"\x00" in head:
        raise UnsupportedFormat("unsupported type: binary data, not text")
    return _text_or_markdown(path)


def _text_or_markdown(path: Path) -> str:
    return "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text"


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        if path.suffix.lower() == ".docx":
            raise UnsupportedFormat(f"not a valid DOCX: the zip container is broken ({exc})") from exc
        raise UnsupportedFormat(f"unsupported type: broken zip archive ({exc})") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise UnsupportedFormat("unsupported type: Excel workbook (.xlsx)")
    if "ppt/presentation.xml" in names:
        raise UnsupportedFormat("unsupported type: PowerPoint presentation (.pptx)")
    if "content.xml" in names and "mimetype" in names:
        raise UnsupportedFormat("unsupported type: OpenDocument file; save it as .docx or PDF")
    if path.suffix.lower() == ".docx":
        raise UnsupportedFormat("not a valid DOCX: the zip holds no word/document.xml")
    raise UnsupportedFormat("unsupported type: zip archive; unpack it first")
