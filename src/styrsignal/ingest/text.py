"""Plain text and Markdown reader, and the one byte decoder every text format uses.

Front matter is read as properties: YAML-style (``---`` … ``---``) and the simple
``key: value`` header closed by a ``---`` line that exported page texts often carry.
``#`` lines are headings; blank lines separate paragraphs; ``-``, ``*``, ``•`` and
numbered lines are list items.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from styrsignal.errors import DecodingFailed
from styrsignal.ingest.builder import TextBuilder
from styrsignal.model import Extracted

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•●▪–]|\d{1,3}[.)])\s+")
_FRONT_KEY = re.compile(r"^([A-Za-z][\w -]{0,40}):\s*(.*)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

MAX_REPLACED_SHARE = 0.005
"""Share of undecodable bytes we replace (with a warning) in otherwise valid UTF-8."""


def decode_bytes(raw: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode text sensibly: BOMs, UTF-8, a declared charset, Windows-1252, stray bytes.

    Returns the text and warnings.  Raises :class:`DecodingFailed` when the bytes do not
    look like text in any encoding we can tell.
    """
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                          (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodingFailed(f"invalid {encoding} text after its byte-order mark ({exc.reason})") from exc
            if not _plausible(text):
                raise DecodingFailed(f"starts with a {encoding} byte-order mark, but the rest is not text")
            return text, []
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if declared and declared.replace("-", "").replace("_", "") not in ("utf8",):
        try:
            text = raw.decode(declared)
            if _plausible(text):
                return text, [f"decoded as declared charset {declared}"]
        except (LookupError, UnicodeDecodeError):
            pass
    replaced = raw.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    multibyte = sum(1 for ch in replaced if 0x80 <= ord(ch) != 0xFFFD)
    # More valid UTF-8 sequences than broken bytes: damaged UTF-8, not another encoding (text in
    # Windows-1252 almost never holds a valid UTF-8 sequence), so decoding it as cp1252 would garble it all.
    if multibyte and (bad <= max(3, len(raw) * MAX_REPLACED_SHARE) or multibyte > bad):
        return replaced, [f"{bad} invalid byte(s) in UTF-8 text replaced with U+FFFD"]
    for encoding in ("cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, [f"not UTF-8; decoded as {encoding}"]
    raise DecodingFailed("text encoding could not be determined (not UTF-8, UTF-16, Windows-1252 or Latin-1)")


def _plausible(text: str) -> bool:
    if not text:
        return True
    return len(_CONTROL.findall(text)) <= len(text) * 0.01


def read_text(path: Path, *, markdown: bool | None = None) -> Extracted:
    text, warnings = decode_bytes(path.read_bytes())
    fmt = "markdown" if markdown else "text"
    builder = TextBuilder(fmt)
    builder.warnings.extend(warnings)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines, props = _front_matter(lines)
    builder.properties.update(props)
    _layout(builder, lines)
    return builder.build()


def _front_matter(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """Strip a leading metadata header and return it as properties."""
    start = 1 if lines and lines[0].strip() == "---" else 0
    props: dict[str, str] = {}
    for index in range(start, min(len(lines), 40)):
        line = lines[index]
        if line.strip() == "---":
            if props:
                return lines[index + 1:], props
            return lines, {}
        match = _FRONT_KEY.match(line)
        if not match:
            return lines, {}
        props[match.group(1).strip().lower().replace(" ", "_")] = _unquote(match.group(2).strip())
    return lines, {}


def _unquote(value: str) -> str:
    """Remove one pair of surrounding quotes, never a quote that belongs to the value."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _layout(builder: TextBuilder, lines: list[str]) -> None:
    paragraph: list[str] = []
    kind = "paragraph"

    def flush() -> None:
        nonlocal paragraph, kind
        if paragraph:
            text = " ".join(part.strip() for part in paragraph)
            if kind == "list_item":
                builder.list_item(_LIST_ITEM.sub("", text, count=1))
            else:
                builder.paragraph(text)
        paragraph, kind = [], "paragraph"

    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            flush()
            builder.heading(heading.group(2), len(heading.group(1)))
            continue
        if paragraph and len(paragraph) == 1 and kind == "paragraph" and _SETEXT.match(line) \
                and len(line.strip()) >= 3:
            builder.heading(paragraph[0], 1 if line.strip()[0] == "=" else 2)
            paragraph = []
            continue
        if not line.strip():
            flush()
            continue
        if _LIST_ITEM.match(line):
            flush()
            kind = "list_item"
        paragraph.append(line)
    flush()
