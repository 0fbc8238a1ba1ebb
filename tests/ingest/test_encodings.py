"""Text in odd encodings is decoded sensibly or refused with a reason — never a crash."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from styrsignal.errors import DecodingFailed, IngestError
from styrsignal.ingest.pipeline import extract, ingest
from styrsignal.ingest.readers import read_path
from styrsignal.ingest.text import decode_bytes

SWEDISH = ("Kommunen ska främja idéburna aktörers deltagande i välfärden – även små föreningar.\n\n"
           "Åtgärderna kostar 5 € per invånare och år. ÅÄÖ åäö é ü\n")
LATIN_1 = SWEDISH.replace("–", "-").replace("€", "EUR")
"""ISO 8859-1 has neither the en dash nor the euro sign."""


@pytest.mark.parametrize(("raw", "expected", "warning"), [
    pytest.param(SWEDISH.encode("utf-8"), SWEDISH, None, id="utf-8"),
    pytest.param(b"\xef\xbb\xbf" + SWEDISH.encode("utf-8"), SWEDISH, None, id="utf-8-bom"),
    pytest.param(SWEDISH.encode("utf-16"), SWEDISH, None, id="utf-16-bom-native"),
    pytest.param(b"\xff\xfe" + SWEDISH.encode("utf-16-le"), SWEDISH, None, id="utf-16-le-bom"),
    pytest.param(b"\xfe\xff" + SWEDISH.encode("utf-16-be"), SWEDISH, None, id="utf-16-be-bom"),
    pytest.param(b"\xff\xfe\x00\x00" + SWEDISH.encode("utf-32-le"), SWEDISH, None, id="utf-32-le-bom"),
    pytest.param(b"\x00\x00\xfe\xff" + SWEDISH.encode("utf-32-be"), SWEDISH, None, id="utf-32-be-bom"),
    pytest.param(SWEDISH.encode("cp1252"), SWEDISH, "cp1252", id="windows-1252"),
    pytest.param(LATIN_1.encode("latin-1"), LATIN_1, "not utf-8", id="latin-1"),
    pytest.param((SWEDISH + "Â© 2024\n").encode("cp1252"), SWEDISH + "Â© 2024\n", "cp1252",
                 id="cp1252-holding-one-valid-utf-8-pair"),
    pytest.param("“Citat” – ‘enkla’ … •\n".encode("cp1252"), "“Citat” – ‘enkla’ … •\n", "cp1252",
                 id="cp1252-punctuation"),
])
def test_decoded_sensibly(raw: bytes, expected: str, warning: str | None) -> None:
    text, warnings = decode_bytes(raw)
    assert text == expected
    if warning is None:
        assert warnings == []
    else:
        assert any(warning in w.lower() for w in warnings), warnings


def test_stray_invalid_bytes_in_utf8_are_replaced_with_a_warning() -> None:
    raw = SWEDISH.encode("utf-8") * 4 + b"Trasig \xff\xfe rad \x80 h\xe4r.\n"
    text, warnings = decode_bytes(raw)
    assert text.startswith(SWEDISH)
    assert text.endswith("Trasig \ufffd\ufffd rad \ufffd h\ufffdr.\n")
    assert warnings == ["4 invalid byte(s) in UTF-8 text replaced with U+FFFD"]


def test_declared_charset_is_used() -> None:
    latin_9 = SWEDISH.replace("–", "-")  # ISO 8859-15 has the euro sign but no en dash
    text, warnings = decode_bytes(latin_9.encode("iso-8859-15"), declared="iso-8859-15")
    assert text == latin_9
    assert warnings == ["decoded as declared charset iso-8859-15"]


def test_unknown_declared_charset_falls_back() -> None:
    text, _ = decode_bytes(SWEDISH.encode("cp1252"), declared="x-no-such-charset")
    assert text == SWEDISH


@pytest.mark.parametrize(("raw", "reason"), [
    pytest.param(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8", "invalid utf-16-le", id="lone-surrogate"),
    pytest.param(b"\xfe\xff\x00", "invalid utf-16-be", id="odd-length-utf-16"),
    pytest.param(b"\xff\xfe\x00\x00" + b"\x01\x00\x00\x00" * 50, "not text", id="utf-32-control-characters"),
    pytest.param(b"abc" + bytes(range(0x80, 0xA0)) * 10, "encoding could not be determined", id="c1-controls"),
])
def test_refused_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(DecodingFailed) as caught:
        decode_bytes(raw)
    assert reason in caught.value.reason.lower()


# -- files end to end ------------------------------------------------------------------------------

FILES = {
    "latin-1.txt": LATIN_1.encode("latin-1"),
    "windows-1252.txt": SWEDISH.encode("cp1252"),
    "windows-1252.md": b"# Rubrik med \xe5\xe4\xf6\n\n" + SWEDISH.encode("cp1252"),
    "stray-bytes.txt": SWEDISH.encode("utf-8") * 4 + b"Trasig \xff rad.\n",
    "utf-16.txt": SWEDISH.encode("utf-16"),
    "utf-32.txt": SWEDISH.encode("utf-32"),
    "utf-32-be.txt": b"\x00\x00\xfe\xff" + SWEDISH.encode("utf-32-be"),
    "windows-1252.html": (b'<html><head><meta charset="windows-1252"><title>V\xe4lf\xe4rd</title></head><body><p>'
                          + SWEDISH.encode("cp1252") + b"</p></body></html>"),
    "undeclared-1252.html": b"<html><body><p>" + SWEDISH.encode("cp1252") + b"</p></body></html>",
}


@pytest.mark.parametrize("name", list(FILES))
def test_files_in_odd_encodings_are_ingested(name: str, workspace, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(FILES[name])
    report = ingest(workspace, [path], jobs=1)
    assert report.summary()["added"] == 1, report.failed
    [document] = workspace.store.documents(with_text=True)
    assert "främja idéburna aktörers deltagande i välfärden" in document.text
    assert "Åtgärderna kostar 5" in document.text
    assert "\ufffd" not in document.text.replace("Trasig \ufffd rad", "")


def test_html_title_in_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(FILES["windows-1252.html"])
    extracted = read_path(path)
    assert extracted.properties["title"] == "Välfärd"


def test_utf16_without_byte_order_mark_is_read_or_refused(tmp_path: Path) -> None:
    path = tmp_path / "no-bom.txt"
    path.write_bytes(SWEDISH.encode("utf-16-le"))
    outcome = extract(path)
    if isinstance(outcome, IngestError):
        assert outcome.reason
    else:
        assert "välfärden" in outcome[0].text


# -- never a crash ----------------------------------------------------------------------------------

def _noise(rng: random.Random) -> bytes:
    """Bytes of many shapes: random, text with random damage, BOMs before random, markup-like."""
    size = rng.choice([1, 2, 3, 7, 64, 1000, 5000])
    shape = rng.randrange(6)
    if shape == 0:
        return rng.randbytes(size)
    if shape == 1:
        text = bytearray((SWEDISH * (size // len(SWEDISH) + 1)).encode(rng.choice(["utf-8", "cp1252", "utf-16"])))
        for _ in range(rng.randrange(1, 20)):
            text[rng.randrange(len(text))] = rng.randrange(256)
        return bytes(text[: size + 2])
    if shape == 2:
        bom = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"])
        return bom + rng.randbytes(size)
    if shape == 3:
        return b"<html><body><p>" + rng.randbytes(size) + b"</p>"
    if shape == 4:
        return bytes(rng.choice(b"\x80\x81\x8d\x8f\x90\x9d\xa0\xe5\xe4\xf6abc \n") for _ in range(size))
    return b'<meta charset="' + rng.choice([b"utf-8", b"latin-1", b"bogus", b"utf-16"]) + b'">' + rng.randbytes(size)


def test_random_bytes_never_crash(tmp_path: Path) -> None:
    rng = random.Random(20240611)
    for number in range(300):
        raw = _noise(rng)
        try:
            text, _ = decode_bytes(raw)
        except DecodingFailed as exc:
            assert exc.reason
        else:
            assert isinstance(text, str)
        path = tmp_path / f"noise{number}{rng.choice(['.txt', '.md', '.html', '.htm'])}"
        path.write_bytes(raw)
        outcome = extract(path)
        if isinstance(outcome, IngestError):
            assert outcome.reason and "unexpected error" not in outcome.reason, (raw[:80], outcome.reason)
