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

from sitegen.extract.phrases import alternation
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
    rf"(?:\s+(?:{alternation(_CONNECTORS)}\s+)?{_CAPITAL})*"
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
    return list(dict.fromkeys(names)) if len(names) > 1 else names


def _walk(tokens: list[str], opens: bool, names: list[str], common: Container[str]) -> None:
    """Add the names among ``tokens`` (a stretch of capitalised words) to ``names``; ``opens``:
    the first token opens the sentence or follows punctuation ("According", "“We")."""
    run: list[str] = []
    first_acronym = False  # whether run[0] is an acronym
    for raw in tokens:
        token = _TOKENS.get(raw) or _token(raw)
        opening, name, lower, skip, opener, question, acronym, cut, closes, ends = token
        if opening and run:
            _close(run, names)  # "Drug Enforcement Agency (DEA)"
            opens = True
        if lower is None:  # a connector ("Bank of England"); ``name``: "" if not the whole token
            if run and name:
                run.append(name)
            elif run:
                _close(run, names)
            opens = False
            continue
        if skip or (opens and (opener or lower in common)):
            if run:
                _close(run, names)
            if question:
                opens = True  # "Who Killed Michael Jackson": the next word opens too
                continue
        else:
            if len(run) == 1 and first_acronym and not acronym:
                _close(run, names)  # "US Donald Trump"
            if not run:
                first_acronym = acronym
            run.append(name)
            if cut:  # a possessive ends the name: "Russia's Oreshnik"
                _close(run, names)
        if run and closes:
            _close(run, names)  # "Russia, Ukraine"; but "George W. Bush", "U.S. Senate"
        opens = ends
    if run:
        _close(run, names)


_Token = tuple[bool, str, "str | None", bool, bool, bool, bool, bool, bool, bool]
_TOKENS: dict[str, _Token] = {}
"""What ``_walk`` needs to know of a token, by token: it does not depend on the article, and
most tokens repeat (each read once: a tenth of the cost of finding names)."""
_MAX_TOKENS = 65536


def _token(raw: str) -> _Token:
    """The facts of one token for ``_walk``: it opens with a bracket or quote; the name it gives
    and its lower case (a connector, not capitalised: the word, "" if punctuation was around it,
    and None); never a name (calendar, stop word, one letter, title); a sentence opener; a
    question word; an acronym; a possessive cut from it; it closes the name; it ends with
    punctuation."""
    opening = raw[0] in _OPENING
    word = raw.strip(_PUNCT)
    token: _Token
    if not word or not word[0].isupper():
        token = (opening, word if word == raw else "", None, *(False,) * 7)
    else:
        if raw.endswith(".") and _ACRONYM_RE.match(word + "."):
            word += "."  # U.S.
        name = _strip_possessive(word) if word.endswith(_POSSESSIVE) else word
        lower = name.lower()
        last = raw[-1]
        never = (
            name in _CALENDAR or lower in STOPWORDS or len(name) == 1 or name.rstrip(".") in TITLES
        )
        short = last == "." and (len(word) <= 2 or _is_acronym(word))
        token = (
            opening,
            name,
            lower,
            never,
            lower in _OPENERS,
            lower in _QUESTION_WORDS,
            _is_acronym(name),
            name != word,
            last in _PUNCT and not short,
            last in _PUNCT,
        )
    if len(_TOKENS) >= _MAX_TOKENS:
        _TOKENS.clear()
    _TOKENS[raw] = token
    return token


def _close(run: list[str], names: list[str]) -> None:
    while run and run[-1] in _CONNECTORS:
        run.pop()
    if run:
        name = " ".join(run)
        if name.endswith(".") and not _is_acronym(run[-1]):
            name = name.rstrip(".")  # "Corp." but "U.S."
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
