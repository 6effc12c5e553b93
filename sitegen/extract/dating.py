"""When did the event of a sentence happen? Pick the expression the event hangs on.

A sentence in the news reports one of two things: something that happened (dated by a DATE or
TIME expression in it) or somebody saying something (dated to the report). The rules:

1. Only DATE and TIME expressions can date an event; DURATION ("23 years") and SET ("annual")
   never do, and neither do undated references (``PRESENT_REF``, decades, ``XXXX-...``).
2. An expression that only bounds the event is not its date: TimeML mods BEFORE/AFTER/...
   ("prior to 2022") and expressions right after "since", "until", "than", "after", "before"...
   ("sooner than in 2022", "two days after 5 May").
3. A recent day right next to a reporting verb ("said on Thursday", "told reporters on Thursday",
   "On Thursday, Putin said") is the date of the report, not of the content.
4. Of the remaining (content) expressions, those not after the report date are candidates; the
   most precise one wins, the first in the sentence on a tie. News writers give an event's own
   date at its finest grain, while coarser dates in the same sentence are mostly background.
   But coordinated clauses ("; ", ", but", "and then") report one event each: a candidate date
   in another clause than the winner's, and incompatible with it, dates that clause's event.
5. No content date: a sentence with a reporting verb is dated to the report (the report's own
   weekday/date expression, else the article's publication date); so is a sentence whose only
   content dates lie in the future, marked *announced*. A planning or offering cue ("prepared
   to", "plans to", "will") also marks a report-dated event as announced.
6. Anything else (no date, no report) is not an event on its own; curated aliases may still
   link it (see ``linking.py``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from sitegen.dates import PartialDate
from sitegen.extract.phrases import Phrases
from sitegen.extract.words import wordset
from sitegen.temporal import Timex

_VALUE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_PERIOD_RE = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12])$")
_PERIOD_MOD = {"Q1": "start", "H1": "start", "Q4": "end", "H2": "end"}
_MODS = {"START": "start", "MID": "mid", "END": "end", "APPROX": "approx"}
_BOUND_MODS = wordset(
    """
    BEFORE AFTER ON_OR_BEFORE ON_OR_AFTER LESS_THAN MORE_THAN EQUAL_OR_LESS EQUAL_OR_MORE
    """
)
_PRECISION_RANK = {"day": 2, "month": 1, "year": 0}

_REPORTING = Phrases(
    """
    said says say saying told tells tell added adding stated claimed claims insisted argued
    arguing announced announces declared warned noted responded replied explained mentioned
    continued quoted according_to ruled_out rules_out denied denies confirmed confirms
    acknowledged admitted suggested urged asked speaking spoke reported reports stressed vowed
    pledged promised threatened justified dismissed rejected accused called_for described wrote
    """
)
_BOUNDING = Phrases(
    "since until till than after before following prior_to by ahead_of through up_to",
    r"\W+(?:(?:the|a|in|on|at|of|early|late|mid)\W+){0,2}$",
)
_PLANNING = Phrases(
    """
    prepared_to plan_to plans_to planned_to planning_to intend_to intends_to intended_to set_to
    scheduled_to expected_to going_to will offered_to offers_to proposed_to threatened_to
    promised_to pledged_to vowed_to
    """
)
# Between two coordinated clauses, each of which may report an event of its own.
_CLAUSE_RE = re.compile(r";\s*|,?\s+(?:but|and then|then|and later|whereas)\s+|,\s+and\s+")
_GAP_WORDS_RE = re.compile(r"^[^,.;:!?\"“”]*$")
_REPORT_GAP_WORDS = 6
_REPORT_WINDOW_DAYS = 7
_MAX_CLAUSES = 16
"""Dates of a sentence looked at for events of other clauses (each costs a scan of the
sentence: a "sentence" of thousands of dates, a list without full stops, stays linear)."""


def timex_date(timex: Timex) -> tuple[PartialDate, str | None] | None:
    """The date a DATE/TIME expression gives, at its own precision, with its modifier; None
    when it gives no calendar date (durations, sets, ``PRESENT_REF``, decades, bounds)."""
    return value_date(timex.type, timex.value, timex.mod)


@lru_cache(maxsize=16384)
def value_date(type_: str, value: str, mod: str = "") -> tuple[PartialDate, str | None] | None:
    """:func:`timex_date` of a TIMEX3 type, value and mod (cached: values repeat a lot)."""
    if type_ not in ("DATE", "TIME") or mod in _BOUND_MODS:
        return None
    modifier = _MODS.get(mod)
    match = _VALUE_RE.match(value)
    try:
        if match:
            year, month, day = (int(g) if g else None for g in match.groups())
            if not year:
                return None  # "0000": no calendar has a year 0 to put on a timeline
            return PartialDate(year, month, day), modifier
        period = _PERIOD_RE.match(value)
        if period:
            return PartialDate(int(period.group(1))), modifier or _PERIOD_MOD.get(period.group(2))
    except ValueError:  # 2024-02-30 from a faulty normalisation: no date rather than a crash
        return None
    return None


_Dated = tuple[PartialDate, "str | None", dt.date, dt.date, int]
"""A date of a timex: the date, its modifier, its first and last day, its precision's rank."""


@lru_cache(maxsize=16384)
def _dated(type_: str, value: str, mod: str) -> _Dated | None:
    """:func:`value_date` with the days the date covers, worked out once per value."""
    dated = value_date(type_, value, mod)
    if dated is None:
        return None
    date, modifier = dated
    return date, modifier, date.first_day(), date.last_day(), _PRECISION_RANK[date.precision]


