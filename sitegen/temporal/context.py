"""What a relative expression is resolved against: the DCT, the last date mentioned, the tense.

Narrative anchoring. News resolves deictic expressions ("yesterday", "last week", "Thursday")
against the DCT, and underspecified dates ("March 5", "in July") against the DCT's year, shifted
by tense. History writing (WikiWars) mentions years far from its DCT, and there "July" or
"the following day" means the July or the day after the last date the text named. We tell the two
apart per document from its explicit years: when most of them lie more than a few years from the
DCT, the text is a narrative and every underspecified or anaphoric expression takes the last
mentioned date as reference. In both modes anaphoric expressions ("the next day", "that year",
"three days later") use the last mentioned date, falling back to the DCT.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitegen.temporal.lexicon import WEEKDAYS
from sitegen.temporal.points import Point, weekday

_YEAR_LIKE = re.compile(r"[12](?<!\d[12])\d\d\d(?!\d)")  # starts with a class: a fast scan
_YEAR_AHEAD = re.compile(
    r"\s*(?:-|–|and|to|or|through|until)\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:[A-Z][a-z]+\.?\s*)?(?:\d{1,2}(?:st|nd|rd|th)?)?,?\s+(1\d\d\d|20\d\d)(?!\d)"
)
_SENTENCE = re.compile(r"[.!?;\n]\s")
_FUTURE = r"expected|planned|proposed|payable|effective|due|expires?|deadline|will|'ll|shall|going\s+to|gonna|plans?\s+to|scheduled|set\s+to|is\s+to|are\s+to|upcoming|see\s+you|can't\s+wait|let's|join\s+us|tmr|tmrw|this\s+coming"  # noqa: E501
_PAST = r"was|were|had|did|ago|last|yesterday|earlier|been|took\s+place|began|ended"  # noqa: E501
_PAST_VERB = r"(?<!\bbe\s)(?<!\bbeen\s)\w{3,}ed"
_CUES = re.compile(rf"\b(?:(?P<future>{_FUTURE})|(?P<past>{_PAST}|(?P<verb>{_PAST_VERB})))\b", re.I)
# After the expression a participle is mostly passive ("Friday's vote, delayed by..."): only
# the plain cues count there.
_CUES_AFTER = re.compile(rf"\b(?:(?P<future>{_FUTURE})|(?P<past>{_PAST}))\b", re.I)


def is_narrative(text: str, dct: dt.date) -> bool:
    """Whether ``text`` is history writing: dense with years far from the DCT.

    A news story that recalls a few old years ("the 1968 invasion") stays news; a history text
    names a year every few sentences, nearly all of them far from its DCT.
    """
    years = [y for y in map(int, _YEAR_LIKE.findall(text)) if y < 2100]
    far = sum(abs(y - dct.year) > 3 for y in years) + text.count(" BC") + text.count(" B.C.")
    words = text.count(" ") + 1
    return far >= 8 and far > 0.6 * (len(years) or 1) and far * 200 >= words


@dataclass
class Context:
    """The state of one tagging pass: the text, the DCT and the last date mentioned."""

    text: str
    dct: dt.date
    narrative: bool
    anchor: Point | None = None  # the last date the text mentioned
    explicit: Point | None = None  # the last date mentioned with its year written out
    start: int = 0  # the expression being resolved: its offsets and its match
    end: int = 0
    match: re.Match[str] | None = None

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
        lo = self.start - 80
        before = self.text[max(0, lo) : self.start]
        cut = list(_SENTENCE.finditer(before))
        if cut:
            before = before[cut[-1].end() :]
        after = self.text[self.end : self.end + 40]
        cut_after = _SENTENCE.search(after)
        if cut_after:
            after = after[: cut_after.start()]
        best: tuple[int, int] | None = None
        for m in _CUES.finditer(before):
            dist = len(before) - m.end()
            if m.group("verb") and dist > 12:
                continue  # a past participle counts only right before: "opened in March"
            best = (dist, 1 if m.group("future") else -1)
        for m in _CUES_AFTER.finditer(after):
            dist = m.start()
            if best is None or dist < best[0]:
                best = (dist, 1 if m.group("future") else -1)
            break
        return best[1] if best else 0

    def weekday(self, wd: int) -> dt.date:
        """The date of a bare weekday: the nearest one in the tense's direction."""
        if self.narrative and self.anchor is not None:
            return weekday(self.anchor.day, wd, 1)
        return weekday(self.dct, wd, self.tense() or -1)

    def day_named(self, word: str) -> dt.date:
        """The date of "today", "yesterday", "tomorrow" or a weekday name."""
        word = word.lower()
        if word in WEEKDAYS:
            return self.weekday(WEEKDAYS[word])
        offset = {"yesterday": -1, "tomorrow": 1, "tmr": 1, "tmrw": 1}.get(word, 0)
        return self.dct + dt.timedelta(days=offset)
