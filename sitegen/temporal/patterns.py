# ruff: noqa: E501 (a rule is one regex; splitting them across lines would hide them)
"""The regular expressions of the rules, compiled once into alternations over lower-cased text.

Each rule is a named alternative ``r_<name>``; its inner groups are renamed ``<name>__<group>``
so that a match yields the rule's name (``m.lastgroup``) and its own groups. Rules that can start
at the same place are listed longest first: Python's alternation takes the first that matches.
In front of every rule may stand a modifier ("about", "more than") and a position ("the end of",
"early", "mid-"); the tagger decides whether that rule accepts them. ``scanner_at`` picks, for a
start, the alternation of only the rules that can begin with the two characters there (compiled
on first use: the seed article needs 7 of them, all three development corpora 79).
"""

from __future__ import annotations

import re

from sitegen.temporal.dispatch import SECOND, first_chars, first_pairs
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

_END = r"(?!\w)"
MONTH = rf"(?:{alternation(MONTHS)})(?!\w)"
WEEKDAY = rf"(?:{alternation(WEEKDAYS)})(?!\w)"
YEAR = r"(?:1\d\d\d|20\d\d)(?![\d,.]\d)(?!\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
NUM = rf"(?:\d+(?:\.\d+)?|(?:{alternation(NUMBERS)}){_END})"
ORD = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{alternation(k for k in ORDINALS if k not in ('last', 'final'))})"
VAGUE_NUM = rf"(?:{alternation(VAGUE - {'the'})})"
UNIT = rf"(?:{alternation(UNITS)}){_END}"
SEASON = rf"(?:{alternation(SEASONS)}){_END}"
PART = rf"(?:{alternation(DAY_PARTS)}){_END}"
TZ = r"(?:[ecmp][sd]t|gmt|utc|bst|cet|cest|sgt|jst|ist)(?!\w)"
AMPM = rf"(?:{alternation(['a.m.', 'p.m.', 'am', 'pm', 'a.m', 'p.m'])})(?!\w)"
# Words that make a unit, weekday, month or season relative: "last week", "the following day".
_REL_WORDS = [
    "this", "last", "next", "past", "previous", "coming", "following", "current", "same",
    "upcoming", "preceding",
]  # fmt: skip
REL = alternation(
    _REL_WORDS + ["that same", "that"] + ["the " + w for w in _REL_WORDS if w != "this"]
)
REL = f"(?:{REL})"
CLOCK_AFTER = rf"(?:,?\s*(?P<h>[01]?\d|2[0-3])(?:[:.]?(?P<mi>[0-5]\d))?\s*(?P<ap>{AMPM}))?"
SPELLED_TENS = alternation(k for k, v in NUMBERS.items() if 10 <= v < 100 and " " not in k)
SPELLED_UNITS = alternation(k for k, v in NUMBERS.items() if 1 <= v < 10 and k not in ("a", "an"))
# "in October of that year", "on January 24 of the same year": the year last mentioned.
OF_THAT_YEAR = (
    r"(?:\s+of\s+(?P<of>that|the\s+same|the\s+following|the\s+next|the\s+previous)\s+year)?"
)
DEICTIC = rf"(?:{alternation(DEICTIC_DAYS)})"
# A year as broadcast news says it: "January nineteen ninety-seven" (one space, see full_year).
SPOKEN_YEAR = rf"(?:nineteen|twenty) (?:{SPELLED_TENS})(?!\w)"

