"""Where an expression may start: the cheap pre-filter in front of the scanner.

The scanner is one big regular expression; trying it at every word of a text is what made a
first version slow. Every time expression holds a *trigger*: a digit or a word such as a month,
a weekday, a unit or "now". A time expression may begin a few words before its trigger ("the end
of 1999", "more than two years"), but only with *prefix* words. So one regex pass finds the
triggers, a second regex walks back over the prefix words before each (on the reversed text), and
the scanner is tried only there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitegen.temporal.lexicon import (
    DAY_PARTS,
    DEICTIC_DAYS,
    HOLIDAYS,
    MODS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    POSITION,
    REFS,
    SEASONS,
    SET_WORDS,
    SPELLED_DECADES,
    UNITS,
    VAGUE,
    WEEKDAYS,
    alternation,
)


def _words(*tables: object) -> set[str]:
    out: set[str] = set()
    for table in tables:
        for phrase in table:  # type: ignore[attr-defined]
            out.update(w for w in re.split(r"[\s\-'.]+", str(phrase)) if w)
    return out


TRIGGERS = _words(MONTHS, WEEKDAYS, UNITS, SEASONS, DAY_PARTS, SET_WORDS, HOLIDAYS) | {
    *DEICTIC_DAYS, "noon", "midnight",
    "midday", "quarter", "period", "half", "easter", "thanksgiving", "clock", "fy",
}  # fmt: skip
TRIGGERS |= _words(REFS) | {"recent", "future", "nineteen", "thousand"}  # "nineteen ninety"
TRIGGERS |= set(SPELLED_DECADES)
# Words of those phrases that only accompany a trigger ("the future", "at present").
TRIGGERS -= {"the", "a", "an", "eve", "new", "s", "in", "at", "near", "coming", "just", "right"}
TRIGGERS -= {"these"}

# Words that may open an expression before its trigger ("the", "about", "more", "mid")...
_PHRASES = (MODS, POSITION, VAGUE, NUMBERS, ORDINALS)
STARTERS = {re.split(r"[\s\-]+", phrase)[0] for table in _PHRASES for phrase in table} | {
    "the", "a", "an", "this", "that", "these", "last", "next", "past", "previous", "coming",
    "following", "current", "same", "preceding", "upcoming", "final", "initial", "fiscal",
    "calendar", "every", "each", "per", "once", "twice", "right", "just", "mid", "latest",
    "recent", "comparable", "full", "financial", "ca", "circa", "c", "late", "early", "day",
}  # fmt: skip
# ... and the words that may follow them before the trigger ("the end of 1999").
PREFIXES = STARTERS | _words(*_PHRASES) | {
    "of", "than", "and", "s", "times", "least", "most", "after", "before", "ago", "in", "on",
    "dawn", "dusk", "other", "year", "more", "less", "hundred", "dozen", "couple", "few",
}  # fmt: skip
# A digit inside a number ("3,000", "2.5", "$40") starts nothing the scanner would accept.
# Nor does an amount ("12 percent", "3 million").
_TRIGGER_BODY = (
    r"(?:(?<![.,$£€#/])\d(?![\d.,]*\s*(?:%|percent|per\s+cent|million|billion|trillion))"
    rf"|(?:{alternation(TRIGGERS)})\b)"
)
# A trigger begins a word: at the start of the text, or after one non-word character. Matching
# that character rather than a leading "\b" lets the regex engine skip from one non-word
# character to the next instead of trying every position (a quarter less work, same starts).
_TRIGGER_AT_START = re.compile(r"\b" + _TRIGGER_BODY)
_TRIGGER_AFTER = re.compile(r"[^\w]" + _TRIGGER_BODY)
# The run of prefix words before a trigger, matched backwards in the reversed text: one call of
# the regex engine per trigger instead of a Python loop over characters.
_CHAIN_BACK = re.compile(
    rf"(?:[\s\-',.]{{1,3}}(?:{alternation(w[::-1] for w in PREFIXES)})(?!\w)){{1,6}}"
)
_WORD = re.compile(r"\w+")
_SEPARATORS = frozenset(" -',.\n\t\r\u00a0")


def starts(low: str) -> Iterator[int]:
    """Candidate start offsets in lower-cased text, in order.

    For each trigger, the prefix words that may open an expression just before it, then the
    trigger itself; a start after a quote mark also yields the quote ("'99").
    """
    rev = low[::-1]
    n = len(low)
    first = [0] if _TRIGGER_AT_START.match(low) else []
    for s in first + [m.start() + 1 for m in _TRIGGER_AFTER.finditer(low)]:
        chain = _CHAIN_BACK.match(rev, n - s) if s and low[s - 1] in _SEPARATORS else None
        if chain is not None:
            for word in _WORD.finditer(low, n - chain.end(), s):
                if word.group() in STARTERS:
                    yield word.start()
        if s > 0 and low[s - 1] == "'":
            yield s - 1
        yield s
