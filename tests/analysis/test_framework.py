"""The framework file: the packaged default, the checks on user files and the commands."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import typer
import yaml
from pydantic import ValidationError
from typer.testing import CliRunner

from styrsignal.analysis.framework import (
    Framework,
    FrameworkError,
    Terms,
    default_framework_path,
    load_framework,
    term_query,
)
from styrsignal.search.query import Phrase, Prefix, Term, query_keys, query_prefixes
from styrsignal.search.snippets import match_spans
from styrsignal.text.analyzer import query_terms

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def default() -> Framework:
    return load_framework()


def theme_hits(framework: Framework, text: str, lang: str = "sv") -> set[str]:
    """The themes a passage is coded with: a term or pattern matches and no exclusion does."""
    hits = set()
    for theme in framework.themes:
        if any(match_spans(text, term_query(t), lang) for t in theme.exclude.get(lang)):
            continue
        if any(match_spans(text, term_query(t), lang) for t in theme.terms.get(lang)) \
                or any(p.search(text) for p in theme.patterns.compiled(lang)):
            hits.add(theme.id)
    return hits


def all_term_lists(framework: Framework) -> list[tuple[str, Terms]]:
    lists: list[tuple[str, Terms]] = []
    for theme in framework.themes:
        lists += [(f"themes.{theme.id}.terms", theme.terms), (f"themes.{theme.id}.exclude", theme.exclude)]
    impact = framework.impact
    lists += [("impact.subject_terms", impact.subject_terms), ("impact.enabling", impact.enabling),
              ("impact.constraining", impact.constraining)]
    lists += [(f"impact.instruments.{i.id}", i.terms) for i in impact.instruments]
    lists += [(f"impact.scope.{s.id}", s.terms) for s in impact.scope]
    return lists


# --- the default framework --------------------------------------------------------------

def test_default_framework_validates(default: Framework) -> None:
    assert default.source == default_framework_path()
    assert default.name == "social-innovation"
    assert default.languages == ["sv", "en"]
    assert [q.id for q in default.questions] == ["national-support", "competence-centre", "key-actors"]
    assert re.fullmatch(r"social-innovation@\d{4}\.\d+#[0-9a-f]{12}", default.version_key)
    assert default.actors.registry == "builtin"
    assert {"Mötesplats Social Innovation", "Famna"} <= {a.name for a in default.actors.extra}


SEED_AREAS = {
    "cross-sector collaboration": "cross-sector-collaboration",
    "outcome focus and social outcome contracts": "outcome-focus",
    "prevention and early intervention": "prevention",
    "participation and user needs": "participation",
    "rights-based work": "rights-based",
    "scalability and measurability": "scalability-measurability",
    "follow-up and learning": "follow-up-learning",
    "test beds and labs": "test-beds-labs",
    "civil society and the social economy": "civil-society-social-economy",
    "funding (including blended finance)": "funding",
    "digitalisation and AI": "digitalisation-ai",
    "mission-oriented innovation": "mission-oriented",
    "regional and local anchoring": "regional-local",
    "security and preparedness": "security-preparedness",
}


@pytest.mark.parametrize("area", SEED_AREAS)
def test_default_framework_covers_each_area_in_both_languages(default: Framework, area: str) -> None:
    theme = default.theme(SEED_AREAS[area])
    assert theme.label.en and theme.description.en
    assert len(theme.terms.sv) >= 8, area
    assert len(theme.terms.en) >= 7, area


def test_default_framework_has_the_subject_theme_and_sub_themes(default: Framework) -> None:
    assert len(default.themes) == 18
    assert default.theme("social-innovation").parent is None
    assert [t.id for t in default.children("outcome-focus")] == ["social-outcome-contracts"]
    assert [t.id for t in default.ancestors("blended-finance")] == ["funding"]
    with pytest.raises(FrameworkError, match="no theme 'nope'; available: social-innovation, cross-sector"):
        default.theme("nope")


def test_default_impact_criteria(default: Framework) -> None:
    impact = default.impact
    assert impact.classifier == "rules.v1"
    assert [i.id for i in impact.instruments] == ["funding", "call", "government-assignment", "programme",
                                                  "legal-mandate"]
    assert [s.id for s in impact.scope] == ["sweden", "eu", "nordic", "other"]
    for subject in ("social innovation", "social ekonomi", "social investering", "socialt utfallskontrakt",
                    "socialt företag", "socialt entreprenörskap"):
        assert subject in impact.subject_terms.sv
    assert {"social innovation", "social economy", "social enterprise"} <= set(impact.subject_terms.en)
    assert len(impact.enabling) >= 20 and len(impact.constraining) >= 30
    assert impact.thresholds.model_dump() == {
        "direct_min_subject_passages": 2, "direct_min_instrument_passages": 1,
        "indirect_min_theme_passages": 3, "indirect_min_themes": 2, "indirect_anchor_score": 5.0}


def _default_terms() -> list[tuple[str, str, str]]:
    framework = load_framework()
    return [(where, lang, term) for where, terms in all_term_lists(framework) for lang, term in terms.items()]


@pytest.mark.parametrize(("where", "lang", "term"), _default_terms())
def test_every_default_term_parses_and_yields_keys(where: str, lang: str, term: str) -> None:
    node = term_query(term)
    assert isinstance(node, Term | Phrase | Prefix)
    assert query_keys(node) or query_prefixes(node), (where, lang, term)
    if len(term.split()) > 1:
        assert isinstance(node, Phrase), f"{where}: {term!r} lost words to stopwords"


def test_no_list_repeats_a_term_in_effect(default: Framework) -> None:
    """Two terms of one list that find the same words in texts of their language are clutter
    ("delaktig" adds nothing to "delaktighet")."""
    for where, terms in all_term_lists(default):
        for lang in ("sv", "en"):
            seen: dict[tuple[bool, tuple[str, ...]], str] = {}
            for term in terms.get(lang):
                key = (term.endswith("*"), tuple(query_terms(term.strip('"*'), lang)))
                assert key not in seen, f"{where}.{lang}: {term!r} finds what {seen[key]!r} finds"
                seen[key] = term


@pytest.mark.parametrize(("text", "theme"), [
    ("Kommunen ska samverka med regionen och föreningarna.", "cross-sector-collaboration"),
    ("Samverkansformerna mellan myndigheterna ses över.", "cross-sector-collaboration"),
    ("Ett idéburet offentligt partnerskap tecknades med föreningen.", "cross-sector-collaboration"),
    ("Staden har ett IOP med en förening.", "cross-sector-collaboration"),
    ("Staten prövar utfallsbaserade modeller.", "outcome-focus"),
    ("Två sociala utfallskontrakt har tecknats.", "social-outcome-contracts"),
    ("Socialnämnden ska arbeta brottsförebyggande.", "prevention"),
    ("Tidiga insatser för barn och unga prioriteras.", "prevention"),
    ("Brukarnas inflytande över insatserna ska öka.", "participation"),
    ("Verksamheten utgår från användarnas behov.", "participation"),
    ("Barnets bästa ska komma i främsta rummet.", "rights-based"),
    ("Arbetet bygger på mänskliga rättigheter.", "rights-based"),
    ("Metoden är skalbar och resultaten mätbara.", "scalability-measurability"),
    ("Lösningen har skalats upp till fler kommuner.", "scalability-measurability"),
    ("Resultaten följs upp och utvärderingarna publiceras.", "follow-up-learning"),
    ("Insatserna vilar på beprövad erfarenhet.", "follow-up-learning"),
    ("Testbäddarna öppnas för fler aktörer.", "test-beds-labs"),
    ("Policylabbet prövade nya arbetssätt.", "test-beds-labs"),
    ("Civilsamhällets organisationer och kooperativen.", "civil-society-social-economy"),
    ("Den sociala ekonomin växer.", "civil-society-social-economy"),
    ("Statsbidragen till projekten fördelas årligen.", "funding"),
    ("Finansieringsmodellen ses över.", "funding"),
    ("Blandfinansiering kan locka privat kapital.", "blended-finance"),
    ("Välfärdsteknik och e-tjänster införs.", "digitalisation-ai"),
    ("AI-förordningen ställer nya krav.", "digitalisation-ai"),
    ("Missionsorienterade satsningar möter samhällsutmaningarna.", "mission-oriented"),
    ("Den regionala utvecklingsstrategin pekar ut social hållbarhet.", "regional-local"),
    ("Insatserna ska vara lokalt förankrade.", "regional-local"),
    ("Det civila försvaret byggs upp igen.", "security-preparedness"),
    ("Krisberedskapen i kommunerna stärks.", "security-preparedness"),
    ("Socialt entreprenörskap lyfts fram.", "social-innovation"),
])
def test_swedish_inflections_and_compounds_find_their_theme(default: Framework, text: str, theme: str) -> None:
    assert theme in theme_hits(default, text)


@pytest.mark.parametrize(("text", "theme"), [
    ("Patientsäkerheten ska förbättras.", "security-preparedness"),      # not "säkerhet" alone
    ("Smittspridningen minskade under våren.", "scalability-measurability"),  # excluded
    ("Omställningsstudiestödet gäller från 2022.", "mission-oriented"),  # excluded
    ("Stadsmissionen driver härbärgen.", "mission-oriented"),           # excluded
    ("Den finansiella stabiliteten är god.", "funding"),                 # no finansierings* prefix
    ("Kommunen ansvarar för skolan.", "regional-local"),                 # not "kommun" alone
    ("Eleverna lär sig läsa.", "follow-up-learning"),                    # not "lärande" alone
])
def test_broad_words_do_not_code_a_passage(default: Framework, text: str, theme: str) -> None:
    assert theme not in theme_hits(default, text)


@pytest.mark.parametrize(("text", "theme"), [
    ("Cross-sector partnerships between municipalities and NGOs.", "cross-sector-collaboration"),
    ("Social impact bonds (SIBs) were piloted.", "social-outcome-contracts"),
    ("Early intervention and crime prevention.", "prevention"),
    ("Co-design with people with lived experience.", "participation"),
    ("The best interests of the child come first.", "rights-based"),
    ("Measuring social return on investment.", "scalability-measurability"),
    ("Regulatory sandboxes and living labs.", "test-beds-labs"),
    ("Worker cooperatives in the social economy.", "civil-society-social-economy"),
    ("Blended finance and impact investing.", "blended-finance"),
    ("AI-driven public services.", "digitalisation-ai"),
    ("Community-led local development.", "regional-local"),
    ("Civil defence and emergency preparedness.", "security-preparedness"),
])
def test_english_terms_find_their_theme(default: Framework, text: str, theme: str) -> None:
    assert theme in theme_hits(default, text, "en")


def test_english_cooperation_is_not_a_cooperative(default: Framework) -> None:
    assert "civil-society-social-economy" not in theme_hits(default, "International cooperation grew.", "en")


@pytest.mark.parametrize(("text", "instrument"), [
    ("Regeringen ger Vinnova i uppdrag att stödja sociala innovationer.", "government-assignment"),
    ("Myndigheten har fått i uppdrag att utforma ett stöd.", "government-assignment"),
    ("Vinnova utlyser medel för sociala innovationer.", "call"),
    ("Regeringen avsätter 50 miljoner kronor.", "funding"),
    ("Myndigheten ska verka för att den sociala ekonomin stärks.", "legal-mandate"),
    ("Handlingsplanen för den sociala ekonomin antogs.", "programme"),
])
def test_instruments_are_recognised(default: Framework, text: str, instrument: str) -> None:
    item = next(i for i in default.impact.instruments if i.id == instrument)
    assert any(match_spans(text, term_query(t), "sv") for t in item.terms.sv) \
        or any(p.search(text) for p in item.patterns.compiled("sv"))


def test_term_query_reads_words_phrases_and_prefixes() -> None:
    assert isinstance(term_query("samverkan"), Term)
    assert term_query("lokal förankring") == term_query('"lokal förankring"')
    assert isinstance(term_query("lokal förankring"), Phrase)
    assert isinstance(term_query("samverkans*"), Prefix)


# --- checks on user files ---------------------------------------------------------------

MINIMAL = """\
name: test
version: "1"
languages: [sv, en]
description: {sv: Test}
questions:
  - id: q1
    text: {sv: En fråga}
