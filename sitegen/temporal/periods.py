"""Rules for named periods: quarters and fiscal years, halves, seasons, holidays.

Financial news names periods relative to the one being reported ("the year-ago quarter"); those
comparisons do not become the reference for what follows.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import easter
from dateutil.relativedelta import TH, relativedelta

from sitegen.temporal import points
from sitegen.temporal.context import Context
from sitegen.temporal.found import (
    Found,
    date_found,
    full_year,
)
from sitegen.temporal.lexicon import HOLIDAYS, SEASONS
from sitegen.temporal.points import Point

_OF_AFTER = re.compile(r"\s+of\b")


def _relative_year(rel: str | None, ctx: Context) -> int | None:
    if not rel:
        return None
    return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[rel.lower()]


def quarter(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "the third quarter", "fourth-quarter", "the first quarter of 1998"."""
    words = ctx.text[ctx.start : ctx.end].lower()
    if words.startswith("the") and "-quarter" in words:
        return None  # "the third-quarter loss": the adjective without its article
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(g["q"].lower()) or int(g["q"][0])
    y = g.get("y") or g.get("y0")
    year = int(y) if y else _relative_year(g.get("rel") or g.get("rel0"), ctx)
    if year is None:
        if ctx.narrative:
            year = ctx.reference().day.year
        else:
            now_q = (ctx.dct.month - 1) // 3 + 1
            year = ctx.dct.year - (q > now_q and ctx.tense() <= 0)
    return date_found(points.quarter(year, q))


def quarter_relative(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "the latest quarter", "the year-ago period", and "the quarter":
    the one last mentioned."""
    words = ctx.text[ctx.start : ctx.end].lower()
    rel = (g.get("rel") or "").lower()
    if rel in ("first", "second", "third", "fourth") or not (rel or words.startswith("the")):
        return None
    if g["noun"].lower() == "period" and not (rel or "year-" in words):
        return None
    this = points.at(ctx.today, "Q")
    if rel == "current":
        return date_found(this)
    latest = points.shift(this, "Q", -1)
    if rel in ("last", "previous", "past", "latest", "recent"):
        return date_found(latest)
    anchor = ctx.anchor
    base = anchor if anchor is not None and anchor.gran == "Q" else latest
    if "year-" in words:
        return _compared(points.shift(base, "Y", -1))
    return date_found(base)


def _compared(point: Point) -> Found:
    """A period named only for comparison ("the year-ago quarter"): it does not become the
    reference, so "the quarter" that follows is still the one being reported."""
    return Found("DATE", point.value())


def year_period(g: dict[str, str], ctx: Context) -> Found:
    """Handles "the 1988 period" of an earnings report: the quarter being reported, in 1988."""
    y = int(g["y"])
    anchor = ctx.anchor
    if anchor is not None and anchor.gran == "Q":
        return _compared(points.quarter(y, (anchor.day.month - 1) // 3 + 1))
    return date_found(points.year(y))


def year_ago(g: dict[str, str], ctx: Context) -> Found:
    """Handles "year-earlier profit":
    the year before the quarter last mentioned, or before the DCT."""
    anchor = ctx.anchor
    if anchor is not None and anchor.gran == "Q":
        return _compared(points.shift(anchor, "Y", -1))
    return _compared(points.year(ctx.dct.year - 1))


def period_end(g: dict[str, str], ctx: Context) -> Found:
    """Handles "by year-end", "at month's end":
    the end of the current (or narrated) year or month."""
    gran = {"year": "Y", "month": "M", "week": "W"}[g["u"].lower()]
    return date_found(points.at(ctx.reference(), gran), mod="END")


def the_year(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "the fiscal year", "the current fiscal year", "the full year";
    "the year ended June 30" is a year-long duration."""
    if "ended" in g or "ended2" in g:
        return Found("DURATION", "P1Y")
    if "kind" not in g:
        return None
    rel = (g.get("rel") or "").lower()
    if rel == "same":
        return date_found(points.at(ctx.antecedent(), "Y"))
    step = {"latest": -1, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}
    return date_found(points.year(ctx.reference().day.year + step.get(rel, 0)))


def half(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "the first half of 1999" (``1999-H1``)."""
    h = 2 if g["h"].lower() in ("second", "2nd", "latter", "last") else 1
    year = int(g["y"]) if "y" in g else _relative_year(g.get("rel"), ctx)
    if year is None:
        if "of" not in ctx.text[ctx.start : ctx.end]:
            return None
        year = ctx.reference().day.year
    return Found("DATE", f"{year:04d}-H{h}", points.year(year))


def season(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "summer 2009", "last fall", "the spring of 1918";
    not the verbs "fall" and "spring"."""
    code = SEASONS[g["s"].lower()]
    rel = " ".join((g.get("rel") or "").lower().split())
    words = ctx.text[ctx.start : ctx.end].lower()
    # "prices fall", "Fall": the verbs; a capitalised "Spring" alone is the season
    verb_like = g["s"] in ("fall", "spring", "Fall")
    if verb_like and not (rel or "y" in g or words.startswith("the")):
        return None
    if "y" not in g and _OF_AFTER.match(ctx.text, ctx.end):
        return None  # "the fall of Paris"
    if "y" in g:
        return date_found(points.season(full_year(g["y"], ctx.dct), code))
    now = points.at(ctx.today, "S")
    if rel in ("last", "past", "previous"):
        year = now.day.year - (points.season(now.day.year, code).day >= now.day)
    elif rel in ("next", "coming", "the coming"):
        year = now.day.year + (points.season(now.day.year, code).day <= now.day)
    elif rel in ("that", "the same", "the following", "the next", "the previous") or ctx.narrative:
        ref = ctx.antecedent().day.year
        year = ref + {"the following": 1, "the next": 1, "the previous": -1}.get(rel, 0)
    else:
        year = ctx.dct.year
        if ctx.tense() < 0 and points.season(year, code).day > ctx.dct:
            year -= 1
    return date_found(points.season(year, code))


def holiday(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "Christmas", "Thanksgiving", "Easter", "New Year's Eve"."""
    name = " ".join(g["h"].lower().split())
    rel = (g.get("rel") or "").lower()
    if rel and rel not in ("this", "last", "next"):
        return None
    year = int(g["y"]) if "y" in g else _relative_year(rel, ctx)

    def on(y: int) -> dt.date:
        if name.startswith("thanksgiving"):
            return dt.date(y, 11, 1) + relativedelta(weekday=TH(4))
        if name.startswith("easter"):
            return easter(y)
        if name == "new year":
            return dt.date(y, 1, 1)
        m, d = HOLIDAYS[name]
        return dt.date(y, m, d)

    if year is None:
        year = ctx.reference().day.year if ctx.narrative else ctx.dct.year
        if not ctx.narrative and ctx.tense() < 0 and on(year) > ctx.dct:
            year -= 1
    elif rel == "last" and on(year + 1) <= ctx.dct:
        year += 1
    return date_found(Point(on(year), "D"))


HANDLERS = {
    "year_period": year_period,
    "quarter": quarter,
    "quarter_rel": quarter_relative,
    "year_ago": year_ago,
    "the_year": the_year,
    "period_end": period_end,
    "half": half,
    "season": season,
    "holiday": holiday,
}
