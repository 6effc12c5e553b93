"""Rules for calendar dates: days, months, years, decades, centuries, written or spoken.

Each rule takes the match's groups and the context and returns a :class:`Found`, a list of them,
or ``None`` to reject the match (the scanner then looks further on).
"""

from __future__ import annotations

import re

from sitegen.temporal import points
from sitegen.temporal.context import Context
from sitegen.temporal.found import (
    Found,
    clock_time,
    date_found,
    day_of,
    full_year,
    is_capitalised,
    month_of,
    safe_date,
)
from sitegen.temporal.lexicon import ORDINALS, SPELLED_DECADES, UNITS, alternation, number
from sitegen.temporal.points import Point

_AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "jun", "sept", "august", "aug"}
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:\n])[\s\"'(]*$")
_WORD_AFTER = re.compile(r" [a-z]")  # "May allah bless you": the verb opening a wish
_MAY_VERB = re.compile(r"\s+(?:I|we|you|he|she|it|they|God|be|have|not|also|well)\b")
_MARCH_NOUN = re.compile(r"['\"]?\s+(?:for|to\s+the|of\s+the|on)\b")
_IN_BEFORE = re.compile(r"\b(?:in|by|since|until|from|during|through)\s+$", re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her|their|my|your|our|its)\s+$")  # "in his 60s"
_VERB_AFTER = re.compile(r"\s+(?:was|has|is|as|its|this)\b")
_YEAR_BEFORE = {"the", "in", "since", "of", "by", "until", "from", "during", "its", "their", "a"}
_UNIT_AFTER = re.compile(rf"[-\s]+(?:{alternation(UNITS)})(?!\w)", re.IGNORECASE)
_COUNT_NOUN = re.compile(r"\s+(?:[a-z]+s|people|men|staff|police|aircraft|feet|km|yen)\b")
# Words before a number that make it a name or a reference, not a year: "Windows 2000".
_NAME_WORDS = {
    "windows", "office", "boeing", "airbus", "flight", "route", "highway", "interstate", "room",
    "suite", "model", "version", "no", "number", "apollo", "pentium", "resolution", "article",
    "section", "chapter", "page", "vol", "volume", "box", "street", "st", "avenue", "ave",
    "road", "channel", "code", "form", "rule", "bill", "act", "law", "item",
}  # fmt: skip


def infer_year(ctx: Context, month: int, day: int | None = None, of: str | None = None) -> int:
    """The year of a date written without one: the reference's, moved by tense in news.

    ``of`` is the "that" or "the following" of "in October of that year", if written.
    """
    if of:
        step = {"the following": 1, "the next": 1, "the previous": -1}.get(" ".join(of.split()), 0)
        return ctx.antecedent().day.year + step
    ahead = ctx.year_ahead()
    if ahead is not None:
        return ahead
    if ctx.narrative:
        ref = ctx.reference()
        if ref.gran in ("M", "D") and ref.day.month >= 11 and month <= 2:
            return ref.day.year + 1  # history runs forward: "In December 1941 ... In January"
        return ref.day.year
    year = ctx.dct.year
    direction = ctx.tense()
    when = (month, day or 1)
    now = (ctx.dct.month, ctx.dct.day if day else 1)
    if direction < 0 and when > now:
        return year - 1
    if direction > 0 and when < now:
        return year + 1
    if direction == 0:
        # No tense cue. News looks back more often than ahead: a month more than six ahead is
        # last year's, but only the turn of the year (January or February in a November or
        # December article) is next year's; March in an October article is the March just past.
        if month - ctx.dct.month > 6:
            return year - 1
        if ctx.dct.month - month > 9:
            return year + 1
    return year


def _day(ctx: Context, y: int | None, m: int, d: int, of: str | None = None) -> Found | None:
    year = y if y is not None else infer_year(ctx, m, d, of)
    day = safe_date(year, m, d)
    return date_found(Point(day, "D")) if day else None


