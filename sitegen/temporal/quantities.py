"""Rules for durations and sets: "23 years", "about two years", "for years", "annual", "every day".

A duration is never a date: "23 years in power" is ``P23Y``. Ages ("a 23-year-old", "five years
old") are not time expressions at all.
"""

from __future__ import annotations

import re

from sitegen.temporal import points
from sitegen.temporal.context import Context
from sitegen.temporal.found import Found, count, date_found, duration
from sitegen.temporal.lexicon import DAY_PARTS, SET_WORDS, UNITS, WEEKDAYS

_RATE_BEFORE = re.compile(
    r"(?:\d|dollars?|cents?|percent|%|million|billion|times|once|twice)\S*(?:\s+[a-z]+){0,2}\s+$",
    re.I,
)
_BARE_BEFORE = re.compile(
    r"\b(?:for|over|in|within|after|took|take|takes|taking|lasted|lasting|spent|spend|than)\s+$",
    re.I,
)
_OLD_AFTER = re.compile(r"[-\s]+old\b")  # "five years old": an age
_COMPOUND_AFTER = re.compile(r"-[a-z]", re.I)  # "a year-earlier loss"
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|that|this|a|one|each|every|per|same|his|her|its|their|my|our|your|fiscal|calendar)\s+$",
    re.I,
)
_HALF = {"TH": "PT30M", "D": "PT12H", "Y": "P6M", "M": "P2W", "DE": "P5Y", "CE": "P50Y"}


def set_(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "annual", "daily", "every Monday", "each year", "twice a week"."""
    if "w" in g:
        return Found("SET", SET_WORDS[g["w"].lower()])
    if "wd" in g:
        return Found("SET", f"XXXX-WXX-{WEEKDAYS[g['wd'].lower()] + 1}")
    if "part" in g:
        return Found("SET", f"XXXX-XX-XXT{DAY_PARTS[g['part'].lower()]}")
    unit = UNITS[(g.get("u") or g["u2"]).lower()]
    n = count(g["n"]) if "n" in g else 1.0
    if n is None:
        return None
    return Found("SET", duration(n * (2 if "other" in g else 1), unit))


def duration_(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "23 years", "a month", "five-hour", "several days" (``PXD``); not ages."""
    if "old" in g or _OLD_AFTER.match(ctx.text, ctx.end):
        return None  # an age
    if _COMPOUND_AFTER.match(ctx.text, ctx.end):
        return None  # "a year-earlier loss": the unit belongs to the word after it
    word = g["u"].lower()
    unit = UNITS[word]
    n = count(g["n"])
    text = ctx.text[ctx.start : ctx.end].lower()
    if n is not None:
        if n <= 0:
            return None
        if "half" in text or "1/2" in text:
            n += 0.5
        if g["n"].lower() in ("a", "an"):
            if unit == "TS" or word == "second":
                return None  # "a second time"
            if _RATE_BEFORE.search(ctx.text, max(0, ctx.start - 30), ctx.start):
                return None  # "$5 a year", "four flights a week": a rate, not a duration
    elif not word.endswith("s") and g["n"].lower() not in ("a few", "a couple of"):
        return None  # "some year", "many a day"
    return Found("DURATION", duration(n, unit))


def duration_range(g: dict[str, str], ctx: Context) -> list[Found] | None:
    """Handles "10-12 hours", "two to three years": two durations, the first borrowing the unit."""
    m = ctx.match
    second = duration_(g, ctx)
    first = count(g["n1"])
    if m is None or second is None or first is None or first <= 0:
        return None
    unit = UNITS[g["u"].lower()]
    return [
        Found("DURATION", duration(first, unit), span=m.span("duration_range__n1")),
        Found(second.type, second.value, span=(m.start("duration_range__n"), m.end())),
    ]


def half_unit(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "half an hour" (``PT30M``), "half a century"."""
    value = _HALF.get(UNITS[g["u"].lower()])
    return Found("DURATION", value) if value else None


def bare_unit(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "for years" (``PXY``), "a long day" (``P1D``), "weekend", "weekends" (a SET)."""
    word = g["u"].lower()
    before = ctx.text[max(0, ctx.start - 12) : ctx.start]
    if before.endswith("-") or ctx.text.startswith("-", ctx.end):
        return None  # "a six-year-old", "year-end": part of a compound word
    if word == "weekends":
        return Found("SET", "XXXX-WE")  # "open on weekends": every weekend, like "on Fridays"
    if word == "weekend":
        return date_found(points.at(ctx.today, "WE"))
    if word.endswith("s"):
        return (
            Found("DURATION", duration(None, UNITS[word])) if _BARE_BEFORE.search(before) else None
        )
    if _DETERMINER_BEFORE.search(before):
        return None  # "the day", "each year": left to the rules for those
    return Found("DURATION", duration(1, UNITS[word]))


HANDLERS = {
    "set": set_,
    "duration_range": duration_range,
    "duration": duration_,
    "half_unit": half_unit,
    "bare_unit": bare_unit,
}
