"""Properties of the tagger on any text (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.temporal import tag
from sitegen.temporal.validity import MODS, TYPES, is_valid_value

# Words that make the generated text reach many rules; mixed with arbitrary characters.
_WORDS = (
    "the end of early late mid- about more than a few several two 23 1999 2022 '90s 1990s "
    "March May Dec. 19 19th Thursday Sunday last next this that following day week weekend "
    "month quarter third year years decade century ago later earlier before after now recently "
    "morning night tonight yesterday tomorrow 3 p.m. 15:30 EST annual daily every per half an "
    "hour 1/2 5-3 F-16 BC -old 2024-12-19 12/19/2024 summer of fiscal Christmas , . ' -"
)
VOCAB = _WORDS.split()

texts = st.lists(
    st.one_of(st.sampled_from(VOCAB), st.text(max_size=4)),
    max_size=40,
).map(" ".join) | st.text(max_size=200)
dcts = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31))


@settings(max_examples=200, deadline=None)
@given(texts, dcts)
def test_tag_is_total_well_formed_and_deterministic(text: str, dct: dt.date) -> None:
    found = tag(text, dct)
    end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert t.start >= end, "timexes overlap or are out of order"
        end = t.end
        assert text[t.start : t.end] == t.text
        assert t.type in TYPES
        assert is_valid_value(t.value), t
        assert t.mod == "" or t.mod in MODS
    assert tag(text, dct) == found


@settings(max_examples=50, deadline=None)
@given(texts, st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_a_datetime_dct_gives_the_same_dates_as_its_day(text: str, dct: dt.datetime) -> None:
    assert tag(text, dct) == tag(text, dct.date())
