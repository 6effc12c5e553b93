"""Event extraction: from the sentences of many articles to one dated, cited, merged timeline.

Two halves, so the first can be cached per article and run in parallel:

- :func:`extract_article` (pure, one article): sentences, their dates, curated events they name,
  candidate events with titles and entities, and every time expression as a :class:`Mention`;
- :func:`merge` (all articles): curated events get their new sources, candidates reporting the
  same event become one event, each event gets a unique id and a key-date score, and each
  mention that dates an event points to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sitegen.extract.article import ArticleExtraction, Candidate, extract_from_timexes
from sitegen.extract.clustering import check
from sitegen.extract.keydates import mention_days, score_days
from sitegen.extract.linking import AliasIndex
from sitegen.extract.merging import build_events, collector_paused, with_event
from sitegen.model import Article, Event, Mention
from sitegen.temporal import tag

__all__ = [
    "ArticleExtraction",
    "Candidate",
    "extract_article",
    "extract_events",
    "extract_from_timexes",
    "merge",
]


def extract_article(article: Article, curated: list[Event] | AliasIndex) -> ArticleExtraction:
    """Candidate events and time expressions of one article (pure; picklable result)."""
    return extract_from_timexes(article, tag(article.text, article.published), curated)


def merge(
    extractions: list[ArticleExtraction],
    curated: list[Event],
    keep: dict[str, Any] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> tuple[list[Event], dict[str, list[Mention]]]:
    """The timeline: curated events with the sources linked to them and the merged extracted
    events, sorted by :meth:`Event.sort_key`, each with its ``key_score``; and each article's
    mentions with ``event_id`` set where the expression dates an event. The inputs are not
    modified. ``keep``, if given, receives the merge's working state (see ``patch.py``);
    ``cancel()`` is asked now and then, and the merge raises ``clustering.Cancelled`` if it says
    so (the dev server calls off an exact merge when a new save comes)."""
    with collector_paused():
        events, dated = build_events(extractions, curated, keep, cancel)
        check(cancel)
        for x in extractions:
            for repeat, first in x.repeats.items():
                if (x.article_id, first) in dated:
                    dated[x.article_id, repeat] = dated[x.article_id, first]
        published = {x.article_id: x.published for x in extractions}
        pointers = [
            (x.article_id, x.published, day)
            for x in extractions
            for day in mention_days(x.mentions)
        ]
        pointers += [
            (s.article_id, published[s.article_id], e.date.first_day())
            for e in events
            if e.curated and e.date.precision == "day"
            for s in e.sources
            if s.article_id in published
        ]
        if keep is not None:
            keep["pointers"] = pointers
        check(cancel)
        scores = score_days(pointers)
        for event in events:
            event.key_score = scores.get(event.date.first_day(), 0.0) if event.date.day else 0.0
        mentions = {
            x.article_id: [
                with_event(m, dated[x.article_id, i]) if (x.article_id, i) in dated else m
                for i, m in enumerate(x.mentions)
            ]
            for x in extractions
        }
        events.sort(key=Event.sort_key)
        return events, mentions


def extract_events(
    articles: Iterable[Article], curated: list[Event]
) -> tuple[list[Event], dict[str, list[Mention]]]:
    """:func:`merge` of :func:`extract_article` over all articles."""
    aliases = AliasIndex(curated)
    return merge([extract_article(a, aliases) for a in articles], curated)