themes:
  - id: alpha
    label: {sv: Alfa}
    description: {sv: Första}
    terms: {sv: [samverkan], en: [partnership]}
impact:
  subject_terms: {sv: [social innovation]}
  instruments:
    - id: funding
      label: {sv: Finansiering}
      terms: {sv: [finansiering]}
  scope:
    - id: sweden
      label: {sv: Sverige}
      terms: {sv: [Sverige]}
actors:
  registry: builtin
  extra:
    - {name: Mötesplats Social Innovation, kind: network, aliases: [MSI]}
"""


def write(tmp_path: Path, text: str, name: str = "framework.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    header, *lines = str(caught.value).splitlines()
    assert header == f"{len(lines)} problem(s) in {path}:"
    assert caught.value.exit_code == 2
    return lines


def test_minimal_framework_loads(tmp_path: Path) -> None:
    framework = load_framework(write(tmp_path, MINIMAL))
    assert framework.term_count() == 2
    assert framework.theme("alpha").weight == 1.0
    assert framework.impact.thresholds.direct_min_subject_passages == 2
    assert framework.questions[0].text.get("en") == "En fråga"  # English falls back to Swedish


BROKEN = """\
name: broken
version: "1"
languages: [sv, en]
description: {sv: Trasigt ramverk}
questions:
  - id: q1
    text: {sv: Fungerar det}
