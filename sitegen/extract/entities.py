"""People, places and organisations a sentence names: proper names found by capitalisation.

The method, step by step, so a reader can tell why a name was or was not picked:

1. A name is a run of capitalised words or acronyms (``Vladimir Putin``, ``European Council``,
   ``BBC``, ``U.S.``), which may hold ``of``/``the``/``de``/``bin``... between capitalised words
   (``Bank of England``). A possessive ``'s`` is dropped (``Putin's`` -> ``Putin``).
2. A title opens or splits a run and is not part of the name: ``Ukraine President Volodymyr
   Zelenskyy`` gives ``Ukraine`` and ``Volodymyr Zelenskyy``. An acronym followed by a name
   splits too (``US Donald Trump``).
3. Not names: months and weekdays, a capitalised function word or discourse word opening a
   sentence (``According``, ``Meanwhile``), a word opening a sentence that the article also
   writes in lower case (``People are fleeing``), and a lone demonym (``Ukrainian``).
4. One entity, one name: a name that is the last word(s) of a longer name found nearby (the same
   article, or the same event) stands for it: ``Putin`` -> ``Vladimir Putin`` (``canonical``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable

from sitegen.extract.words import STOPWORDS, wordset

_PUNCT = ",.;:!?\"“”‘’'()[]{}—–-|*_"
_OPENING = "\"“‘'([{"
_ACRONYM_RE = re.compile(r"(?:[A-Z]\.){2,}$")
_OPEN = r"\"“‘'(\["
_UPPER = "A-ZÀ-ÖØ-Þ"
_CAPITAL = rf"[{_OPEN}]*[{_UPPER}]\S*"
_POSSESSIVE = ("’s", "'s", "’", "'")
_CONNECTORS = wordset(
    """
    of for the de del der van von al bin ibn la le du da
    """
)
TITLES = wordset(
    """
    President Vice Prime Minister Chancellor Secretary Senator Sen Rep Representative Gov
    Governor Mayor Judge Justice Dr Doctor Mr Mrs Ms Miss Prof Professor Gen General Col
    Colonel Lt Captain Capt Sgt King Queen Prince Princess Pope Sheikh Sir Lord Lady Chief
    Commander Ambassador Spokesman Spokeswoman Deputy Foreign Defence Defense Interior
    Finance Officer Detective Sheriff Attorney Director Chairman Chairwoman CEO Lawyer
    Coroner Pastor Rev
    """
)
_CALENDAR = wordset(
    """
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday Christmas Easter Today Tonight Yesterday Tomorrow
    """
)
_OPENERS = wordset(
    """
    according speaking despite meanwhile although though however while when after before
    during since until earlier later last next this that these those there here then thus
    instead yet still also even so such many most some several both each every another other
    more once now today yesterday tomorrow asked as amid following in on at by for from with
    without under over among against between into onto upon about around across along
    outside inside
    """
)
_QUESTION_WORDS = wordset("who what why how when where which")
# The first word is ``(?<![\w’']){_CAPITAL}`` written so that the pattern opens with one set
# of characters: Python's regex engine then skips to the next character of that set instead of
# trying the pattern at every character (3.5 times faster).
_RUN_RE = re.compile(
    rf"[{_OPEN}{_UPPER}](?<![\w’'].)(?:(?<=[{_UPPER}])|[{_OPEN}]*[{_UPPER}])\S*"
    rf"(?:\s+(?:(?:{'|'.join(sorted(_CONNECTORS))})\s+)?{_CAPITAL})*"
)
_DEMONYMS = ("ian", "ians", "ean", "eans", "can", "cans", "ese", "ish", "ern", "ic")
"""Endings of a lone word that names a people rather than an entity ("Ukrainian")."""


def find_names(sentence: str, common: Container[str] = frozenset()) -> list[str]:
    """Proper names in ``sentence`` as written (before ``canonical``), in order, no repeats.

    ``common``: words the article also writes in lower case (``LowerCaseWords``); opening a
    sentence with a capital, such a word is a common word ("People are fleeing").
    """
    names: list[str] = []
    # Only stretches of capitalised words can hold names: find them with one regex, then walk
    # their words (most words of a sentence are never looked at one by one).
    for match in _RUN_RE.finditer(sentence):
        at = match.start() - 1
        while at >= 0 and sentence[at].isspace():
            at -= 1
        _walk(match.group().split(), at < 0 or sentence[at] in _PUNCT, names, common)
    return list(dict.fromkeys(names))


def _walk(tokens: list[str], opens: bool, names: list[str], common: Container[str]) -> None:
    """Add the names among ``tokens`` (a stretch of capitalised words) to ``names``; ``opens``:
    the first token opens the sentence or follows punctuation ("According", "“We")."""
    run: list[str] = []
    for raw in tokens:
        if raw[0] in _OPENING and run:
            _close(run, names)  # "Drug Enforcement Agency (DEA)"
            opens = True
        word = raw.strip(_PUNCT)
        if not word or not word[0].isupper():  # a connector: "Bank of England"
            if run and word == raw:
                run.append(word)
            elif run:
                _close(run, names)
            opens = False
            continue
        if raw.endswith(".") and _ACRONYM_RE.match(word + "."):
            word += "."  # U.S.
        name = _strip_possessive(word) if word.endswith(_POSSESSIVE) else word
        lower = name.lower()
        if (
            name in _CALENDAR
            or lower in STOPWORDS
            or len(name) == 1
            or (opens and (lower in _OPENERS or lower in common))
            or name.rstrip(".") in TITLES
        ):
            if run:
                _close(run, names)
            if lower in _QUESTION_WORDS:
                opens = True  # "Who Killed Michael Jackson": the next word opens too
                continue
        else:
            if len(run) == 1 and _is_acronym(run[0]) and not _is_acronym(name):
                _close(run, names)  # "US Donald Trump"
            run.append(name)
            if name != word:  # a possessive ends the name: "Russia's Oreshnik"
                _close(run, names)
        if (
            run
            and raw[-1] in _PUNCT
            and not (raw[-1] == "." and (len(word) <= 2 or _is_acronym(word)))
        ):
            _close(run, names)  # "Russia, Ukraine"; but "George W. Bush", "U.S. Senate"
        opens = raw[-1] in _PUNCT
    if run:
        _close(run, names)


class LowerCaseWords:
    """The words that a text writes in lower case somewhere, looked up on demand (only a few
    words are ever asked about: reading all the text's words cost more than the rest of the
    name finding)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._known: dict[str, bool] = {}
        self._all: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        known = self._known.get(word)
        if known is None:
            if self._all is None and len(self._known) * len(self._text) > _READ_ALL_COST:
                # Each lookup reads the text: past this many, reading it once costs less (a long
                # text of many sentences would otherwise cost its length times its sentences).
                self._all = set(_ALNUM_RE.findall(self._text))
            if self._all is not None and word.isalnum():
                known = word in self._all
            else:
                known = _written(self._text, word)
            self._known[word] = known
        return known


