"""The views of lists of events: the timeline (by year and month, with its filters) and the
tag pages, built from the event and article views of :mod:`sitegen.context`."""

from __future__ import annotations

import itertools
from collections import Counter

from sitegen import urls
from sitegen.grouping import facets, group_by_year, tag_names
from sitegen.model import Article, Event
from sitegen.urls import Urls
from sitegen.views import ArticleView, EventView, TagView, TimelineView


def timeline_route(event: Event, split: bool, dense: set[int]) -> str:
    """The timeline page that shows ``event``: the index, else its year's page, else (a year of
    ``dense``, split into months) its month's page."""
    year, month = event.date.year, event.date.month
    if not split:
        return urls.HOME
    if year in dense and month is not None:
        return urls.month_route(year, month)
    return urls.year_route(year)


def timeline_view(events: list[EventView], u: Urls, split: bool, limit: int) -> TimelineView:
    """The whole timeline of chronological ``events``; ``split``: on year pages, the years of
    more than ``limit`` events on month pages."""
    return TimelineView(
        years=group_by_year(events, u, limit if split else None),
        key_events=[e for e in events if e.key],
        count=len(events),
        split=split,
        entities=facets(e.entities for e in events),
        tags=facets(
            ([urls.tag_slug(t.text) for t in e.tags] for e in events),
            tag_names(t.text for e in events for t in e.tags),
        ),
        sources=facets(e.publications for e in events),
    )


def dense_years(ordered: list[Event], limit: int) -> set[int]:
    """The years of more than ``limit`` events (their timeline is split into months)."""
    per_year = Counter(e.date.year for e in ordered)
    return {year for year, count in per_year.items() if count > limit}


def tag_views(
    ordered: list[Event],
    events: list[EventView],
    articles: list[Article],
    article_views: list[ArticleView],
    u: Urls,
    limit: int,
) -> list[TagView]:
    names = tag_names(
        itertools.chain.from_iterable([e.tags for e in ordered] + [a.tags for a in articles])
    )
    tagged_events: dict[str, list[EventView]] = {}
    for event, view in zip(ordered, events, strict=True):
        for slug in dict.fromkeys(urls.tag_slug(t) for t in event.tags):
            tagged_events.setdefault(slug, []).append(view)
    tagged_articles: dict[str, list[ArticleView]] = {}
    for article, article_view in zip(articles, article_views, strict=True):
        for slug in dict.fromkeys(urls.tag_slug(t) for t in article.tags):
            tagged_articles.setdefault(slug, []).append(article_view)
    return [
        TagView(
            name=names[slug],
            slug=slug,
            url=u.link(urls.tag_route(slug)),
            years=group_by_year(tagged_events.get(slug, []), u),
            articles=tagged_articles.get(slug, []),
            count=len(tagged_events.get(slug, [])) + len(tagged_articles.get(slug, [])),
            compact=len(tagged_events.get(slug, [])) > limit,
        )
        for slug in sorted(names)
    ]