RULES: list[tuple[str, str]] = [
    # Absolute dates, most specific first.
    (
        "iso",
        r"(?P<y>[12]\d{3})(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)(?P<d>[0-3]?\d)(?:T(?P<h>[0-2]\d):(?P<mi>[0-5]\d))?(?!\d)",
    ),
    (
        "numeric",
        r"(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/.]\d)",
    ),
    (
        "year_range",
        rf"(?P<y1>{YEAR})\s*(?:-|–|to)\s*(?P<y2>\d{{4}}|\d{{2}})(?!\d)(?!\s*(?:%|percent))",
    ),
    (
        "bc_range",
        r"(?P<y1>\d{1,4})\s*(?:-|–|to)\s*(?P<y2>\d{1,4})\s*(?P<era>bce?|b\.c\.e?\.?)(?!\w)",
    ),
    (
        "bc",
        r"(?P<y>\d{1,4})\s*(?P<era>bce?|b\.c\.e?\.?|ad|a\.d\.|ce)(?!\w)|(?:ad|a\.d\.)\s*(?P<ad>\d{1,4})(?!\d)",
    ),
    (
        "md_range",
        rf"(?P<m>{MONTH})\s*(?P<d1>{DAY})\s*(?:-|–)\s*(?P<d2>{DAY})(?!\s*(?:{MONTH}|[-–/:]|\.\d))(?:,?\s+(?P<y>{YEAR}))?",
    ),
    (
        "mdy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m>{MONTH})\s*(?:the\s+)?(?P<d>{DAY})(?:(?:,\s*|\s+)(?P<y>{YEAR}|'\d\d(?!\w)))?(?:,?\s+(?P<wd2>{WEEKDAY}))?{OF_THAT_YEAR}{CLOCK_AFTER}",
    ),
    (
        "day_range",
        rf"(?P<d1>{DAY})\s*(?:-|–)\s*(?P<d2>{DAY})\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?",
    ),
    (
        "dmy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAY}|{ORD})\s*(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?(?:,?\s+(?P<wd2>{WEEKDAY}))?",
    ),
    ("month_year", rf"(?P<m>{MONTH})(?:\s+of)?,?\s+(?P<y>{YEAR}|'\d\d(?!\w)|{SPOKEN_YEAR})"),
    ("month_rel_year", rf"(?P<m>{MONTH})(?:\s+of)?\s+(?P<rel>this|last|next)\s+year(?!\w)"),
    ("decade", r"(?:the\s+)?(?P<y>1\d\d0|20\d0|'\d0|\d0)'?s(?!\w)"),
    (
        "century",
        rf"(?:the\s+)?(?P<n>{ORD})[-\s]+century(?:\s+(?P<era>bce?|b\.c\.|ad|a\.d\.))?(?!\w)",
    ),
    (
        "quarter",
        rf"(?:the\s+)?(?:(?P<y0>{YEAR})(?:'s)?\s+|(?P<rel0>this|last|next)\s+year's\s+)?(?:fiscal\s+|calendar\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+(?:fiscal[-\s]+)?quarter(?:\s+of\s+(?:fiscal\s+)?(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year))?(?!\w)",
    ),
    (
        "quarter_rel",
        r"(?:the\s+)?(?P<rel>latest|current|recent|past|previous|last|same|year-ago|year-earlier|comparable|fiscal|first|second|third|fourth)?(?:[-\s]+(?:fiscal|year-ago|year-earlier))?\s*(?P<noun>quarter|period)(?!\w)",
    ),
    ("year_period", rf"the\s+(?P<y>{YEAR})\s+(?:period|quarter)(?!\w)"),
    ("year_ago", r"(?P<w>year-(?:earlier|ago))(?!\w)"),
    ("period_end", r"(?P<u>year|month|week)(?:'s)?[-\s]end(?!\w)"),
    (
        "spelled_year",
        rf"(?:the\s+year\s+)?(?:(?P<c>nineteen|twenty)[-\s]+(?P<y>{SPELLED_TENS})|(?P<k>two\s+thousand)(?:\s+and\s+(?P<u>{SPELLED_UNITS}))?)(?!\w)",
    ),
    ("spelled_decade", rf"(?:the\s+)?(?P<d>{alternation(SPELLED_DECADES)})(?!\w)"),
    (
        "the_year",
        r"the\s+(?:(?:(?P<rel>current|latest|last|previous|past|next|coming|same)\s+)?(?P<kind>fiscal|full|calendar|financial)\s+year(?!\w)(?!\s+\d)(?=(?P<ended2>\s+(?:that\s+)?(?:ended|ending|ends))?)|year(?=(?P<ended>\s+(?:that\s+)?(?:ended|ending|ends|through|to\s+(?:the\s+)?end))))",
    ),
    (
        "half",
        rf"(?:the\s+)?(?P<h>first|second|1st|2nd|latter|last)\s+half(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year|the\s+year))?(?!\w)",
    ),
    (
        "season",
        rf"(?:(?P<rel>{REL})\s+)?(?:the\s+)?(?P<s>{SEASON})(?:(?:\s+of)?\s+(?P<y>{YEAR}|{SPOKEN_YEAR}))?",
    ),
    (
        "holiday",
        rf"(?:(?P<rel>{REL})\s+)?(?P<h>{alternation(HOLIDAYS)}|thanksgiving(?:\s+day)?|easter(?:\s+sunday)?|new\s+year)(?!\w)(?:\s+(?P<y>{YEAR}))?",
    ),
    # Times of day, with an optional day after them ("5+am": five or a little after, informal).
    (
        "clock",
        rf"(?P<h>[01]?\d|2[0-3])(?:[:.]?(?P<mi>[0-5]\d))?\+?\s*(?P<ap>{AMPM})(?:\s+(?P<tz>{TZ}))?(?:,?\s+(?:on\s+)?(?:(?P<day>{WEEKDAY}|{DEICTIC})|(?P<m>{MONTH})\s*(?P<d>{DAY})))?",
    ),
    (
        "clock24",
        rf"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?!\d)(?::\d\d)?(?:\s+(?P<tz>{TZ}))?(?:\s+(?P<day>{WEEKDAY}|{DEICTIC}))?",
    ),
    ("oclock", rf"(?P<h>{NUM})\s+o'clock"),
    ("noon", rf"(?P<w>noon|midnight|midday)(?!\w)(?:,?\s+(?:on\s+)?(?P<day>{WEEKDAY}|{DEICTIC}))?"),
    # Relative and anaphoric expressions.
    (
        "ago",
        rf"(?P<n>{NUM}|{VAGUE_NUM})?[-\s]*(?P<u>{UNIT})\s+(?P<dir>ago|earlier|later|afterwards?|previously|hence|from\s+now|back|(?:before|after)(?=\s*[,.;:!?)]|\s*$))(?!\w)",
    ),
    ("rel_weekday", rf"(?P<rel>{REL})\s+(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?{CLOCK_AFTER}"),
    ("rel_month", rf"(?P<rel>{REL})\s+(?P<m>{MONTH})(?!\s*\d)"),
    ("rel_part", rf"(?P<rel>{REL}|{DEICTIC}|the|that|this)\s+(?P<part>{PART})"),
    (
        "rel_unit",
        rf"(?P<rel>{REL}|the)\s+(?:(?P<first>first|final|initial|last)\s+)?(?:(?P<n>{NUM}|{VAGUE_NUM})\s+)?(?P<u>{UNIT})(?P<tail>\s+(?:before|after)(?=\s*[,.;:!?)]|\s*$))?",
    ),
    (
        "deictic",
        rf"(?:the\s+day\s+(?P<pre>before|after)\s+)?(?P<w>{DEICTIC})(?!\w)(?:\s+(?P<part>{PART}))?",
    ),
    (
        "weekday",
        rf"(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?(?:,?\s+(?P<m>{MONTH})\s+(?P<d>{DAY}))?{CLOCK_AFTER}",
    ),
    ("part", rf"(?P<part>{PART})"),
    ("ref", rf"(?P<w>{alternation(REFS)}){_END}"),
    # Sets, then durations, then bare years, which everything above outranks.
    (
        "set",
        rf"(?P<w>{alternation(SET_WORDS)})(?!\w)|(?P<q>every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{NUM})\s+)?(?:(?P<u>{UNIT})|(?P<wd>{WEEKDAY})|(?P<part>{PART}))|(?P<times>once|twice|\d+\s+times|{NUM}\s+times)\s+(?:a|an|per|each)\s+(?P<u2>{UNIT})",
    ),
    ("month", rf"(?P<m>{MONTH}){OF_THAT_YEAR}"),
    (
        "duration_range",
        rf"(?P<n1>{NUM})\s*(?:-|–|to)\s*(?P<n>{NUM})(?:[-\s]+|(?<=\d))(?P<u>{UNIT})(?!-old|\s+old)",
    ),
    (
        "duration",
        rf"(?P<n>{NUM}|{VAGUE_NUM})(?:\s+and\s+a\s+half|\s+1/2)?(?:\s+more)?(?:[-\s]+|(?<=\d))(?P<u>{UNIT})(?:\s+and\s+a\s+half(?!\w))?(?P<old>-old|\s+old|\s+of\s+age)?",
    ),
    ("half_unit", rf"half\s+(?:an?\s+)?(?P<u>{UNIT})"),
    (
        "bare_unit",
        r"(?P<u>years|months|weeks|days|hours|minutes|decades|centuries|day|week|weekends|weekend|month|year)(?!\w)",
    ),
    (
        "year",
        rf"(?:(?P<fy>fiscal(?:\s+year)?|fy|the\s+year|calendar(?:\s+year)?|(?:the\s+)?year)\s*)?(?P<y>{YEAR})",
    ),
    ("short_year", r"(?<=\s)'(?P<y>\d\d)(?!\w)"),
]

