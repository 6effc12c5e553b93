"""Phrase search, token stems and lower-case words: the fast paths give what the plain ones do."""

from __future__ import annotations

import re

import pytest

from sitegen.extract.phrases import Phrases, alternation, lowered
from sitegen.extract.words import LowerCaseWords, stem, stem_set

VERBS = Phrases("said told according_to ruled_out")
PLAIN = re.compile(r"\b(?:said|told|according to|ruled out)\b", re.IGNORECASE)

SENTENCES = [
    "Said the minister: nothing will change.",
    "The minister said so, and aides told reporters.",
    "He-said, she-said; “said” (told) …said",
    "The unsaid rule, retold, was ruled  out but then ruled out.",
    "According to the ministry, nothing was decided.",
    "SAID in capitals, and Told at the start of a clause.",
    "None of the words here.",
    "İstanbul talks, officials said.",  # lower-casing "İ" gives two characters
    # Letters outside ASCII glued to a phrase: no word boundary (an ASCII text is searched by
    # an ASCII regex, where "é" would be one).
    "José said it; Josésaid, saidé, ésaid and said.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_phrases_are_found_where_a_case_insensitive_regex_finds_them(sentence: str) -> None:
    expected = [m.span() for m in PLAIN.finditer(sentence)]
    assert VERBS.spans(sentence, 0, len(sentence)) == expected
    first = VERBS.first(sentence, 0, len(sentence))
    assert first == (expected[0][0] if expected else None)


def test_phrases_in_a_span_of_a_longer_text_read_only_that_span() -> None:
    text = "Officials said nothing. Then they told us. The unsaid rule stood."
    lower = lowered(text)
    assert lower is not None
    for start, end in [(0, 23), (24, 42), (43, len(text)), (5, 20), (47, 55)]:
        piece = text[start:end]
        expected = [(a + start, b + start) for a, b in (m.span() for m in PLAIN.finditer(piece))]
        assert VERBS.spans(text, start, end, lower) == expected
        assert VERBS.spans(text, start, end) == expected
        first = VERBS.first(text, start, end, lower)
        assert first == (expected[0][0] if expected else None)


def test_a_span_starting_inside_a_word_is_read_as_a_text_of_its_own() -> None:
    text = "unsaid things"
    # text[2:] is "said things": on its own, "said" begins it.
    assert VERBS.first(text, 2, len(text), lowered(text)) == 2
    assert VERBS.spans(text, 2, len(text), lowered(text)) == [(2, 6)]


def test_lowered_is_none_when_lower_casing_moves_offsets() -> None:
    assert lowered("Putin SAID") == "putin said"
    assert lowered("İstanbul") is None


def test_phrases_must_begin_with_a_letter() -> None:
    with pytest.raises(ValueError):
        Phrases("said -said")


def test_stem_set_is_the_stems_of_the_content_words() -> None:
    text = "Russia's troops, stepping back; the troops said: (withdrawal)."
    expected = {stem(w) for w in ["Russia's", "troops", "stepping", "back", "withdrawal"]}
    assert stem_set(text) == expected
    assert stem_set(text) == expected  # the second time from the tokens already met
    assert stem_set("the and of , .") == frozenset()


def test_lower_case_words_are_whole_words_written_so() -> None:
    common = LowerCaseWords("People fled. Some people stayed; others-left.")
    assert "people" in common
    assert "others" in common
    assert "fled" in common
    assert "peop" not in common
    assert "some" not in common  # only ever written with a capital


def test_alternation_matches_each_word_and_the_longer_of_two_first() -> None:
    pattern = re.compile(alternation(["say", "says", "said", "told", "a.b"]))
    for word in ["say", "says", "said", "told", "a.b"]:
        match = pattern.match(word + " then")
        assert match is not None and match.group() == word
    assert pattern.match("sad") is None
    assert pattern.match("axb") is None  # the dot is literal
