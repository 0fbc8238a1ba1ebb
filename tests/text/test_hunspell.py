"""The Hunspell reader: suffix rules, conditions, flags; and the bundled Swedish files."""

from __future__ import annotations

from importlib import resources

import pytest

from styrsignal.text.hunspell import Hunspell, swedish

AFF = """SET UTF-8
SFX D Y 2
SFX D 0 en [^a]
SFX D 0 n a
SFX v N 2
SFX v a s/WXZ a
SFX v 0 s/WXZ [^a]
"""

DIC = """6
lag/DXY
flicka/DvY
innovation/vY
fokuser/¤D
förbjuden/%
Skola/D
"""


@pytest.fixture
def dictionary() -> Hunspell:
    return Hunspell(AFF, DIC)


def readings(dictionary: Hunspell, form: str) -> set[tuple[str, str, bool, bool]]:
    return {(a.stem, a.flags, a.suffixed, a.permit) for a in dictionary.analyses(form)}


def test_stem_and_suffix_forms(dictionary: Hunspell) -> None:
    assert readings(dictionary, "lag") == {("lag", "DXY", False, False)}
    assert readings(dictionary, "lagen") == {("lag", "DXY", True, False)}
    assert readings(dictionary, "flickan") == {("flicka", "DvY", True, False)}


def test_conditions_are_checked(dictionary: Hunspell) -> None:
    assert readings(dictionary, "flickaen") == set(), "-en only after a stem not ending in a"
    assert readings(dictionary, "lagn") == set(), "-n only after a stem ending in a"


def test_compound_forms_carry_the_suffix_flags(dictionary: Hunspell) -> None:
    assert readings(dictionary, "innovations") == {("innovation", "vYWXZ", True, True)}
    assert readings(dictionary, "flicks") == {("flicka", "DvYWXZ", True, True)}


def test_need_affix_forbidden_and_case(dictionary: Hunspell) -> None:
    assert readings(dictionary, "fokuser") == set()
    assert readings(dictionary, "fokuseren") == {("fokuser", "¤D", True, False)}
    assert readings(dictionary, "förbjuden") == set()
    assert readings(dictionary, "skolan") == {("skola", "D", True, False)}


def test_bundled_dictionary_and_its_licence() -> None:
    folder = resources.files("styrsignal").joinpath("data", "sv")
    for name in ("sv_SE.aff", "sv_SE.dic", "copyright", "LGPL-3.txt", "GPL-3.txt", "README.md"):
        assert folder.joinpath(name).is_file(), name
    assert "Göran Andersson" in folder.joinpath("copyright").read_text(encoding="utf-8")
    swedish_dictionary = swedish()
    assert len(swedish_dictionary.words) > 150_000
    assert {a.stem for a in swedish_dictionary.analyses("socialtjänsten")} == {"socialtjänst"}
