"""Read the Swedish Hunspell dictionary: which word forms exist and how they may compound.

The dictionary (``data/sv/sv_SE.{aff,dic}``, LGPL-3, from LibreOffice's dictionaries as
packaged by Debian's ``hunspell-sv``) does more than list words: it marks every stem with
the places it may take in a compound — ``X`` first, ``U`` middle, ``Y`` last, ``Z`` only
inside a compound — and its suffix classes build the forms compounds are made of
(``innovation`` → ``innovations-`` through class ``v``, ``-s/WXZ``).  That is the knowledge a
decompounder needs, written down by a lexicographer.

We read only the subset of the format the Swedish files use (single-character flags,
``SFX`` rules, no ``PFX``, ``NEEDAFFIX``, ``FORBIDDENWORD``, the compound flags).  spylls
reads the full format and served as the reference while this was written, but its
general lookup costs 0.3–9 ms a word; this reader answers the three questions
:mod:`styrsignal.text.compounds` asks (*may this string begin / continue / end a
compound, and as which stem?*) with a handful of dict lookups.  Everything is
lower-cased: compounds are matched on normalised words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

BEGIN = "X"
MIDDLE = "U"
END = "Y"
ONLY_IN_COMPOUND = "Z"
PERMIT = "W"
"""Suffix classes carrying ``W`` may stand on a non-final compound part."""
NEED_AFFIX = "¤"
FORBIDDEN = "%"


@dataclass(frozen=True, slots=True)
class SuffixRule:
    flag: str
    strip: str
    add: str
    cont: str
    """Flags the suffixed form gains (``WXZ``: may begin a compound)."""
    condition: re.Pattern[str] | None
    """Must match the end of the stem; None when the rule applies to any stem."""

    def applies(self, stem: str) -> bool:
        return self.condition is None or self.condition.search(stem) is not None


@dataclass(frozen=True, slots=True)
class Analysis:
    """One way of reading a form: ``stem`` (+ ``rule``), with the flags that result."""

    stem: str
    flags: str
    suffixed: bool
    permit: bool
    """The suffix (if any) may stand inside a compound."""


class Hunspell:
    """Stems with their flags, and suffix rules indexed by the text they append."""

    def __init__(self, aff: str, dic: str) -> None:
        self.rules = _parse_aff(aff)
        self.words = _parse_dic(dic)
        self._by_add: dict[str, list[SuffixRule]] = {}
        for rule in self.rules:
            self._by_add.setdefault(rule.add, []).append(rule)
        self._max_add = max((len(add) for add in self._by_add), default=0)

    def analyses(self, form: str) -> list[Analysis]:
        """Every reading of ``form`` as a stem or a stem plus one suffix (not compounds)."""
        found: list[Analysis] = []
        for flags in self.words.get(form, ()):
            if FORBIDDEN not in flags and NEED_AFFIX not in flags:
                found.append(Analysis(form, flags, suffixed=False, permit=False))
        for size in range(min(len(form) - 1, self._max_add), -1, -1):
            add = form[len(form) - size :] if size else ""
            rules = self._by_add.get(add)
            if not rules:
                continue
            base = form[: len(form) - size]
            for rule in rules:
                stem = base + rule.strip
                for stem_flags in self.words.get(stem, ()):
                    if rule.flag in stem_flags and FORBIDDEN not in stem_flags and rule.applies(stem):
                        found.append(Analysis(stem, stem_flags + rule.cont, suffixed=True, permit=PERMIT in rule.cont))
        return found


def _parse_aff(text: str) -> list[SuffixRule]:
    rules: list[SuffixRule] = []
    for line in text.splitlines():
        fields = line.split()
        # A rule line has five fields or more; the header line of a class has four.
        if len(fields) < 5 or fields[0] != "SFX":
            continue
        _, flag, strip, add_cont, condition = fields[:5]
        add, _, cont = add_cont.partition("/")
        rules.append(
            SuffixRule(
                flag=flag,
                strip="" if strip == "0" else strip,
                add="" if add == "0" else add,
                cont=cont,
                condition=None if condition == "." else re.compile(f"(?:{condition})$"),
            )
        )
    return rules


def _parse_dic(text: str) -> dict[str, tuple[str, ...]]:
    """Lower-cased stem → the flag sets of its entries.

    Homographs ("skola" the noun and the verb, "Skola" a name) stay separate entries, so
    that one entry's ``NEEDAFFIX`` or ``FORBIDDENWORD`` does not spread to the others.
    """
    words: dict[str, tuple[str, ...]] = {}
    lines = text.splitlines()
    for line in lines[1:]:  # the first line is the entry count
        word, _, flags = line.partition("/")
        if not word:
            continue
        key = word.lower()
        words[key] = (*words[key], flags) if key in words else (flags,)
    return words


@cache
def swedish() -> Hunspell:
    """The bundled Swedish dictionary, read once per process (about half a second)."""
    folder = resources.files("styrsignal").joinpath("data", "sv")
    aff = folder.joinpath("sv_SE.aff").read_text(encoding="utf-8")
    dic = folder.joinpath("sv_SE.dic").read_text(encoding="utf-8")
    return Hunspell(aff, dic)
