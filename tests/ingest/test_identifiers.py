"""Official identifiers: the spellings found in real documents, and what must not match."""

from __future__ import annotations

import pytest

from styrsignal.ingest.identifiers import find_identifiers, plausible_riksmote
from styrsignal.model import Identifier

NBSP = "\u00a0"

POSITIVE = [
    # propositions
    ("prop. 2013/14:104", "prop", "Prop. 2013/14:104"),
    (f"Prop.{NBSP}2013/14:104", "prop", "Prop. 2013/14:104"),
    ("proposition 2013/14:104", "prop", "Prop. 2013/14:104"),
    ("i propositionen 2013/14:104 föreslås", "prop", "Prop. 2013/14:104"),
    ("Regeringens proposition 2013/14:104", "prop", "Prop. 2013/14:104"),
    ("Regeringens proposition\n\n2013/14:104", "prop", "Prop. 2013/14:104"),  # title page, two lines
    ("Prop 2008/09:5, Bättre genomförande", "prop", "Prop. 2008/09:5"),
    ("Ett användbart försvar, prop: 2008/09:140 (pdf 3 MB)", "prop", "Prop. 2008/09:140"),
    ("prop. 2017/18:1 utg.omr. 24", "prop", "Prop. 2017/18:1"),
    ("prop. 1999/2000:12", "prop", "Prop. 1999/2000:12"),
    ("PROP. 1991/92:167", "prop", "Prop. 1991/92:167"),
    # statens offentliga utredningar, departementsserien, kommittédirektiv
    ("SOU 2016:13", "sou", "SOU 2016:13"),
    ("(SOU 2016:13 s. 290)", "sou", "SOU 2016:13"),
    ("Ds 2016:46", "ds", "Ds 2016:46"),
    ("Dir. 2016:15", "dir", "Dir. 2016:15"),
    (f"dir.{NBSP}2018:46", "dir", "Dir. 2018:46"),
    ("Dir.\n\n2016:15", "dir", "Dir. 2016:15"),
    ("Regeringen (kommittédirektiv 2009:104)", "dir", "Dir. 2009:104"),
    # laws and ordinances
    ("SFS 2003:1210", "sfs", "SFS 2003:1210"),
    ("SFS nr: 2003:1210", "sfs", "SFS 2003:1210"),
    ("lagen (2003:1210) om", "sfs", "SFS 2003:1210"),
    ("förordningen (2009:955) om statsbidrag", "sfs", "SFS 2009:955"),
    ("Lag (2022:1109) om ändring", "sfs", "SFS 2022:1109"),
    ("arbetsmiljölagen (1977:1160)", "sfs", "SFS 1977:1160"),
    ("plan- och bygglagen (2010:900)", "sfs", "SFS 2010:900"),
    ("viltskadeförordningen (2001:724)", "sfs", "SFS 2001:724"),
    ("miljöbalken (1998:808)", "sfs", "SFS 1998:808"),
    ("regeringsformen (1974:152)", "sfs", "SFS 1974:152"),
    # the Riksdag
    ("bet. 2018/19:KrU3", "bet", "Bet. 2018/19:KrU3"),
    ("betänkande 2018/19:NU7", "bet", "Bet. 2018/19:NU7"),
    ("Betänkande 2018/19:SoU8 Hälso- och sjukvårdsfrågor", "bet", "Bet. 2018/19:SoU8"),
    ("bet. 2012/13:MJU12", "bet", "Bet. 2012/13:MJU12"),
    ("rskr. 2021/22:441", "rskr", "Rskr. 2021/22:441"),
    ("riksdagsskrivelse 2021/22:441", "rskr", "Rskr. 2021/22:441"),
    # skrivelser
    ("skr. 2017/18:246", "skr", "Skr. 2017/18:246"),
    ("Skr. 2008/09:207", "skr", "Skr. 2008/09:207"),
    ("regeringens skrivelse 2008/09:207", "skr", "Skr. 2008/09:207"),
    # EU
    ("COM(2021) 778", "com", "COM(2021) 778"),
    ("COM(2021)778 final", "com", "COM(2021) 778"),
    ("COM (2013) 83", "com", "COM(2013) 83"),
    ("KOM(2008) 412 slutlig", "com", "COM(2008) 412"),
    ("52021DC0778", "celex", "52021DC0778"),
    ("CELEX:52021DC0778", "celex", "52021DC0778"),
    ("?uri=CELEX%3A52013DC0083", "celex", "52013DC0083"),
    ("direktiv 92/57/EEG (CELEX 31992L0057)", "celex", "31992L0057"),
    ("ECLI:EU:C:2014:317", "ecli", "ECLI:EU:C:2014:317"),
    # diarienummer of the Government Offices
    ("S2024/01234", "dnr", "S2024/01234"),
    ("N2018/00713/FF", "dnr", "N2018/00713/FF"),
    ("A2008/3477/A", "dnr", "A2008/3477/A"),
    ("N2014/2618/FIN", "dnr", "N2014/2618/FIN"),
    ("(Ku2018/00152/D)", "dnr", "Ku2018/00152/D"),
    ("Fi2023/01234", "dnr", "Fi2023/01234"),
    ("UD2020/12345/FH", "dnr", "UD2020/12345/FH"),
    # agency regulation series
    ("AFS 2023:1", "fs", "AFS 2023:1"),
    ("(AFS 2023:1)", "fs", "AFS 2023:1"),
    ("BFS 2017:2 ALL 1", "fs", "BFS 2017:2"),
    ("NFS 2007:10", "fs", "NFS 2007:10"),
    ("MSBFS 2009:1", "fs", "MSBFS 2009:1"),
    ("ISSN 2000-1886 MSBFS\n\n2009:1", "fs", "MSBFS 2009:1"),
    ("SOSFS 2011:9", "fs", "SOSFS 2011:9"),
    ("HSLF-FS 2016:40", "fs", "HSLF-FS 2016:40"),
    ("ELSÄK-FS 2017:2", "fs", "ELSÄK-FS 2017:2"),
    ("SKOLFS 2010:37", "fs", "SKOLFS 2010:37"),
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVE)
def test_finds_identifier(text: str, kind: str, value: str) -> None:
    assert find_identifiers(text) == [Identifier(kind, value)]


