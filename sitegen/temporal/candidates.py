"""Where an expression may start: the cheap pre-filter in front of the scanner.

The scanner is one big regular expression; trying it at every word of a text is what made a
first version slow. Every time expression holds a *trigger*: a digit or a word such as a month,
a weekday, a unit or "now". A time expression may begin a few words before its trigger ("the end
of 1999", "more than two years"), but only with *prefix* words. So the tagger tokenises once, finds
the triggers with set look-ups, and tries the scanner only from the prefix words just before each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitegen.temporal.lexicon import (
    DAY_PARTS,
    HOLIDAYS,
    MODS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    POSITION,
    REFS,
    SEASONS,
    SET_WORDS,
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
    "today", "yesterday", "tomorrow", "tonight", "tmr", "tmrw", "tdy", "noon", "midnight",
    "midday", "quarter", "period", "half", "easter", "thanksgiving", "clock", "fy",
}  # fmt: skip
TRIGGERS |= _words(REFS)
TRIGGERS -= {"the", "a", "an", "eve", "new", "s", "in", "at", "near", "coming", "just", "right"}
TRIGGERS -= {"these"}
TRIGGERS |= {"recent", "future"}

PREFIXES = _words(NUMBERS, ORDINALS, VAGUE, MODS, POSITION) | {
    "the", "a", "an", "of", "this", "that", "these", "last", "next", "past", "previous", "coming",
    "following", "current", "same", "preceding", "upcoming", "final", "initial", "fiscal",
    "calendar", "year", "every", "each", "per", "other", "once", "twice", "times", "and", "s",
    "day", "after", "before", "right", "just", "mid", "latest", "recent", "comparable", "ago",
}  # fmt: skip
# A trigger and the run of prefix words before it; found in one pass by the regex engine.
_CHAIN = re.compile(
    rf"(?<!\w)(?:(?:{alternation(PREFIXES)})[\s\-',.]{{1,3}}){{0,6}}"
    rf"(?:\d|(?:{alternation(TRIGGERS)})(?!\w))"
)
_WORD = re.compile(r"\w+")


def starts(low: str) -> Iterator[int]:
    """Candidate start offsets in lower-cased text, in order.

    For each trigger, the prefix words just before it, then the trigger itself; a start after a
    quote mark also yields the quote ("'99").
    """
    for chain in _CHAIN.finditer(low):
        for word in _WORD.finditer(low, chain.start(), chain.end()):
            s = word.start()
            if s > 0 and low[s - 1] == "'":
                yield s - 1
            yield s
