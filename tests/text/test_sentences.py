"""Sentence splitting: case tables of real sentences, then invariants on hostile input."""

from __future__ import annotations

import random

import pytest

from styrsignal.text.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


# Snippets from the corpus (Riksdag/Regeringen texts, prop. 2013/14:104) and the seed study.
CASES = [
    pytest.param(
        "Att man ännu inte räknat in den sammanlagda betydelsen som civilsamhället har för t.ex. "
        "BNP kan förklaras med att det inte finns några modeller. SCB:s satelliträkenskaper som "
        "redovisats i avsnitt 3.1.2 ger dock en fingervisning.",
        [
            "Att man ännu inte räknat in den sammanlagda betydelsen som civilsamhället har för t.ex. "
            "BNP kan förklaras med att det inte finns några modeller.",
            "SCB:s satelliträkenskaper som redovisats i avsnitt 3.1.2 ger dock en fingervisning.",
        ],
        id="t.ex.-before-capital-and-section-number",
    ),
    pytest.param(
        "I budgetpropositionen för 2018 (prop. 2017/18:1 utg.omr. 24) föreslog regeringen att bl.a. "
        "50 miljoner kronor skulle avsättas för 2018 för insatser för sociala företag. Riksdagen har "
        "beslutat enligt regeringens förslag.",
        [
            "I budgetpropositionen för 2018 (prop. 2017/18:1 utg.omr. 24) föreslog regeringen att bl.a. "
            "50 miljoner kronor skulle avsättas för 2018 för insatser för sociala företag.",
            "Riksdagen har beslutat enligt regeringens förslag.",
        ],
        id="prop-reference-and-bl.a.-before-number",
    ),
    pytest.param(
        "Riksdagen beslutade om en ny lag om ekonomiska föreningar (prop. 2017/18:185, bet. 2017/18:CU25), "
        "där regeringen framhöll förslagen. Det gällde sociala företag.",
        [
            "Riksdagen beslutade om en ny lag om ekonomiska föreningar (prop. 2017/18:185, bet. 2017/18:CU25), "
            "där regeringen framhöll förslagen.",
            "Det gällde sociala företag.",
        ],
        id="prop-and-bet-in-parentheses",
    ),
    pytest.param(
        "Rätten till sfi-undervisning enligt 22 kap. 13 § skollagen (2010:800) upphör inte. "
        "Med stöd av 6 a kap. 10 § utlänningslagen (2005:716) omfattas de av lagen.",
        [
            "Rätten till sfi-undervisning enligt 22 kap. 13 § skollagen (2010:800) upphör inte.",
            "Med stöd av 6 a kap. 10 § utlänningslagen (2005:716) omfattas de av lagen.",
        ],
        id="chapter-and-section-references",
    ),
    pytest.param(
        "Det framhålls att motsvarigheten till 32 kap. 1 § OSL i den upphävda sekretesslagen gäller. "
        "Ersättning lämnas enligt 12 kap. socialförsäkringsbalken. Planen förlängs.",
        [
            "Det framhålls att motsvarigheten till 32 kap. 1 § OSL i den upphävda sekretesslagen gäller.",
            "Ersättning lämnas enligt 12 kap. socialförsäkringsbalken.",
            "Planen förlängs.",
        ],
        id="kap.-before-number-and-before-lower-case",
    ),
    pytest.param(
        "Enligt 8 kap. 10 § socialtjänstlagen (2025:400) ska kommunen samverka. Se prop. 2013/14:104 s. 23 "
        "för en motivering. Det gäller från den 1 juli.",
        [
            "Enligt 8 kap. 10 § socialtjänstlagen (2025:400) ska kommunen samverka.",
            "Se prop. 2013/14:104 s. 23 för en motivering.",
            "Det gäller från den 1 juli.",
        ],
        id="law-reference-and-page-reference",
    ),
    pytest.param(
        "Syftet är att genomföra prövningar av innovationer i s.k. Living Labs under hösten 2011. "
        "En återrapportering ska ske till Regeringskansliet.",
        [
            "Syftet är att genomföra prövningar av innovationer i s.k. Living Labs under hösten 2011.",
            "En återrapportering ska ske till Regeringskansliet.",
        ],
        id="s.k.-before-capital",
    ),
    pytest.param(
        "Utvärderingen ska visa resultatet utifrån ett socioekonomiskt synsätt, dvs. om verksamheterna "
        "har lett till minskade kostnader. Fonden finansierar detta.",
        [
            "Utvärderingen ska visa resultatet utifrån ett socioekonomiskt synsätt, dvs. om verksamheterna "
            "har lett till minskade kostnader.",
            "Fonden finansierar detta.",
        ],
        id="dvs.-before-lower-case",
    ),
    pytest.param(
        "Avsnittet heter Ett nationellt innovationsråd m.m. Därefter följer innovationskontoren.",
        ["Avsnittet heter Ett nationellt innovationsråd m.m.", "Därefter följer innovationskontoren."],
        id="m.m.-ends-a-sentence",
    ),
    pytest.param(
        "Vilka processer kan möjliggöra nationellt stöd till sociala innovationer? Vilka aktörer är "
        "relevanta! Svaren redovisas nedan.",
        [
            "Vilka processer kan möjliggöra nationellt stöd till sociala innovationer?",
            "Vilka aktörer är relevanta!",
            "Svaren redovisas nedan.",
        ],
        id="question-and-exclamation",
    ),
    pytest.param(
        "För uppdraget får Vinnova använda 5 000 000 kronor under 2012. En redovisning ska ske senast 2013.",
        ["För uppdraget får Vinnova använda 5 000 000 kronor under 2012.", "En redovisning ska ske senast 2013."],
        id="year-before-full-stop",
    ),
    pytest.param(
        "Det gäller 300 personer. 2015 infördes en ny lag.",
        ["Det gäller 300 personer.", "2015 infördes en ny lag."],
        id="number-starts-the-next-sentence",
    ),
    pytest.param(
        "Rapporten skrevs av A. Svensson och E. Ullenhag. De arbetar vid departementet.",
        ["Rapporten skrevs av A. Svensson och E. Ullenhag.", "De arbetar vid departementet."],
        id="initials",
    ),
    pytest.param(
        "1. Denna lag träder i kraft den 1 augusti 2014. 2. Äldre föreskrifter gäller fortfarande.",
        ["1. Denna lag träder i kraft den 1 augusti 2014.", "2. Äldre föreskrifter gäller fortfarande."],
        id="numbered-list-markers",
    ),
    pytest.param(
        "Kostnaden var 1.5 miljarder. Det är mycket… men inte allt. Han sa: ”Vi börjar nu.” (Se bilaga 2.) Klart",
        [
            "Kostnaden var 1.5 miljarder.",
            "Det är mycket… men inte allt.",
            "Han sa: ”Vi börjar nu.”",
            "(Se bilaga 2.)",
            "Klart",
        ],
        id="decimal-ellipsis-quotes-parentheses",
    ),
    pytest.param(
        "1.2\tBakgrund och behov..... 2\n1.3\tDisposition..... 4",
        ["1.2\tBakgrund och behov..... 2\n1.3\tDisposition..... 4"],
        id="table-of-contents-dot-leaders",
    ),
    pytest.param(
        "Insatserna omfattar:\n• arbetsförberedande insatser\n• svenska för invandrare\n\nNytt stycke.",
        ["Insatserna omfattar:", "• arbetsförberedande insatser", "• svenska för invandrare", "Nytt stycke."],
        id="bullets-and-paragraph-break",
    ),
    pytest.param(
        "Regeringen\nföreslår att lagen ändras.",
        ["Regeringen\nföreslår att lagen ändras."],
        id="line-break-inside-a-sentence",
    ),
    pytest.param(
        "The Commission, e.g. in Art. 5, said so. Mr. Smith agreed, i.e. he signed No. 5 etc. Then it ended.",
        ["The Commission, e.g. in Art. 5, said so.", "Mr. Smith agreed, i.e. he signed No. 5 etc.", "Then it ended."],
        id="english-abbreviations",
    ),
    pytest.param("", [], id="empty"),
    pytest.param("   \n\n  ", [], id="white-space-only"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_region_offsets_are_into_the_whole_text() -> None:
    text = "Rubrik\n\nFörsta meningen. Andra meningen.\n\nSlut."
    start = text.index("Första")
    end = text.index("\n\nSlut")
    spans = split_sentences(text, start, end)
    assert [text[a:b] for a, b in spans] == ["Första meningen.", "Andra meningen."]
    assert spans[0][0] == start


def test_seed_study_sentences_round_trip() -> None:
    """On real text every span is a stripped, in-order slice of the input."""
    text = (
        "Impact Innovation utgör ett av de mest uttalade initiativen inom det svenska innovationssystemet. "
        "Programmets inriktning ligger nära många arbetssätt, såsom tvärsektoriell samverkan. "
        "I SustainGov har flera sociala innovationsinitiativ redan finansierats i förstudier."
    )
    spans = split_sentences(text)
    assert len(spans) == 3
    assert_invariants(text, spans)


def assert_invariants(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        previous_end = end
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split()), "no visible character may be lost"


_ALPHABET = "aåäö AÅÄÖ bB 12 .. . . ! ? … ” ) ( § : ; , \n\n\n •-–\t" + "\u00a0"


@pytest.mark.parametrize("seed", range(30))
def test_hostile_text_keeps_invariants(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 400)))
    assert_invariants(text, split_sentences(text))


def test_long_text_without_punctuation_is_one_sentence() -> None:
    text = "ord " * 5000
    assert split_sentences(text) == [(0, len(text) - 1)]
