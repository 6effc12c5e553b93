"""The last merge patched for one changed article, at once, while the exact merge follows.

A merge weighs each word by its rarity among *all* candidates and clusters them greedily in one
order, so a change in one article can move any decision, and only a merge from scratch is exact:
several seconds at thousands of articles, far too slow between a save and its page. The dev
server therefore patches the last merge (this module) and, once the writer pauses, runs the
exact merge and shows its result if it differs (``sitegen/devserver.py``).

The patch keeps the last merge's word weights and index. The article's candidates that are the
old ones moved (same sentence, date and link) take their places; those gone leave their
clusters; new ones are placed like any candidate of a merge, against the heads of the clusters
that exist. Only the touched events are built again, and only the key-date scores of the days
the article points to (or stopped pointing to) are summed again, the same way as in a merge.
When a candidate that headed a cluster leaves it, the next member heads it (its index entry
keeps the old words until the exact merge), and the event takes that member's title, date and
id; the other articles citing it point to the new id at once.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from dataclasses import dataclass, replace
from typing import Any

from sitegen.extract.article import ArticleExtraction, Candidate
from sitegen.extract.clustering import Clustering, order_key
from sitegen.extract.keydates import DayPointers, Pointer, mention_days
from sitegen.extract.merging import Gathering, cluster_event, unique_id, with_event
from sitegen.model import Event, Mention, event_id

Merged = tuple[list[Event], dict[str, list[Mention]]]


@dataclass
class MergeState:
    """What :func:`sitegen.extract.merge` worked with (its ``keep``), ready to be patched."""

    clustering: Clustering
    entity_of: dict[str, str]
    taken: set[str]
    curated: dict[str, Event]
    """The curated events as given (before their linked sources were added)."""
    linked: dict[str, list[Candidate]]
    """Each curated event's linked candidates, in the merge's order."""
    cluster_events: list[str | None]
    cluster_of: dict[int, int]
    """``id(candidate)`` -> its cluster (the state holds the candidates, so ids stay theirs)."""
    extractions: dict[str, ArticleExtraction]
    events: list[Event]
    mentions: dict[str, list[Mention]]
    pointers: DayPointers
    dirty: bool = False
    """Patched by a build that has not finished: no longer what the last good build merged."""


def state_of(
    keep: dict[str, Any], extractions: list[ArticleExtraction], curated: list[Event], merged: Merged
) -> MergeState:
    """The state of a merge that ran with ``keep``."""
    clustering: Clustering = keep["clustering"]
    cluster_of = {id(c): k for k, group in enumerate(clustering.clusters) for c in group.members}
    linked: dict[str, list[Candidate]] = {e.id: [] for e in curated}
    for x in extractions:
        for c in x.candidates:
            if c.curated_id in linked:
                linked[c.curated_id].append(c)
    state = MergeState(
        clustering=clustering,
        entity_of=keep["entity_of"],
        taken=keep["taken"],
        curated={e.id: e for e in curated},
        linked=linked,
        cluster_events=list(keep["cluster_events"]),
        cluster_of=cluster_of,
        extractions={x.article_id: x for x in extractions},
        events=list(merged[0]),
        mentions=dict(merged[1]),
        pointers=DayPointers(keep["pointers"]),
    )
    return state


def _same(c: Candidate) -> tuple[Any, ...]:
    """What a candidate keeps when only its place in the article moved."""
    return (c.source.sentence, c.date, c.modifier, c.curated_id, c.witnessed, c.announced)


def patch(state: MergeState, new: ArticleExtraction) -> Merged | None:
    """The last merge with ``new`` in place of the same article's last extraction (approximate:
    see the module's docstring); None when only a merge from scratch will do."""
    old = state.extractions.get(new.article_id)
    if old is None or old.published != new.published or state.dirty:
        return None
    waiting: dict[tuple[Any, ...], list[Candidate]] = {}
    for c in old.candidates:
        waiting.setdefault(_same(c), []).append(c)
    pairs, added = [], []
    for c in new.candidates:
        same = waiting.get(_same(c))
        if same:
            pairs.append((same.pop(0), c))
        else:
            added.append(c)
    gone = [c for same in waiting.values() for c in same]
    clusters = state.clustering.clusters
    state.dirty = True
    touched: set[int] = set()
    curated: set[str] = set()
    for c in gone:
        if c.curated_id in state.linked:
            _drop(state.linked[c.curated_id], c)
            curated.add(c.curated_id)
        elif (k := state.cluster_of.pop(id(c), None)) is not None:
            _drop(clusters[k].members, c)
            touched.add(k)
            if not clusters[k].members:  # a head no candidate can join (infinite weight)
                state.clustering.heads[k] = (frozenset(), math.inf, 0, 0, False)
    for was, c in pairs:
        if c.curated_id in state.linked:
            members = state.linked[c.curated_id]
            curated.add(c.curated_id)
        elif (k := state.cluster_of.pop(id(was), None)) is not None:
            members = clusters[k].members
            state.cluster_of[id(c)] = k
            touched.add(k)
        else:
            continue
        members[next(i for i, m in enumerate(members) if m is was)] = c
    place = {aid: i for i, aid in enumerate(state.extractions)}  # the merge's article order

    def linked_order(m: Candidate) -> tuple[int, int]:
        return place[m.source.article_id], m.source.start

    for c in added:
        if c.curated_id in state.linked:  # where the merge has it: by article, then in text
            linked = state.linked[c.curated_id]
            linked.insert(bisect.bisect(linked, linked_order(c), key=linked_order), c)
            curated.add(c.curated_id)
    for c in added:
        if c.curated_id not in state.linked:  # as in the merge, an unknown link is an event
            k = _place(state.clustering, c, len(state.cluster_of))
            state.cluster_of[id(c)] = k
            touched.add(k)
    state.extractions[new.article_id] = new
    return _rebuilt(state, old, new, touched, curated)