def iso(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "2024-12-19", "2024-12-19T15:00"."""
    day = safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
    if day is None:
        return None
    clock = f"{g['h']}:{g['mi']}" if "h" in g else ""
    return date_found(Point(day, "D", clock=clock))


def numeric(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "12/19/2024" (month first, as in US news, unless the first number is above 12)
    and "19.12.2024" (day first)."""
    a, b = int(g["a"]), int(g["b"])
    y = full_year(g["y"], ctx.dct)
    month, day = (b, a) if g["sep"] == "." or a > 12 else (a, b)
    return _day(ctx, y, month, day)


def year_range(g: dict[str, str], ctx: Context) -> list[Found] | None:
    """Handles "1914-1918", "1939-45": two years."""
    m = ctx.match
    y1 = int(g["y1"])
    y2 = int(g["y2"]) if len(g["y2"]) == 4 else y1 // 100 * 100 + int(g["y2"])
    if not 0 < y2 - y1 <= 100 or y1 < 1000:
        return None
    # The story goes on from the start of the range: only the first year becomes the reference.
    return [
        Found("DATE", f"{y1:04d}", points.year(y1), span=m.span("year_range__y1")),
        Found("DATE", f"{y2:04d}", span=m.span("year_range__y2")),
    ]


def bc_range(g: dict[str, str], ctx: Context) -> list[Found]:
    """Handles "499-493 BC": two years before the common era."""
    m = ctx.match
    spans = [m.span("bc_range__y1"), (m.start("bc_range__y2"), m.end())]
    return [
        Found("DATE", f"BC{int(g[k]):04d}", span=s)
        for k, s in zip(("y1", "y2"), spans, strict=True)
    ]


def bc(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "480 BC" (``BC0480``), "AD 9"."""
    if "ad" in g:
        return Found("DATE", f"{int(g['ad']):04d}")
    if g["era"].upper().startswith("B"):
        return Found("DATE", f"BC{int(g['y']):04d}")
    return Found("DATE", f"{int(g['y']):04d}") if int(g["y"]) > 0 else None


def calendar_date(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "Dec. 19, 2024", "19 December", "the 5th of May", "Thursday, December 19"."""
    lower_case = not is_capitalised(g["m"]) and not ctx.text[ctx.start : ctx.end].islower()
    if g["m"].lower().rstrip(".") in _AMBIGUOUS_MONTHS and lower_case and "y" not in g:
        return None
    if g["d"].lower() in ORDINALS and ORDINALS[g["d"].lower()] < 0:
        return None
    y = full_year(g["y"], ctx.dct) if "y" in g else None
    found = _day(ctx, y, month_of(g["m"]), day_of(g["d"]), g.get("of"))
    if found is None or found.point is None or "h" not in g:
        return found
    hhmm = clock_time(g)  # "May 10, 2014 2pm"
    return date_found(found.point._replace(clock=hhmm)) if hhmm else None


def day_range(g: dict[str, str], ctx: Context) -> list[Found] | None:
    """Handles "6-7 January 1916": two dates, the first borrowing the second's month and year."""
    m = ctx.match
    second = calendar_date({k: g[k] for k in ("d2", "m", "y") if k in g} | {"d": g["d2"]}, ctx)
    first = calendar_date({"m": g["m"], "d": g["d1"]} | ({"y": g["y"]} if "y" in g else {}), ctx)
    if first is None or second is None or m is None:
        return None
    return [
        Found(first.type, first.value, first.point, span=m.span("day_range__d1")),
        Found(second.type, second.value, second.point, span=(m.start("day_range__d2"), m.end())),
    ]


def md_range(g: dict[str, str], ctx: Context) -> list[Found] | None:
    """Handles "April 8-12", "May 5 - 6, 2015": two dates, the second borrowing the month."""
    m = ctx.match
    if m is None:
        return None
    year = {"y": g["y"]} if "y" in g else {}
    first = calendar_date({"m": g["m"], "d": g["d1"]} | year, ctx)
    if first is None:
        return None
    head = Found(first.type, first.value, first.point, span=(m.start(), m.end("md_range__d1")))
    if day_of(g["d2"]) <= day_of(g["d1"]):
        return [head]  # "March 5-4": what follows the date is a score, not its last day
    second = calendar_date({"m": g["m"], "d": g["d2"]} | year, ctx)
    if second is None:
        return None
    tail = (m.start("md_range__d2"), m.end())
    return [head, Found(second.type, second.value, second.point, span=tail)]


def month_year(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "March 2022", "June of 1944"."""
    if g["m"].lower() in ("may", "march") and not is_capitalised(g["m"]):
        return None
    return date_found(points.month(full_year(g["y"], ctx.dct), month_of(g["m"])))


def month_rel_year(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "January this year", "June last year": one month, of the year named."""
    if g["m"].lower() in ("may", "march") and not is_capitalised(g["m"]):
        return None
    y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
    return date_found(points.month(y, month_of(g["m"])))


def month(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "in July": a capitalised month name alone, its year inferred."""
    word = g["m"]
    bare = word.lower().rstrip(".")
    if not is_capitalised(word) or (len(bare) == 3 and not word.endswith(".") and bare != "may"):
        return None
    opens = _SENTENCE_OPEN.search(ctx.text[max(0, ctx.start - 6) : ctx.start]) is not None
    if bare == "may" and (
        _MAY_VERB.match(ctx.text, ctx.end) or opens and _WORD_AFTER.match(ctx.text, ctx.end)
    ):
        return None  # "May we...", "may have": the verb
    before = ctx.text[max(0, ctx.start - 8) : ctx.start]
    if bare == "march" and _MARCH_NOUN.match(ctx.text, ctx.end) and not _IN_BEFORE.search(before):
        return None  # "the March to the Sea", "the annual March for Life": a march
    m = month_of(word)
    return date_found(points.month(infer_year(ctx, m, of=g.get("of")), m))


def decade(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "the 1990s" (``199``), "the '90s"; "the 1800s" is a century (``18``)."""
    digits = g["y"].lstrip("'")
    before = ctx.text[max(0, ctx.start - 12) : ctx.start].lower()
    if len(digits) == 2 and (
        not ctx.text[ctx.start : ctx.end].lower().startswith(("the", "'"))
        or _POSSESSIVE_BEFORE.search(before)
    ):
        return None
    y = full_year(digits, ctx.dct) if len(digits) == 2 else int(digits)
    if y % 100 == 0 and len(digits) == 4:
        return Found("DATE", f"{y // 100:02d}", points.at(points.year(y), "C"))
    return Found("DATE", f"{y // 10:03d}", points.at(points.year(y), "E"))


def century(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "the 19th century" (``18``)."""
    n = day_of(g["n"])
    if not 0 < n <= 21:
        return None
    era = g.get("era", "").upper()
    return Found("DATE", f"BC{n - 1:02d}" if era.startswith("B") else f"{n - 1:02d}")


def spelled_year(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "nineteen ninety-six", "the year two thousand": years as spoken in broadcast news."""
    if "k" in g:
        if _UNIT_AFTER.match(ctx.text, ctx.end):
            return None  # "two thousand years": a count of years, not the year 2000
        y = 2000 + (number(g["u"]) or 0 if "u" in g else 0)
    else:
        tail = number(g["y"])
        if tail is None:
            return None
        y = (1900 if g["c"].lower() == "nineteen" else 2000) + tail
    return date_found(points.year(y))


def spelled_decade(g: dict[str, str], ctx: Context) -> Found:
    """Handles "the nineties": the decade of the DCT's century before it, or the one before that."""
    tens = SPELLED_DECADES[g["d"].lower()]
    y = ctx.dct.year // 100 * 100 + tens
    if y > ctx.dct.year:
        y -= 100
    return Found("DATE", f"{y // 10:03d}", points.at(points.year(y), "E"))


def year(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "2022", "fiscal 1998", "the year 2014"; not a count ("2000 troops") or a name."""
    y = int(g["y"])
    if "fy" not in g:
        if not ctx.narrative and not 1800 <= y <= ctx.dct.year + 30:
            return None
        before = ctx.text[max(0, ctx.start - 20) : ctx.start].split()
        word_before = before[-1].lower().rstrip(".") if before else ""
        if word_before in _NAME_WORDS:
            return None  # "Windows 2000", "Flight 1549", "Resolution 1441": a name or a number
        after = ctx.text[ctx.end : ctx.end + 24]
        counted = _COUNT_NOUN.match(after) and not _VERB_AFTER.match(after)
        if counted and word_before not in _YEAR_BEFORE and ctx.start == ctx.match.start("year__y"):
            return None  # "sold 2000 tickets", but "the 1959 politics", "in 1999 talks"
    if ctx.narrative and ctx.tense() > 0:
        # "a campaign planned for 1976": a plan does not move the story's clock forward
        return Found("DATE", f"{y:04d}")
    return date_found(points.year(y))


def short_year(g: dict[str, str], ctx: Context) -> Found:
    """Handles "'99" after a space: in a history, the century of the years it is about."""
    return date_found(points.year(full_year(g["y"], ctx.reference().day)))


HANDLERS = {
    "iso": iso,
    "numeric": numeric,
    "year_range": year_range,
    "bc_range": bc_range,
    "bc": bc,
    "mdy": calendar_date,
    "day_range": day_range,
    "md_range": md_range,
    "dmy": calendar_date,
    "month_year": month_year,
    "month": month,
    "month_rel_year": month_rel_year,
    "decade": decade,
    "century": century,
    "spelled_year": spelled_year,
    "spelled_decade": spelled_decade,
    "year": year,
    "short_year": short_year,
}
