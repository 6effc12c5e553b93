"""A title's cuts are found in its words where the regexes that once found them would."""

from __future__ import annotations

import random
import re

from sitegen.extract.phrases import alternation
from sitegen.extract.titles import _CUT_WORDS, _PREPOSITIONS, _last_cut, _last_word

# What ``_cut`` used to list in the title's first words, the last match being the cut.
CUT_RE = re.compile(rf"[,\s](?:(?<=,)|{alternation(_CUT_WORDS)}\s)")
PREPOSITION_RE = re.compile(rf"\s{alternation(_PREPOSITIONS)}\s")

WORDS = [
    "but", "and", "though", "as", "who", "whom", "in", "to", "of", "about", "Putin", "said",
    "the", ",", "x,", ",y", "a,b", "but,", "and,", ",in", "“We", "end”", "also", "said,",
]  # fmt: skip


def _heads() -> list[list[str]]:
    rng = random.Random(4)
    heads = [rng.choices(WORDS, k=rng.randint(1, 12)) for _ in range(5000)]
    heads += [["a", "but", "and", "but", "b"], ["a", "in", "to", "of", "b"], [",", "but", "x"]]
    return heads


def test_last_cut_is_the_last_match_of_the_cut_regex() -> None:
    for words in _heads():
        head = " ".join(words)
        cuts = list(CUT_RE.finditer(head))
        at = cuts[-1].start() if cuts else -1
        assert _last_cut(head, words) == (at, len(head[:at].split()) if cuts else -1), head


def test_last_word_is_the_last_match_of_the_preposition_regex() -> None:
    for words in _heads():
        head = " ".join(words)
        found = list(PREPOSITION_RE.finditer(head))
        expected = len(head[: found[-1].start()].split()) if found else 0
        assert _last_word(words, _PREPOSITIONS) == expected, head


def test_of_two_cut_words_in_a_row_only_the_first_is_a_cut() -> None:
    words = ["Putin", "said", "he", "would", "stay", "but", "and", "then", "left"]
    assert _last_word(words, _CUT_WORDS) == 5  # "but"; "and" lost its space to "but"
