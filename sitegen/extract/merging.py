"""Merge the candidates of many articles into one timeline of events.

- A curated link adds its sentence to the curated event as one more source.
- Other candidates are clustered (:mod:`sitegen.extract.clustering`); each cluster becomes an
  event, named after its first member, with every member as a source.
- Each event gets a unique id; its entities are its sources' names, a surname read as the full
  name that two articles or more give.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sitegen.extract.article import ArticleExtraction, Candidate
from sitegen.extract.clustering import check, cluster
from sitegen.model import Event, Mention, event_id


def build_events(
    extractions: list[ArticleExtraction],
    curated: list[Event],
    keep: dict[str, Any] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> tuple[list[Event], dict[tuple[str, int], str]]:
    """Events (curated ones with their new sources, then merged clusters) and, for each date
    expression that dates an event, ``(article_id, mention index) -> event id``. ``keep``, if
    given, receives what the dev server needs to patch this merge (``extract/patch.py``)."""
    # A surname that two articles or more give in full stands for that full name in every
    # article (the most frequent full name, if articles differ: sorted by count, the last one
    # wins). One article is not enough: its "full name" may be a headline ("Sick Mexico").
    given = Counter(pair for x in extractions for pair in x.people.items())
    entity_of = {
        s: full for (s, full), n in sorted(given.items(), key=lambda i: (i[1], i[0])) if n > 1
    }
    by_id = {e.id: Gathering(replace(e), entity_of) for e in curated}
    dated: dict[tuple[str, int], str] = {}
    own: list[Candidate] = []
    for extraction in extractions:
        for candidate in extraction.candidates:
            gathering = by_id.get(candidate.curated_id or "")
            if gathering is None:
                own.append(candidate)
                continue
            gathering.add(candidate)
            gathering.event.disagree |= candidate.disagree
            if candidate.mention is not None:
                dated.setdefault((extraction.article_id, candidate.mention), gathering.event.id)
    taken = set(by_id)
    events = [g.done() for g in by_id.values()]
    clustering = cluster(own, cancel)
    if keep is not None:
        keep.update(clustering=clustering, entity_of=entity_of, taken=taken, cluster_events=[])
    for k, group in enumerate(clustering.clusters):
        if not k % 256:
            check(cancel)
        head = group.members[0]
        event = cluster_event(
            unique_id(event_id(head.date, head.title), taken),
            group.members,
            group.disagree,
            entity_of,
        )
        for member in group.members:
            if member.mention is not None:
                dated.setdefault((member.source.article_id, member.mention), event.id)
        events.append(event)
        if keep is not None:
            keep["cluster_events"].append(event.id)
    return events, dated


def with_event(mention: Mention, event_id: str) -> Mention:
    """``dataclasses.replace(mention, event_id=event_id)``, built directly (``replace`` reads
    the class's fields and builds keyword arguments for each of the thousands of mentions that
    date an event: six times the cost)."""
    m = mention
    return Mention(m.start, m.end, m.text, m.type, m.value, m.mod, event_id)


def cluster_event(
    ident: str, members: list[Candidate], disagree: bool, entity_of: dict[str, str]
) -> Event:
    """The event of one cluster: dated, named and summed up by its first member, each member's
    sentence one of its sources (once per sentence of an article), and their entities."""
    head = members[0]
    event = Event(
        id=ident,
        date=head.date,
        title=head.title,
        summary=head.source.sentence,
        modifier=head.modifier,
        announced=all(m.announced for m in members),
        disagree=disagree,
    )
    if len(members) == 1:
        # Nine clusters in ten: what ``Gathering`` gives for one member, without building one.
        event.sources = [head.source]
        event.entities = list(dict.fromkeys(map(entity_of.get, head.entities, head.entities)))
        return event
    gathering = Gathering(event, entity_of)
    for member in members:
        gathering.add(member)
    return gathering.done()


class Gathering:
    """An event while its sources and entities are gathered: each in constant time, so that an
    event reported by thousands of sentences costs no more than thousands of events."""

    def __init__(self, event: Event, entity_of: dict[str, str]) -> None:
        self.event = event
        self._entity_of = entity_of
        self._sources = list(event.sources)
        # One sentence of one article is one source, however often the article repeats it
        # and whichever of its date expressions dates the event.
        self._seen = {(s.article_id, s.sentence) for s in self._sources}
        self._entities = dict.fromkeys(entity_of.get(n, n) for n in event.entities)

    def add(self, candidate: Candidate) -> None:
        source = candidate.source
        if (source.article_id, source.sentence) not in self._seen:
            self._seen.add((source.article_id, source.sentence))
            self._sources.append(source)
        for name in candidate.entities:
            self._entities.setdefault(self._entity_of.get(name, name))

    def done(self) -> Event:
        self.event.sources = self._sources
        self.event.entities = list(self._entities)
        return self.event


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... the first not yet taken (and take it)."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the duration (back on after, if it was on).

    The merge builds some fifteen long-lived containers per event (events, their lists, clusters,
    index lists) and no reference cycles, so the collector finds nothing to free in it; but the
    allocations alone set it off, and each full collection walks every object of the build (all
    the articles' tags and extractions): a quarter of the merge's time on the Timeline17 topics
    (see benchmarks/README.md). What the merge drops is freed by reference counting as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
