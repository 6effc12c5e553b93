"""Properties that hold for any text: no crash, offsets inside the text, titles short."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.extract import extract_from_timexes, merge
from sitegen.extract.entities import find_names
from sitegen.extract.sentences import split_sentences
from sitegen.extract.titles import MAX_WORDS, make_title
from sitegen.model import Article

VOCABULARY = """
Putin said on Thursday . U.S. Dr. “ ” ' ( ) — # - said, the talks Istanbul
Mr. J. K. Rowling ; but and then 2022 ?
"""
WORDS = st.sampled_from([*VOCABULARY.split(), "\n", "\n\n"])
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_sentences_are_ordered_trimmed_spans_of_the_text(text: str) -> None:
    spans = split_sentences(text)
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous = end


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_names_and_titles_never_fail(text: str) -> None:
    names = find_names(text)
    title = make_title(text, names, {n: n for n in names}, "Putin")
    assert len(title.split()) <= MAX_WORDS + 2  # "X says" before a cut quotation


@settings(max_examples=60, deadline=None)
@given(TEXTS)
def test_extraction_sources_are_sentences_of_the_text(text: str) -> None:
    article = Article("a", Path("a.txt"), "a", dt.datetime(2024, 12, 19), text, "text")
    events, mentions = merge([extract_from_timexes(article, [], [])], [])
    for event in events:
        for source in event.sources:
            assert source.sentence and source.sentence in text
    assert mentions == {"a": []}
