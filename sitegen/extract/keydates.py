"""Key dates: rank days by how strongly independent articles point to them (DATEWISE).

An article *points to* a day when it names it at day precision (a DATE or TIME expression, not a
bound like "before 5 May") or when one of its sentences is a source of an event on that day.
Each article counts once per day, however often it repeats the day, so a long article cannot
outvote many short ones. A pointer from an article published on another day counts fully:
looking back at a day (or ahead to it) is what makes a day a key date; an article about its own
day counts for ``SAME_DAY``, enough to break ties among days that other articles recall.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sitegen.extract.dating import timex_date
from sitegen.model import Mention
from sitegen.temporal import Timex

SAME_DAY = 0.5
"""Weight of a pointer to the day the article was published."""

Pointer = tuple[str, dt.date, dt.date]
"""``(article id, its publication day, the day it points to)``."""


def mention_days(mentions: Iterable[Mention]) -> list[dt.date]:
    """The days that an article's time expressions name at day precision."""
    days = []
    for m in mentions:
        dated = timex_date(Timex(m.start, m.end, m.text, m.type, m.value, m.mod))
        if dated is not None and dated[0].precision == "day":
            days.append(dated[0].first_day())
    return days


def score_days(pointers: Iterable[Pointer]) -> dict[dt.date, float]:
    """The key-date score of every day pointed to (higher is more salient)."""
    seen: set[tuple[str, dt.date]] = set()
    scores: dict[dt.date, float] = defaultdict(float)
    for article_id, published, day in pointers:
        if (article_id, day) in seen:
            continue
        seen.add((article_id, day))
        scores[day] += SAME_DAY if day == published else 1.0
    return dict(scores)
