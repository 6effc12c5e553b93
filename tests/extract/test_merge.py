"""Merging candidates across articles, ids, disagreement and key-date scores."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitegen.dates import PartialDate
from sitegen.extract import extract_from_timexes, merge
from sitegen.extract.keydates import score_days
from sitegen.model import Article, Event
from sitegen.temporal import Timex


def article(article_id: str, published: dt.date, text: str) -> Article:
    when = dt.datetime.combine(published, dt.time(12))
    return Article(article_id, Path(f"{article_id}.txt"), article_id, when, text, "text")


def tagged(a: Article, *found: tuple[str, str, str]) -> list[Timex]:
    out = []
    for phrase, type_, value in found:
        start = a.text.index(phrase)
        out.append(Timex(start, start + len(phrase), phrase, type_, value))
    return out


def run(*items: tuple[Article, list[Timex]], curated: list[Event] | None = None):
    curated = curated or []
    return merge([extract_from_timexes(a, t, curated) for a, t in items], curated)


def test_same_event_in_two_articles_is_one_event_with_both_sources() -> None:
    a = article("a", dt.date(2009, 6, 26), "Michael Jackson died on Thursday in Los Angeles.")
    b = article(
        "b", dt.date(2009, 6, 30), "The pop star Michael Jackson died in Los Angeles on June 25."
    )
    c = article(
        "c",
        dt.date(2009, 6, 30),
        "The funeral of the singer was planned on June 25, a friend said.",
    )
    events, mentions = run(
        (a, tagged(a, ("Thursday", "DATE", "2009-06-25"))),
        (b, tagged(b, ("June 25", "DATE", "2009-06-25"))),
        (c, tagged(c, ("June 25", "DATE", "2009-06-25"))),
    )
    jackson = [e for e in events if "Jackson" in e.title]
    assert len(jackson) == 1
    assert [s.article_id for s in jackson[0].sources] == ["a", "b"]
    assert jackson[0].date == PartialDate(2009, 6, 25)
    assert mentions["b"][0].event_id == jackson[0].id
    assert len(events) == 2  # the funeral sentence is another event on the same day


def test_incompatible_dates_for_the_same_sentence_are_kept_and_flagged() -> None:
    text = "The council voted to close the old stone bridge over the river on {}."
    a = article("a", dt.date(2023, 3, 9), text.format("Monday"))
    b = article("b", dt.date(2023, 3, 9), text.format("Tuesday"))
    events, _ = run(
        (a, tagged(a, ("Monday", "DATE", "2023-03-06"))),
        (b, tagged(b, ("Tuesday", "DATE", "2023-03-07"))),
    )
    assert len(events) == 1
    assert events[0].disagree and {s.date_text for s in events[0].sources} == {"Monday", "Tuesday"}


def test_ids_are_unique_and_deterministic() -> None:
    a = article("a", dt.date(2023, 3, 9), "Officials said so.")
    b = article(
        "b", dt.date(2023, 3, 9), "Officials said so.\n\nAnother topic entirely, they said."
    )
    first = [e.id for e in run((a, []), (b, []))[0]]
    assert len(set(first)) == len(first)
    assert first == [e.id for e in run((a, []), (b, []))[0]]


def test_curated_event_keeps_its_id_and_gains_sources() -> None:
    curated = [
        Event(
            "2022-03-29--istanbul",
            PartialDate(2022, 3, 29),
            "Istanbul talks",
            aliases=["Istanbul talks"],
            curated=True,
        )
    ]
    a = article("a", dt.date(2024, 12, 19), "The Istanbul talks of March 2022 failed, he said.")
    events, mentions = run((a, tagged(a, ("March 2022", "DATE", "2022-03"))), curated=curated)
    (istanbul,) = [e for e in events if e.curated]
    assert istanbul.id == "2022-03-29--istanbul" and istanbul.sources[0].date_text == "March 2022"
    assert mentions["a"][0].event_id == istanbul.id
    assert curated[0].sources == []  # the input is not modified


def test_days_pointed_to_from_other_days_score_higher() -> None:
    day, other = dt.date(2009, 6, 25), dt.date(2009, 6, 30)
    scores = score_days(
        [("a", day, day), ("b", other, day), ("b", other, day), ("c", other, other)]
    )
    assert scores[day] > scores[other]
    assert scores[day] == 1 + 6**0.75  # b counts once, five days later
    assert scores[other] == 1


def test_curated_event_at_an_incompatible_date_next_to_its_alias_disagrees() -> None:
    curated = [
        Event(
            "2022-03-29--istanbul",
            PartialDate(2022, 3, 29),
            "Istanbul talks",
            aliases=["Istanbul talks"],
            curated=True,
        )
    ]
    a = article("a", dt.date(2024, 12, 19), "The Istanbul talks in April 2021 failed.")
    b = article(
        "b", dt.date(2024, 12, 19), "In April 2021 a storm hit, long before the Istanbul talks."
    )
    events, _ = run(
        (a, tagged(a, ("April 2021", "DATE", "2021-04"))),
        (b, tagged(b, ("April 2021", "DATE", "2021-04"))),
        curated=curated,
    )
    (istanbul,) = [e for e in events if e.curated]
    assert istanbul.disagree
    assert [s.date_text for s in istanbul.sources] == ["April 2021", ""]
    assert any(e.date == PartialDate(2021, 4) and not e.curated for e in events)


def test_a_merge_run_again_hands_back_the_unchanged_events_and_mentions_of_the_last() -> None:
    from sitegen.extract.reoffset import same_objects

    a = article("a", dt.date(2021, 5, 3), "The museum reopened its doors on Monday.")
    b = article("b", dt.date(2021, 5, 3), "A storm closed the harbour on Sunday.")
    b2 = article("b", dt.date(2021, 5, 3), "A storm closed the old harbour on Saturday.")
    tags_a = tagged(a, ("Monday", "DATE", "2021-05-03"))
    before = run((a, tags_a), (b, tagged(b, ("Sunday", "DATE", "2021-05-02"))))
    after = run((a, tags_a), (b2, tagged(b2, ("Saturday", "DATE", "2021-05-01"))))
    kept = same_objects(before, after)
    assert kept == after  # equal values...
    museum_before = next(e for e in before[0] if "museum" in e.title)
    museum_kept = next(e for e in kept[0] if "museum" in e.title)
    assert museum_kept is museum_before  # ...the unchanged event is the old object
    assert kept[1]["a"] is before[1]["a"]
    storm = next(e for e in kept[0] if "storm" in e.title)
    assert storm not in before[0] and kept[1]["b"] is after[1]["b"]


def test_day_pointers_score_a_day_as_score_days_does_before_and_after_a_swap() -> None:
    from sitegen.extract.keydates import DayPointers

    d = dt.date
    pointers = [
        ("a", d(2021, 3, 2), d(2021, 3, 1)),
        ("b", d(2021, 3, 9), d(2021, 3, 1)),
        ("c", d(2021, 3, 9), d(2020, 1, 5)),  # outside the span of publication
        ("c", d(2021, 3, 9), d(2021, 3, 1)),
        ("c", d(2021, 3, 9), d(2021, 3, 1)),  # an article counts once per day
    ]
    by_day = DayPointers(pointers)
    for day, score in score_days(pointers).items():
        assert by_day.score(day) == score
    old, new = pointers[1:2], [("b", d(2021, 3, 9), d(2021, 3, 8))]
    assert by_day.swap(old, new) == {d(2021, 3, 1), d(2021, 3, 8)}
    after = [p for p in pointers if p not in old] + new
    for day, score in score_days(after).items():
        assert by_day.score(day) == score
    assert by_day.score(d(1999, 1, 1)) == 0.0


def test_a_patch_where_an_events_head_leaves_points_every_mention_to_the_new_head() -> None:
    from sitegen.extract.patch import patch, state_of

    day = dt.date(2021, 5, 3)
    a = article("a", day, "The old stone bridge over the river closed to traffic on Monday.")
    b = article(
        "b", dt.date(2021, 5, 4), "The old stone bridge over the river closed to traffic on May 3."
    )
    xa = extract_from_timexes(a, tagged(a, ("Monday", "DATE", "2021-05-03")), [])
    xb = extract_from_timexes(b, tagged(b, ("May 3", "DATE", "2021-05-03")), [])
    keep: dict = {}
    merged = merge([xa, xb], [], keep)
    (bridge,) = [e for e in merged[0] if "bridge" in e.title]
    assert [s.article_id for s in bridge.sources] == ["a", "b"]  # a heads the event
    a2 = article("a", day, "A storm swept the harbour town on Monday.")
    xa2 = extract_from_timexes(a2, tagged(a2, ("Monday", "DATE", "2021-05-03")), [])
    patched = patch(state_of(keep, [xa, xb], [], merged), xa2)
    assert patched is not None
    exact = merge([xa2, xb], [])
    assert patched == exact
    ids = {e.id for e in patched[0]}
    assert all(m.event_id in ids for ms in patched[1].values() for m in ms if m.event_id)
