"""A merge patched instead of run again, when one article's extraction changed only by where its
sentences stand: text added or removed where no event is (the dev server's common save).

:func:`~sitegen.extract.merge` compares offsets only to order one article's candidates among
themselves (``clustering.order_key`` ends with ``source.start``, after the article's id), so offsets
that move without changing that order change none of its decisions: the events, their ids,
key scores and the mentions' events are those of the last merge, with the article's sources and
mentions at their new places. ``tests/test_memo.py`` checks the result against a full build.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sitegen.extract.article import ArticleExtraction, Candidate
from sitegen.extract.patch import MergeState
from sitegen.model import Event, Mention

Merged = tuple[list[Event], dict[str, list[Mention]]]


def _placeless(c: Candidate) -> Candidate:
    return replace(c, source=replace(c.source, start=0, end=0))


def _order(starts: list[int]) -> list[int]:
    return sorted(range(len(starts)), key=starts.__getitem__)


def moved_only(old: ArticleExtraction, new: ArticleExtraction) -> bool:
    """True when ``new`` is ``old`` with offsets moved, in the same order."""
    if (old.article_id, old.published, old.repeats, old.people) != (
        new.article_id,
        new.published,
        new.repeats,
        new.people,
    ):
        return False
    if len(old.candidates) != len(new.candidates) or len(old.mentions) != len(new.mentions):
        return False
    pairs = zip(old.candidates, new.candidates, strict=True)
    if any(_placeless(a) != _placeless(b) for a, b in pairs):
        return False
    if any(replace(a, start=0, end=0) != replace(b, start=0, end=0)
           for a, b in zip(old.mentions, new.mentions, strict=True)):  # fmt: skip
        return False
    return _order([c.source.start for c in old.candidates]) == _order(
        [c.source.start for c in new.candidates]
    )


def reoffset(merged: Merged, old: ArticleExtraction, new: ArticleExtraction) -> Merged:
    """``merged`` (the merge that read ``old``) as the merge would be with ``new`` instead,
    given :func:`moved_only`: the article's sources and mentions at their new offsets."""
    events, mentions = merged
    moved: dict[int, Any] = {
        id(a.source): b.source for a, b in zip(old.candidates, new.candidates, strict=True)
    }
    patched = [
        replace(e, sources=[moved.get(id(s), s) for s in e.sources])
        if any(id(s) in moved for s in e.sources)
        else e
        for e in events
    ]
    before = mentions.get(new.article_id, [])
    placed = dict(mentions)
    placed[new.article_id] = [
        replace(m, event_id=b.event_id) if b.event_id is not None else m
        for m, b in zip(new.mentions, before, strict=True)
    ]
    return patched, placed


def same_objects(old: Merged, new: Merged) -> Merged:
    """``new`` with each event and each article's mentions that equal the last merge's replaced
    by the last merge's very objects: a merge run again after one article changed builds every
    event anew, and the dev server's later stages (views, pages, feeds) skip identical objects
    at the cost of a pointer comparison instead of comparing or re-encoding each event."""
    old_events = {e.id: e for e in old[0]}
    events = [
        kept if (kept := old_events.get(e.id)) is not None and kept == e else e for e in new[0]
    ]
    mentions = {
        article: was if (was := old[1].get(article)) is not None and was == placed else placed
        for article, placed in new[1].items()
    }
    return events, mentions


def moved(
    state: MergeState, old: ArticleExtraction, new: ArticleExtraction, merged: Merged
) -> None:
    """Bring the state up to ``merged``: the merge patched by ``reoffset`` for ``new``, ``old``
    with its offsets moved (same candidates, in the same order)."""
    for was, c in zip(old.candidates, new.candidates, strict=True):
        k = state.cluster_of.pop(id(was), None)
        members = state.clustering.clusters[k].members if k is not None else None
        if k is not None:
            state.cluster_of[id(c)] = k
        elif c.curated_id in state.linked:
            members = state.linked[c.curated_id]
        if members is not None:
            members[next(i for i, m in enumerate(members) if m is was)] = c
    state.extractions[new.article_id] = new
    state.events = list(merged[0])
    state.mentions = dict(merged[1])
