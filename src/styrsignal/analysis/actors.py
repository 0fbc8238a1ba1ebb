"""Actors: the public bodies and organisations a text names, and the role it gives them.

:func:`find_actors` returns one :class:`ActorMention` per name in a text, as offsets into
that text; :func:`summarise` adds mentions up over a set of passages (an analysis object)
into one :class:`ActorSummary` per actor.

What counts as a mention
------------------------
**Registered names** come from the registry (:mod:`styrsignal.ingest.authorities`: state
agencies, ministries, the Riksdag and its committees and agencies, courts, regions,
municipalities, EU and international bodies, civil-society umbrella bodies and networks)
plus any extra actors a framework lists.  Every name and alias counts, with a genitive
"s" or ":s" ("Vinnovas", "MSB:s"); words may be split by any white space (line breaks,
no-break spaces) and soft hyphens are ignored.  A former name counts as its current body
("Sveriges Kommuner och Landsting" → Sveriges Kommuner och Regioner); ``matched`` keeps
the name as registered.  Case decides a great deal:

* one-word names match as written, in capitals ("ARBETSFÖRMEDLINGEN") or — only for the
  government, the Riksdag, its committees, ministries and a few bodies written so in running
  text — with a small initial ("regeringen", "riksdagens", "kulturutskottet");
* in a name of several words each word registered with a capital needs one in the text
  ("Sveriges Kommuner och Regioner", not "Sveriges kommuner och regioner");
* abbreviations match only as written and as whole words ("ISF", "MSB:s", never inside
  "MSB-rapport"); two-letter ones only from :data:`SHORT_ABBREVIATIONS` ("JO", "FN", "EU" …),
  none next to another word in capitals, which is a heading ("AV RAMBOLL PÅ UPPDRAG AV"), and
  not in the number of a legal act ("direktiv (EU) 2015/1535", "direktiv 2004/42/EG").

A few names need their context: "kommissionen" is the European Commission only in a text
that speaks of the EU, "rådet" is the Council only beside "Europaparlamentet", and
"Eksjö, Hultsfreds och Örebro kommuner" names three municipalities.

**Unregistered** names that look like public bodies are reported with ``registered=False``
and a lower ``confidence``: a capitalised compound ending in an agency word ("Välfärdsutredningen",
"E-delegationen", but not "Myndigheten", "Rådet" or "Regelverket"), "Nationella innovationsrådet",
"Statens X-verk", "Myndigheten för X", "X kommun", "Region X" and "Europeiska X-myndigheten".  Generic nouns
are kept out by a stop list (:data:`GENERIC_WORDS`, :data:`GENERIC_ENDINGS`) and, at the start
of a sentence, where a capital proves nothing, by the text itself: a word the same text also
writes in lower case ("Ledningsrådet träffas … i ledningsrådet") is a common noun.
Sentence-initial candidates get the lowest confidence.

Roles
-----
A role is given only when a cue in the same sentence says so, next to the actor with no other
actor in between; names joined by "och", "," or a parenthesis ("Verket för innovationssystem
(Vinnova)") share it.  ``role_cue`` is the wording that decided.

* ``commissioned``: "uppdrar åt X", "ger X i uppdrag", "X får/fick/har fått (regeringens) uppdrag",
  "uppdraget till X", "X ska redovisa", "Xs uppdrag", "X has been commissioned";
* ``funder``: "X finansierar/beviljar", "X fördelar medel", "medel/bidrag/statsbidrag från X",
  "finansieras av X", "funding from X", "funded by X";
* ``responsible``: "X ansvarar för", "X har (det övergripande) ansvaret", "ansvarig myndighet: X",
  "under Xs ansvar", "X samordnar", "X har till uppgift", "X ska fullgöra", "X is responsible for";
* ``partner``: "i samverkan/samarbete/samråd med X", "tillsammans med X", "samarbete mellan X och Y",
  "X och Y ska gemensamt", "in cooperation with X".

When several cues apply, the first in that order wins.  The subject of "Regeringen uppdrar åt
…" gets no role: the schema has none for whoever gives an assignment.

Speed
-----
All registered names are one regular expression built as a prefix tree, compiled once (under a
second), without case-insensitive matching, which is several times slower in Python's ``re``;
the patterns for unregistered names and roles run only where a cheap substring test says they
can match, role cues are looked for only within :data:`_REACH` characters of a name, and no
pattern backtracks, so a scan stays linear in the text: about 4.5 million characters a second
(CPU time) over the development corpus cut into passages, 3 million on whole documents.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal, Protocol, TypeVar

from styrsignal.ingest.authorities import Authority, authorities, display_name
from styrsignal.model import Mention
from styrsignal.text.sentences import split_sentences

Role = Literal["responsible", "commissioned", "funder", "partner"]
ROLES: tuple[Role, ...] = ("commissioned", "funder", "responsible", "partner")
"""The roles, in the order they are tried."""

SHORT_ABBREVIATIONS = frozenset({"JO", "DO", "JK", "HD", "FK", "AF", "FN", "EU", "EG", "LO"})
"""Two-letter abbreviations that are matched; any other needs three letters or more."""
DENIED_FORMS = frozenset({
    "Af", "US", "AM", "RN",  # too short, or ordinary words
    "DIN", "RAK", "MIA", "FAS", "MVA", "SOFI",  # abbreviations that are words or other bodies
    "Regeringen och Regeringskansliet",  # two actors, each found on its own
    "Kammarrätter", "Tingsrätter", "Domstolsväsendet", "Polisväsendet", "Rikspolisväsendet",
    "Polisorganisationen",  # collective rows of the agency lists: in running text, common nouns
})
"""Registry names and aliases never matched as actors."""
LOWERCASE_KINDS = frozenset({"government", "riksdag", "riksdag_committee", "ministry"})
LOWERCASE_NAMES = frozenset({"Europaparlamentet", "Lagrådet", "Riksrevisionen", "Riksbanken",
                             "Justitiekanslern", "Justitieombudsmannen", "Riksdagsförvaltningen"})
"""Bodies also written with a small initial in running text ("regeringen", "europaparlamentet")."""

_AGENCY_WORDS = ("myndigheten", "verket", "styrelsen", "rådet", "departementet", "inspektionen", "institutet",
                 "ombudsmannen", "delegationen", "kommittén", "utredningen", "kommissionen", "ämbetet")
_GENERIC = """
    läroverket regelverket ramverket nätverket hantverket kraftverket konstverket affärsverket ämbetsverket verktyget
    tillsynsmyndigheten förvaltningsmyndigheten certifieringsmyndigheten revisionsmyndigheten
    kontrollmyndigheten sektorsmyndigheten expertmyndigheten uppdragsmyndigheten värdmyndigheten
    huvudmyndigheten beslutsmyndigheten tillståndsmyndigheten prövningsmyndigheten registreringsmyndigheten
    ansvarsmyndigheten samordningsmyndigheten behörighetsmyndigheten stödmyndigheten centralmyndigheten
    förvaltningsmyndigheterna partnermyndigheten
    kommunstyrelsen regionstyrelsen landstingsstyrelsen länsstyrelsen bolagsstyrelsen förbundsstyrelsen
    föreningsstyrelsen skolstyrelsen stiftsstyrelsen kyrkostyrelsen koncernstyrelsen riksstyrelsen
    projektstyrelsen styrelsen
    kommunalrådet regionrådet landstingsrådet statsrådet justitierådet elevrådet föräldrarådet
    pensionärsrådet kyrkorådet personalrådet brukarrådet ungdomsrådet funktionshinderrådet
    tillgänglighetsrådet samverkansrådet expertrådet skolrådet kommunrådet stadsrådet borgarrådet
    partsrådet programrådet referensrådet
    fackdepartementet huvuddepartementet moderdepartementet ansvarsdepartementet
    forskningsinstitutet lärosätet
    delutredningen huvudutredningen konsekvensutredningen nulägesutredningen behovsutredningen
    riskutredningen förutredningen specialutredningen socialutredningen barnavårdsutredningen
    förstudieutredningen kartläggningsutredningen
    styrkommittén programkommittén övervakningskommittén ledningskommittén referenskommittén
    arbetskommittén organisationskommittén
    kommundelegationen
    prästämbetet biskopsämbetet domarämbetet
    brandinspektionen
