"""Words the tagger knows: months, weekdays, numbers, units, seasons, parts of the day, holidays.

Every table maps a lower-case written form to its meaning; ``alternation`` turns a table's keys
into a regex that prefers the longest word, so that "September" wins over "Sept" and "Sep".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS: dict[str, int] = {}
_MONTH_NAMES = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]  # fmt: skip
for _n, _name in enumerate(_MONTH_NAMES, start=1):
    MONTHS[_name] = _n
    MONTHS[_name[:3]] = _n
    MONTHS[_name[:3] + "."] = _n
MONTHS.update({"sept": 9, "sept.": 9})
del MONTHS["may."]  # "may." ends sentences as the verb far more often than as the month

WEEKDAYS: dict[str, int] = {}
for _n, _name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
):
    WEEKDAYS[_name] = _n
    WEEKDAYS[_name + "s"] = _n
    WEEKDAYS[_name[:3] + "."] = _n
WEEKDAYS.update({"tues": 1, "tues.": 1, "wed": 2, "thur": 3, "thurs": 3, "thurs.": 3, "fri": 4})
WEEKDAYS.update({"sat": 5, "sun": 6, "mon": 0, "tue": 1, "thu": 3})

_UNITS_0_19 = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

NUMBERS: dict[str, int] = {w: i for i, w in enumerate(_UNITS_0_19)}
for _t, _tens in enumerate(_TENS, start=2):
    NUMBERS[_tens] = _t * 10
    for _u in range(1, 10):
        NUMBERS[f"{_tens}-{_UNITS_0_19[_u]}"] = _t * 10 + _u
        NUMBERS[f"{_tens} {_UNITS_0_19[_u]}"] = _t * 10 + _u
NUMBERS.update({"a": 1, "an": 1, "one hundred": 100, "a hundred": 100, "a dozen": 12})

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31, "last": -1, "final": -1,
}  # fmt: skip

# "the nineties": the decades spelled out, by their tens.
SPELLED_DECADES: dict[str, int] = {
    stem + "ies": 10 * n
    for n, stem in enumerate(
        ("twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"), 2
    )
}

# Vague amounts: a duration of "several years" is PXY.
VAGUE: frozenset[str] = frozenset(
    ["few", "several", "many", "some", "couple", "numerous", "the"]
    + ["a few", "a couple of", "a number of"]
)

# A unit's singular and plural forms -> its TIMEX3 duration letter (T marks time units).
UNITS: dict[str, str] = {}
for _forms, _code in [
    ("second seconds sec secs", "TS"),
    ("minute minutes min mins", "TM"),
    ("hour hours hr hrs", "TH"),
    ("day days", "D"),
    ("week weeks wk wks", "W"),
    ("weekend weekends", "WE"),
    ("fortnight fortnights", "2W"),
    ("month months", "M"),
    ("quarter quarters", "Q"),
    ("year years yr yrs", "Y"),
    ("decade decades", "DE"),
    ("century centuries", "CE"),
]:
    for _f in _forms.split():
        UNITS[_f] = _code

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}

# Parts of the day and their TIMEX3 codes.
DAY_PARTS: dict[str, str] = {
    "morning": "MO",
    "mornings": "MO",
    "afternoon": "AF",
    "afternoons": "AF",
    "evening": "EV",
    "evenings": "EV",
    "night": "NI",
    "nights": "NI",
    "nite": "NI",
    "overnight": "NI",
}

# Days named from the DCT, with the informal spellings of short messages, and their offset.
DEICTIC_DAYS: dict[str, int] = {
    "today": 0, "tdy": 0, "tonight": 0, "tonite": 0, "2nite": 0, "2night": 0,
    "yesterday": -1, "yday": -1,
    "tomorrow": 1, "tmr": 1, "tmrw": 1, "trmw": 1, "tmrow": 1, "2moro": 1, "2morrow": 1,
}  # fmt: skip
NIGHTS = frozenset({"tonight", "tonite", "2nite", "2night"})

# Set adverbs and adjectives: "annual" recurs each year.
SET_WORDS: dict[str, str] = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "XXXX-XX-XXTNI",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "annual": "P1Y",
    "annually": "P1Y",
    "yearly": "P1Y",
    "biannual": "P6M",
    "semiannual": "P6M",
}

# Reference words: the vague present, past and future, and the recent past as a duration.
REFS: dict[str, str] = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "just now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "in the past": "PAST_REF",
    "once": "PAST_REF",
    # "in recent years": a stretch of years up to now, a vague duration (TimeBank's majority)
    "recent years": "PXY",
    "recent months": "PXM",
    "recent weeks": "PXW",
    "recent days": "PXD",
    "the future": "FUTURE_REF",
    "future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the coming years": "FUTURE_REF",
}
del REFS["once"], REFS["in the past"]  # "once" is mostly a conjunction; "in" is not in spans

# Holidays on a fixed day: (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "xmas": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "independence day": (7, 4),
    "boxing day": (12, 26),
}

# Modifiers in front of an expression and the TIMEX3 mod they give; the span includes them.
MODS: dict[str, str] = {
    "about": "APPROX",
    "ca.": "APPROX",
    "circa": "APPROX",
    "c.": "APPROX",
    "a little more than": "MORE_THAN",
    "a little over": "MORE_THAN",
    "just over": "MORE_THAN",
    "well over": "MORE_THAN",
    "just under": "LESS_THAN",
    "a little less than": "LESS_THAN",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "under": "LESS_THAN",
    "more than": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS",
}

# Position inside a period: "the end of 1999" is 1999 with mod END.
POSITION: dict[str, str] = {
    "the end of": "END",
    "the close of": "END",
    "end of": "END",
    "end-": "END",
    "late": "END",
    "late-": "END",
    "later": "END",
    "the start of": "START",
    "the beginning of": "START",
    "start of": "START",
    "beginning of": "START",
    "early": "START",
    "the early": "START",
    "early in": "START",
    "earlier in": "START",
    "the late": "END",
    "late in": "END",
    "later in": "END",
    "the mid-": "MID",
    "pre-": "BEFORE",
    "post-": "AFTER",
    "early-": "START",
    "earlier": "START",
    "the middle of": "MID",
    "the middle": "MID",
    "middle of": "MID",
    "mid": "MID",
    "mid-": "MID",
}


def alternation(words: Iterable[str], space: str = r"\s+") -> str:
    """A regex matching any of ``words``, as a trie so that matching costs one pass per letter.

    Python's ``re`` tries the branches of ``a|b|c`` one after another; factoring the common
    prefixes ("jan(?:uary|\\.)?") keeps the scanner fast with hundreds of words. Longer words
    are still preferred, and a space in a word matches ``space`` (any run of whitespace).
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie, space)


def _trie_regex(node: dict[str, dict], space: str) -> str:
    ends_here = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = space if ch == " " else re.escape(ch)
        branches.append(piece + _trie_regex(node[ch], space))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def number(word: str) -> int | None:
    """The value of a number written in digits or words ("12", "twelve", "twenty-one")."""
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)
