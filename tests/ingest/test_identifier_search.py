"""Identifiers are searched for near years only: that must find exactly what a full scan finds.

:mod:`styrsignal.ingest.identifiers` looks for most rules in a window around each year
instead of scanning the whole text.  These tests compare the two on text built from the
pieces identifiers are made of, joined in every which way, and on the cases the window
has to reach for: long runs of spaces, two-word series names, long law names.
"""

from __future__ import annotations

import random
import re

import pytest

from styrsignal.ingest.authorities import diarie_prefixes
from styrsignal.ingest.identifiers import _matches, _rules, _years, find_identifiers
from styrsignal.model import Identifier

SERIES = [
    "prop", "Prop.", "PROP:", "proposition", "propositionen", "Regeringens proposition", "regeringens\n\nprop.",
    "rskr.", "riksdagsskrivelsen", "skr.", "regeringens skrivelse", "bet.", "betänkandet", "SOU", "ſou", "Ds", "DS.",
    "dir.", "kommittédirektiv", "SFS", "SFS nr:", "SFS  nr.", "lagen", "arbetsmiljölagen", "plan- och bygglagen",
    "x-förordningen", "Lag", "AFS", "HSLF-FS", "MSBFS", "COM", "KOM", "ECLI:SE:HD:", "ECLI:", "CELEX%3A3", "%3AC", "3",
    "E", "Fi", "UD", "S", "(", "xprop", "é", "1", "/",
]
NUMBERS = [
    "2013/14:104", "1999/2000:12", "2013/15:1", "2018/19:KrU3", "2018/2019:abcU12", "2003:1210", "(2003:1210)",
    "(2021) 778", "(2021)778 final", "(2021)   12 slutlig", "2019R0679", "2013DC0083(01)", "2019/01234",
    "2019/012345/Abcdef", "2014:T3592", "2016:13", "2013/14:104 och 2013/14:105", "2003:1, 2004:2 samt 2005:3",
    "2019/00123/SB", "20131/14:1", "2013/14:12345", "2013:", "2013/", "1899:1", "٢٠١٣:٤", "2013/14:١٠٤",
    "19202019R0001",
]
GLUE = ["", "", " ", " ", "\u00a0", "\n", "\t", " " * 40, "\n \n", ".", ")", ",", "x", "/", ":", "-", " och "]


def _text(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(1, 8)):
        series = rng.choice(SERIES)
        series = rng.choice([series, series, series.upper(), series.lower()])
        parts += [series, rng.choice(GLUE), rng.choice(NUMBERS), rng.choice(GLUE)]
    return "".join(parts)


def _spans(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", range(4))
def test_windows_find_what_a_full_scan_finds(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(500):
        text = _text(rng)
        years = _years(text)
        for rule in _rules():
            assert _spans(_matches(rule, text, years)) == _spans(rule.pattern.finditer(text)), (rule.kind, text)


@pytest.mark.parametrize(("spelled", "pattern_of"), [
    # COM and ECLI put their look-behind after the capitals; the meaning is the same.
    (r"(?<!\w)(?:COM|KOM)[\s\u00a0]*\((?P<y>(?:19|20)\d\d)\)[\s\u00a0]*(?P<n>\d{1,4})(?!\w)"
     r"(?:[\s\u00a0]+(?:final|slutlig)(?!\w))?", "com"),
    (r"(?<![\w:])(?P<v>ECLI:[A-Z]{2}:[A-Z0-9.]{1,7}:\d{4}:[A-Za-z0-9.]{1,25})", "ecli"),
])
def test_look_behind_after_capitals_means_the_same(spelled: str, pattern_of: str) -> None:
    rule = next(rule for rule in _rules() if rule.kind == pattern_of)
    original = re.compile(spelled)
    rng = random.Random(7)
    for text in ["COM(2021) 778", "xCOM(2021) 778", "KOM (2008) 412 slutlig", "ECLI:SE:HD:2014:T3592",
                 ":ECLI:SE:HD:2014:T3592", "aECLI:EU:C:2019:1", *(_text(rng) for _ in range(2000))]:
        assert _spans(rule.pattern.finditer(text)) == _spans(original.finditer(text)), text


def test_windows_reach_past_long_spaces_and_names() -> None:
    spaces = " " * 500
    text = (f"Regeringens{spaces}proposition\n\n{spaces}2013/14:104 och SFS {spaces}nr.{spaces}2003:1210, "
            f"{'social' * 30}lagen{spaces}(2001:453) samt Dir.{spaces}2016:15")
    assert find_identifiers(text) == [
        Identifier("prop", "Prop. 2013/14:104"), Identifier("sfs", "SFS 2003:1210"),
        Identifier("sfs", "SFS 2001:453"), Identifier("dir", "Dir. 2016:15"),
    ]


def test_windows_reach_to_the_end_of_the_longest_numbers() -> None:
    text = ("bet. 2018/2019:AbcdU123, prop. 1999/2000:1234; Fi2019/012345/Abcdef. CELEX%3A32013DC0083(01) "
            "SFS 2003:1234")
    assert [i.value for i in find_identifiers(text)] == [
        "Bet. 2018/2019:AbcdU123", "Prop. 1999/2000:1234", "Fi2019/012345/Abcdef", "32013DC0083(01)", "SFS 2003:1234",
    ]


def test_diarie_prefixes_are_letters() -> None:
    # A window reaches back at most two words and never past a digit.
    assert all(prefix.isalpha() for prefix in diarie_prefixes())
