"""Files that cannot be ingested: one ``PATH: reason`` line each, recorded, and the batch goes on.

Every hostile file is made here.  One batch — the hostile files next to real documents
from the shared corpus — runs through the real console script once per module; the
parametrized tests then check each file against that run: exactly one stderr line, the
same reason recorded in the store, the reason specific enough to act on.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import shutil
import signal
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader, PdfWriter

from styrsignal import errors
from styrsignal.errors import IngestError, UnsafeFile
from styrsignal.ingest import readers
from styrsignal.ingest.pipeline import extract, ingest
from styrsignal.ingest.readers import read_path
from styrsignal.workspace import Workspace

GOOD_PDFS = ("se_prop-2012-13-144_sjofartsstod_NEG.pdf",
             "se_dir-2017-29_tillaggsdirektiv-forskningsdatautredningen.pdf")
GOOD_TEXTS = ("si_strategi-sociala-foretag-2018__01.txt", "si_palett-starkt-civilsamhalle-sou-2016-13__01.txt",
              "regeringen_dir-2018-46_definition-ideburna-aktorer_summary.md")
GOOD_DOCX = "ad-2013-63_arbetsdomstolen_tillfallig-foraldrapenning.docx"
SWEDISH = ("Kommunen ska främja idéburna aktörers deltagande i välfärden – även små föreningar.\n\n"
           "Åtgärderna kostar 5 € per invånare och år.\n")
MAX_FILE_MB = 1


# -- builders: each writes one hostile file -------------------------------------------------------

def real_pdf(corpus: Path) -> bytes:
    return (corpus / "pdf" / GOOD_PDFS[0]).read_bytes()


def minimal_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Regeringen föreslår en lag om idéburen välfärd. " * 4)
    document.save(str(path))


def docx_with_document_xml(path: Path, document_xml: Callable[[bytes], bytes]) -> None:
    """A real DOCX whose word/document.xml is rewritten."""
    buffer = io.BytesIO()
    template = docx.Document()
    template.add_paragraph("Regeringen föreslår en lag om idéburen välfärd.")
    template.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, document_xml(data) if info.filename == "word/document.xml" else data)


def billion_laughs(document_xml: bytes, padding: bytes = b"") -> bytes:
    declaration, body = document_xml.split(b"?>", 1)
    entities = b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    dtd = b'<!DOCTYPE lolz [<!ENTITY lol0 "lol">' + entities + b"]>"
    return declaration + b"?>" + padding + dtd + body.replace(b"Regeringen", b"&lol9;", 1)


def build_truncated_pdf_1k(path: Path, corpus: Path) -> None:
    path.write_bytes(real_pdf(corpus)[:1024])


def build_half_pdf(path: Path, corpus: Path) -> None:
    data = real_pdf(corpus)
    path.write_bytes(data[: len(data) // 2])


def build_garbage_pdf(path: Path, corpus: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(6000))


def build_encrypted_pdf(path: Path, corpus: Path) -> None:
    writer = PdfWriter()
    writer.add_page(PdfReader(corpus / "pdf" / GOOD_PDFS[0]).pages[0])
    writer.encrypt("secret")
    with path.open("wb") as handle:
        writer.write(handle)


def build_blank_pdf(path: Path, corpus: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.save(str(path))
    pdf.close()


def build_scanned_pdf(path: Path, corpus: Path) -> None:
    """Three pages holding only a drawn rectangle and an image: what a scanner makes."""
    pdf = pdfium.PdfDocument.new()
    for _ in range(3):
        page = pdf.new_page(595, 842)
        rect = pdfium_c.FPDFPageObj_CreateNewRect(100, 100, 300, 400)
        pdfium_c.FPDFPageObj_SetFillColor(rect, 40, 40, 40, 255)
        pdfium_c.FPDFPath_SetDrawMode(rect, pdfium_c.FPDF_FILLMODE_ALTERNATE, False)
        pdfium_c.FPDFPage_InsertObject(page.raw, rect)
        image = pdfium.PdfImage.new(pdf)
        bitmap = pdfium.PdfBitmap.new_native(40, 30, pdfium_c.FPDFBitmap_BGR)
        bitmap.fill_rect((200, 30, 30, 255), 0, 0, 40, 30)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(200, 150).translate(150, 500))
        page.insert_obj(image)
        page.gen_content()
    pdf.save(str(path))
    pdf.close()


def build_html_named_pdf(path: Path, corpus: Path) -> None:
    path.write_bytes(b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>")


def build_random_docx(path: Path, corpus: Path) -> None:
    path.write_bytes(os.urandom(4000))


def build_truncated_docx(path: Path, corpus: Path) -> None:
    minimal_docx(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def build_zip_bomb_docx(path: Path, corpus: Path) -> None:
    """A real (small) bomb: 12 MB of spaces that deflate to a few kB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as member:
            member.write(b'<?xml version="1.0"?><w:document>')
            chunk = b" " * (1 << 20)
            for _ in range(12):
                member.write(chunk)
            member.write(b"</w:document>")


