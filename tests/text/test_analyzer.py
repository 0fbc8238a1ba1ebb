"""Word analysis: keys that conflate inflections, bounded compound matching, exact offsets."""

from __future__ import annotations

import random
import unicodedata

import pytest

from styrsignal.text.analyzer import (
    Token,
    analyze,
    analyze_word,
    index_terms,
    index_text,
    query_terms,
)


def key(word: str, lang: str = "sv") -> str:
    return analyze_word(word, lang).stem


def finds(query: str, text: str, *, broad: bool = False, lang: str = "sv") -> bool:
    """Would an index of ``text`` answer ``query`` (every query key present)?"""
    indexed = index_text(text, lang)
    terms = set(indexed.words) | set(indexed.heads)
    if broad:
        terms |= set(indexed.prefixes)
    keys = query_terms(query, lang)
    return bool(keys) and all(k in terms for k in keys)


@pytest.mark.parametrize(
    ("form", "base"),
    [
        ("socialtjänstlagen", "socialtjänstlag"),
        ("sociala", "social"),
        ("socialt", "social"),
        ("ekonomin", "ekonomi"),
        ("förbunden", "förbund"),
        ("samordningsförbunden", "samordningsförbund"),
        ("utfallsfokuserade", "utfallsfokuserad"),
        ("tjänstemännen", "tjänsteman"),
        ("tjänster", "tjänst"),
        ("myndigheterna", "myndighet"),
        ("människor", "människa"),
        ("samverkar", "samverka"),
        ("innovationer", "innovation"),
        ("kommunerna", "kommun"),
        ("regeringens", "regering"),
        ("politiska", "politisk"),
        ("lagen", "lag"),
        ("e-tjänster", "e-tjänst"),
        ("EU:s", "EU"),
        ("Socialstyrelsen", "socialstyrelse"),
        ("drogföre\u00adbyggande", "drogförebyggande"),
    ],
)
def test_inflections_share_a_key(form: str, base: str) -> None:
    assert key(form) == key(base)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("samverkan", "samverkar"),  # noun and verb stay apart (documented choice)
        ("politik", "politisk"),
        ("tjänst", "tjänsteman"),
        ("får", "far"),  # å, ä, ö are letters of their own
        ("öra", "ora"),
        ("mål", "mal"),
        ("socialtjänstlag", "lag"),
    ],
)
def test_different_words_keep_different_keys(one: str, other: str) -> None:
    assert key(one) != key(other)


@pytest.mark.parametrize(
    ("form", "base"),
    [("policies", "policy"), ("governments", "government"), ("innovations", "innovation"), ("studies", "study")],
)
def test_english_inflections_share_a_key(form: str, base: str) -> None:
    assert key(form, "en") == key(base, "en")


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("social ekonomi", "Handlingsplan för den sociala ekonomin"),
        ("samordningsförbund", "Samordningsförbunden finansierar insatser."),
        ("socialtjänstlag", "enligt socialtjänstlagen (2025:400)"),
        ("socialtjänstlagen", "den nya socialtjänstlagen"),
        ("tjänst", "Socialtjänsten ansvarar för stödet."),
        ("tjänst", "hemtjänsten i kommunen"),
        ("tjänst", "digitala e-tjänster"),
        ("lag", "enligt socialtjänstlagen"),
        ("upphandling", "innovationsupphandling i kommuner"),
        ("politisk", "arbetsmarknadspolitiska insatser"),
        ("sociala innovationer", "stöd till social innovation"),
        ("EU", "EU:s sammanhållningspolitik"),
    ],
)
def test_searches_that_must_find(query: str, text: str) -> None:
    assert finds(query, text)


def test_english_search() -> None:
    assert finds("public procurement policies", "The policy on public procurement of innovation", lang="en")
    assert not finds("procurement", "The policy on innovation", lang="en")


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("tjänst", "tjänstemännen på departementet"),  # a civil servant is not a service
        ("tjänst", "en tjänstepension"),  # a modifier, not the head
        ("innovation", "innovationsupphandling i kommuner"),  # only in broad search
        ("social", "socialtjänsten"),
        ("socialtjänstlag", "lagen ändras"),  # a query is never decompounded
        ("arbete", "arbetsmarknaden"),
        ("samverkan", "kommunen samverkar med regionen"),
        ("och", "kommunen och regionen"),  # stopwords give no query
    ],
)
def test_searches_that_must_not_find(query: str, text: str) -> None:
    assert not finds(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("innovation", "innovationsupphandling i kommuner"),
        ("tjänst", "en tjänstepension"),
        ("socialtjänst", "enligt socialtjänstlagen"),
        ("arbetsmarknad", "arbetsmarknadspolitiska insatser"),
    ],
)
def test_broad_search_also_matches_modifiers(query: str, text: str) -> None:
    assert finds(query, text, broad=True)


