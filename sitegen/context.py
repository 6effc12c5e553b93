"""Building the template context: the view models of :mod:`sitegen.views` from a :class:`Site`.

:func:`build_views` runs once per build; every list comes out sorted, whatever the input order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial
from typing import Any, TypeVar

from markupsafe import Markup

from sitegen import __version__, urls
from sitegen.dates import PartialDate, format_date, format_range
from sitegen.grouping import (
    INDEX_LIMIT,
    articles_by_date,
    events_by_article,
    key_event_ids,
    publication_names,
)
from sitegen.lists import dense_years, tag_views, timeline_route, timeline_view
from sitegen.markup import article_html, markdown_html, split_sentence
from sitegen.memo import BuildMemo
from sitegen.model import Article, Event, Site, Source
from sitegen.urls import Urls
from sitegen.views import (
    ArticleView,
    EventView,
    Link,
    SiteView,
    SourceView,
    TimelineView,
    Views,
)

T = TypeVar("T")


def _date_display(value: dt.date) -> tuple[str, str]:
    day = PartialDate.from_date(value)
    return format_date(day), day.iso()


def _tag_links(tags: Iterable[str], u: Urls) -> list[Link]:
    seen: dict[str, Link] = {}
    for tag in tags:
        seen.setdefault(urls.tag_slug(tag), Link(tag, u.link(urls.tag_route(tag))))
    return list(seen.values())


def _source_view(source: Source, articles: dict[str, Article], u: Urls) -> SourceView:
    article = articles.get(source.article_id)
    before, highlight, after = split_sentence(article.text if article else "", source)
    published, published_iso = _date_display(article.published) if article else ("", "")
    return SourceView(
        article_id=source.article_id,
        article_title=article.title if article else source.article_id,
        article_url=u.link(urls.article_route(article.id)) if article else "",
        original_url=urls.external_url(article.url) if article else "",
        publication=article.source if article else "",
        published=published,
        published_iso=published_iso,
        sentence=source.sentence,
        before=before,
        highlight=highlight,
        after=after,
        date_text=source.date_text,
    )


def event_view(
    event: Event,
    articles: dict[str, Article],
    u: Urls,
    key: bool = False,
    on_timeline: str = urls.HOME,
) -> EventView:
    """The view of one event; ``articles`` by id resolves its sources; ``on_timeline`` is the
    route of the timeline page that shows it."""
    route = urls.event_route(event.id)
    anchor = f"event-{event.id}"
    sources = [_source_view(s, articles, u) for s in event.sources]
    first_by_article: dict[str, SourceView] = {}
    for source in sources:
        first_by_article.setdefault(source.article_id, source)
    return EventView(
        id=event.id,
        anchor=anchor,
        url=u.link(route),
        timeline_url=f"{u.link(on_timeline)}#{anchor}",
        permalink=u.absolute(route),
        date=format_range(event.date, event.end, event.modifier),
        iso=event.date.iso(),
        end_iso=event.end.iso() if event.end else "",
        precision=event.date.precision,
        modifier=event.modifier or "",
        year=event.date.year,
        month=event.date.month,
        title=event.title,
        summary=event.summary,
        body_html=markdown_html(event.body) if event.body else Markup(""),
        sources=sources,
        cited=list(first_by_article.values()),
        tags=_tag_links(event.tags, u),
        entities=list(dict.fromkeys(event.entities)),
        curated=event.curated,
        disagree=event.disagree,
        announced=event.announced,
        key_score=event.key_score,
        key=key,
        publications=publication_names(event, articles),
    )


def _article_view(
    article: Article, body_html: Markup, u: Urls, events: list[EventView]
) -> ArticleView:
    route = urls.article_route(article.id)
    published, published_iso = _date_display(article.published)
    return ArticleView(
        id=article.id,
        url=u.link(route),
        permalink=u.absolute(route),
        title=article.title,
        publication=article.source,
        author=article.author,
        original_url=urls.external_url(article.url),
        published=published,
        published_iso=published_iso,
        tags=_tag_links(article.tags, u),
        format=article.format,
        body_html=body_html,
        events=events,
    )


def _site_view(site: Site, u: Urls, years: list[Link]) -> SiteView:
    config = site.config
    return SiteView(
        title=config.title,
        description=config.description,
        language=config.language,
        base_url=config.base_url,
        base_path=u.base_path,
        home_url=u.link(urls.HOME),
        years_url=u.link(urls.YEARS),
        tags_url=u.link(urls.TAGS),
        articles_url=u.link(urls.ARTICLES),
        feed_url=u.link(urls.FEED),
        feed_permalink=u.absolute(urls.FEED),
        events_json_url=u.link(urls.EVENTS_JSON),
        timeline_json_url=u.link(urls.TIMELINE_JSON),
        stylesheet_url=u.link(urls.static_route("style.css")),
        icon_url=u.link(urls.static_route("favicon.svg")),
        script_url=u.link(urls.static_route("timeline.js")),
        search_json_url=u.link(urls.SEARCH_JSON),
        generator=f"sitegen {__version__}",
        years=years,
    )


def build_views(site: Site, index_limit: int = INDEX_LIMIT, memo: BuildMemo | None = None) -> Views:
    """Build every view model of ``site``: deterministic (sorted) whatever the input order.

    With the dev server's ``memo``, a view whose inputs equal the last build's is reused (see
    :mod:`sitegen.memo`): after one article changed, only its views and its events' are built.
    """
    memo = memo or BuildMemo()
    u = Urls(site.config.base_url)
    by_id = {a.id: a for a in site.articles}
    ordered = memo.views.get(
        "ordered", tuple(site.events), lambda: sorted(site.events, key=Event.sort_key)
    )
    key_ids = memo.views.get("key", tuple(ordered), lambda: key_event_ids(ordered))
    split = len(ordered) > index_limit
    dense = memo.views.get(
        "dense", (tuple(ordered), index_limit), lambda: dense_years(ordered, index_limit)
    )
    reported = memo.views.get("reported", tuple(ordered), lambda: events_by_article(ordered))
    # Events citing an article that is not the very object of the last build must be viewed
    # again; any other event that is itself the last build's object keeps its view as it was.
    touched = {e.id for a in memo.changed_articles(site.articles) for e in reported.get(a, ())}
    citing: set[str] = set()
    """The articles citing an event whose view is new (its link or title may have changed)."""

    def one_event(e: Event) -> EventView:
        key, route = e.id in key_ids, timeline_route(e, split, dense)
        held = memo.events.peek(e.id)
        same = held and (h := held[0])[0] is e and h[1] == key and h[2] == route
        if same and e.id not in touched:
            return memo.events.reuse(e.id, held)
        cited = tuple(by_id.get(s.article_id) for s in e.sources)
        view = memo.events.get(
            e.id, (e, key, route, cited), lambda: event_view(e, by_id, u, key, route)
        )
        if held is None or view is not held[1]:
            citing.update(s.article_id for s in e.sources)
        return view

    events = [one_event(e) for e in ordered]
    views_by_id = {e.id: e for e in events}
    event_urls = {e.id: e.url for e in events}

    def new_timeline() -> TimelineView:
        # A year whose view equals the last build's keeps that very object, so that its
        # fragments and pages are reused when another year changed.
        made = timeline_view(events, u, split, index_limit)
        made.years = [memo.views.get(("year", y.year), y, partial(_same, y)) for y in made.years]
        return made

    def timeline() -> TimelineView:
        made = memo.views.get("timeline", (tuple(events), split, index_limit), new_timeline)
        memo.views.keep(k for y in made.years if memo.views.current(k := ("year", y.year)) is None)
        return made

    last = memo.views.peek("chronological")
    chronological = memo.views.get(
        "chronological", tuple(site.articles), lambda: _by_date(site, last)
    )

    def one_article(a: Article) -> ArticleView:
        mentions = site.mentions.get(a.id, [])
        reports = reported.get(a.id, [])
        held = memo.articles.peek(a.id)
        if (
            held
            and (h := held[0])[0] is a
            and a.id not in citing
            and h[3] == mentions
            and h[4] == reports
        ):
            memo.bodies.keep([a.id])
            return memo.articles.reuse(a.id, held)
        body = memo.bodies.get(
            a.id, (a.text, a.format, a.body_start, mentions),
            lambda: article_html(a, mentions, event_urls),
        )  # fmt: skip
        cited = [views_by_id[e.id] for e in reports]
        return memo.articles.get(
            a.id,
            (a, body, tuple(cited), mentions, reports),
            lambda: _article_view(a, body, u, cited),
        )

    articles = [one_article(a) for a in chronological]
    # The years of the timeline (as group_by_year names them), without making the timeline.
    in_years = dict.fromkeys(e.year for e in events)
    years = [Link(f"{y:04d}", u.link(urls.year_route(y))) for y in in_years]

    def tag_inputs() -> tuple[Any, ...]:
        return (
            tuple(events),
            tuple(articles) if memo.bodies_in_lists else tuple(map(memo.listing, articles)),
            tuple(e.tags for e in ordered),
            tuple(a.tags for a in chronological),
            index_limit,
        )

    return Views(
        site=memo.views.get("site", (site.config, years), lambda: _site_view(site, u, years)),
        events=events,
        articles=articles,
        make_timeline=timeline,
        make_tags=lambda: memo.views.get(
            "tags",
            tag_inputs(),
            lambda: tag_views(ordered, events, chronological, articles, u, index_limit),
        ),
        urls=u,
    )


def _by_date(site: Site, last: tuple[tuple[Article, ...], list[Article]] | None) -> list[Article]:
    """:func:`articles_by_date` of the site's articles; when they are the last build's but for
    articles read again with the same id and publication time, the last order with those
    swapped in (a save re-reads one article: no need to sort thousands again)."""
    if last is not None and len(last[0]) == len(site.articles):
        pairs = [(o, n) for o, n in zip(last[0], site.articles, strict=True) if o is not n]
        if all(o.id == n.id and o.published == n.published for o, n in pairs):
            swapped = {n.id: n for _, n in pairs}
            return [swapped.get(a.id, a) for a in last[1]]
    return articles_by_date(site.articles, site.config.zone)


def _same(value: T) -> T:
    return value
