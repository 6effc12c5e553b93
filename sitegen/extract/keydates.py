"""Key dates: rank days by how strongly independent articles point to them (DATEWISE).

An article *points to* a day when it names it at day precision (a DATE or TIME expression, not a
bound like "before 5 May") or when one of its sentences names a curated event on that day. Each
article counts once per day, however often it repeats the day, so a long article cannot outvote
many short ones. The weight of one pointer:

- from an article published that day or later, ``(1 + days between)^ALPHA``, the distance
  capped at ``CAP`` days: the day's own news counts 1, and a day still recalled weeks later
  mattered beyond its news cycle; but a day recalled years later is background, no more
  salient than one recalled a month later;
- from an earlier article, ``AHEAD`` (nothing): a plan is not yet an event;
- times ``OUTSIDE`` for a day before the first article or after the last: the story the
  articles tell is mostly inside their span.

The constants were chosen on the two Timeline17 development topics (mj, h1n1) from a plateau
where neighbouring values score within a few points (see benchmarks/README.md).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sitegen.extract.dating import value_date
from sitegen.model import Mention

AHEAD = 0.0
"""Weight of a pointer to a day after the article was published."""
ALPHA = 0.75
CAP = 30
"""Days after which looking back counts no more."""
OUTSIDE = 0.1
"""Factor for days outside the span of publication dates."""

Pointer = tuple[str, dt.date, dt.date]
"""``(article id, its publication day, the day it points to)``."""


def mention_days(mentions: Iterable[Mention]) -> list[dt.date]:
    """The days that an article's time expressions name at day precision."""
    days = []
    for m in mentions:
        dated = value_date(m.type, m.value, m.mod)
        if dated is not None and dated[0].precision == "day":
            days.append(dated[0].first_day())
    return days


def pointer_weight(day: dt.date, published: dt.date) -> float:
    """How strongly one article published on ``published`` points to ``day``."""
    if day > published:
        return AHEAD
    return (1 + min((published - day).days, CAP)) ** ALPHA


def score_days(pointers: Iterable[Pointer]) -> dict[dt.date, float]:
    """The key-date score of every day pointed to (higher is more salient)."""
    unique = sorted(set(pointers))  # sorted: float sums in a fixed order, same bytes every run
    if not unique:
        return {}
    first = min(p for _, p, _ in unique)
    last = max(p for _, p, _ in unique)
    scores: dict[dt.date, float] = defaultdict(float)
    for _, published, day in unique:
        weight = pointer_weight(day, published)
        scores[day] += weight if first <= day <= last else weight * OUTSIDE
    return dict(scores)


class DayPointers:
    """A merge's pointers by day, so that one changed article's days are scored again alone,
    with the same sum as :func:`score_days` (the dev server's patched merge)."""

    def __init__(self, pointers: Iterable[Pointer]) -> None:
        self.by_day: dict[dt.date, set[Pointer]] = {}
        for pointer in pointers:
            self.by_day.setdefault(pointer[2], set()).add(pointer)
        published = [p[1] for pointed in self.by_day.values() for p in pointed]
        self.span = (min(published), max(published)) if published else None
        """The first and last publication day (kept: an article moving it calls for a merge)."""

    def swap(self, old: Iterable[Pointer], new: Iterable[Pointer]) -> set[dt.date]:
        """Replace one article's pointers; the days whose score may have moved."""
        days: set[dt.date] = set()
        for pointer in set(old):
            self.by_day.get(pointer[2], set()).discard(pointer)
            days.add(pointer[2])
        for pointer in set(new):
            self.by_day.setdefault(pointer[2], set()).add(pointer)
            days.add(pointer[2])
        return days

    def score(self, day: dt.date) -> float:
        """``score_days(...)[day]`` of all the pointers (0 for a day none points to)."""
        if self.span is None:
            return 0.0
        first, last = self.span
        score = 0.0
        for _, published, _ in sorted(self.by_day.get(day, ())):
            weight = pointer_weight(day, published)
            score += weight if first <= day <= last else weight * OUTSIDE
        return score