def build_declared_bomb_docx(path: Path, corpus: Path) -> None:
    """A DOCX whose central directory declares word/document.xml to unpack to 3.75 GB."""
    minimal_docx(path)
    data = bytearray(path.read_bytes())
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46: at + 46 + name_length] == b"word/document.xml":
            struct.pack_into("<I", data, at + 24, 0xF0000000)
        at += 4
    path.write_bytes(bytes(data))


def build_entity_bomb_docx(path: Path, corpus: Path) -> None:
    docx_with_document_xml(path, billion_laughs)


def build_padded_entity_bomb_docx(path: Path, corpus: Path) -> None:
    """The DTD pushed 20 kB down the prolog by a comment."""
    docx_with_document_xml(path, lambda xml: billion_laughs(xml, b"<!--" + b" " * 20000 + b"-->"))


def build_corrupt_deflate_docx(path: Path, corpus: Path) -> None:
    minimal_docx(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    for offset in range(start + info.compress_size // 3, start + info.compress_size // 3 + 40):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def build_password_docx(path: Path, corpus: Path) -> None:
    """What Word writes for a password-protected document: an OLE container with an EncryptedPackage."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000) + "EncryptedPackage".encode("utf-16-le")
                     + bytes(2000))


def build_ole_named_docx(path: Path, corpus: Path) -> None:
    """An old .doc renamed .docx (or a protected DOCX whose EncryptedPackage lies beyond the first 64 kB)."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(3000))


def build_png(path: Path, corpus: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(300))


def build_legacy_doc(path: Path, corpus: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(3000))


def build_xlsx(path: Path, corpus: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")


def build_elf(path: Path, corpus: Path) -> None:
    path.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(500))


def build_xml(path: Path, corpus: Path) -> None:
    path.write_bytes(b'<?xml version="1.0"?><records><record id="1"/></records>')


def build_deeply_nested_html(path: Path, corpus: Path) -> None:
    path.write_text("<html><body>" + "<div>" * 3000 + "Text om välfärd." + "</div>" * 3000 + "</body></html>",
                    encoding="utf-8")


def build_empty(path: Path, corpus: Path) -> None:
    path.write_bytes(b"")


def build_whitespace(path: Path, corpus: Path) -> None:
    path.write_bytes(b"  \n\t\r\n   \n")


def build_oversized(path: Path, corpus: Path) -> None:
    path.write_bytes(SWEDISH.encode() * (MAX_FILE_MB * 1024 * 1024 // len(SWEDISH.encode()) + 100))


def build_nul_binary(path: Path, corpus: Path) -> None:
    path.write_bytes(b"abc\x00\x00\x01\x02def" * 300)


def build_broken_symlink(path: Path, corpus: Path) -> None:
    os.symlink("nowhere.txt", path)


def build_symlink_to_itself(path: Path, corpus: Path) -> None:
    os.symlink(path.name, path)


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path, Path], None]
    reason: tuple[str, ...]
    """Fragments the recorded reason must contain (compared in lower case)."""
    kind: str


CASES = [
    Case("truncated-1k.pdf", build_truncated_pdf_1k, ("corrupt or truncated pdf",), "ExtractionFailed"),
    Case("garbage.pdf", build_garbage_pdf, ("corrupt",), "ExtractionFailed"),
    Case("encrypted.pdf", build_encrypted_pdf, ("encrypted", "password"), "EncryptedDocument"),
    Case("blank-page.pdf", build_blank_pdf, ("no text layer", "ocr", "not supported"), "NoTextLayer"),
    Case("scanned.pdf", build_scanned_pdf, ("no text layer", "ocr", "not supported"), "NoTextLayer"),
    Case("download.pdf", build_html_named_pdf, ("not a valid pdf", "html"), "UnsupportedFormat"),
    Case("random.docx", build_random_docx, ("not a valid docx", "not a zip"), "UnsupportedFormat"),
    Case("truncated.docx", build_truncated_docx, ("not a valid docx",), "UnsupportedFormat"),
    Case("zip-bomb.docx", build_zip_bomb_docx, ("zip bomb",), "UnsafeFile"),
    Case("declared-bomb.docx", build_declared_bomb_docx, ("zip bomb",), "UnsafeFile"),
    Case("entity-bomb.docx", build_entity_bomb_docx, ("entity",), "UnsafeFile"),
    Case("padded-entity-bomb.docx", build_padded_entity_bomb_docx, ("entity",), "UnsafeFile"),
    Case("corrupt-deflate.docx", build_corrupt_deflate_docx, ("corrupt docx",), "ExtractionFailed"),
    Case("password.docx", build_password_docx, ("encrypted", "password"), "EncryptedDocument"),
    Case("renamed.docx", build_ole_named_docx, ("not a valid docx", "password-protected", ".doc"),
         "UnsupportedFormat"),
    Case("picture.png", build_png, ("unsupported type", "png"), "UnsupportedFormat"),
    Case("old.doc", build_legacy_doc, ("unsupported type", "legacy", ".docx"), "UnsupportedFormat"),
    Case("budget.xlsx", build_xlsx, ("unsupported type", "excel"), "UnsupportedFormat"),
    Case("program.txt", build_elf, ("unsupported type", "executable"), "UnsupportedFormat"),
    Case("records.xml", build_xml, ("unsupported type", "xml"), "UnsupportedFormat"),
    Case("nested.html", build_deeply_nested_html, ("nested too deeply",), "UnsafeFile"),
    Case("empty.txt", build_empty, ("empty",), "EmptyFile"),
    Case("whitespace.md", build_whitespace, ("empty", "white space"), "EmptyFile"),
    Case("oversized.txt", build_oversized, ("limit", "max_file_mb"), "FileTooLarge"),
    Case("binary.txt", build_nul_binary, ("unsupported type", "binary"), "UnsupportedFormat"),
    Case("dangling.txt", build_broken_symlink, ("broken symbolic link",), "FileNotFoundError"),
    Case("self-link.txt", build_symlink_to_itself, ("broken symbolic link",), "FileNotFoundError"),
]
CASE_IDS = [case.name for case in CASES]


# -- one batch through the real command ---------------------------------------------------------

@dataclass
class Batch:
    folder: Path
    returncode: int
    stderr: str
    failures: dict[str, dict[str, Any]]
    documents: dict[str, dict[str, Any]]
    good: set[str]

    def lines_for(self, path: Path) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith(f"{path}: ")]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, make_cli: Any) -> Batch:
    root = tmp_path_factory.mktemp("hostile")
    folder = (root / "batch").resolve()
    folder.mkdir()
    good: set[str] = set()
    for name in GOOD_PDFS:
        good.add(str(Path(shutil.copy(corpus_dir / "pdf" / name, folder / name))))
    for name in GOOD_TEXTS:
        good.add(str(Path(shutil.copy(corpus_dir / "text" / name, folder / name))))
    good.add(str(Path(shutil.copy(corpus_dir / "docx" / GOOD_DOCX, folder / GOOD_DOCX))))
    (folder / "windows.txt").write_bytes(SWEDISH.encode("cp1252"))
    (folder / "utf16.txt").write_bytes(SWEDISH.encode("utf-16"))
    good |= {str(folder / "windows.txt"), str(folder / "utf16.txt")}
    # A sub-folder with a link back to its parent: walked once, the loop is not followed.
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_text("Socialt företagande och innovation i offentlig sektor.\n",
                                              encoding="utf-8")
    os.symlink("..", folder / "sub" / "loop")
    good.add(str(folder / "sub" / "inner.txt"))
    for case in CASES:
        case.build(folder / case.name, corpus_dir)

    cli = make_cli(root / "ws")
    with Workspace.open(cli.workspace) as workspace:  # the command is tested in tests/cli
        workspace.settings["max_file_mb"] = float(MAX_FILE_MB)
        workspace.save_settings()
    result = cli("ingest", folder)
    status = cli.json("status")
    documents = cli.json("documents")
    return Batch(folder, result.returncode, result.stderr, {f["path"]: f for f in status["failures"]},
                 {d["source_path"]: d for d in documents}, good)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_one_stderr_line_per_bad_file(batch: Batch, case: Case) -> None:
    lines = batch.lines_for(batch.folder / case.name)
    assert len(lines) == 1, batch.stderr
    reason = lines[0].split(": ", 1)[1]
    for fragment in case.reason:
        assert fragment in reason.lower(), reason


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_bad_file_is_recorded_with_its_reason(batch: Batch, case: Case) -> None:
    path = str(batch.folder / case.name)
    failure = batch.failures[path]
    assert failure["kind"] == case.kind
    assert batch.lines_for(Path(path)) == [f"{path}: {failure['reason']}"]
    assert path not in batch.documents


