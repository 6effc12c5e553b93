"""What a relative expression is resolved against: the DCT, the last date mentioned, the tense.

Narrative anchoring. News resolves deictic expressions ("yesterday", "last week", "Thursday")
against the DCT, and underspecified dates ("March 5", "in July") against the DCT's year, moved
by the tense of the clause. History writing (WikiWars) names years far from its DCT, and there
"July" or "the following day" means the July or the day after the last date the text named. We
tell the two apart per document from the years it writes out (:func:`is_narrative`): a text that
names a year every couple of hundred words, most of them far from the DCT (or very many years,
however recent), is a narrative, and its underspecified expressions take their missing fields
from the last date mentioned, checked against the last year written out so that one misread
expression cannot drag the rest along. In both modes anaphoric expressions ("the next day",
"that year", "three days later") count from the last date mentioned, or the DCT if none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitegen.temporal import points
from sitegen.temporal.lexicon import DEICTIC_DAYS, WEEKDAYS, alternation
from sitegen.temporal.points import Point, weekday

_YEAR_LIKE = re.compile(r"[12](?<!\d[12])\d\d\d(?!\d)")  # starts with a class: a fast scan
_YEAR_AHEAD = re.compile(
    r"\s*(?:-|–|and|to|or|through|until)\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:[A-Z][a-z]+\.?\s*)?(?:\d{1,2}(?:st|nd|rd|th)?)?,?\s+(1\d\d\d|20\d\d)(?!\d)"
)
# A sentence ends at a full stop, but not at an abbreviation's ("Sept. 14", "U.S. Army", "Mr.").
# The pattern opens with a character class, which lets the regex engine skip ahead fast.
_SENTENCE = re.compile(
    r"[.!?;\n](?<!\b[A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St|Lt)\.)(?<!\b(?:Mrs|Gen|Sen|Rep|Gov|Col|Sgt)\.)"
    r"\s(?!(?<=\.\s)[a-z\d])"
)
# Tense cues; the nearest to the expression wins.
_FUTURE = [
    "expected", "planned", "proposed", "payable", "effective", "due", "expire", "expires",
    "will", "shall", "gonna", "scheduled", "upcoming", "let's",
    "going to", "plans to", "plan to", "set to", "is to", "are to", "see you", "can't wait",
    "join us", "this coming", "as soon as", "as early as", "planning",
    # a past auxiliary before a plan still looks ahead: "were planning to march on Monday"
    "was expected", "were expected", "was scheduled", "were scheduled", "was planning",
    "were planning", "was due", "were due", "was going to", "were going to",
    *(word for word, offset in DEICTIC_DAYS.items() if offset > 0),  # "tmr", "2moro"
]  # fmt: skip
_PAST = [
    "was", "were", "had", "did", "ago", "last", "earlier", "been", "began", "ended", "took place",
    *(word for word, offset in DEICTIC_DAYS.items() if offset < 0),  # "yesterday", "yday"
]  # fmt: skip
_CUES = re.compile(  # read in the lower-cased text
    rf"(?<![\w'])(?:(?P<future>{alternation(_FUTURE)}|\w+'ll)|(?P<past>{alternation(_PAST)}))(?!\w)"
)
# A deadline: "extended to Nov. 20", "postponed until Tuesday" (not "in contrast to").
_DEADLINE = re.compile(r"(?:\w\s+(?:until|till)|\wed\s+to)\s+$", re.IGNORECASE)
# Right before the expression, a reporting verb dates the report ("Mr. Smith said Friday") and
# "since" a point already past ("on patrol since March").
_PAST_BEFORE = re.compile(
    r"\b(?:(?:said|told|announced|reported)\s+(?:on\s+)?|since\s+)$", re.IGNORECASE
)
# A past participle right before the expression: "opened in March", not "to be completed by".
_PARTICIPLE = re.compile(
    r"(?<!\bbe )(?<!\bbeen )\b\w{3,}ed\s+(?:(?:in|on|at|during|since|early|late)\s+)?$",
    re.IGNORECASE,
)


def is_narrative(text: str, dct: dt.date) -> bool:
    """Whether ``text`` is history writing: dense with years far from the DCT.

    A news story that recalls a few old years ("the 1968 invasion") stays news; a history text
    names a year every few sentences, nearly all of them far from its DCT.
    """
    years = [y for y in map(int, _YEAR_LIKE.findall(text)) if y < 2100]
    far = sum(abs(y - dct.year) > 3 for y in years) + text.count(" BC") + text.count(" B.C.")
    words = text.count(" ") + 1
    if len(years) >= 20 and len(years) * 200 >= words:
        return True  # a chronicle that writes out its years, however recent
    return far >= 8 and far > 0.6 * (len(years) or 1) and far * 200 >= words


@dataclass
class Context:
    """The state of one tagging pass: the text, the DCT and the last date mentioned."""

    text: str
    dct: dt.date
    low: str = ""  # the text lower-cased, offset for offset (the tagger's scanning copy)
    anchor: Point | None = None  # the last date the text mentioned
    explicit: Point | None = None  # the last date mentioned with its year written out
    start: int = 0  # the expression being resolved: its offsets and its match
    end: int = 0
    match: re.Match[str] | None = None
    _narrative: bool | None = None

    @property
    def narrative(self) -> bool:
        """Whether the text is history writing (worked out on first use: many texts never ask)."""
        if self._narrative is None:
            self._narrative = is_narrative(self.text, self.dct)
        return self._narrative

    @property
    def today(self) -> Point:
        return Point(self.dct, "D")

    def reference(self) -> Point:
        """What underspecified dates ("July", "March 5") take their missing fields from.

        In a narrative, the last date mentioned if it agrees with the last year written out,
        else that year: one misread relative date must not drag the rest of the text along.
        """
        if not self.narrative:
            return self.today
        anchor, explicit = self.anchor, self.explicit
        if explicit is None:
            return anchor or self.today
        if anchor is not None and anchor.day.year == explicit.day.year:
            return anchor
        return explicit

    def year_ahead(self) -> int | None:
        """A year written just after the expression: "July-November 1954", "May and June 1940"."""
        m = _YEAR_AHEAD.match(self.text, self.end)
        return int(m.group(1)) if m else None

    def antecedent(self) -> Point:
        """What anaphoric expressions ("the next day", "that year") are relative to."""
        return self.anchor if self.anchor is not None else self.today

    def tense(self) -> int:
        """-1 when the expression's clause speaks of the past, 1 of the future, 0 unknown.

        The nearest cue wins: "said he will come on Friday" looks ahead, "said on Friday" back.
        """
        lo = max(0, self.start - 80)
        cut = list(_SENTENCE.finditer(self.text, lo, self.start))
        if cut:
            lo = cut[-1].end()
        before = self.text[lo : self.start]
        hi = self.end + 40
        cut_after = _SENTENCE.search(self.text, self.end, hi)
        if cut_after:
            hi = cut_after.start()
        if _DEADLINE.search(before, max(0, len(before) - 12)) and "from " not in before[-40:]:
            return 1  # "extended to Nov. 20", "postponed until Tuesday": a date ahead
        if _PAST_BEFORE.search(before, max(0, len(before) - 16)):
            return -1
        # The cues are matched in lower case without IGNORECASE: half the work for the engine.
        low = self.low or self.text.lower()
        back = (0, 99)
        for m in _CUES.finditer(low, lo, self.start):
            back = (1 if m.group("future") else -1, self.start - m.end())
        if back[1] > 12 and _PARTICIPLE.search(before, max(0, len(before) - 30)):
            back = (-1, 0)
        m = _CUES.search(low, self.end, max(self.end, hi))
        if m is not None and m.start() - self.end < back[1]:
            return 1 if m.group("future") else -1
        return back[0]

    def weekday(self, wd: int) -> dt.date:
        """The date of a bare weekday: the nearest one to the DCT in the tense's direction (a
        history names its days by date, so a weekday is news even inside one)."""
        return weekday(self.dct, wd, self.tense() or -1)

    def weekend(self) -> Point:
        """A bare "the weekend" in news: the one just past ("said over the weekend"), or the
        coming one if the clause looks ahead; the DCT's own if it falls on one."""
        day = self.dct
        if day.weekday() < 5:
            day += dt.timedelta(days=5 - day.weekday() if self.tense() > 0 else -2 - day.weekday())
        return points.at(Point(day, "D"), "WE")

    def day_named(self, word: str) -> dt.date:
        """The date of "today", "yesterday", "tomorrow" or a weekday name."""
        word = word.lower()
        if word in WEEKDAYS:
            return self.weekday(WEEKDAYS[word])
        return self.dct + dt.timedelta(days=DEICTIC_DAYS.get(word, 0))
