"""Words as the extraction stage compares them: tokens with offsets, stop words and a light stem.

Alias linking, merging and titles all need to ask "do these two phrases use the same words?".
They share one tokeniser and one stemmer here so that "stepping down" in an alias and "stepped
down" in an article meet on the same stem. Names ask which words a text also writes in lower
case (``LowerCaseWords``).
"""

from __future__ import annotations

import re
from functools import lru_cache

# A word: letters or digits, with inner apostrophes, dots and hyphens ("U.S", "test-fired",
# "should've", "Ukraine's"). Offsets are kept so callers can map words back to the text.
WORD_RE = re.compile(r"[^\W_]+(?:[’'.\-][^\W_]+)*")

_POSSESSIVE_RE = re.compile(r"[’']s$", re.IGNORECASE)


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (for word lists written as prose)."""
    return frozenset(text.split())


STOPWORDS = wordset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each even
    few for from further had has have having he her here hers herself him himself his how i
    if in into is it its itself just lrb rrb me more most my myself no nor not now of off on
    once only or other our ours out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours yourself yet though although however meanwhile also already still says said say
    saying told tell tells according mr mrs ms dr s t don didn doesn isn wasn weren hasn
    haven hadn won wouldn shouldn couldn one two three four five six seven eight nine ten
    per via new
    """
)
"""Function words and reporting verbs: they say nothing about which event a sentence is on."""

# Words that keep their doubled last letter ("ball", "glass", "buzz"); others lose it ("stepp").
_KEEP_DOUBLE = frozenset("lsz")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: ``stepped``/``stepping``/``steps`` -> ``step``, ``fired`` and
    ``fire`` -> ``fir``, ``Ukraine's`` -> ``ukrain``.

    Crude on purpose: it only has to make inflections of one word meet, never to be a word.
    """
    w = _POSSESSIVE_RE.sub("", word.lower())
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _KEEP_DOUBLE and w[-1].isalpha():
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


@lru_cache(maxsize=65536)
def _content_stem(word: str) -> str | None:
    return None if word.lower() in STOPWORDS else stem(word)


def stem_set(text: str) -> frozenset[str]:
    """The stems of the content words of ``text`` (no offsets: the fast path for comparing).

    Words are split on spaces and stripped of punctuation rather than found by ``WORD_RE``:
    the regex alone cost as much as all of this (Python's regex engine pays at every character).
    Each token's stem is looked up in ``_TOKEN_STEMS`` (most tokens repeat); only the tokens
    not yet met are stemmed.
    """
    tokens = text.split()
    stems = set(map(_TOKEN_STEMS.get, tokens))
    if None in stems:
        stems.discard(None)
        stems.update(map(_token_stem, tokens))
    stems.discard("")
    return frozenset(stems)


_TOKEN_STEMS: dict[str, str] = {}
"""The stem of each space-separated token met (``"Ukraine's,"``), "" for a stop word. A dict
read through ``map`` costs half of an ``lru_cache`` call per token; cleared when it holds
``_MAX_TOKENS`` (so memory stays bounded however many articles are read)."""
_MAX_TOKENS = 65536


def _token_stem(token: str) -> str:
    stem_ = _TOKEN_STEMS.get(token)
    if stem_ is None:
        if len(_TOKEN_STEMS) >= _MAX_TOKENS:
            _TOKEN_STEMS.clear()
        stem_ = _TOKEN_STEMS[token] = _content_stem(token.strip(_EDGES)) or ""
    return stem_


_EDGES = ",.;:!?\"“”‘’'()[]{}—–-|*_/"


Word = tuple[str, int, int]
"""A content word: its stem and its character offsets."""


def content_words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` that are not stop words, stemmed, with their offsets
    into ``text``, in text order."""
    end = len(text) if end is None else end
    return [
        (stem(word), match.start(), match.end())
        for match in WORD_RE.finditer(text, start, end)
        if (word := match.group()).lower() not in STOPWORDS
    ]


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
