"""Rules for times of day: "3 p.m. EST", "15:30", "noon", "ten o'clock"."""

from __future__ import annotations

import re

from sitegen.temporal.absolute import calendar_date
from sitegen.temporal.context import Context
from sitegen.temporal.found import (
    Found,
    clock_time,
    date_found,
    is_capitalised,
)
from sitegen.temporal.lexicon import number
from sitegen.temporal.points import Point

_SENTENCE_START = re.compile(r"[.!?\n]\W*$")


def clock(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "3 p.m. EST", "15:30", "9 a.m. Tuesday":
    a time of the day named or of the reference day."""
    hhmm = clock_time(g)
    if hhmm is None:
        return None
    if "day" in g:
        day = ctx.day_named(g["day"])
    elif "m" in g:  # "5 p.m. EST Nov. 9"
        date = calendar_date(g, ctx)
        if date is None or date.point is None:
            return None
        day = date.point.day
    else:
        anchor = ctx.anchor
        day = anchor.day if anchor is not None and anchor.gran == "D" else ctx.dct
    return date_found(Point(day, "D", clock=hhmm))


def noon(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "noon", "midday", "midnight", "noon Thursday" (one time), "midnight Friday" (the
    end of Friday, ``24:00``)."""
    before = ctx.text[max(0, ctx.start - 5) : ctx.start]
    if is_capitalised(g["w"]) and ctx.start > 4 and not _SENTENCE_START.search(before):
        return None  # "High Noon"
    if before.lower().endswith("high "):
        return None  # "high noon comes today": the figure of speech
    midnight = g["w"].lower() == "midnight"
    if "day" in g:
        return date_found(
            Point(ctx.day_named(g["day"]), "D", clock="24:00" if midnight else "12:00")
        )
    anchor = ctx.anchor
    day = anchor.day if anchor is not None and anchor.gran == "D" else ctx.dct
    return date_found(Point(day, "D", clock="00:00" if midnight else "12:00"))


def oclock(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "ten o'clock"."""
    h = number(g["h"])
    if h is None or not 1 <= h <= 12:
        return None
    return Found("TIME", f"{ctx.dct.isoformat()}T{h:02d}:00")


HANDLERS = {
    "clock": clock,
    "clock24": clock,
    "noon": noon,
    "oclock": oclock,
}