themes:
  - id: alpha
    label: {sv: Alfa}
    description: {sv: Första}
    terms: {sv: [samverkan]}
    colour: red
  - id: beta
    description: {sv: Saknar etikett}
    terms: {sv: [och]}
  - id: alpha
    label: {sv: Alfa igen}
    description: {sv: Dubblett}
    terms: {sv: [partnerskap]}
  - id: gamma
    label: {sv: Gamma}
    description: {sv: Fel förälder}
    terms: {sv: [testbädd]}
    parent: gama
  - id: delta
    label: {sv: Delta}
    description: {sv: Cykel}
    terms: {sv: [labb]}
    parent: epsilon
  - id: epsilon
    label: {sv: Epsilon}
    description: {sv: Cykel}
    terms: {sv: [uppföljning]}
    patterns: {sv: ['(unclosed']}
    parent: delta
  - id: zeta
    label: {sv: Zeta}
    description: {sv: Fel typ}
    terms: {sv: [finansiering]}
    weight: tung
impact:
  subject_terms: {sv: [social innovation]}
  instruments:
    - id: funding
      label: {sv: Finansiering}
      terms: {sv: finansiering}
  scope:
    - id: sweden
      label: {sv: Sverige}
      terms: {sv: [Sverige]}
"""


def test_broken_framework_reports_every_problem_with_file_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    assert problems(path) == [
        f"{path}:13 themes[0].colour: unknown field 'colour'; valid here: id, label, description, terms, "
        "patterns, exclude, parent, weight, anchor",
        f"{path}:14 themes[1].label: missing field 'label' (required)",
        f"{path}:16 themes[1].terms.sv[0]: 'och' is only stopwords, so it would match nothing; use a content "
        "word or a phrase with one",
        f"{path}:17 themes[2].id: duplicate theme id 'alpha' (first used at themes[0]); each theme id must be "
        "unique",
        f"{path}:25 themes[3].parent: unknown theme 'gama' (did you mean 'gamma'?); available: alpha, beta, "
        "gamma, delta, epsilon, zeta",
        f"{path}:30 themes[4].parent: parent cycle delta → epsilon → delta; a theme cannot be its own ancestor",
        f"{path}:35 themes[5].patterns.sv[0]: '(unclosed' is not a valid regular expression: missing ), "
        "unterminated subpattern at position 0 (Python re syntax; escape special characters such as + ( ) . "
        "with a backslash)",
        f"{path}:41 themes[6].weight: Input should be a valid number, unable to parse string as a number",
        f"{path}:47 impact.instruments[0].terms.sv: Input should be a valid list (write a list: [a, b] or one "
        "'- item' per line)",
    ]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('version: "1"', "version: 2025.1",
     ':2 version: 2025.1 was read as a number; quote it so it stays as written, e.g. version: "2025.1"'),
    ("languages: [sv, en]", "languages: [en]", ":3 languages: must include sv: every theme has Swedish terms"),
    ("languages: [sv, en]", "languages: [sv]",
     ":12 themes[0].terms.en: English terms, but en is not in languages: add it to languages or remove these terms"),
    ("languages: [sv, en]", "languages: [sv, de]", ":3 languages[1]: Input should be 'sv' or 'en'"),
    ("  - id: alpha", "  - id: Alpha Theme",
     ":9 themes[0].id: 'Alpha Theme' is not a valid id: use lower-case letters, digits and hyphens, "
     "e.g. 'cross-sector-collaboration'"),
    ("terms: {sv: [samverkan], en", "terms: {sv: [], en",
     ":12 themes[0].terms.sv: needs at least one Swedish term"),
    ("[samverkan]", "[samverkan, Samverkan]",
     ":12 themes[0].terms.sv: 'Samverkan' is listed twice (items 0 and 1); remove one"),
    ("[samverkan]", "[so*]",
     ":12 themes[0].terms.sv[0]: 'so*': a prefix needs at least 3 letters before '*', or it matches far too many "
     "words"),
    ("[samverkan]", "[samverkan OR partnerskap]",
     ":12 themes[0].terms.sv[0]: 'samverkan OR partnerskap': a term is a word, a phrase or prefix*; search "
     "operators (OR, AND, NOT, -word, parentheses) are not allowed — list alternatives as separate terms and put "
     "exclusions under exclude"),
    ("en: [partnership]", "en: [open up]",
     ":12 themes[0].terms.en[0]: 'open up' searches only for 'open': the other words are stopwords, which are not "
     "indexed; write 'open' alone or a phrase with two or more content words"),
    ("[samverkan]", "[samverkan*s]",
     ":12 themes[0].terms.sv[0]: 'samverkan*s': '*' is allowed only at the end of a single word (prefix*)"),
    ("    terms: {sv: [samverkan], en: [partnership]}\n",
     "    terms: {sv: [samverkan], en: [partnership]}\n    patterns: {sv: ['x*']}\n",
     ":13 themes[0].patterns.sv[0]: 'x*' matches the empty string, so it would match every passage"),
    ("    terms: {sv: [samverkan], en: [partnership]}\n",
     "    terms: {sv: [samverkan], en: [partnership]}\n    exlude: {sv: [lag]}\n",
     ":13 themes[0].exlude: unknown field 'exlude' (did you mean 'exclude'?); valid here: id, label, description, "
     "terms, patterns, exclude, parent, weight, anchor"),
    ("    terms: {sv: [samverkan], en: [partnership]}\n",
     "    terms: {sv: [samverkan], en: [partnership]}\n    parent: alpha\n",
     ":13 themes[0].parent: a theme cannot be its own parent"),
    ("    - id: sweden", "    - id: world",
     ":20 impact.scope[0].id: Input should be 'sweden', 'eu', 'nordic' or 'other'"),
    ("kind: network", "kind: ngo", ":26 actors.extra[0].kind: Input should be 'government', 'ministry', 'agency', "
     "'court', 'riksdag', 'riksdag_committee', 'riksdag_agency', 'region', 'municipality', 'eu', 'other', 'nordic', "
     "'international', 'civil_society', 'academia', 'business', 'network', 'programme' or 'fund'"),
    ("registry: builtin", "registry: actors.csv",
     ":24 actors.registry: 'actors.csv': give 'builtin' or the path of a .tsv or .yaml file"),
    ("questions:\n  - id: q1\n    text: {sv: En fråga}\n",
     "questions:\n  - id: q1\n    text: {sv: En fråga}\n  - id: q1\n    text: {sv: Igen}\n",
     ":8 questions[1].id: duplicate question id 'q1' (first used at questions[0]); each question id must be unique"),
    ("    - {name: Mötesplats Social Innovation, kind: network, aliases: [MSI]}\n",
     "    - {name: Mötesplats Social Innovation, kind: network, aliases: [MSI]}\n"
     "    - {name: MÖTESPLATS SOCIAL INNOVATION, kind: network}\n",
     ":27 actors.extra[1].name: duplicate actor name 'MÖTESPLATS SOCIAL INNOVATION' (first used at "
     "actors.extra[0]); each actor name must be unique"),
    ("impact:\n", "impact:\n  thresholds: {direct_min_subject_passages: 0}\n",
     ":14 impact.thresholds.direct_min_subject_passages: Input should be greater than or equal to 1"),
    ("impact:\n", "impact:\n  classifier: rules.v9\n", ":14 impact.classifier: Input should be 'rules.v1'"),
])
def test_each_problem_is_reported_with_its_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in MINIMAL
    path = write(tmp_path, MINIMAL.replace(old, new, 1))
    assert problems(path) == [f"{path}{expected}"]


def test_registry_file_is_looked_up_next_to_the_framework(tmp_path: Path) -> None:
    text = MINIMAL.replace("registry: builtin", "registry: actors.tsv")
    assert problems(write(tmp_path, text)) == [
        f"{tmp_path / 'framework.yaml'}:24 actors.registry: 'actors.tsv': no such file next to the framework "
        f"(looked for {tmp_path / 'actors.tsv'})"]
    (tmp_path / "actors.tsv").write_text("Mötesplats Social Innovation\tnetwork\tMSI\t\t\n", encoding="utf-8")
    framework = load_framework(tmp_path / "framework.yaml")
    assert framework.actors.registry_path(tmp_path) == tmp_path / "actors.tsv"


@pytest.mark.parametrize(("text", "expected"), [
    ("", "expected a mapping at the top level, found NoneType"),
    ("name: [unclosed\n", ":2: invalid YAML"),
])
def test_unreadable_files_say_why(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FrameworkError, match=re.escape(expected)):
        load_framework(path)
    with pytest.raises(FrameworkError, match="cannot read"):
        load_framework(tmp_path / "missing.yaml")


def test_hostile_structures_give_located_errors_not_crashes() -> None:
    """Any value in any place of the default framework: a ValidationError, never a crash."""
    base = yaml.safe_load(default_framework_path().read_text(encoding="utf-8"))
    values: list[object] = [None, 0, 1.5, True, "", "x", "och", "(", [], [None], {}, {"x": 1}, [{"id": "a"}],
                            ["sv", {"a": 1}], "a*", "Bad Id"]

    def paths(node: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        return [prefix, *(p for key, value in children for p in paths(value, (*prefix, key)))]

    places = paths(base)[1:]
    rng = random.Random(20250101)
    for _ in range(400):
        data = copy.deepcopy(base)
        for place in rng.sample(places, rng.randint(1, 4)):
            node = data
            with contextlib.suppress(KeyError, IndexError, TypeError):
                for key in place[:-1]:
                    node = node[key]
                node[place[-1]] = copy.deepcopy(rng.choice(values))
        with contextlib.suppress(ValidationError):
            Framework.model_validate(data)


def test_version_key_follows_the_content(tmp_path: Path) -> None:
    first = load_framework(write(tmp_path, MINIMAL, "a.yaml")).version_key
    again = load_framework(write(tmp_path, "# a comment changes nothing\n" + MINIMAL, "b.yaml")).version_key
    changed = load_framework(write(tmp_path, MINIMAL.replace("[samverkan]", "[samverkan, samskapande]"),
                                   "c.yaml")).version_key
    bumped = load_framework(write(tmp_path, MINIMAL.replace('version: "1"', 'version: "2"'), "d.yaml")).version_key
    assert first == again
    assert len({first, changed, bumped}) == 3
    assert first.startswith("test@1#") and bumped.startswith("test@2#")


# --- commands ---------------------------------------------------------------------------

@pytest.fixture
def runner_app() -> typer.Typer:
    """The framework commands on an app of their own, independent of the main app's registry."""
    from styrsignal.cli import framework_commands

    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        pass

    framework_commands.register(app)
    return app


