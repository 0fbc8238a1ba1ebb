"""Small curated stopword lists for Swedish and English.

Stopwords are function words that carry no topic: articles, pronouns, conjunctions,
prepositions, auxiliaries.  They are left out of search indexes and never count as parts
of a compound ("tjänste|man" does not yield the part "man").

Deliberately *not* stopwords: modal verbs and their relatives (ska, skall, bör, borde,
måste, får, kan, kunde, skulle; shall, should, must, may, will, can).  In policy texts
these words are the steering signals themselves — "kommunen ska", "staten bör" — and an
analyst has to be able to search for them.
"""

from __future__ import annotations

_SWEDISH = """
    alla allt andra annan annat att av bara blev bli blir blivit både de dem den denna
    deras dess dessa det detta dig din dina ditt dock du där då eftersom ej eller en er
    era ert ett från för genom ha hade han hans har henne hennes hon honom hos hur här i
    icke ingen inget inom inte jag ju man med mellan men mig min mina mitt mot mycket ni
    nu någon något några när och också om oss på samma samt sedan sig sin sina sitt själv
    som så sådan sådana sådant till under ut utan vad var vara varför varit varje vars
    vem vi vid vilka vilkas vilken vilket vår våra vårt än ännu är åt även över
"""

_ENGLISH = """
    a about above after again all also an and any are as at be because been before being
    below between both but by did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not of off on once only or other our ours
    ourselves out over own same she so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why with you your yours yourself
"""

SWEDISH: frozenset[str] = frozenset(_SWEDISH.split())
ENGLISH: frozenset[str] = frozenset(_ENGLISH.split())

_LISTS = {"sv": SWEDISH, "en": ENGLISH}


def stopwords(lang: str) -> frozenset[str]:
    """The stopword list for ``lang`` ("sv" or "en"); empty for any other language."""
    return _LISTS.get(lang, frozenset())
