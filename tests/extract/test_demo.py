"""The demo's events from the seed article: dates, curated links, nothing from durations."""

from __future__ import annotations

import pickle

from sitegen.dates import PartialDate
from sitegen.extract import ArticleExtraction, merge
from sitegen.model import Article, Event

DAY = PartialDate(2024, 12, 19)


def find(events: list[Event], *words: str) -> Event:
    """The one extracted event whose sources say all ``words``."""
    found = [
        e
        for e in events
        if any(all(w in s.sentence for w in words) for s in e.sources) and not e.curated
    ]
    assert len(found) == 1, (words, [e.title for e in found])
    return found[0]


def test_statements_at_the_q_and_a_are_dated_to_the_report(demo) -> None:
    events, _ = demo
    for words in [
        ("ready to negotiate", "Trump"),
        ("talks with anybody", "Zelenskyy"),
        ("temporary cease-fire",),
        ("should have sent troops", "sooner"),
        ("arrange another launch",),
    ]:
        assert find(events, *words).date == DAY
    offer = find(events, "arrange another launch")
    assert (
        offer.announced
        and offer.title == "Putin was prepared to arrange another launch toward Ukraine"
    )


def test_curated_events_get_the_seed_as_a_source(demo) -> None:
    events, _ = demo
    by_id = {e.id: e for e in events}

    def sources(event_id: str) -> list[str]:
        return [s.sentence for s in by_id[event_id].sources if s.article_id == "seed"]

    invasion = sources("2022-02-24--invasion")
    assert any("invaded Ukraine in 2022" in s for s in invasion)
    dated = [s for s in by_id["2022-02-24--invasion"].sources if s.date_text]
    assert [s.date_text for s in dated] == ["2022"]
    assert any(
        "stepping down at the end of 1999" in s for s in sources("1999-12-31--yeltsin-resigns")
    )
    assert any("proposal in Istanbul" in s for s in sources("2022-03-29--istanbul-talks"))
    assert any("test-fired" in s for s in sources("2024-11-21--oreshnik"))
    assert any("Brussels" in s for s in sources("2024-12-19--european-council"))
    assert not any(e.disagree for e in events)


def test_zelenskyy_answer_in_brussels(demo) -> None:
    events, _ = demo
    assert find(events, "Zelenskyy took up", "European Council").date == DAY


def test_no_date_from_durations_sets_or_the_future(demo) -> None:
    events, mentions = demo
    assert all(e.date.last_day() <= DAY.last_day() for e in events)
    for mention in mentions["seed"]:
        if mention.type in ("DURATION", "SET"):
            assert mention.event_id is None
    for event in events:
        for source in event.sources:
            assert source.date_text not in ("23 years", "annual", "years")


def test_mentions_point_to_the_events_they_date(demo, seed: Article) -> None:
    events, mentions = demo
    ids = {e.id for e in events}
    dated = {m.text: m.event_id for m in mentions["seed"] if m.event_id}
    assert dated["the end of 1999"] == "1999-12-31--yeltsin-resigns"
    assert all(event_id in ids for event_id in dated.values())
    text = seed.text
    for event in events:
        for source in event.sources:
            assert source.sentence in text
            if source.start >= 0:
                assert text[source.start : source.end] == source.date_text


def test_ids_unique_events_sorted_and_scored(demo) -> None:
    events, _ = demo
    assert len({e.id for e in events}) == len(events)
    assert events == sorted(events, key=Event.sort_key)
    assert all(isinstance(e.key_score, float) for e in events)
    assert all(e.entities for e in events if not e.curated)
    assert "Vladimir Putin" in find(events, "temporary cease-fire").entities


def test_article_extraction_is_picklable_and_merge_leaves_it_alone(
    hand_extraction: ArticleExtraction, curated: list[Event]
) -> None:
    extraction = hand_extraction
    copy = pickle.loads(pickle.dumps(extraction))
    assert copy == extraction
    merge([extraction], curated)
    assert extraction == copy and all(m.event_id is None for m in extraction.mentions)
