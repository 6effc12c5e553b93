"""Long, repetitive articles: every step stays near-linear and the output stays sane.

Counts only; how long they take is measured in benchmarks/ (a quadratic step made an article of
one sentence pasted 20,000 times take minutes).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sitegen.dates import PartialDate
from sitegen.extract import extract_from_timexes, merge
from sitegen.model import Article
from sitegen.temporal import Timex

N = 5000
PUBLISHED = dt.datetime(2024, 12, 19, 12)


DAYS = {"Monday": "2024-12-16", "Friday": "2024-12-13"}


def timeline(text: str):
    """The merged timeline of one article, its weekdays those of ``DAYS``."""
    article = Article("long", Path("long.txt"), "long", PUBLISHED, text, "text")
    timexes = [
        Timex(m.start(), m.end(), m.group(), "DATE", DAYS[m.group()])
        for m in re.finditer("|".join(DAYS), text)
    ]
    extraction = extract_from_timexes(article, timexes, [])
    return extraction, *merge([extraction], [])


def test_a_sentence_repeated_thousands_of_times_is_one_event_with_one_source() -> None:
    extraction, events, mentions = timeline("On Monday it rained. " * N)
    assert len(extraction.candidates) == 1
    (event,) = events
    assert event.date == PartialDate(2024, 12, 16) and event.title == "It rained"
    assert [s.sentence for s in event.sources] == ["On Monday it rained."]
    assert [m.event_id for m in mentions["long"]] == [event.id] * N  # every repeat dates it


def test_thousands_of_alike_sentences_each_land_in_one_event() -> None:
    text = "".join(f"On Monday the council met for session {i}. " for i in range(N))
    extraction, events, mentions = timeline(text)
    assert len(extraction.candidates) == N
    sources = [s for e in events for s in e.sources]
    assert len(sources) == N and len({s.start for s in sources}) == N
    assert all(e.date == PartialDate(2024, 12, 16) for e in events)
    assert sum(m.event_id is not None for m in mentions["long"]) == N


def test_one_sentence_of_thousands_of_clauses_and_dates() -> None:
    clauses = "the council met on Monday; the mayor left on Friday; " * (N // 2)
    extraction, events, mentions = timeline(f"Then {clauses}end.")
    # The Monday, and the Friday clauses among the first dates looked at for other clauses.
    assert 2 <= len(extraction.candidates) <= 1 + 16
    assert {str(e.date) for e in events} == {"2024-12-16", "2024-12-13"}
    assert all(len(e.sources) == 1 for e in events)
    assert len(mentions["long"]) == N
