"""Calendar points at a granularity, their TIMEX3 values and their arithmetic.

A :class:`Point` is a period named by its first day and its granularity: ``Point(2022-01-01, "Y")``
is the year 2022, never a day of it, so a value never gains precision it was not given.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

# Granularities, coarsest first: century, decade, year, half, quarter, season, month, week,
# weekend, day. A season point is dated at the first day of its first month.
ORDER = ("C", "E", "Y", "H", "Q", "S", "M", "W", "WE", "D")
SEASON_MONTH = {"WI": 12, "SP": 3, "SU": 6, "FA": 9}

# Shift units (as in lexicon.UNITS) -> (what to add, amount per unit, granularity).
_SHIFT = {
    "CE": ("years", 100, "C"),
    "DE": ("years", 10, "Y"),
    "Y": ("years", 1, "Y"),
    "Q": ("months", 3, "Q"),
    "M": ("months", 1, "M"),
    "2W": ("weeks", 2, "W"),
    "W": ("weeks", 1, "W"),
    "WE": ("weeks", 1, "WE"),
    "D": ("days", 1, "D"),
    "TH": ("hours", 1, "D"),
    "TM": ("minutes", 1, "D"),
    "TS": ("seconds", 1, "D"),
}


class Point(NamedTuple):
    """A period of the calendar: its first day, granularity and, for days, a time or day part.

    A named tuple rather than a dataclass: the tagger makes thousands of them a second.
    """

    day: dt.date
    gran: str
    season: str = ""
    clock: str = ""  # "15:00" or a day part such as "MO"

    def value(self) -> str:
        """The TIMEX3 value: ``2022``, ``2022-03``, ``2013-W11``, ``199``, ``2009-SU``..."""
        y = self.day.year
        g = self.gran
        if g == "C":
            return f"{y // 100:02d}"
        if g == "E":
            return f"{y // 10:03d}"
        if g == "Y":
            return f"{y:04d}"
        if g == "H":
            return f"{y:04d}-H{(self.day.month - 1) // 6 + 1}"
        if g == "Q":
            return f"{y:04d}-Q{(self.day.month - 1) // 3 + 1}"
        if g == "S":
            return f"{y:04d}-{self.season}"
        if g == "M":
            return f"{y:04d}-{self.day.month:02d}"
        if g in ("W", "WE"):
            iso = self.day.isocalendar()
            return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if g == "WE" else "")
        day = self.day.isoformat()
        return f"{day}T{self.clock}" if self.clock else day

    def coarser_than(self, gran: str) -> bool:
        return _RANK[self.gran] < _RANK[gran]


_RANK = {gran: i for i, gran in enumerate(ORDER)} | {"H": ORDER.index("Y")}


def year(y: int) -> Point:
    """The year ``y``."""
    return Point(dt.date(y, 1, 1), "Y")


def month(y: int, m: int) -> Point:
    """The month ``m`` of year ``y``."""
    return Point(dt.date(y, m, 1), "M")


def quarter(y: int, q: int) -> Point:
    """The quarter ``q`` of year ``y``."""
    return Point(dt.date(y, 3 * q - 2, 1), "Q")


def season(y: int, code: str) -> Point:
    """The season ``code`` (SP, SU, FA, WI) of year ``y``."""
    # Winter 2009 is the winter that starts in December 2009 in TIMEX3's naming, 2009-WI.
    return Point(dt.date(y, SEASON_MONTH[code], 1), "S", season=code)


def week(day: dt.date, weekend: bool = False) -> Point:
    """The (ISO) week, or its weekend, that holds ``day``."""
    return Point(day - dt.timedelta(days=day.weekday()), "WE" if weekend else "W")


def at(point: Point, gran: str) -> Point:
    """The period of granularity ``gran`` that contains ``point``'s first day."""
    d = point.day
    if gran == "C":
        return Point(dt.date(max(1, d.year // 100 * 100), 1, 1), "C")
    if gran == "E":
        return Point(dt.date(max(1, d.year // 10 * 10), 1, 1), "E")
    if gran == "Y":
        return year(d.year)
    if gran == "Q":
        return quarter(d.year, (d.month - 1) // 3 + 1)
    if gran == "M":
        return month(d.year, d.month)
    if gran in ("W", "WE"):
        return week(d, gran == "WE")
    if gran == "S":
        code = {12: "WI", 1: "WI", 2: "WI"}.get(d.month) or ("SP", "SU", "FA")[(d.month - 3) // 3]
        return season(d.year - (d.month < 3), code)
    return Point(d, "D")


def shift(point: Point, unit: str, n: int) -> Point:
    """``point`` moved by ``n`` units, at the unit's granularity or the point's if coarser."""
    key, per, gran = _SHIFT[unit]
    day = _add(point.day, key, n * per)
    if day.year < 1:
        return point
    moved = Point(day, point.gran, point.season, point.clock)
    if point.coarser_than(gran) or (gran == "Y" and point.gran == "Q"):
        return moved if point.gran != "S" else season(day.year, point.season)
    return at(moved, gran)


def _add(day: dt.date, key: str, n: int) -> dt.date:
    """``day`` plus ``n`` years, months, weeks, days, hours..., clamping the day of the month
    (31 January plus a month is 28 or 29 February), as dateutil's relativedelta does."""
    if key in ("years", "months"):
        months = day.month - 1 + (12 * n if key == "years" else n)
        year, month = day.year + months // 12, months % 12 + 1
        if not 1 <= year <= 9999:
            raise ValueError(f"year {year} is out of range")
        last = _MONTH_DAYS[month] + (month == 2 and calendar.isleap(year))
        return day.replace(year=year, month=month, day=min(day.day, last))
    seconds = {"weeks": 604800, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1}[key]
    return day + dt.timedelta(days=(n * seconds) // 86400)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def weekday(ref: dt.date, wd: int, direction: int) -> dt.date:
    """The weekday ``wd`` nearest ``ref``: ``-1`` on or before, ``1`` on or after, ``0`` either."""
    back = (ref.weekday() - wd) % 7
    ahead = (wd - ref.weekday()) % 7
    if direction < 0 or (direction == 0 and back <= ahead):
        return ref - dt.timedelta(days=back)
    return ref + dt.timedelta(days=ahead)