NEGATIVE = [
    "2008/09:207",  # a riksmöte number alone names no series
    "motion 2017/18:4191",  # motions are not an identifier kind
    "prop. 2013/15:104",  # not two consecutive years
    "prop. 2013/13:104",
    "skr. 2017/18:",
    "SOU 1850:3",  # implausible year
    "Dir. 16:15",
    "lagen om etableringsinsatser",
    "förordning (EU) 2016/679",  # an EU regulation, not SFS
    "enligt 8 kap. 10 § socialtjänstlagen",
    "ISO 9001:2015",
    "kl. 2015:30",
    "X2024/01234",  # not a ministry prefix
    "Ja2024/01234",
    "AS2024/01234/A",
    "S2024-01234",
    "S24/01234",
    "www.example.se/S2024/01234",
    "COM 2021 778",
    "FS 2023:1",
    "afs 2023:1",
    "SFSX 2023:1",
    "ECLI 2014:45",
    "Telefon 010-730 90 00",
    "ISBN 978-91-8042-000-6 ISSN 1650-3163",
    "(U 2016:04)",  # a committee's number is not a series identifier
    "Senaste lydelse 2023:293.",
    "2019-06-20",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_finds_nothing(text: str) -> None:
    assert find_identifiers(text) == []


def test_skr_is_not_found_inside_rskr() -> None:
    assert find_identifiers("rskr. 2013/14:4") == [Identifier("rskr", "Rskr. 2013/14:4")]


def test_listed_numbers_share_the_series() -> None:
    text = "SOU 2016:13 och 2016:78; prop. 2013/14:104, 2013/14:105 samt bet. 2018/19:KrU3"
    assert [i.value for i in find_identifiers(text)] == [
        "SOU 2016:13", "SOU 2016:78", "Prop. 2013/14:104", "Prop. 2013/14:105", "Bet. 2018/19:KrU3"]


def test_deduplicated_in_order_of_first_appearance() -> None:
    text = ("Enligt lagen (2010:197) om etableringsinsatser (prop. 2009/10:60, bet. 2009/10:AU7, "
            "rskr. 2009/10:208) och SFS 2010:197 samt prop. 2009/10:60.")
    assert [i.value for i in find_identifiers(text)] == [
        "SFS 2010:197", "Prop. 2009/10:60", "Bet. 2009/10:AU7", "Rskr. 2009/10:208"]


def test_footnote_with_three_kinds() -> None:
    text = "1 Prop. 2021/22:238, bet. 2021/22:NU26, rskr. 2021/22:441."
    assert find_identifiers(text) == [Identifier("prop", "Prop. 2021/22:238"), Identifier("bet", "Bet. 2021/22:NU26"),
                                      Identifier("rskr", "Rskr. 2021/22:441")]


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("2013", "14", True), ("1999", "00", True), ("1999", "2000", True),
    ("2013", "15", False), ("1999", "2001", False), ("2013", "13", False),
])
def test_plausible_riksmote(first: str, second: str, expected: bool) -> None:
    assert plausible_riksmote(first, second) is expected


def test_empty_and_hostile_text() -> None:
    assert find_identifiers("") == []
    assert find_identifiers("prop. " * 10000) == []
    long_text = ("Regeringens proposition 2013/14:104 " + "x" * 100_000) * 3
    assert find_identifiers(long_text) == [Identifier("prop", "Prop. 2013/14:104")]
