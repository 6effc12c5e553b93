"""Helpers of the merge that stand in for slower library calls: same results."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sitegen.dates import PartialDate
from sitegen.extract import Candidate
from sitegen.extract.merging import Gathering, cluster_event, with_event
from sitegen.model import Event, Mention, Source


def test_with_event_is_replace() -> None:
    m = Mention(3, 9, "Friday", "DATE", "2024-12-20", "APPROX")
    assert with_event(m, "2024-12-20--x") == dataclasses.replace(m, event_id="2024-12-20--x")
    # Built field by field: a field added to Mention must be added there too.
    assert [f.name for f in dataclasses.fields(Mention)] == [
        "start",
        "end",
        "text",
        "type",
        "value",
        "mod",
        "event_id",
    ]


def _candidate(article_id: str, sentence: str, entities: list[str], announced: bool) -> Candidate:
    return Candidate(
        Source(article_id, sentence),
        PartialDate(2009, 4, 24),
        None,
        sentence[:20],
        dt.date(2009, 4, 25),
        entities,
        announced=announced,
    )


def _gathered(ident: str, members: list[Candidate], entity_of: dict[str, str]) -> Event:
    """The event as ``Gathering`` builds it, member by member."""
    head = members[0]
    gathering = Gathering(
        Event(
            id=ident,
            date=head.date,
            title=head.title,
            summary=head.source.sentence,
            modifier=head.modifier,
            announced=all(m.announced for m in members),
            disagree=True,
        ),
        entity_of,
    )
    for m in members:
        gathering.add(m)
    return gathering.done()


def test_cluster_event_is_what_gathering_its_members_gives() -> None:
    entity_of = {"Chan": "Margaret Chan"}
    one = _candidate("a", "Chan said the WHO was ready.", ["Chan", "WHO", "Chan"], True)
    same_sentence = _candidate("a", "Chan said the WHO was ready.", ["WHO"], True)
    other = _candidate("b", "Mexico closed its schools.", ["Mexico", "WHO"], False)
    for members in ([one], [one, same_sentence], [one, same_sentence, other], [other]):
        assert cluster_event("x", members, True, entity_of) == _gathered("x", members, entity_of)