def test_validate_command_in_process(runner_app: typer.Typer, tmp_path: Path) -> None:
    framework = load_framework()
    result = CliRunner().invoke(runner_app, ["framework", "validate"])
    assert result.exit_code == 0, result.output
    assert result.output == (f"ok: social-innovation {framework.version} ({len(framework.themes)} themes, "
                             f"{framework.term_count()} terms)\n")
    result = CliRunner().invoke(runner_app, ["framework", "validate", str(write(tmp_path, BROKEN))])
    assert isinstance(result.exception, FrameworkError)
    assert result.exception.exit_code == 2


def test_show_command_in_process(runner_app: typer.Typer) -> None:
    runner = CliRunner()
    swedish = runner.invoke(runner_app, ["framework", "show"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert swedish.exit_code == 0, swedish.output
    assert "Sektorsövergripande samverkan" in swedish.output and "Centrala frågor" in swedish.output
    assert "/(?i)\\bco-?operatives?\\b/" not in swedish.output  # English patterns only with --lang en
    english = runner.invoke(runner_app, ["framework", "show", "--lang", "en"], env={"COLUMNS": "200"})
    assert "Cross-sector collaboration" in english.output and "/(?i)\\bco-?operatives?\\b/" in english.output
    data = json.loads(runner.invoke(runner_app, ["framework", "show", "--json"]).output)
    assert data["version_key"] == load_framework().version_key
    assert len(data["themes"]) == 18


def _styrsignal(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "styrsignal", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "COLUMNS": "400", "NO_COLOR": "1"}, timeout=120,
                          check=False)


def test_cli_validate_exit_codes(tmp_path: Path) -> None:
    """Through the real console entry point (needs the command registered in cli/app.py)."""
    ok = _styrsignal("framework", "validate", default_framework_path(), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith(f"ok: social-innovation {load_framework().version} (18 themes, ")
    broken = write(tmp_path, BROKEN)
    bad = _styrsignal("framework", "validate", broken, cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.startswith(f"error: 9 problem(s) in {broken}:\n")
    for line in (":13 themes[0].colour", ":14 themes[1].label", ":17 themes[2].id", ":25 themes[3].parent",
                 ":30 themes[4].parent", ":35 themes[5].patterns.sv[0]", ":41 themes[6].weight",
                 ":47 impact.instruments[0].terms.sv"):
        assert f"\n{broken}{line}: " in bad.stderr


def test_default_framework_is_package_data() -> None:
    """A wheel must carry the default framework (pyproject's package-data)."""
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/frameworks/*"' in pyproject