def test_the_batch_goes_on(batch: Batch) -> None:
    assert batch.returncode == 1
    assert "Traceback" not in batch.stderr
    assert set(batch.documents) == batch.good
    assert set(batch.failures) == {str(batch.folder / case.name) for case in CASES}


def test_failure_lines_are_the_only_path_lines(batch: Batch) -> None:
    path_lines = [line for line in batch.stderr.splitlines() if line.startswith(str(batch.folder))]
    assert len(path_lines) == len(CASES)


def test_symlink_loop_walks_the_folder_once(batch: Batch) -> None:
    inner = [path for path in batch.documents if path.endswith("inner.txt")]
    assert inner == [str(batch.folder / "sub" / "inner.txt")]
    assert "loop" not in batch.stderr


def test_odd_encodings_in_the_batch_are_decoded(batch: Batch) -> None:
    with Workspace.open(batch.folder.parent / "ws") as workspace:
        for name in ("windows.txt", "utf16.txt"):
            document_id = batch.documents[str(batch.folder / name)]["id"]
            text = workspace.store.document(document_id).text
            assert "främja idéburna aktörers deltagande i välfärden – även små föreningar" in text
            assert "5 €" in text


# -- cases decided by what pdfium can do ----------------------------------------------------------

def test_pdf_cut_in_half_is_read_or_refused_never_crashes(workspace, tmp_path: Path, corpus_dir: Path) -> None:
    half = (tmp_path / "half.pdf").resolve()
    build_half_pdf(half, corpus_dir)
    report = ingest(workspace, [half], jobs=1)
    if report.failed:
        [failed] = report.failed
        assert "corrupt" in failed.reason or "truncated" in failed.reason
        assert [f.path for f in workspace.store.failures()] == [str(half)]
    else:  # pdfium rebuilt what it could: acceptable when it gives text
        [document] = workspace.store.documents(with_text=True)
        assert document.source_path == str(half) and document.text.strip()
        assert workspace.store.failures() == []


