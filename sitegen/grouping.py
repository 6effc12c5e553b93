"""Ordering and grouping for the timeline: pure functions over events, articles and views.

Events by year and month, the key events, the filters' choices, articles by date and the
events each article reports. Tests call them with inline values.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections import Counter
from collections.abc import Iterable

from sitegen import urls
from sitegen.dates import PartialDate, format_date
from sitegen.model import Article, Event
from sitegen.urls import Urls
from sitegen.views import EventView, Facet, MonthView, YearView

KEY_EVENTS = 5
"""How many events are key dates."""
INDEX_LIMIT = 400
"""The most events the index shows on one page; a longer timeline is split into year pages so
that no page weighs megabytes (measured in ``benchmarks/page_weight.py``)."""
FACETS = 100
"""The most choices a filter lists (the most frequent); the search index has them all."""


def key_event_ids(events: list[Event], limit: int = KEY_EVENTS) -> set[str]:
    """The ids of the ``limit`` events with the highest positive key_score (ties: earlier)."""
    scores = heapq.nlargest(limit, (e.key_score for e in events if e.key_score > 0))
    if not scores:
        return set()
    # Only the events scoring at least the limit-th best can be among them (ties included).
    scored = [e for e in events if e.key_score >= scores[-1]]
    return {e.id for e in sorted(scored, key=lambda e: (-e.key_score, e.sort_key()))[:limit]}


def published_at(article: Article, zone: dt.tzinfo) -> dt.datetime:
    """The publication time, in ``zone`` when the article gives none (date-only values)."""
    value = article.published
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def articles_by_date(articles: Iterable[Article], zone: dt.tzinfo) -> list[Article]:
    """Oldest first; ties by id."""
    return sorted(articles, key=lambda a: (published_at(a, zone), a.id))


def events_by_article(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Article id -> the events it is a source of, in the order of ``events``."""
    reported: dict[str, list[Event]] = {}
    for event in events:
        sources = event.sources
        if len(sources) == 1:  # most events: no generator, no dict (this runs on every save)
            ids: Iterable[str] = (sources[0].article_id,)
        else:
            ids = dict.fromkeys([s.article_id for s in sources])
        for article_id in ids:
            listed = reported.get(article_id)
            if listed is None:
                reported[article_id] = [event]
            else:
                listed.append(event)
    return reported


def publication_names(event: Event, articles: dict[str, Article]) -> list[str]:
    """The publications reporting ``event`` (an article's title when it names none), once each,
    in source order."""
    names = []
    for source in event.sources:
        article = articles.get(source.article_id)
        if article is not None:
            names.append(article.source or article.title)
    return list(dict.fromkeys(names))


def group_by_year(events: list[EventView], u: Urls, limit: int | None = None) -> list[YearView]:
    """Years in order; in each, year-only events first, then a group per known month; a year of
    more than ``limit`` events is split into month pages.

    ``events`` must be chronological (as :attr:`Site.events` is).
    """
    years: list[YearView] = []
    for year, in_year in itertools.groupby(events, key=lambda e: e.year):
        items = list(in_year)
        months = [
            MonthView(
                year=year,
                month=month,
                name=format_date(PartialDate(year, month)),
                anchor=f"{year:04d}-{month:02d}",
                url=u.link(urls.month_route(year, month)),
                events=list(in_month),
            )
            for month, in_month in itertools.groupby(
                sorted((e for e in items if e.month is not None), key=lambda e: e.month or 0),
                key=lambda e: e.month or 0,
            )
        ]
        years.append(
            YearView(
                year=year,
                name=f"{year:04d}",
                anchor=f"year-{year:04d}",
                url=u.link(urls.year_route(year)),
                events=[e for e in items if e.month is None],
                months=months,
                count=len(items),
                split=limit is not None and len(items) > limit,
            )
        )
    return years


def facets(
    values: Iterable[Iterable[str]], labels: dict[str, str] | None = None, limit: int = FACETS
) -> list[Facet]:
    """The distinct values of ``values`` (one iterable per event), most frequent first, ties
    alphabetical, at most ``limit``; an event counts once per value. ``labels`` names values
    that are not their own label (tag slugs)."""
    counts = Counter(itertools.chain.from_iterable(set(v) for v in values))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))
    labels = labels or {}
    return [Facet(value, labels.get(value, value), count) for value, count in ranked[:limit]]


def tag_names(tags: Iterable[str]) -> dict[str, str]:
    """Tag slug -> the name its page shows (the first, sorted, of the names sharing the slug)."""
    names: dict[str, str] = {}
    for tag in sorted(set(tags)):
        names.setdefault(urls.tag_slug(tag), tag)
    return names