_MOD = rf"(?:(?P<mod>{alternation(MODS)})\s+)?"
_POS = rf"(?:(?P<pos>{alternation(POSITION)})(?:(?<=-)|\s+))?"


def _namespaced(name: str, pattern: str) -> str:
    pattern = re.sub(r"\(\?P<(\w+)>", rf"(?P<{name}__\1>", pattern)
    return re.sub(r"\(\?P=(\w+)\)", rf"(?P={name}__\1)", pattern)


def _scanner(names: list[str], prefixes: bool) -> re.Pattern[str]:
    rules = "|".join(
        f"(?P<r_{name}>{_namespaced(name, pattern)})" for name, pattern in RULES if name in names
    )
    head = _MOD + _POS if prefixes else "(?P<mod>(?!))?(?P<pos>(?!))?"
    # Not inside a word, a number, an amount or a handle; after a hyphen only if a word precedes
    # it ("5 September-12 September"), not a digit ("555-1234") or a letter code ("F-16").
    start = r"(?<![\w$£€#@/.])(?<![\d\W]-)(?<!\b\w-)"
    return re.compile(start + head + "(?:" + rules + ")")


# The scanners read the lower-cased text (see tagger.tag).
SCANNER = _scanner([name for name, _ in RULES], prefixes=True)
# A modifier or position word in front ("about", "the end of") may precede any rule.
HEAD = re.compile(rf"(?:{alternation(MODS)})\s|(?:{alternation(POSITION)})(?:(?<=-)|\s)")
_HEAD_FIRST = first_chars(HEAD.pattern)
_PAIRS = {name: first_pairs(pattern) for name, pattern in RULES}
_BY_OPENING: dict[str, re.Pattern[str] | None] = {}
_BY_RULES: dict[tuple[str, ...], re.Pattern[str]] = {}


