"""Rules for relative expressions: "two years ago", "last week", "the following day", "Thursday".

Deictic expressions count from the DCT; anaphoric ones ("the next day", "that year", "three days
later") from the last date mentioned (see :mod:`sitegen.temporal.context`).
"""

from __future__ import annotations

import datetime as dt
import re

from sitegen.temporal import points
from sitegen.temporal.absolute import calendar_date
from sitegen.temporal.context import Context
from sitegen.temporal.found import (
    Found,
    clock_time,
    count,
    date_found,
    duration,
    is_capitalised,
)
from sitegen.temporal.lexicon import (
    DAY_PARTS,
    DEICTIC_DAYS,
    MONTHS,
    NIGHTS,
    UNITS,
    WEEKDAYS,
)
from sitegen.temporal.points import Point

# Unit codes -> the granularity of a date named by that unit ("last week" is a week).
_GRAN = {"D": "D", "W": "W", "WE": "WE", "2W": "W", "M": "M", "Q": "Q", "Y": "Y"}
_GRAN.update({"DE": "E", "CE": "C"})
_BACK = {"ago", "earlier", "before", "previously", "back"}
_FORWARD_DCT = {"hence", "from now"}
_DAY_NUMBER_AFTER = re.compile(r",?\s*\d")  # "Sun, 5 May", "Sat 7pm": the day, not the paper


def _words(s: str | None) -> str:
    return " ".join((s or "").lower().split())


