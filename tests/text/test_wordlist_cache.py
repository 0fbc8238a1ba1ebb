"""The cache of decoded word lists: used when it matches, rebuilt when it does not, never in the way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import simplemma

from styrsignal.text import compounds


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "styrsignal"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "words.dat"
    path.write_bytes(b"source data")
    return path


class Builder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[bytes, bytes]:
        self.calls += 1
        return {b"kommunerna": b"kommun", "r\u00e4tt".encode(): b"r\xc3\xa4tt"}


def _load(source: Path, build: Builder, version: str = "1.0") -> dict[bytes, bytes]:
    return compounds._cached("test", [source], version, build)


def test_built_once_then_loaded(cache_home: Path, source: Path) -> None:
    build = Builder()
    first = _load(source, build)
    second = _load(source, build)
    assert first == second == Builder()()
    assert build.calls == 1
    assert [p.name for p in cache_home.iterdir()] == ["test.marshal"]  # no temporary file left


@pytest.mark.parametrize("change", ["source", "version"])
def test_rebuilt_when_what_it_was_made_from_changes(cache_home: Path, source: Path, change: str) -> None:
    build = Builder()
    _load(source, build)
    if change == "source":
        source.write_bytes(b"other source data")
        os.utime(source, ns=(1, 1))
    _load(source, build, version="2.0" if change == "version" else "1.0")
    assert build.calls == 2
    _load(source, build, version="2.0" if change == "version" else "1.0")
    assert build.calls == 2  # and the new table was stored


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage"])
def test_damaged_cache_is_rebuilt(cache_home: Path, source: Path, damage: str) -> None:
    build = Builder()
    _load(source, build)
    path = cache_home / "test.marshal"
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[-3] ^= 0xFF
    elif damage == "truncate":
        data = data[:-5]
    elif damage == "empty":
        data = bytearray()
    else:
        data = bytearray(b"\x00\xff" * 100)
    path.write_bytes(bytes(data))
    assert _load(source, build) == Builder()()
    assert build.calls == 2
    assert _load(source, build) == Builder()()
    assert build.calls == 2


def test_unusable_cache_folder_is_not_an_error(tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    build = Builder()
    assert _load(source, build) == _load(source, build) == Builder()()
    assert build.calls == 2


def test_missing_source_means_no_cache(cache_home: Path, tmp_path: Path) -> None:
    build = Builder()
    _load(tmp_path / "missing.dat", build)
    _load(tmp_path / "missing.dat", build)
    assert build.calls == 2
    assert not cache_home.exists()


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("word", [
    "kommunerna", "Kommunerna", "KOMMUNERNA", "socialtjänstlagen", "förbunden", "tjänstemän", "ekonomin", "e-tjänster",
    "samverkar", "EU:s", "houses", "children", "went", "better", "xyzzyq", "å", "1999", "o'clock", "it’s", "Stockholms",
])
def test_known_lemma_is_simplemma(word: str, lang: str) -> None:
    expected = simplemma.lemmatize(word, lang=lang).lower() if simplemma.is_known(word, lang=lang) else None
    assert compounds.known_lemma(word, lang) == expected