def _drop(members: list[Candidate], c: Candidate) -> None:
    del members[next(i for i, m in enumerate(members) if m is c)]


def _place(clustering: Clustering, c: Candidate, n: int) -> int:
    """Place a new candidate with the last merge's weights (a word it never saw weighs as a
    word of one candidate among ``n``, and ranks rarest)."""
    weight, rank = clustering.weight, clustering.rank
    for s in c.stems:
        if s not in weight:
            weight[s] = math.log(1 + max(n, 1))
            rank[s] = -1
    ranked = sorted(c.stems, key=rank.__getitem__)
    k = clustering.place(c, ranked, sum(map(weight.__getitem__, ranked)))
    members = clustering.clusters[k].members
    if len(members) > 2:  # joined: in the merge's order behind the head, as the merge has it
        members.pop()
        members.insert(bisect.bisect(members, order_key(c), lo=1, key=order_key), c)
    return k


def _rebuilt(
    state: MergeState,
    old: ArticleExtraction,
    new: ArticleExtraction,
    touched: set[int],
    curated: set[str],
) -> Merged:
    changed: dict[str, Event | None] = {}
    named = {e.id: (e.date, e.title) for e in state.events}
    renamed: set[str] = set()  # articles citing an event whose id changed
    clusters = state.clustering.clusters
    while len(state.cluster_events) < len(clusters):
        state.cluster_events.append(None)
    for k in sorted(touched):
        was = state.cluster_events[k]
        members = clusters[k].members
        if not members:
            if was is not None:
                changed[was] = None
                state.taken.discard(was)
            state.cluster_events[k] = None
            continue
        head = members[0]
        if was is not None and named.get(was) != (head.date, head.title):  # a new head
            changed[was] = None
            state.taken.discard(was)
            was = None
            renamed.update(m.source.article_id for m in members)
        ident = was or unique_id(event_id(head.date, head.title), state.taken)
        state.cluster_events[k] = ident
        changed[ident] = cluster_event(ident, members, clusters[k].disagree, state.entity_of)
    for ident in sorted(curated):
        gathering = Gathering(replace(state.curated[ident]), state.entity_of)
        for c in state.linked[ident]:
            gathering.add(c)
            gathering.event.disagree |= c.disagree
        changed[ident] = gathering.done()
    days = _repoint(state, old, new)
    for event in changed.values():
        if event is not None:
            event.key_score = _score(state, event)
    for e in state.events:
        if e.id not in changed and e.date.day and e.date.first_day() in days:
            score = _score(state, e)
            if score != e.key_score:
                changed[e.id] = replace(e, key_score=score)
    kept = [e for e in state.events if e.id not in changed]
    for event in changed.values():
        if event is not None:
            bisect.insort(kept, event, key=Event.sort_key)
    state.events = kept
    for article in renamed | {new.article_id}:
        state.mentions[article] = _placed(state, state.extractions[article])
    return kept, dict(state.mentions)


def _score(state: MergeState, event: Event) -> float:
    """The key-date score of ``event``'s day, as the merge gives it."""
    return state.pointers.score(event.date.first_day()) if event.date.day else 0.0


def _repoint(state: MergeState, old: ArticleExtraction, new: ArticleExtraction) -> set[dt.date]:
    """Swap the article's pointers (the days it names; its sentences linked to curated events
    on a day); the days whose score may have moved."""
    return state.pointers.swap(_pointers(state, old), _pointers(state, new))


def _pointers(state: MergeState, x: ArticleExtraction) -> list[Pointer]:
    pointers = [(x.article_id, x.published, day) for day in mention_days(x.mentions)]
    pointers += [
        (x.article_id, x.published, state.curated[c.curated_id].date.first_day())
        for c in x.candidates
        if c.curated_id in state.curated and state.curated[c.curated_id].date.day
    ]
    return pointers


def _placed(state: MergeState, new: ArticleExtraction) -> list[Mention]:
    """The article's mentions, each pointing to the event its candidate is now in (a curated
    event first, as in the merge)."""
    dated: dict[int, str] = {}
    for c in new.candidates:
        if c.mention is not None and c.curated_id in state.curated:
            dated.setdefault(c.mention, c.curated_id)
    for c in new.candidates:
        k = state.cluster_of.get(id(c))
        if c.mention is not None and k is not None and (ident := state.cluster_events[k]):
            dated.setdefault(c.mention, ident)
    for repeat, first in new.repeats.items():
        if first in dated:
            dated[repeat] = dated[first]
    return [with_event(m, dated[i]) if i in dated else m for i, m in enumerate(new.mentions)]
