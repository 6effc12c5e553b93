"""The seed article and the curated events of the demo, built in Python (facts in our words)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.dates import PartialDate
from sitegen.extract import ArticleExtraction, extract_events, extract_from_timexes, merge
from sitegen.model import Article, Event, Mention
from sitegen.temporal import Timex, tag

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_d6fd1f97a553b0ce.txt"


def seed_article() -> Article:
    text = SEED.read_text(encoding="utf-8")
    return Article(
        id="seed",
        path=SEED,
        title="Putin says Russia is ready to negotiate",
        published=dt.datetime(2024, 12, 19, 12, 0, tzinfo=dt.timezone.utc),
        text=text,
        format="text",
    )


def curated_events() -> list[Event]:
    def event(
        day: str, slug: str, title: str, aliases: list[str], end: PartialDate | None = None
    ) -> Event:
        y, m, d = (int(p) for p in day.split("-"))
        return Event(
            f"{day}--{slug}", PartialDate(y, m, d), title, aliases=aliases, curated=True, end=end
        )

    return [
        event(
            "2022-02-24",
            "invasion",
            "Russia starts the full-scale invasion of Ukraine",
            ["invasion of Ukraine", "invaded Ukraine"],
        ),
        event(
            "2022-03-29",
            "istanbul-talks",
            "Peace talks held in Istanbul",
            ["Istanbul proposal", "proposal in Istanbul", "Istanbul talks"],
        ),
        event(
            "2024-11-21",
            "oreshnik",
            "First Oreshnik strike on the Dnipro missile plant",
            ["Oreshnik", "test-fired"],
        ),
        event(
            "1999-12-31",
            "yeltsin-resigns",
            "Boris Yeltsin resigns",
            ["Yeltsin resigned", "Yeltsin stepping down"],
        ),
        event(
            "2024-12-19",
            "european-council",
            "EU leaders meet in Brussels",
            ["European Council"],
            end=PartialDate(2024, 12, 20),
        ),
        event(
            "2024-12-19",
            "putin-qa",
            "Putin's year-end question session",
            ["annual Q&A", "Q&A session"],
        ),
    ]


def seed_timexes(text: str) -> list[Timex]:
    """What a TimeML tagger finds in the seed, written by hand."""

    def at(phrase: str, type_: str, value: str, mod: str = "", nth: int = 0) -> Timex:
        start = -1
        for _ in range(nth + 1):
            start = text.index(phrase, start + 1)
        return Timex(start, start + len(phrase), phrase, type_, value, mod)

    return [
        at("Thursday", "DATE", "2024-12-19"),
        at("annual", "SET", "P1Y"),
        at("years", "DURATION", "PXY"),
        at("2022", "DATE", "2022"),
        at("future", "DATE", "FUTURE_REF"),
        at("2022", "DATE", "2022", nth=1),
        at("2022", "DATE", "2022", nth=2),
        at("23 years", "DURATION", "P23Y"),
        at("the end of 1999", "DATE", "1999", "END"),
    ]


@pytest.fixture
def seed() -> Article:
    return seed_article()


@pytest.fixture
def curated() -> list[Event]:
    return curated_events()


Timeline = tuple[list[Event], dict[str, list[Mention]]]


def _hand_tagged() -> Timeline:
    article, curated = seed_article(), curated_events()
    return merge([extract_from_timexes(article, seed_timexes(article.text), curated)], curated)


def _tagged() -> Timeline:
    article = seed_article()
    if not tag(article.text, article.published):
        pytest.skip("the temporal tagger finds nothing yet")
    return extract_events([article], curated_events())


@pytest.fixture(params=[_hand_tagged, _tagged], ids=["hand-tagged", "tagged"])
def demo(request: pytest.FixtureRequest) -> Timeline:
    """The seed's timeline, from hand-written timexes and from the real tagger."""
    return request.param()


@pytest.fixture
def hand_extraction(seed: Article, curated: list[Event]) -> ArticleExtraction:
    """The seed's per-article extraction from hand-written timexes."""
    return extract_from_timexes(seed, seed_timexes(seed.text), curated)