"""
GENERIC_WORDS = frozenset(_GENERIC.split())
"""Compounds ending in an agency word that name a kind of body, not a body."""
GENERIC_ENDINGS = ("området", "regelverket", "ramverket", "nätverket", "hantverket", "kraftverket", "verktyget",
                   "konstverket", "tillsynsmyndigheten", "förvaltningsmyndigheten")
"""Endings that make any compound generic: "Stockholmsområdet" (-om-rådet), "Marktjänstregelverket"."""
_DETERMINER_WORDS = """
    Varje Vilken Vilket Denna Detta Den Det De En Ett Ingen Inget Någon Något Samma Annan Annat Hela Egen
    Sin Sitt Vår Er Din Min Respektive Berörd Berörda Aktuell Aktuella Större Mindre Mellanstor Liten Stor
    Svensk Svenska Hem Hemort Hemkommun Bostadsort Vistelse Arbetsgivande Ansvarig Ansvariga
"""
_DETERMINERS = frozenset(_DETERMINER_WORDS.split())

_LETTER = "[^\\W\\d_]"
_EDGE_LEFT = r"(?<![\w\-\u2010\u2011])"
_EDGE_RIGHT = r"(?![\w\-\u2010\u2011])"
_GENITIVE = "(?P<gen>:[sS]|s|(?<=[A-ZÅÄÖ]{5})S)?"
"""A genitive: "Vinnovas", "MSB:s", "ARBETSFÖRMEDLINGENS" — but "AFS" is not "AF" + s."""


class ActorLike(Protocol):
    """Anything with a name, a kind and aliases: a framework's extra actor, for one."""

    @property
    def name(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def aliases(self) -> Sequence[str]: ...


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor named in a text: ``surface == text[start:end]``."""

    name: str
    """The actor: the current body's registry name, or the name as written when unregistered."""
    kind: str
    """A registry kind ("agency", "ministry", "municipality", "eu", "civil_society" …)."""
    registered: bool
    surface: str
    start: int
    end: int
    role: Role | None = None
    confidence: float = 1.0
    via: str = "name"
    """How it was found: "name", "abbreviation", "context", "list" (of municipalities) or "pattern"."""
    matched: str | None = None
    """The registry row that matched, when it is not ``name`` (a former name)."""
    role_cue: str | None = None
    """The wording that gave the role."""
    genitive: bool = False
    """Written in the genitive ("Vinnovas", "MSB:s")."""


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """One actor over a set of passages."""

    name: str
    kind: str
    registered: bool
    mentions: int
    passages: int
    roles: dict[str, int] = field(default_factory=dict)
    examples: tuple[Hashable, ...] = ()
    """Ids of the first passages that name the actor, in input order."""
    surfaces: tuple[str, ...] = ()
    """The distinct ways the texts write it, most frequent first."""


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    kind: str
    form: str
    matched: str | None
    abbreviation: bool


# -- the matcher ------------------------------------------------------------------------------

class ActorMatcher:
    """Finds actors in text; built once from registry rows (and extras), then reused."""

    def __init__(self, rows: Iterable[Authority] | None = None, *, extra: Iterable[ActorLike] = ()) -> None:
        rows = tuple(authorities() if rows is None else rows)
        by_name = {row.name: row for row in rows}
        self._exact: dict[str, _Entry] = {}
        """One-word names as written (and in capitals), normalised by :func:`_norm`."""
        self._folded: dict[str, _Entry] = {}
        """Names of several words, normalised and case-folded."""
        self._keys: set[str] = set()
        """Everything the expression matches; a letter in the private-use area matches in either case."""
        for row in rows:
            current = _current(row, by_name)
            matched = row.name if current.name != row.name else None
            for form in (row.name, *row.aliases):
                self._add(form, _Entry(current.name, current.kind, form, matched, _is_abbreviation(form)),
                          lowercase=row.kind in LOWERCASE_KINDS or row.name in LOWERCASE_NAMES)
        for actor in extra:
            for form in (actor.name, *actor.aliases):
                self._add(form, _Entry(actor.name, actor.kind, form, None, _is_abbreviation(form)), lowercase=False)
        self._abbreviations = frozenset(e.form for e in self._exact.values() if e.abbreviation)
        self._pattern = re.compile(_EDGE_LEFT + "(?P<name>" + _trie(self._keys) + ")" + _GENITIVE + _EDGE_RIGHT)
        self._municipalities = {e.form.casefold(): e for e in self._folded.values() if e.kind == "municipality"}

    def _add(self, form: str, entry: _Entry, *, lowercase: bool) -> None:
        """Index ``form`` and put the ways it may be written into the expression's prefix tree."""
        form = " ".join(form.replace("\u00ad", "").split())
        if form in DENIED_FORMS or not form:
            return
        letters = sum(ch.isalpha() for ch in form)
        if entry.abbreviation and letters < 3 and form not in SHORT_ABBREVIATIONS:
            return
        if " " in form:
            key = _norm(form)
            self._folded.setdefault(key.casefold(), entry)
            # words after the first may take a capital ("Verket för Näringslivsutveckling"), the first
            # may lose one only where allowed; all in capitals is a heading
            words = key.split(" ")
            first = _either_case(words[0]) if lowercase else words[0]
            rest = [_either_case(w) if w[:1].islower() else w for w in words[1:]]
            self._keys.add(" ".join([first, *rest]))
            self._keys.add(key.upper())
            return
        variants = {form, form.upper()} if len(form) >= 5 else {form}
        if lowercase:
            variants.add(form[0].lower() + form[1:])
        for variant in variants:
            self._exact.setdefault(_norm(variant), entry)
            self._keys.add(_norm(variant))

    def find(self, text: str) -> list[ActorMention]:
        """Every actor named in ``text``, left to right, without overlaps."""
        clean, offsets = _without_soft_hyphens(text)
        found = self._registered(clean) + _unregistered(clean, self)
        mentions = _resolve(found)
        if mentions:
            mentions = _with_roles(clean, mentions)
        if offsets is not None:
            mentions = [_restore(m, text, offsets) for m in mentions]
        return mentions

    def _registered(self, text: str) -> list[ActorMention]:
        found: list[ActorMention] = []
        for m in self._pattern.finditer(text):
            name = _norm(m.group("name"))
            entry = self._exact.get(name) or self._folded.get(name.casefold())
            if entry is None or (entry.abbreviation and self._in_heading(text, m.start(), m.end())):
                continue
            if entry.form == "Sida" and re.match(r"\s+\d", text[m.end():m.end() + 3]):
                continue  # a page number: "Sida 3 av 12"
            if entry.form in _ACT_MARKS and (text[m.start() - 1:m.start()] == "/" or (
                    text[m.start() - 1:m.start()] == "(" and _LEGAL_ACT.match(text, m.end()))):
                continue  # in the number of a legal act: "(EU) 2015/1535", "(EG) nr 765/2008", "2004/42/EG"
            found.append(ActorMention(
                entry.name, entry.kind, True, m.group(0), m.start(), m.end(),
                confidence=0.9 if entry.abbreviation else 1.0, via="abbreviation" if entry.abbreviation else "name",
                matched=entry.matched, genitive=m.group("gen") is not None))
        found += self._in_context(text)
        return found

    def _in_heading(self, text: str, start: int, end: int) -> bool:
        """Whether an abbreviation stands next to another word in capitals: a heading, not a name."""
        before = re.search(r"(" + _LETTER + r"+)[^\w\n]{1,3}$", text[max(0, start - 40):start])
        after = re.match(r"[^\w\n]{1,3}(" + _LETTER + r"+)", text[end:end + 40])
        return any(
            m is not None and len(m.group(1)) > 1 and m.group(1).isupper()
            and m.group(1) not in self._abbreviations and m.group(1) not in _CAPITAL_NEIGHBOURS
            for m in (before, after))

    def _in_context(self, text: str) -> list[ActorMention]:
        """Names that need their surroundings: the Commission, the Council, lists of municipalities."""
        found: list[ActorMention] = []
        commission, council = self._exact.get("EU-kommissionen"), self._folded.get("europeiska unionens råd")
        if commission is not None and "ommissionen" in text and _EU_CUE.search(text):
            for m in _COMMISSION.finditer(text):
                found.append(ActorMention(commission.name, commission.kind, True, m.group(0), m.start(), m.end(),
                                          confidence=0.7, via="context"))
        if council is not None and "uropaparlamentet" in text:
            for m in _COUNCIL.finditer(text):
                span = m.span("council") if m.group("council") is not None else m.span("council2")
                found.append(ActorMention(council.name, council.kind, True, text[span[0]:span[1]], *span,
                                          confidence=0.8, via="context"))
        for plural in _PLURAL.finditer(text) if " kommuner" in text or " städer" in text else ():
            window = max(0, plural.start() - 300)  # the list before "kommuner", searched backwards in a window
            listed = _MUNICIPALITY_LIST.search(text, window, plural.start())
            if listed is None:
                continue
            for place in re.finditer(r"[A-ZÅÄÖ][\w-]*(?:\s[A-ZÅÄÖ][\w-]*)?", listed.group("places")):
                entry = self.municipality(place.group(0))
                if entry is not None:
                    start = listed.start("places") + place.start()
                    found.append(ActorMention(entry.name, entry.kind, True, place.group(0), start,
                                              start + len(place.group(0)), confidence=0.9, via="list"))
        return found

    def known(self, name: str, m: re.Match[str], *, end: int | None = None, genitive: bool = False
              ) -> ActorMention | None:
        """A registered name written with a stray hyphen ("utbildnings-politisk", from a line break)."""
        joined = _norm(_STRAY_HYPHEN.sub("", name.replace("-och ", "- och ")))
        entry = self._exact.get(joined) or self._folded.get(joined.casefold())
        if entry is None or joined == _norm(name):
            return None
        end = m.end() if end is None else end
        genitive = genitive or m.groupdict().get("gen") is not None
        return ActorMention(entry.name, entry.kind, True, m.string[m.start():end], m.start(), end, confidence=0.9,
                            via="name", matched=entry.matched, genitive=genitive)

    def municipality(self, place: str) -> _Entry | None:
        """The registered municipality of ``place`` ("Hultsfreds" → Hultsfreds kommun, "Malmö" → Malmö stad)."""
        for name in (f"{place} kommun", f"{place}s kommun", f"{place} stad", f"{place[:-1]} kommun"):
            if (entry := self._municipalities.get(name.casefold())) is not None:
                return entry
        return None


_ACT_MARKS = frozenset({"EU", "EG"})
_LEGAL_ACT = re.compile(r"\)\s*(?:nr\s*)?\d")
_STRAY_HYPHEN = re.compile(r"(?<=[a-zåäö])-(?=[a-zåäö])(?!och\b)")
_CAPITAL_NEIGHBOURS = frozenset({"EU", "EG", "EES", "SFS", "SOU", "AB", "KD", "MP", "SD", "IOP"})
_EU_CUE = re.compile(r"(?<![\w-])(?:EU(?![\w])|EU:s|EU-|Europeiska\s+unionen|europeiska\s+unionen|unionens?\b"
                     r"|[Ee]uropaparlament|medlemsstat)")
_COMMISSION = re.compile(_EDGE_LEFT + r"[Kk]ommissionen(?:s)?" + _EDGE_RIGHT + r"(?!\s+(?:för|om|mot)\b)")
_COUNCIL = re.compile(r"(?:[Ee]uropaparlamentet(?:s)?\s+och\s+(?P<council>rådet(?:s)?)"
                      r"|(?P<council2>[Rr]ådet(?:s)?)\s+och\s+[Ee]uropaparlamentet)" + _EDGE_RIGHT)
_PLACE = r"[A-ZÅÄÖ][\w-]*+(?:\s[A-ZÅÄÖ][\w-]*+)?"
_PLURAL = re.compile(r"\s(?:kommuner|städer)" + _EDGE_RIGHT)
_MUNICIPALITY_LIST = re.compile(  # "Eksjö, Hultsfreds, Mönsterås och Örebro" (before "kommuner")
    _EDGE_LEFT + rf"(?P<places>(?:{_PLACE},\s+){{0,20}}{_PLACE}\s+och\s+{_PLACE})$")


def _current(row: Authority, by_name: dict[str, Authority]) -> Authority:
    """The body a row's name stands for today: the end of its chain of successors."""
    seen = {row.name}
    while row.successor and row.successor in by_name and row.successor not in seen:
        row = by_name[row.successor]
        seen.add(row.name)
    return row


def _is_abbreviation(form: str) -> bool:
    """"MSB", "SiS", "HaV", "FoHM", "Brå" — short and not written as a word."""
    return " " not in form and len(form) <= 6 and (sum(ch.isupper() for ch in form) >= 2 or len(form) <= 3)


def _norm(text: str) -> str:
    """A name as matched: white space as one space, dashes between words as "–", hyphens as "-"."""
    text = " ".join(text.replace("\u00ad", "").split())
    text = re.sub(r"\s*[–—]\s*|\s+-\s+", "–", text)
    return text.replace("\u2010", "-").replace("\u2011", "-")


_EITHER = 0xF0000
"""Offset into Unicode's private-use area marking a letter that may be written in either case."""


def _either_case(word: str) -> str:
    """``word`` with its first letter marked to match in either case."""
    return chr(_EITHER + ord(word[0])) + word[1:] if word[:1].isalpha() else word


def _trie(keys: Iterable[str]) -> str:
    """One expression matching every key, as a prefix tree; white space and dashes are flexible."""
    root: _Trie = {}
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(root) or "(?!)"


_Trie = dict[str, "_Trie"]
_ATOMS = {" ": r"\s+", "–": r"\s*[-–—]\s*", "-": r"[-\u2010\u2011]", ".": r"\.\s*"}


def _atom(ch: str) -> str:
    if ord(ch) >= _EITHER:
        letter = chr(ord(ch) - _EITHER)
        return f"[{letter.lower()}{letter.upper()}]"
    return _ATOMS.get(ch) or re.escape(ch)


def _trie_regex(node: _Trie) -> str:
    branches = [_atom(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _without_soft_hyphens(text: str) -> tuple[str, list[int] | None]:
    if "\u00ad" not in text:
        return text, None
    offsets = [i for i, ch in enumerate(text) if ch != "\u00ad"]
    return text.replace("\u00ad", ""), offsets


def _restore(mention: ActorMention, text: str, offsets: list[int]) -> ActorMention:
    start, end = offsets[mention.start], offsets[mention.end - 1] + 1
    return replace(mention, surface=text[start:end], start=start, end=end)


def _resolve(found: list[ActorMention]) -> list[ActorMention]:
    """Registered mentions first, the longest where they overlap; unregistered ones only where nothing else is."""
    kept: list[ActorMention] = []
    for mention in sorted((m for m in found if m.registered), key=lambda m: (m.start, -m.end)):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    starts = [m.start for m in kept]
    for mention in sorted((m for m in found if not m.registered), key=lambda m: (m.start, -m.end)):
        at = bisect_right(starts, mention.start)
        if (at == 0 or kept[at - 1].end <= mention.start) and (at == len(kept) or kept[at].start >= mention.end):
            kept.insert(at, mention)
            starts.insert(at, mention.start)
    return kept


# -- unregistered names ------------------------------------------------------------------------

_NAME_WORD = r"[a-zåäöé][\w]*(?:-[\w]+)*-?"
_COMPOUND = re.compile(  # the whole word, then a look back at its ending: no backtracking into words
    _EDGE_LEFT + r"[A-ZÅÄÖ][\w-]*+(?:" + "|".join(f"(?<={w})|(?<={w}s)" for w in _AGENCY_WORDS) + ")")
_STATENS = re.compile(
    _EDGE_LEFT + r"(?P<name>Statens\s+(?:[a-zåäö]+-\s+och\s+)?[a-zåäö-]*(?:verk|råd|nämnd|institut|inspektion|myndighet"
    r"|styrelse|ämbete|byrå|anstalt|centrum|center|museer|museum|arkiv|kommission|delegation|kollegium))"
    r"(?P<gen>s)?" + _EDGE_RIGHT)
_HEAD_FOR = re.compile(
    _EDGE_LEFT + r"(?P<name>(?:Myndigheten|Delegationen|Kommittén|Utredningen|Inspektionen|Nämnden|Rådet|Institutet"
    r"|Centrum|Ombudsmannen|Kommissionen|Verket|Styrelsen|Beredningen)\s+(?:för|mot|om)\s+"
    + _NAME_WORD + r"(?:(?:\s*,\s*|\s+)" + _NAME_WORD + r"){0,7})")
_NAME_STOP_WORDS = """
    ska skall har hade är var blir blev som kan kunde får fick bör måste vill inte också även dock i på med
    vid från genom under enligt samt men eller att sig sin sitt sina efter inom hos mellan redan nu då när
    där vilket vilken vilka eftersom anser menar föreslår bedömer avser skulle kunna kunde kommer ha vara bli
    ges gavs gör gjorde lämnar lämnade tar tog konstaterar framhåller uppger påpekar tillstyrker avstyrker
    delar betonar numera tidigare sedan enligt vilket samtidigt
"""
_NAME_STOP = frozenset(_NAME_STOP_WORDS.split())
_SHORT_STEM = re.compile(r"(?!E[UG]-)[A-ZÅÄÖ]{1,4}-")
"""An abbreviation before a hyphen: "E-delegationen", "IT-kommissionen" (but "EU-myndigheten" is generic)."""
_NATIONAL = re.compile(  # "Nationella innovationsrådet": a national body named by adjective and compound
    _EDGE_LEFT + r"Nationella\s+(?P<word>[a-zåäö][\w-]*?(?:" + "|".join(_AGENCY_WORDS) + r"))(?P<gen>s)?" + _EDGE_RIGHT)
_HEAD_WORDS = re.compile(r"(?:Myndigheten|Delegationen|Kommittén|Utredningen|Inspektionen|Nämnden|Rådet|Institutet"
                         r"|Centrum|Ombudsmannen|Kommissionen|Verket|Styrelsen|Beredningen)\s+(?:för|mot|om)\s")
_NAME_WORDS = 6
"""Words after "för"/"om"/"mot" in a name found by pattern: "Delegationen för unga och nyanlända till arbete"."""
_NAME_GOES_ON = frozenset({"och", "av", "för", "om", "mot", "med", "i", "eller"})
_HEAD_FOR_BAD_START = frozenset({"att", "sin", "sitt", "sina", "dess", "detta", "denna", "det", "den", "de",
                                 "hur", "vilka", "vilken", "vad", "varför", "egen", "eget", "egna"})
_MUNICIPALITY = re.compile(
    _EDGE_LEFT + r"(?P<place>[A-ZÅÄÖ][\w-]+(?:\s[A-ZÅÄÖ][\w-]+)?)\s+(?P<type>kommun|stad)(?P<gen>s)?" + _EDGE_RIGHT)
_REGION = re.compile(
    _EDGE_LEFT + r"(?P<name>Region[ \u00a0][A-ZÅÄÖ][\w-]+(?:[ \u00a0][A-ZÅÄÖ][\w-]+)?(?:[ \u00a0]län)?)(?P<gen>s)?"
    + _EDGE_RIGHT)
_EU_BODY = re.compile(
    _EDGE_LEFT + r"(?P<name>Europeiska\s+(?:unionens\s+)?[a-zåäö][\w-]*(?:myndigheten|byrån|kommittén|ombudsmannen"
    r"|banken|institutet|rådet|centrumet|centret|domstolen|revisionsrätten|tjänsten|kommissionen))(?P<gen>s)?"
    + _EDGE_RIGHT)
_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:[#•●▪◦*–—-]+[ \t]*|\(?\d{1,3}[.)][ \t]*|[a-z][.)][ \t]*)?$")


def _unregistered(text: str, matcher: ActorMatcher) -> list[ActorMention]:
    """Names that look like public bodies but are not in the registry."""
    found: list[ActorMention] = []
    initial: Callable[[int], bool] = _sentence_starts(text)
    for m in _COMPOUND.finditer(text):
        word = m.group(0)
        genitive = word.endswith("s")
        word = word[:-1] if genitive else word
        if (known := matcher.known(word, m)) is not None:
            found.append(known)
            continue
        stem = next(word[: -len(s)] for s in _AGENCY_WORDS if word.endswith(s))
        lower = word.lower()
        if (sum(ch.isalpha() for ch in stem) < 3 and not _SHORT_STEM.fullmatch(stem)) or lower in GENERIC_WORDS \
                or lower.endswith(GENERIC_ENDINGS):
            continue
        first = initial(m.start())
        if first and _written_lower(text, word):
            continue  # "Nätverket består av … i nätverket": a capital only because a sentence starts
        kind = "ministry" if word.endswith("departementet") else "agency"
        found.append(_pattern_mention(m, word, kind, 0.5 if first else 0.7, genitive))
    for m in _NATIONAL.finditer(text) if "Nationella" in text else ():
        word = m.group("word")
        if len(word) - max(len(w) for w in _AGENCY_WORDS if word.endswith(w)) >= 3 and word not in GENERIC_WORDS:
            name = _norm(m.group(0)[:-1] if m.group("gen") else m.group(0))
            found.append(_pattern_mention(m, name, "agency", 0.5 if initial(m.start()) else 0.7))
    for m in _STATENS.finditer(text) if "Statens" in text else ():
        found.append(_pattern_mention(m, _norm(m.group("name")), "agency", 0.8))
    for m in _HEAD_FOR.finditer(text) if _HEAD_WORDS.search(text) else ():
        if (named := _head_for_name(m.group("name"))) is None:
            continue
        surface, genitive = named
        name, start = _norm(surface[:-1] if genitive else surface), m.start()
        if (known := matcher.known(name, m, end=start + len(surface), genitive=genitive)) is not None:
            found.append(known)
            continue
        found.append(ActorMention(name, "agency", False, surface, start, start + len(surface),
                                  confidence=0.5 if initial(start) else 0.6, via="pattern", genitive=genitive))
    for m in _MUNICIPALITY.finditer(text) if " kommun" in text or " stad" in text else ():
        place = m.group("place")
        if place.split()[0] in _DETERMINERS or place.isupper() or initial(m.start()):
            continue
        entry = matcher.municipality(place)
        if entry is not None:
            found.append(ActorMention(entry.name, entry.kind, True, m.group(0), m.start(), m.end(),
                                      confidence=0.8, via="name", genitive=m.group("gen") is not None))
        else:
            found.append(_pattern_mention(m, f"{place} {m.group('type')}", "municipality", 0.6))
    for m in _REGION.finditer(text) if "Region" in text else ():
        found.append(_pattern_mention(m, _norm(m.group("name")), "region", 0.7))
    for m in _EU_BODY.finditer(text) if "Europeiska" in text else ():
        found.append(_pattern_mention(m, _norm(m.group("name")), "eu", 0.7))
    return found


def _head_for_name(text: str) -> tuple[str, bool] | None:
    """The name in "Myndigheten för …", up to the first word that cannot belong to it, and whether
    it ends in a genitive ("Utredningen för ett stärkt civilsamhälles betänkande")."""
    words = re.split(r"(\s*,\s*|\s+)", text)  # head, " ", "för", " ", first word, …
    if words[4].lower() in _HEAD_FOR_BAD_START:
        return None
    end, genitive = 4, False
    while end < len(words) and words[end] not in _NAME_STOP and end < 4 + 2 * _NAME_WORDS:
        end += 2
        if end < len(words) and words[end - 2].endswith("s") and words[end] not in _NAME_GOES_ON:
            genitive = True
            break
    while end > 4 and words[end - 2] in {"och", "eller"}:
        end, genitive = end - 2, False
    return ("".join(words[: end - 1]), genitive) if end > 4 else None


def _pattern_mention(m: re.Match[str], name: str, kind: str, confidence: float,
                     genitive: bool | None = None) -> ActorMention:
    if genitive is None:
        genitive = m.group("gen") is not None
    return ActorMention(name, kind, False, m.group(0), m.start(), m.end(), confidence=confidence, via="pattern",
                        genitive=genitive)


def _written_lower(text: str, word: str) -> bool:
    """Whether ``text`` also writes ``word`` with a small initial: then it is a common noun."""
    lower = word[0].lower() + word[1:]
    at = text.find(lower)
    while at >= 0:
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "-\u2010\u2011_"):
            return True
        at = text.find(lower, at + 1)
    return False


def _sentence_starts(text: str) -> Callable[[int], bool]:
    """A test for "does a sentence or a line start here?" that splits the text only when asked."""
    starts: set[int] = set()

    def initial(at: int) -> bool:
        if not starts:
            starts.update(s for s, _ in split_sentences(text))
            starts.add(-1)
        while at > 0 and text[at - 1] in _OPENING:
            at -= 1
        return at in starts or _LINE_START.search(text, max(0, at - 12), at) is not None

    return initial


_OPENING = "\"'“”‘’«»(["


# -- roles -------------------------------------------------------------------------------------

_W = r"[^\s.;:!?]+"
"""One word, in the role patterns: anything but white space and sentence punctuation."""
_BEFORE: dict[Role, re.Pattern[str]] = {
    "commissioned": re.compile(
        rf"(?:\b(?:uppdrar|uppdrog|uppdragit|uppdragits|uppdra)\s+(?:{_W}\s+){{0,4}}?åt"
        rf"|\bi\s+uppdrag\s+åt|\buppdrag(?:et|en)?\s+(?:{_W}\s+){{0,2}}?till)\s*$", re.IGNORECASE),
    "funder": re.compile(
        rf"(?:\b(?:medel|medlen|bidrag|bidraget|bidragen|finansiering|finansieringen|medfinansiering|anslag|anslaget"
        rf"|statsbidrag|statsbidraget|pengar|pengarna|projektmedel|ekonomiskt\s+stöd|finansiellt\s+stöd"
        rf"|statligt\s+stöd)\s+(?:{_W}\s+){{0,3}}?(?:från|ur)"
        rf"|\b(?:finansier\w*|medfinansier\w*|bekostas|bekostad\w*|bidragsfinansier\w*)\s+(?:{_W}\s+){{0,2}}?"
        rf"(?:av|från|genom|via)"
        rf"|\b(?:funding|funds|grants?|financing|financial\s+support)\s+(?:{_W}\s+){{0,2}}?from"
        rf"|\b(?:funded|financed|co-financed|cofinanced|sponsored)\s+by)(?:\s+the)?\s*$", re.IGNORECASE),
    "responsible": re.compile(
        rf"(?:\bansvarig(?:a)?(?:\s+(?:myndighet|aktör|part|organisation|departement))?\s*(?::|är|blir)"
        rf"|\bansvar(?:et)?\s+(?:{_W}\s+){{0,3}}?(?:ligger\s+(?:hos|på)|åvilar|vilar\s+på)"
        rf"|\bresponsibility\s+of|\bresponsible\s+(?:body|authority|agency)\s*(?::|is))(?:\s+the)?\s*$",
        re.IGNORECASE),
    "partner": re.compile(
        r"\b(?:(?:i\s+(?:nära\s+)?)?(?:samverkan|samarbete|samråd|dialog|partnerskap)|tillsammans"
        r"|samverka[r]?|samarbeta[r]?|samråda|samråder)\s+med\s+(?:[^.;:!?]{0,40}\s)?$"
        r"|\b(?:samverkan|samarbete[t]?|partnerskap(?:et)?|överenskommelse[n]?|dialog(?:en)?)\s+mellan\s+$"
        r"|\b(?:in\s+(?:close\s+)?(?:cooperation|co-operation|collaboration|partnership|consultation)|together|jointly)"
        r"\s+with\s+(?:the\s+)?$", re.IGNORECASE),
}
_AFTER: dict[Role, re.Pattern[str]] = {
    "commissioned": re.compile(
        rf"^(?:\s*i\s+uppdrag\b|\s+(?:has\s+been|was|is|were|are)\s+(?:commissioned|tasked|mandated)\b"
        rf"|(?:\s+(?!att\b){_W}){{0,8}}?\s+"
        rf"(?:får|fick|fått|få|getts|gavs|ges|givits|tilldelats|tilldelas|erhållit|erhöll)\s+(?:{_W}\s+){{0,3}}?"
        rf"(?:i\s+uppdrag|uppdraget|ett\s+uppdrag|\w+s\s+uppdrag)\b"
        rf"|\s+(?:har|hade)\s+(?:{_W}\s+){{0,2}}?(?:i\s+uppdrag|uppdraget|ett\s+uppdrag|regeringens\s+uppdrag)\b"
        rf"|\s+(?:ska|skall)\s+(?:{_W}\s+){{0,2}}?(?:redovisa|återrapportera|rapportera)\b)", re.IGNORECASE),
    "funder": re.compile(
        rf"^(?:\s+{_W}){{0,2}}?\s+(?:finansierar|finansierade|har\s+finansierat|medfinansierar|beviljar|beviljade"
        rf"|funds|funded|finances|financed|co-finances"
        rf"|har\s+beviljat|betalar\s+ut|står\s+för\s+(?:{_W}\s+)?finansieringen"
        rf"|bidrar\s+med\s+(?:{_W}\s+){{0,2}}?(?:kronor|medel|miljoner|mnkr|finansiering)"
        rf"|(?:fördelar|fördelade|delar\s+ut)\s+(?:{_W}\s+){{0,3}}?(?:medel|medlen|bidrag|stöd|statsbidrag|anslag"
        rf"|pengar))\b", re.IGNORECASE),
    "responsible": re.compile(
        rf"^(?:\s+{_W}){{0,2}}?\s+(?:ansvarar|ansvarade|ansvara|har\s+(?:{_W}\s+){{0,2}}?(?:huvud)?ansvar(?:et)?"
        rf"|bär\s+(?:{_W}\s+)?ansvar(?:et)?|är\s+ansvarig\w*|är\s+huvudman|samordnar|har\s+till\s+uppgift"
        rf"|(?:ska|skall)\s+(?:{_W}\s+)?fullgöra|(?:is|are)\s+responsible\s+for)\b", re.IGNORECASE),
    "partner": re.compile(
        rf"^(?:\s+{_W}){{0,2}}?\s+(?:samverkar|samarbetar|samråder|tillsammans|i\s+(?:nära\s+)?samverkan"
        rf"|i\s+samarbete|i\s+samråd)\s+med\b", re.IGNORECASE),
}
_TOGETHER = re.compile(rf"^\s+(?:ska|skall|har|bör|kommer\s+att)?\s*(?:{_W}\s+){{0,2}}?(?:gemensamt|tillsammans)\b",
                       re.IGNORECASE)
_GENITIVE_COMMISSIONED = re.compile(r"^\s+(?:\w+\s+)?uppdrag\b", re.IGNORECASE)
_GENITIVE_RESPONSIBLE = re.compile(r"^\s+(?:\w+\s+)?ansvar(?P<for>\s+för)?\b", re.IGNORECASE)
_UNDER = re.compile(r"\bunder\s*$", re.IGNORECASE)
_INVERTED_SHALL = re.compile(r"\b(?:ska|skall)\s+$", re.IGNORECASE)
_INVERTED_REPORT = re.compile(r"^\s+(?:\w+\s+)?(?:redovisa|återrapportera)\b", re.IGNORECASE)
_JOIN = re.compile(r"\s*(?:\)\s*)?(?:,|och|samt|respektive|liksom|&)?\s*(?:\(\s*)?")
_CUES = re.compile(r"uppdr|ansvar|finansi|medel|medlen|bidrag|bevilja|fördela|delar\s+ut|samverka|samarbet"
                   r"|samråd|tillsammans|gemensam|redovisa|rapportera|stöd|anslag|pengar|bekosta|dialog"
                   r"|partnerskap|överenskommelse|huvudman|samordnar|betalar|uppgift|fullgöra"
                   r"|fund|financ|grant|sponsor|responsib|commission|task|mandate|cooperat|co-operat|collaborat"
                   r"|partnership|consultation|together|jointly")
"""Words without which no role is given, searched in the lower-cased text (case-insensitive search is slow)."""
_REACH = 160
"""Characters before and after a name in which its role cue must stand."""
_COMMISSIONING_KINDS = frozenset({"government", "ministry", "riksdag"})
"""Kinds whose "uppdrag" is one they give: "regeringens uppdrag" is an assignment from the government."""


def _with_roles(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    if not _CUES.search(text.lower()):
        return mentions
    sentences = split_sentences(text)
    ends = [end for _, end in sentences]
    out: list[ActorMention] = []
    i = 0
    while i < len(mentions):
        k = bisect_right(ends, mentions[i].start - 1)
        s_start, s_end = sentences[k] if k < len(sentences) else (0, len(text))
        j = i + 1  # a group: names joined by "och", "," or a parenthesis, in one sentence
        while (j < len(mentions) and mentions[j].start < s_end and mentions[j].start - mentions[j - 1].end <= 12
               and _JOIN.fullmatch(text, mentions[j - 1].end, mentions[j].start)):
            j += 1
        group = mentions[i:j]
        prev_end = max(s_start, mentions[i - 1].end if i else 0)
        next_start = min(s_end, mentions[j].start if j < len(mentions) else len(text))
        if j < len(mentions) and mentions[j].genitive and mentions[j].kind in _COMMISSIONING_KINDS:
            # "X har fått regeringens uppdrag": look past the one who gives it
            next_start = min(s_end, mentions[j + 1].start if j + 1 < len(mentions) else len(text))
        before = text[max(prev_end, group[0].start - _REACH):group[0].start]
        after = text[group[-1].end:min(next_start, group[-1].end + _REACH)].lstrip(")")
        for role in ROLES:
            cue = _cue(role, before, after, group)
            if cue is not None:
                group = [replace(m, role=role, role_cue=" ".join(cue.split())) for m in group]
                break
        out += group
        i = j
    return out


def _cue(role: Role, before: str, after: str, group: list[ActorMention]) -> str | None:
    """The wording around a group of names that gives it ``role``, if any."""
    if (m := _BEFORE[role].search(before)) is not None:
        return m.group(0)
    if (m := _AFTER[role].match(after)) is not None:
        return m.group(0)
    last = group[-1]
    if role == "partner" and len(group) > 1 and (m := _TOGETHER.match(after)) is not None:
        return m.group(0)
    if role == "commissioned":
        if last.genitive and last.kind not in _COMMISSIONING_KINDS and (m := _GENITIVE_COMMISSIONED.match(after)):
            return last.surface + m.group(0)
        if _INVERTED_SHALL.search(before) and (m := _INVERTED_REPORT.match(after)) is not None:
            return "ska " + last.surface + m.group(0)
    if role == "responsible" and last.genitive and (m := _GENITIVE_RESPONSIBLE.match(after)) is not None \
            and (m.group("for") or _UNDER.search(before)):
        return ("under " if _UNDER.search(before) else "") + last.surface + m.group(0)
    return None


# -- front door --------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def default_matcher() -> ActorMatcher:
    """The matcher over the bundled registry (built on first use, about a second)."""
    return ActorMatcher()


def find_actors(text: str, *, matcher: ActorMatcher | None = None) -> list[ActorMention]:
    """Every actor named in ``text``, with its role where the sentence gives one."""
    return (matcher or default_matcher()).find(text)


K = TypeVar("K", bound=Hashable)


class NamedMention(Protocol):
    """What summarising needs of a mention: :class:`ActorMention` and the stored ``Mention`` both fit."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def registered(self) -> bool: ...
    @property
    def role(self) -> str | None: ...
    @property
    def surface(self) -> str: ...


def by_passage(mentions: Iterable[Mention]) -> list[tuple[int, list[Mention]]]:
    """Stored mentions grouped by passage, in order of first appearance: input for :func:`summarise`."""
    grouped: dict[int, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.passage_id, []).append(mention)
    return list(grouped.items())


def summarise(
    items: Iterable[tuple[K, str | Sequence[NamedMention]]],
    *,
    examples: int = 3,
    matcher: ActorMatcher | None = None,
    display: bool = False,
) -> list[ActorSummary]:
    """One summary per actor over ``items``: (passage id, text) or (passage id, its mentions).

    Actors are ordered by mentions, then name; ``examples`` passage ids are kept per actor.
    With ``display`` names are the everyday ones ("Vinnova" rather than the registry's
    "Verket för innovationssystem (Vinnova)").
    """
    counts: Counter[tuple[str, str, bool]] = Counter()
    passages: dict[tuple[str, str, bool], dict[K, None]] = {}  # an ordered set
    roles: dict[tuple[str, str, bool], Counter[str]] = {}
    surfaces: dict[tuple[str, str, bool], Counter[str]] = {}
    for passage_id, content in items:
        mentions = find_actors(content, matcher=matcher) if isinstance(content, str) else content
        for m in mentions:
            key = (m.name, m.kind, m.registered)
            counts[key] += 1
            passages.setdefault(key, {})[passage_id] = None
            roles.setdefault(key, Counter())
            if m.role is not None:
                roles[key][m.role] += 1
            surfaces.setdefault(key, Counter())[" ".join(m.surface.split())] += 1
    ordered = sorted(counts, key=lambda key: (-counts[key], display_name(key[0]) if display else key[0]))
    return [
        ActorSummary(display_name(name) if display else name, kind, registered, counts[(name, kind, registered)],
                     len(passages[(name, kind, registered)]),
                     dict(roles[(name, kind, registered)].most_common()),
                     tuple(passages[(name, kind, registered)])[:examples],
                     tuple(s for s, _ in surfaces[(name, kind, registered)].most_common()))
        for name, kind, registered in ordered
    ]
