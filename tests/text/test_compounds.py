"""Decompounding: real Swedish compounds split right, lexical words stay whole."""

from __future__ import annotations

import gc
import warnings
from importlib import resources

import pytest

from styrsignal.text.compounds import MIN_PART, OPAQUE, split_compound


def parts(word: str) -> list[str]:
    return [part.surface for part in split_compound(word)]


def lemmas(word: str) -> list[str]:
    return [part.lemma for part in split_compound(word)]


@pytest.mark.parametrize(
    ("word", "expected_parts", "expected_lemmas"),
    [
        ("socialtjänstlagen", "social|tjänst|lagen", "social|tjänst|lag"),
        ("innovationsupphandling", "innovations|upphandling", "innovation|upphandling"),
        ("samordningsförbunden", "samordnings|förbunden", "samordning|förbund"),
        ("utfallsfokuserade", "utfalls|fokuserade", "utfall|fokusera"),
        ("arbetsmarknadspolitiska", "arbets|marknads|politiska", "arbete|marknad|politisk"),
        ("arbetsmarknaden", "arbets|marknaden", "arbete|marknad"),
        ("socialtjänsten", "social|tjänsten", "social|tjänst"),
        ("hemtjänsten", "hem|tjänsten", "hem|tjänst"),
        ("välfärdstjänster", "välfärds|tjänster", "välfärd|tjänst"),
        ("tjänstepension", "tjänste|pension", "tjänst|pension"),
        ("hälsofrämjande", "hälso|främjande", "hälsa|främja"),
        ("arbetsmiljölagen", "arbets|miljö|lagen", "arbete|miljö|lag"),
        ("civilsamhället", "civil|samhället", "civil|samhälle"),
        ("samhällsutveckling", "samhälls|utveckling", "samhälle|utveckling"),
        ("handlingsplanen", "handlings|planen", "handling|plan"),
        ("etableringsplan", "etablerings|plan", "etablering|plan"),
        ("sammanhållningspolitik", "sammanhållnings|politik", "sammanhållning|politik"),
        ("regionalfonden", "regional|fonden", "regional|fond"),
        ("investeringsmodeller", "investerings|modeller", "investering|modell"),
        ("skyddsåtgärder", "skydds|åtgärder", "skydd|åtgärd"),
        ("beslutsprocesser", "besluts|processer", "beslut|process"),
        ("länsstyrelserna", "läns|styrelserna", "läns|styrelse"),  # the dictionary lists "läns-" as a stem
        ("sjukvården", "sjuk|vården", "sjuk|vård"),
        ("handläggningstiden", "handläggnings|tiden", "handläggning|tid"),
    ],
)
def test_compounds_split(word: str, expected_parts: str, expected_lemmas: str) -> None:
    assert "|".join(parts(word)) == expected_parts
    assert "|".join(lemmas(word)) == expected_lemmas


@pytest.mark.parametrize(
    "word",
    [
        # From the issue: frequent lexical words that must not be taken apart.
        "tjänst",
        "kommunen",  # not kommun|en
        "regeringen",  # not reg|eringen
        "arbete",
        "samverkan",  # not sam|verkan
        "verksamhet",  # not verksam|het
        "myndighet",
        "utveckling",  # not ut|veckling
        "förutsättningar",  # not förut|sättningar
        "människor",
        "beredskap",  # not bered|skap
        "ansvar",  # not an|svar
        # Lexicalised words whose "parts" mislead.
        "tjänsteman",  # not tjänste|man: a civil servant is not a kind of man-service
        "tjänstemännen",
        "upphandling",  # not upp|handling
        "utbildning",  # not ut|bildning
        "uppdraget",
        "framtid",  # not fram|tid
        "efterfrågan",  # not efter|frågan
        "sjukdom",  # not sjuk|dom
        "handläggning",  # not hand|läggning
        "taxering",  # not taxe|ring
        "europeiska",  # not euro|piska
        "överenskommelsen",
        "partnerskap",
        "kommunerna",
        "förvaltningen",
        # Dictionary-valid splits that frequency rejects: the whole word is as common as
        # its rarest "part" or more.
        "kombination",  # not kombi|nation
        "storleken",  # not stor|leken
        "ordförande",  # not ord|förande
        "portföljen",  # not port|följen
        "biologiska",  # not bio|logiska
        "bakgrund",
        "nätverket",
        "slutsatser",
        "målsättning",
        "läkemedel",
        # Not words at all, or too short to split.
        "xyzxyzxyz",
        "elbil",
        "",
    ],
)
def test_words_that_stay_whole(word: str) -> None:
    assert split_compound(word) == ()


def test_parts_cover_the_word_in_order() -> None:
    word = "personuppgiftsansvarig"
    found = split_compound(word)
    assert len(found) >= 2
    assert "".join(part.surface for part in found) == word
    assert all(word[part.start : part.end] == part.surface for part in found)
    assert all(len(part.surface) >= MIN_PART for part in found)


def test_simplified_triple_consonants_share_a_letter() -> None:
    found = split_compound("kontrollistan")  # kontroll + listan, written with two l's
    assert [(p.surface, p.lemma, p.start, p.end) for p in found] == [
        ("kontroll", "kontroll", 0, 8),
        ("listan", "lista", 7, 13),
    ]


def test_only_letters_are_split() -> None:
    assert split_compound("socialtjänst2025") == ()
    assert split_compound("e-tjänster") == (), "hyphens are the analyser's business"


def test_opaque_stems_are_not_cut_inside() -> None:
    for stem in OPAQUE:
        assert all(not (0 < part.start < len(stem)) for part in split_compound(stem + "stiden"))


def test_results_are_cached_per_word() -> None:
    split_compound.cache_clear()
    split_compound("innovationsupphandling")
    split_compound("innovationsupphandling")
    info = split_compound.cache_info()
    assert (info.hits, info.misses) == (1, 1)


SPLIT_WORDS = [
    "socialtjänstlagen",
    "innovationsupphandling",
    "samordningsförbunden",
    "utfallsfokuserade",
    "arbetsmarknadspolitiska",
    "hälsofrämjande",
    "civilsamhällesorganisationer",
    "personuppgiftsansvarig",
    "välfärdstjänster",
    "skyddsåtgärder",
    "regionalfonden",
    "handläggningstiden",
]


def test_every_split_is_one_the_reference_hunspell_accepts() -> None:
    """Our reader of the dictionary agrees with spylls, a full Hunspell implementation."""
    spylls = pytest.importorskip("spylls.hunspell")
    folder = resources.files("styrsignal").joinpath("data", "sv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # spylls leaves its files to the GC
        reference = spylls.Dictionary.from_files(str(folder.joinpath("sv_SE")))
        gc.collect()
    for word in SPLIT_WORDS:
        ours = parts(word)
        assert ours, word
        theirs = [[part.text for part in form.parts] for form in reference.lookuper.good_forms(word, affix_forms=False)]
        assert ours in theirs, (word, ours, theirs)