_READ_ALL_COST = 2_000_000
"""Characters read by lookups after which all words are read at once."""
_ALNUM_RE = re.compile(r"[^\W_]+")


def _written(text: str, word: str) -> bool:
    """``word`` occurs in ``text`` as a whole word, exactly so (case-sensitive)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return True
        at = text.find(word, at + 1)
    return False


def _close(run: list[str], names: list[str]) -> None:
    while run and run[-1] in _CONNECTORS:
        run.pop()
    if run:
        name = " ".join(run).rstrip(".") if not _is_acronym(run[-1]) else " ".join(run)
        if not (len(run) == 1 and name.endswith(_DEMONYMS) and name[1:].islower()):
            names.append(name)
    run.clear()


def _strip_possessive(token: str) -> str:
    if not token.endswith(_POSSESSIVE):
        return token
    for suffix in _POSSESSIVE:
        if token.endswith(suffix) and len(token) > len(suffix):
            return token[: -len(suffix)]
    return token


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def canonical(names: Iterable[str], common: Container[str] = frozenset()) -> dict[str, str]:
    """Map each name to the entity it stands for: a surname to the most frequent first name and
    surname ending with it (``Putin`` -> ``Vladimir Putin``), any other name to itself.

    Only a one-word name stands for a longer one, and only for a two-word one whose first word
    is not one that the text writes in lower case (``common``): "Michael Jackson" is not "Who
    Killed Michael Jackson", a headline read as a name, and "Mexico" is not "Sick Mexico".
    """
    counts = Counter(names)
    full: dict[str, list[str]] = {}
    for name in counts:
        words = name.split()
        if len(words) == 2 and not _is_acronym(words[0]) and words[0].lower() not in common:
            full.setdefault(words[1], []).append(name)
    mapping = {}
    for name in counts:
        longer = full.get(name)
        if longer and not _is_acronym(name):
            mapping[name] = max(longer, key=lambda n: (counts[n], n))
        else:
            mapping[name] = name
    return mapping
