"""Curated events named by alias or a close variant."""

from __future__ import annotations

from sitegen.dates import PartialDate
from sitegen.extract.linking import AliasIndex
from sitegen.extract.words import content_words
from sitegen.model import Event

CURATED = [
    Event("istanbul", PartialDate(2022, 3, 29), "Istanbul talks", aliases=["Istanbul proposal"]),
    Event(
        "yeltsin", PartialDate(1999, 12, 31), "Yeltsin resigns", aliases=["Yeltsin stepping down"]
    ),
    Event("oreshnik", PartialDate(2024, 11, 21), "First launch", aliases=["Oreshnik"]),
]


def linked(sentence: str) -> list[str]:
    return [link.event_id for link in AliasIndex(CURATED).find(content_words(sentence))]


def test_alias_words_in_any_order_and_inflection() -> None:
    assert linked("The former proposal in Istanbul remains unimplemented.") == ["istanbul"]
    assert linked("Boris Yeltsin had asked him to do so before he stepped down.") == ["yeltsin"]
    assert linked("Russia’s “Oreshnik” missile was test-fired.") == ["oreshnik"]


def test_alias_words_far_apart_do_not_link() -> None:
    far = (
        "Yeltsin " + "and then many other things happened in that long year " * 3 + "stepping down"
    )
    assert linked(far) == []


def test_link_offsets_cover_the_match() -> None:
    sentence = "The former proposal in Istanbul remains."
    (link,) = AliasIndex(CURATED).find(content_words(sentence))
    assert sentence[link.start : link.end] == "proposal in Istanbul"