def _compatible(first: dt.date, last: dt.date, other_first: dt.date, other_last: dt.date) -> bool:
    """:meth:`PartialDate.compatible` of two dates given by the days they cover: one lies
    inside the other."""
    return (first <= other_first and other_last <= last) or (
        other_first <= first and last <= other_last
    )


# Not frozen: a frozen dataclass sets each field through ``object.__setattr__`` (four times the
# cost of building one), and one is built for every dated sentence.
@dataclass(slots=True)
class Dating:
    """How one sentence is dated."""

    date: PartialDate
    modifier: str | None
    timex: int | None
    """Index (into the article's timexes) of the expression giving the date; None for the
    publication date."""
    kind: str
    """``content`` (a date of what happened), ``report`` (the date of the saying) or
    ``published`` (the article's date stands in for the report's)."""
    announced: bool = False
    also: tuple[Dating, ...] = ()
    """Events of the sentence's other clauses, each at its own date ("was admitted on 8 April
    but died five days later")."""
    clause: tuple[int, int] | None = None
    """For an event of ``also``: the offsets of its clause."""
    cue: int | None = None
    """Offset of the words that announce a plan ("prepared to"), if any."""


def date_sentence(
    text: str,
    span: tuple[int, int],
    timexes: list[tuple[int, Timex]],
    published: dt.date,
    lower: str | None = None,
) -> Dating | None:
    """Date the sentence ``text[span[0]:span[1]]`` whose time expressions are ``timexes``
    (pairs of the article-wide index and the timex); None when it reports no dated event.
    ``lower``: the text lower-cased, if it keeps the offsets (``phrases.lowered``), so that the
    phrase searches of all the article's sentences share one lower-casing."""
    start, end = span
    if not timexes:
        # Most sentences: a report dated by the article, or nothing. Where the reporting verbs
        # are matters only next to a date; here, only whether there is one.
        if _REPORTING.first(text, start, end, lower) is None:
            return None
        cue = _PLANNING.first(text, start, end, lower)
        return Dating(_day(published), None, None, "published", cue is not None, cue=cue)
    # Where the reporting verbs are matters only next to a recent day (the report's date); most
    # sentences with dates have none, and are not read for them unless nothing else dates them.
    reports: list[tuple[int, int]] | None = None
    ends: list[int] = []
    report: tuple[int, PartialDate] | None = None
    report_day = published  # the last day the report can be on
    content: list[tuple[int, Timex, _Dated]] = []
    for index, timex in timexes:
        dated = _dated(timex.type, timex.value, timex.mod)
        if dated is None:
            continue
        at = timex.start
        if _BOUNDING.first(text, max(start, at - 40), at, lower) is not None:
            continue
        date, _, first, last, rank = dated
        if report is None and rank == 2 and 0 <= (published - first).days <= _REPORT_WINDOW_DAYS:
            if reports is None:
                reports = _REPORTING.spans(text, start, end, lower)
                ends = [verb_end for _, verb_end in reports]
            # Only the verbs nearest the expression, before and after it, can be next to it.
            i = bisect.bisect_right(ends, at)
            if _is_report_date(text, timex, reports[max(i - 1, 0) : i + 2]):
                report, report_day = (index, date), last
                continue
        content.append((index, timex, dated))

    past = [c for c in content if c[2][2] <= report_day]
    if past:
        best = max(past, key=lambda c: (c[2][4], -c[1].start))
        _, _, (_, _, best_first, best_last, _) = best
        also = tuple(
            Dating(c[2][0], c[2][1], c[0], "content", clause=clause)
            for c in past[:_MAX_CLAUSES]
            if not _compatible(c[2][2], c[2][3], best_first, best_last)
            and (clause := _own_clause(text, start, end, c[1], best[1])) is not None
        )
        return Dating(best[2][0], best[2][1], best[0], "content", also=also)
    if reports is None:
        reports = _REPORTING.spans(text, start, end, lower)
    if not reports and not content:
        return None
    cue = _PLANNING.first(text, start, end, lower)
    announced = bool(content) or cue is not None
    if report:
        return Dating(report[1], None, report[0], "report", announced, cue=cue)
    return Dating(_day(published), None, None, "published", announced, cue=cue)


def _own_clause(
    text: str, start: int, end: int, timex: Timex, main: Timex
) -> tuple[int, int] | None:
    """The clause holding ``timex``, if a clause boundary separates it from ``main``."""
    lo, hi = sorted((timex, main), key=lambda t: t.start)
    if not _CLAUSE_RE.search(text, lo.end, hi.start):
        return None
    clause_start = max(
        (m.end() for m in _CLAUSE_RE.finditer(text, start, timex.start)), default=start
    )
    after = _CLAUSE_RE.search(text, timex.end, end)
    return clause_start, after.start() if after else end


@lru_cache(maxsize=4096)
def _day(date: dt.date) -> PartialDate:
    return PartialDate.from_date(date)


def _is_report_date(text: str, timex: Timex, reports: list[tuple[int, int]]) -> bool:
    """A reporting verb is right next to ``timex`` ("said on Thursday", "On Thursday, Putin
    said")."""
    for verb_start, verb_end in reports:
        if verb_end <= timex.start:
            gap = text[verb_end : timex.start]
        elif timex.end <= verb_start:
            gap = text[timex.end : verb_start]
        else:
            continue
        if _GAP_WORDS_RE.match(gap.strip()) and len(gap.split()) <= _REPORT_GAP_WORDS:
            return True
        if timex.end <= verb_start and gap.startswith(",") and len(gap.split()) <= 4:
            return True  # "On Thursday, Putin said"
    return False