def test_token_fields() -> None:
    [token] = analyze("Socialtjänstlagen")
    assert token == Token("Socialtjänstlagen", 0, 17, token.word)
    assert (token.norm, token.lemma, token.stem, token.stop) == (
        "socialtjänstlagen",
        "socialtjänstlag",
        "socialtjänstlag",
        False,
    )
    assert [(p.surface, p.lemma, p.stem, p.start, p.end) for p in token.parts] == [
        ("social", "social", "social", 0, 6),
        ("tjänst", "tjänst", "tjänst", 6, 12),
        ("lagen", "lag", "lag", 12, 17),
    ]
    assert index_terms(token) == ("socialtjänstlag", "lag")
    assert token.word.prefixes == ("social", "socialtjänst")


def test_hyphenated_words_split_at_hyphens() -> None:
    [token] = analyze("ESF-rådets")
    assert token.lemma == "esf-råd"
    assert [(p.surface, p.start, p.end) for p in token.parts] == [("esf", 0, 3), ("rådets", 4, 10)]


def test_stopwords_and_modal_verbs() -> None:
    tokens = {t.surface: t for t in analyze("Kommunen ska och bör samverka med den regionen", "sv")}
    assert tokens["och"].stop and tokens["den"].stop and tokens["med"].stop
    assert not tokens["ska"].stop and not tokens["bör"].stop, "steering signals are searchable"
    assert index_terms(tokens["och"]) == ()
    assert query_terms("the policy shall apply", "en") == [key("policy", "en"), key("shall", "en"), key("apply", "en")]


def test_tokens_and_numbers() -> None:
    surfaces = [t.surface for t in analyze("Prop. 2013/14:104, 1,5 mnkr, EU:s e-tjänster och 1990-talet (§ 3).")]
    assert surfaces == ["Prop", "2013/14:104", "1,5", "mnkr", "EU:s", "e-tjänster", "och", "1990-talet", "3"]


# A paragraph of the seed study.
SEED = (
    "Impact Innovation utgör ett av de mest uttalade initiativen inom det svenska innovationssystemet "
    "där de aktörer som verkar inom området social innovation och sociala perspektiv lyfts fram som relevanta. "
    "Programmets inriktning på systemomställning, hållbarhet och resiliens ligger nära många av de arbetssätt "
    "som kännetecknar social innovation, såsom tvärsektoriell samverkan, användarcentrerad utveckling."
)


def test_offsets_map_back_on_real_text() -> None:
    tokens = analyze(SEED)
    assert len(tokens) > 40
    assert all(SEED[t.start : t.end] == t.surface for t in tokens)


def test_offsets_map_back_on_decomposed_text() -> None:
    text = unicodedata.normalize("NFD", "Sociala företag får stöd från Tillväxtverket.")
    tokens = analyze(text)
    assert all(text[t.start : t.end] == t.surface for t in tokens)
    assert [t.norm for t in tokens][:3] == ["sociala", "företag", "får"]
    assert key(tokens[1].surface) == key("företag")


def test_index_text_agrees_with_tokens() -> None:
    indexed = index_text(SEED)
    tokens = analyze(SEED)
    assert indexed.words == [t.stem for t in tokens if not t.stop]
    assert indexed.heads == [h for t in tokens if not t.stop for h in t.word.heads]
    assert indexed.prefixes == [p for t in tokens if not t.stop for p in t.word.prefixes]
    assert indexed.prefixes, "the seed paragraph has compounds"


def test_other_languages_get_normalisation_only() -> None:
    [token] = analyze("Päätökset", "fi")
    assert (token.norm, token.lemma, token.stem, token.parts) == ("päätökset", "päätökset", "päätökset", ())


@pytest.mark.parametrize("seed", range(20))
def test_hostile_text(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = "aåäöeé AÅÄÖ -–:'’/.,§ 0123 \u00ad\u0308\u200b\t\n_ßİ" + "socialtjänstlagen"
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
    for token in analyze(text):
        assert text[token.start : token.end] == token.surface
        assert token.start < token.end
    query_terms(text)
    index_text(text, "en")


def test_word_analysis_is_cached() -> None:
    analyze_word.cache_clear()
    analyze("kommunen kommunen kommunen")
    info = analyze_word.cache_info()
    assert (info.hits, info.misses) == (2, 1)
