"""Dates that keep their precision: a year, a month or a day, never a filled-in default.

python-dateutil fills missing fields from a default date (a known trap), so curated dates are
parsed here by shape and only the fields the text gives are kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Precision = Literal["year", "month", "day"]
Modifier = Literal["start", "mid", "end", "approx"]
MODIFIERS: tuple[str, ...] = ("start", "mid", "end", "approx")

_DATE_RE = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")

# Where a modified partial date sorts inside its period: "start of 2022" before the months of
# 2022, "end of 1999" after them.
_MOD_PLACE = {"mid": 1, "end": 2}
_MOD_RANK = {"start": 0, None: 1, "approx": 1, "mid": 2, "end": 3}


@dataclass(frozen=True, order=False)
class PartialDate:
    """A calendar date known to year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year, self.month)[1] if self.year >= 1 else 31
            if not 1 <= self.day <= last:
                raise ValueError(f"{self.year:04d}-{self.month:02d} has no day {self.day}")

    @property
    def precision(self) -> Precision:
        """How much of the date the source gives."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """``2022``, ``2022-03`` or ``2022-03-29``: only the fields that are known."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.iso()

    def sort_key(self, modifier: str | None = None) -> tuple[int, int, int, int]:
        """Chronological order. A coarser date sorts before the finer dates inside it, unless a
        modifier places it: "mid-2022" among the months, "end of 1999" after December 1999."""
        return _sort_key(self, modifier)

    def first_day(self) -> dt.date:
        """The first calendar day the partial date covers (for ranges and feeds, not display)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last calendar day the partial date covers."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def contains(self, other: PartialDate) -> bool:
        """True when ``other`` lies inside this period (2022 contains 2022-03-29)."""
        return self.first_day() <= other.first_day() and other.last_day() <= self.last_day()

    def compatible(self, other: PartialDate) -> bool:
        """True when one date lies inside the other (they may name the same moment)."""
        return self.contains(other) or other.contains(self)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)


def parse_partial_date(text: str) -> PartialDate:
    """Parse ``2022``, ``2022-03`` or ``2022-03-29``; raise ValueError with the reason."""
    match = _DATE_RE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date of the form 2022, 2022-03 or 2022-03-29")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is outside 1-9999")
    return PartialDate(year, month, day)


def format_date(date: PartialDate, modifier: str | None = None) -> str:
    """Human form at the date's own precision: ``2022``, ``March 2022``, ``29 March 2022``,
    ``end of 1999``, ``about 2022``."""
    if date.day is not None:
        assert date.month is not None
        text = f"{date.day} {calendar.month_name[date.month]} {date.year}"
    elif date.month is not None:
        text = f"{calendar.month_name[date.month]} {date.year}"
    else:
        text = str(date.year)
    prefix = {"start": "start of ", "mid": "mid-", "end": "end of ", "approx": "about "}
    return prefix.get(modifier or "", "") + text


def format_range(date: PartialDate, end: PartialDate | None, modifier: str | None = None) -> str:
    """A date or a range, written compactly: ``19–20 December 2024``."""
    if end is None or end == date:
        return format_date(date, modifier)
    if date.precision == end.precision == "day" and (date.year, date.month) == (
        end.year,
        end.month,
    ):
        return f"{date.day}–{format_date(end)}"
    return f"{format_date(date, modifier)} – {format_date(end)}"


@lru_cache(maxsize=65536)
def _sort_key(date: PartialDate, modifier: str | None) -> tuple[int, int, int, int]:
    """:meth:`PartialDate.sort_key`, once per date and modifier (timelines sort their events
    several times per build, and share few dates among many events)."""
    place = _MOD_PLACE.get(modifier or "", 0)
    month = date.month if date.month is not None else place * 13 // 2
    day = date.day if date.day is not None else (place * 32 // 2 if date.month else 0)
    return (date.year, month, day, _MOD_RANK.get(modifier, 1))