# -- the readers alone ----------------------------------------------------------------------------

FILE_CASES = [case for case in CASES if case.kind != "FileNotFoundError"]
"""The cases that are files (not links) and so reach a reader."""


@pytest.mark.parametrize("case", FILE_CASES, ids=[case.name for case in FILE_CASES])
def test_read_path_raises_the_expected_error(case: Case, tmp_path: Path, corpus_dir: Path) -> None:
    path = tmp_path / case.name
    case.build(path, corpus_dir)
    with pytest.raises(getattr(errors, case.kind)) as caught:
        read_path(path, max_file_mb=MAX_FILE_MB)
    assert caught.value.reason


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path, corpus_dir: Path) -> None:
    """Refused from the zip's own size table: nothing near 3.75 GB is ever inflated."""
    path = tmp_path / "declared.docx"
    build_declared_bomb_docx(path, corpus_dir)
    with pytest.raises(UnsafeFile, match=r"zip bomb: contents unpack to 38\d\d MB"):
        readers.check_zip(path)


# -- a reader process that dies ------------------------------------------------------------------

@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the patched reader reaches worker processes only when they are forked")
def test_a_reader_process_that_dies_fails_one_file(workspace, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash in native code or the out-of-memory killer takes the worker down; the batch goes on."""
    read_text = readers._READERS["text"]

    def dying_reader(path: Path) -> Any:
        if path.name.startswith("dies"):
            os.kill(os.getpid(), signal.SIGKILL)
        return read_text(path)

    monkeypatch.setitem(readers._READERS, "text", dying_reader)
    folder = tmp_path / "docs"
    folder.mkdir()
    for number in range(8):
        (folder / f"doc{number}.txt").write_text(f"Dokument {number} om välfärd och social innovation.\n",
                                                 encoding="utf-8")
    (folder / "dies.txt").write_text("Den här filen tar läsprocessen med sig.\n", encoding="utf-8")
    # Load the language models here once, so that every (forked) reader process inherits them.
    assert not isinstance(extract(folder / "doc0.txt"), IngestError)
    report = ingest(workspace, [folder], jobs=2)
    assert report.summary()["added"] == 8
    [failed] = report.failed
    assert failed.path.endswith("dies.txt")
    assert "reader process died" in failed.reason
    assert [f.path for f in workspace.store.failures()] == [failed.path]
