"""People, places and organisations a sentence names: proper names found by capitalisation.

The method, step by step, so a reader can tell why a name was or was not picked:

1. A name is a run of capitalised words or acronyms (``Vladimir Putin``, ``European Council``,
   ``BBC``, ``U.S.``), which may hold ``of``/``the``/``de``/``bin``... between capitalised words
   (``Bank of England``). A possessive ``'s`` is dropped (``Putin's`` -> ``Putin``).
2. A title opens or splits a run and is not part of the name: ``Ukraine President Volodymyr
   Zelenskyy`` gives ``Ukraine`` and ``Volodymyr Zelenskyy``. An acronym followed by a name
   splits too (``US Donald Trump``).
3. Not names: months and weekdays, a capitalised function word or discourse word opening a
   sentence (``According``, ``Meanwhile``), and a lone demonym (``Ukrainian``, ``Western``).
4. One entity, one name: a name that is the last word(s) of a longer name found nearby (the same
   article, or the same event) stands for it: ``Putin`` -> ``Vladimir Putin`` (``canonical``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from sitegen.extract.words import STOPWORDS, wordset

_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-zÀ-ÖØ-öø-ÿ][\w’'.\-]*[\w]|[A-Za-zÀ-ÖØ-öø-ÿ]|\S")
_POSSESSIVE = ("’s", "'s", "’", "'")
_CONNECTORS = wordset(
    """
    of the de del der van von al bin ibn la le du da
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
_DEMONYM_RE = re.compile(r"(?:ians?|eans?|ese|ish|ern|ic)$")


def find_names(sentence: str) -> list[str]:
    """Proper names in ``sentence`` as written (before ``canonical``), in order, no repeats."""
    names: list[str] = []
    run: list[str] = []
    tokens = _TOKEN_RE.findall(sentence)
    for i, token in enumerate(tokens):
        word = _strip_possessive(token)
        capital = word[:1].isupper() and word not in _CALENDAR
        if capital and (
            word.lower() in STOPWORDS
            or len(word) == 1
            or (word.lower() in _OPENERS and (i == 0 or not tokens[i - 1][:1].isalnum()))
        ):
            capital = False
        if capital and word.rstrip(".") in TITLES:
            _close(run, names)
            continue
        if capital:
            if run and _is_acronym(run[-1]) and len(run) == 1 and not _is_acronym(word):
                _close(run, names)  # "US Donald Trump"
            run.append(word)
            if word != token:  # a possessive ends the name: "Russia's Oreshnik"
                _close(run, names)
        elif run and word in _CONNECTORS and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            run.append(word)
        else:
            _close(run, names)
    _close(run, names)
    return list(dict.fromkeys(names))


def _close(run: list[str], names: list[str]) -> None:
    while run and run[-1] in _CONNECTORS:
        run.pop()
    if run:
        name = " ".join(run).rstrip(".") if not _is_acronym(run[-1]) else " ".join(run)
        if not (len(run) == 1 and _DEMONYM_RE.search(name) and name[1:].islower()):
            names.append(name)
    run.clear()


def _strip_possessive(token: str) -> str:
    for suffix in _POSSESSIVE:
        if token.endswith(suffix) and len(token) > len(suffix):
            return token[: -len(suffix)]
    return token


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def canonical(names: Iterable[str]) -> dict[str, str]:
    """Map each name to the entity it stands for: the most frequent longer name that ends with
    it (``Putin`` -> ``Vladimir Putin``), else itself."""
    counts = Counter(names)
    by_last: dict[str, list[str]] = {}
    for name in counts:
        words = name.split()
        for k in range(1, len(words)):
            by_last.setdefault(" ".join(words[k:]), []).append(name)
    mapping = {}
    for name in counts:
        longer = by_last.get(name)
        if longer:
            mapping[name] = max(longer, key=lambda n: (counts[n], len(n), n))
        else:
            mapping[name] = name
    return mapping
