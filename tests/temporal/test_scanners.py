"""compile_scanners() compiles every scanner the tagger can ask for, so that none is compiled on
a later call (the dev server compiles them before serving)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.temporal import patterns, tag


def test_after_compile_scanners_no_text_compiles_another() -> None:
    count = patterns.compile_scanners()
    assert count == len(patterns._BY_RULES) > 0
    tag(
        "On 3 March 2009, 5+am, Benchmark marker 0-deadbeef; about 12% (§4) — ünï 2moro",
        dt.date(2009, 3, 4),
    )
    assert len(patterns._BY_RULES) == count


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_finds_its_scanners_compiled(text: str) -> None:
    count = patterns.compile_scanners()
    tag(text, dt.date(2020, 1, 1))
    assert len(patterns._BY_RULES) == count