def ago(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "two years ago" (from the DCT), "three days later" (from the last date mentioned)."""
    unit = UNITS[g["u"].lower()]
    direction = _words(g["dir"])
    back = direction in _BACK
    n = count(g.get("n"))
    if n is None:
        if "n" in g or unit in ("Y", "DE", "M", "W", "D", "CE"):
            return Found("DATE", "PAST_REF" if back else "FUTURE_REF")
        return None
    if n != int(n) or n <= 0:
        return None
    deictic = direction == "ago" or direction in _FORWARD_DCT
    base = ctx.today if deictic else ctx.antecedent()
    if unit == "Y" and n == 1 and ctx.anchor is not None and ctx.anchor.gran == "Q":
        # "profit in the quarter rose from a year ago": the year-ago quarter, named only for
        # comparison, so it does not become the reference
        return Found("DATE", points.shift(ctx.anchor, "Y", -1 if back else 1).value())
    return date_found(points.shift(base, unit, int(-n if back else n)))


def rel_weekday(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "last Friday", "next Monday", "the following Tuesday"."""
    rel = _words(g["rel"])
    wd = WEEKDAYS[g["wd"].lower()]
    if rel in ("last", "past", "previous"):
        day = points.weekday(ctx.dct - dt.timedelta(days=1), wd, -1)
    elif rel in ("next", "coming", "the coming"):
        day = points.weekday(ctx.dct + dt.timedelta(days=1), wd, 1)
    elif rel in ("this", "current"):
        day = points.weekday(ctx.dct, wd, ctx.tense())
    elif rel in ("the following", "the next"):
        day = points.weekday(ctx.antecedent().day + dt.timedelta(days=1), wd, 1)
    elif rel in ("the previous", "the preceding"):
        day = points.weekday(ctx.antecedent().day - dt.timedelta(days=1), wd, -1)
    elif rel in ("that", "the same"):
        day = points.weekday(ctx.antecedent().day, wd, 0)
    else:
        return None
    return _day_part(day, g.get("part"), g)


def _day_part(day: dt.date, part: str | None, g: dict[str, str] | None = None) -> Found | None:
    """A day, at a time of day ("Sat, 7pm") or in a part of the day ("Friday night")."""
    if g is not None and "h" in g:
        hhmm = clock_time(g)
        return date_found(Point(day, "D", clock=hhmm)) if hhmm else None
    return date_found(Point(day, "D", clock=DAY_PARTS[part.lower()] if part else ""))


def rel_month(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "last March", "this September", "the following May"."""
    rel = _words(g["rel"])
    word = g["m"]
    if word.lower() in ("may", "march", "mar") and not is_capitalised(word):
        return None
    m = MONTHS[word.lower()]
    y = ctx.dct.year
    if rel in ("last", "past", "previous"):
        y -= m >= ctx.dct.month
    elif rel in ("next", "coming", "the coming"):
        y += m <= ctx.dct.month
    elif rel in ("that", "the same", "the following", "the next", "the previous"):
        base = ctx.antecedent().day
        y = base.year + (rel in ("the following", "the next") and m <= base.month)
        y -= rel == "the previous" and m >= base.month
    elif rel not in ("this", "current"):
        return None
    return date_found(points.month(y, m))


def rel_part(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "this morning", "last night", "tomorrow evening"."""
    rel = _words(g["rel"])
    part = g["part"].lower()
    if rel in DEICTIC_DAYS:
        day = ctx.day_named(rel)
    elif rel == "last" and DAY_PARTS[part] in ("NI", "EV"):
        day = ctx.dct - dt.timedelta(days=1)
    elif rel in ("this", "the", "that", "the same"):
        if rel != "this" and ctx.text.startswith(" of ", ctx.end):
            return None  # "the night of Friday, Oct. 23": the date follows
        anchor = ctx.anchor
        use_anchor = rel != "this" and anchor is not None and anchor.gran == "D"
        day = anchor.day if use_anchor and anchor is not None else ctx.dct
    elif rel in ("the following", "the next"):
        day = ctx.antecedent().day + dt.timedelta(days=1)
    else:
        return None
    return _day_part(day, part)


def rel_unit(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "last week", "next year", "the following day", "the past three months"."""
    rel = _words(g["rel"])
    word = g["u"].lower()
    unit = UNITS[word]
    plural = word.endswith("s") and word not in ("hrs", "mins", "secs", "yrs", "wks")
    if "n" in g or "first" in g or (plural and rel.startswith("the")):
        amount = count(g.get("n")) if "n" in g else (None if plural else 1.0)
        if "n" in g and amount is not None and amount != int(amount):
            return Found("DURATION", duration(amount, unit))
        if rel in ("last", "this", "next") and "n" not in g:
            return None
        return Found("DURATION", duration(amount, unit))
    if plural:
        return None
    gran = _GRAN.get(unit)
    if gran is None:
        return None
    if "tail" in g:
        step = 1 if "after" in g["tail"].lower() else -1
        return date_found(points.shift(ctx.antecedent(), unit, step)) if rel == "the" else None
    now = points.at(ctx.today, gran)
    if rel in ("this", "current", "the current"):
        return date_found(now)
    if rel in ("last", "past", "previous"):
        return date_found(points.shift(now, unit, -1))
    if rel in ("the past", "the last"):  # a date in TimeBank: the unit before the reference
        return date_found(points.shift(points.at(ctx.reference(), gran), unit, -1))
    if rel in ("next", "coming", "following", "the coming", "the upcoming"):
        return date_found(points.shift(now, unit, 1))
    if rel in ("the next", "the following"):
        return date_found(points.shift(points.at(ctx.antecedent(), gran), unit, 1))
    if rel in ("the previous", "the preceding"):
        return date_found(points.shift(points.at(ctx.antecedent(), gran), unit, -1))
    if rel in ("that", "the same", "same"):
        return date_found(points.at(ctx.antecedent(), gran))
    if rel == "the" and unit == "WE":
        return date_found(ctx.weekend() if not ctx.narrative else points.at(ctx.reference(), "WE"))
    if rel == "the" and unit == "W" and not ctx.narrative:
        if ctx.text.startswith((" of ", " ended", " ending", " following"), ctx.end):
            return None  # "the week of March 6" is dated by what follows
        return date_found(points.at(ctx.today, "W"))  # "for the week", "to end off the week"
    if rel == "the" and ctx.match is not None and ctx.match.group("pos"):
        return date_found(points.at(ctx.reference(), gran))
    return None


def deictic(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "today", "yesterday", "tomorrow", "tonight", "the day before yesterday"."""
    word = g["w"].lower()
    if ctx.narrative and word == "today" and "pre" not in g and "part" not in g:
        return Found("DATE", "PRESENT_REF")  # a history's "today" is the writer's present
    day = ctx.day_named(word)
    if "pre" in g:
        day += dt.timedelta(days=-1 if g["pre"].lower() == "before" else 1)
    if word in NIGHTS:
        return _day_part(day, "night")
    return _day_part(day, g.get("part"))


def weekday(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "Thursday" (the nearest one in the tense's direction), "Fridays" (a SET)."""
    word = g["wd"]
    lower = word.lower()
    if len(lower.rstrip(".")) <= 4 and not (is_capitalised(word) or ctx.text.islower()):
        return None
    followed = _DAY_NUMBER_AFTER.match(ctx.text, ctx.end) is not None
    if lower in ("sun", "sat", "wed", "mon") and not word.isupper() and not followed:
        return None  # "Sun", "Wed" are more often a newspaper and a verb than days
    if lower.endswith("days"):
        return Found("SET", f"XXXX-WXX-{WEEKDAYS[lower] + 1}")
    if "m" in g:
        return calendar_date({"m": g["m"], "d": g["d"]}, ctx)
    # "Friday, 7pm" is the time and "Thursday evening" the evening (TimeBank: 3 of 3), but
    # "Friday night" and "Friday morning" are the day about as often as the part of it: the day.
    part = g.get("part", "")
    return _day_part(ctx.weekday(WEEKDAYS[lower]), part if part.lower() == "evening" else None, g)


def part(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "in the morning", "overnight": a part of the reference day."""
    word = g["part"].lower()
    if word.endswith("s") and word != "overnight" or ctx.text.startswith(" of ", ctx.end):
        return None  # "on the night of April 18": the date that follows says it
    anchor = ctx.anchor
    if ctx.narrative and (anchor is None or anchor.gran != "D"):
        return Found("TIME", f"XXXX-XX-XXT{DAY_PARTS[word]}")  # "they moved only at night"
    day = anchor.day if anchor is not None and anchor.gran == "D" else ctx.dct
    return _day_part(day, word)


HANDLERS = {
    "ago": ago,
    "rel_weekday": rel_weekday,
    "rel_month": rel_month,
    "rel_part": rel_part,
    "rel_unit": rel_unit,
    "deictic": deictic,
    "weekday": weekday,
    "part": part,
}
