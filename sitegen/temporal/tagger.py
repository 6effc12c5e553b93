"""The tagging pass: scan the text once, resolve each match in order, keep the valid ones."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from sitegen.temporal import absolute, clock, periods, quantities, refs, relative
from sitegen.temporal.candidates import starts
from sitegen.temporal.context import Context
from sitegen.temporal.found import Found
from sitegen.temporal.lexicon import MODS, POSITION
from sitegen.temporal.patterns import groups, scanner_at
from sitegen.temporal.timex import Timex
from sitegen.temporal.validity import is_valid_value

Rule = Callable[[dict[str, str], Context], "Found | list[Found] | None"]
HANDLERS: dict[str, Rule] = {
    **absolute.HANDLERS,
    **periods.HANDLERS,
    **clock.HANDLERS,
    **relative.HANDLERS,
    **refs.HANDLERS,
    **quantities.HANDLERS,
}

_EXPLICIT_YEAR = re.compile(r"\d\d\d|'\d\d")
# Modifiers that make sense on a date ("about 1990"); the rest only quantify durations.
_DATE_MODS = {"about", "around", "approximately", "roughly"}


def tag(text: str, dct: dt.date | dt.datetime) -> list[Timex]:
    """Every time expression in ``text``, normalised against ``dct``, sorted by start."""
    day = dct.date() if isinstance(dct, dt.datetime) else dct
    low = text.lower()
    if len(low) != len(text):  # a few characters ("İ") grow when lower-cased: keep offsets
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    ctx = Context(text, day, low=low)
    found: list[Timex] = []
    pos = 0
    for start in starts(low):
        if start < pos:
            continue
        scanner = scanner_at(low, start)
        m = scanner.match(low, start) if scanner is not None else None
        if m is None or m.end() == start:
            continue
        timexes = _resolve(m, ctx)
        if timexes is not None:
            found.extend(timexes)
            pos = m.end()
    return found


def _resolve(m: re.Match[str], ctx: Context) -> list[Timex] | None:
    rule = (m.lastgroup or "")[2:]
    ctx.start, ctx.end, ctx.match = m.start(), m.end(), m
    try:
        result = HANDLERS[rule](groups(m, rule, ctx.text), ctx)
    except (ValueError, OverflowError):
        return None  # arithmetic past year 1 or 9999, Python's calendar range

    if result is None:
        return None
    results = result if isinstance(result, list) else [result]
    mod_word = m.group("mod")
    pos_word = m.group("pos")
    if mod_word:
        mod_word = " ".join(mod_word.lower().split())
    if pos_word:
        pos_word = " ".join(pos_word.lower().split())
    out = []
    for f in results:
        mod = f.mod
        if mod_word:
            if f.type != "DURATION" and mod_word not in _DATE_MODS and rule != "ago":
                return None
            after = ctx.text[m.end("mod") : m.end("mod") + 6].lower().split()
            if mod_word in ("over", "under", "some") and after[:1] == ["the"]:
                return None  # "over the past year": a preposition
            mod = MODS[mod_word]
        if pos_word:
            if f.type not in ("DATE", "TIME") or f.value.endswith("_REF"):
                return None
            if pos_word in ("earlier", "later") and rule in ("weekday", "deictic", "rel_part"):
                return None  # "earlier Friday": the adverb stays out of the span
            mod = POSITION[pos_word]
        if not is_valid_value(f.value):
            return None
        start, end = f.span if f.span else (m.start(), m.end())
        out.append(Timex(start, end, ctx.text[start:end], f.type, f.value, mod))
        if f.point is not None and f.type in ("DATE", "TIME"):
            ctx.anchor = f.point
            if _EXPLICIT_YEAR.search(m.group()):
                ctx.explicit = f.point
    return out