def scanner_at(low: str, start: int) -> re.Pattern[str] | None:
    """The scanner to try at ``start`` in lower-cased text: only the rules that can begin with
    the two characters there, or all of them after a modifier; ``None`` when no rule can."""
    opening = low[start : start + 2]
    if opening[0] in _HEAD_FIRST and HEAD.match(low, start):
        return SCANNER
    if opening not in _BY_OPENING:
        names = tuple(name for name, _ in RULES if _can_open(_PAIRS[name], opening))
        if names and names not in _BY_RULES:
            _BY_RULES[names] = _scanner(list(names), prefixes=False)
        _BY_OPENING[opening] = _BY_RULES[names] if names else None
    return _BY_OPENING[opening]


def compile_scanners() -> int:
    """Compile now the scanner of every opening a text can have (each is otherwise compiled
    on its first use, ~0.1 s each: a long-lived process, the dev server, compiles them before it
    serves); how many distinct scanners there are. An opening is a first character some rule or
    modifier can begin with, then a character of ``SECOND`` or any other one (all alike)."""
    firsts = {p[0] for pairs in _PAIRS.values() for p in pairs} | set(_HEAD_FIRST)
    for first in sorted(firsts):
        for second in sorted(SECOND | {"\x00"}):
            scanner_at(first + second, 0)
        scanner_at(first, 0)  # the text's last character
    return len(_BY_RULES)


def _can_open(pairs: frozenset[str], opening: str) -> bool:
    if len(opening) == 2 and opening[1] in SECOND:
        return opening in pairs or opening[0] in pairs
    return any(p[0] == opening[0] for p in pairs)  # at the end of the text, or an odd character


_GROUPS: dict[str, list[tuple[str, str]]] = {
    name: [(g, f"{name}__{g}") for g in re.findall(r"\(\?P<(\w+)>", pattern)]
    for name, pattern in RULES
}


def groups(m: re.Match[str], rule: str, text: str) -> dict[str, str]:
    """The groups of ``rule`` in match ``m``, by short name, as written in ``text``."""
    out = {}
    for short, full in _GROUPS[rule]:
        start, end = m.span(full)
        if start >= 0:
            out[short] = text[start:end]
    return out
