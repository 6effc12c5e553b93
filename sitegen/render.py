"""The render stage: view models through the theme's Jinja templates into output pages.

Pure apart from reading templates and static files: ``render_site`` returns every output file
as a :class:`~sitegen.model.Page` and writes nothing (the environment and the theme's search
path are in ``jinja_env.py``). With more than one job, the articles' bodies (Markdown) and then
the pages are made by forked worker processes that inherit the views: only bytes travel back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from sitegen import urls
from sitegen.context import build_views
from sitegen.grouping import INDEX_LIMIT
from sitegen.jinja_env import make_environment, render_template, static_pages
from sitegen.markup import article_html
from sitegen.memo import BuildMemo, Memo
from sitegen.model import Article, Page, Site
from sitegen.parallel import map_ordered
from sitegen.reuse import bodies_in_lists, chunked, feed_pages
from sitegen.views import PageView, Views

T = TypeVar("T")
Deferred = list[tuple[Page, str, Callable[[], bytes]]]
"""Pages whose rendering was put off: the page (its bytes still empty), its template, and
what makes its bytes."""


def render_site(
    site: Site,
    theme_dirs: list[Path],
    index_limit: int = INDEX_LIMIT,
    memo: BuildMemo | None = None,
    jobs: int = 1,
) -> list[Page]:
    """Every output file of ``site``, sorted by path: HTML pages, feeds and static assets.

    A timeline of more than ``index_limit`` events is split into year pages. Raises
    :class:`TemplateError` (with the template's file and line) for a broken theme. With the
    dev server's ``memo`` (which the caller begins and finishes), a page whose context equals
    the last build's is not rendered again, and the compiled templates are kept. The articles'
    bodies and the pages are made by up to ``jobs`` worker processes (same bytes).
    """
    memo = memo or BuildMemo()
    if memo.environment is None:
        memo.environment = make_environment(theme_dirs)
        memo.bodies_in_lists = bodies_in_lists(memo.environment)
    if jobs > 1:
        _bodies_ahead(site, memo, jobs)
    views = build_views(site, index_limit, memo)
    deferred: Deferred | None = [] if jobs > 1 else None
    render = _page_renderer(memo.environment, views, memo.pages, deferred)
    events, articles = views.events, views.articles

    def event_page(k: int) -> Page:
        event = events[k]
        return render(
            "event.html",
            urls.event_route(event.id),
            "event",
            event.title,
            event=event,
            previous=events[k - 1] if k else None,
            next=events[k + 1] if k + 1 < len(events) else None,
        )

    def article_page(k: int) -> Page:
        article = articles[k]
        route = urls.article_route(article.id)
        return render("article.html", route, "article", article.title, article=article)

    pages = [render("404.html", urls.NOT_FOUND, "404", "Page not found")]
    pages += chunked(memo, "events", events, event_page, views.site)
    pages += chunked(memo, "articles", articles, article_page, views.site)
    own = list(pages)

    def listings() -> list[Page]:
        """The pages that list events and articles (and the feeds): what the dev server may
        make after the others (``later.Later.now_or_later``)."""
        listed = _listing_pages(render, views, memo)
        if deferred:
            _render_deferred(memo.environment, deferred, jobs)
        made = [*own, *listed]
        routes = [p.path.removesuffix("index.html") for p in made if p.path != urls.NOT_FOUND]
        return listed + feed_pages(site, views.urls, routes, memo)

    pages += memo.later.now_or_later(listings)
    pages += static_pages(theme_dirs)
    return sorted(pages, key=lambda p: p.path)


def _listing_pages(render: Callable[..., Page], views: Views, memo: BuildMemo) -> list[Page]:
    """The home page, the lists of years, tags and sources, and a page per year, month and tag."""
    pages = [
        render("index.html", urls.HOME, "index", views.site.title, timeline=views.timeline),
        render("years.html", urls.YEARS, "years", "Years", years=views.timeline.years),
        render("tags.html", urls.TAGS, "tags", "Tags", tags=views.tags),
        render(
            "articles.html",
            urls.ARTICLES,
            "articles",
            "Sources",
            articles=views.articles,
            _key=None if memo.bodies_in_lists else tuple(map(memo.listing, views.articles)),
        ),
    ]
    for year_before, year, year_after in _neighbours(views.timeline.years):
        route = urls.year_route(year.year)
        pages.append(
            render(
                "year.html",
                route,
                "year",
                year.name,
                year=year,
                previous=year_before,
                next=year_after,
                timeline=views.timeline,
            )
        )
    for year in views.timeline.years:
        for month_before, month, month_after in _neighbours(year.months if year.split else []):
            route = urls.month_route(year.year, month.month)
            pages.append(
                render(
                    "month.html",
                    route,
                    "month",
                    month.name,
                    month=month,
                    year=year,
                    previous=month_before,
                    next=month_after,
                    timeline=views.timeline,
                )
            )
    for tag in views.tags:
        pages.append(render("tag.html", urls.tag_route(tag.slug), "tag", tag.name, tag=tag))
    return pages


def _neighbours(items: list[T]) -> Iterator[tuple[T | None, T, T | None]]:
    """Each item with the one before and the one after it (None at the ends)."""
    for i, item in enumerate(items):
        yield (items[i - 1] if i else None), item, (items[i + 1] if i + 1 < len(items) else None)


def _bodies_ahead(site: Site, memo: BuildMemo, jobs: int) -> None:
    """Convert every article's body by worker processes and offer the results to
    ``build_views`` (``memo.bodies``, under the inputs it asks with): Markdown is the largest
    part of rendering, and each article's conversion is independent of the others."""
    u = urls.Urls(site.config.base_url)
    event_urls = {e.id: u.link(urls.event_route(e.id)) for e in site.events}  # EventView.url
    articles = site.articles

    def body(a: Article) -> Markup:
        return article_html(a, site.mentions.get(a.id, []), event_urls)

    for a, html in zip(articles, map_ordered(body, articles, jobs, inherit=True), strict=True):
        mentions = site.mentions.get(a.id, [])
        memo.bodies.prime(a.id, (a.text, a.format, a.body_start, mentions), html)


def _render_deferred(env: jinja2.Environment, deferred: Deferred, jobs: int) -> None:
    """Fill in the bytes of the pages whose rendering was put off, by worker processes that
    inherit the views (nothing is pickled on the way out, only the pages' bytes come back)."""
    for name in sorted({name for _, name, _ in deferred}):
        # Compiled once here rather than once in each worker; a broken one is reported by
        # rendering a page that uses it, with its file and line.
        with contextlib.suppress(jinja2.TemplateError):
            env.get_template(name)
    made = map_ordered(_call, [make for _, _, make in deferred], jobs, inherit=True)
    for (page, _, _), data in zip(deferred, made, strict=True):
        page.data = data


def _call(make: Callable[[], bytes]) -> bytes:
    return make()


def _page_renderer(
    env: jinja2.Environment,
    views: Views,
    memo: Memo,
    deferred: Deferred | None = None,
) -> Callable[..., Page]:
    """``render(template, route, kind, title, **values)``: the page, from the memo or made;
    with ``deferred``, a page to make is returned empty and its maker added to the list."""

    def render(
        template: str, route: str, kind: str, title: str, _key: Any = None, **values: Any
    ) -> Page:
        """The page, rendered unless its context equals the last build's (``_key``: what of
        the context stands for it, when not all of it can show on the page)."""
        key = tuple(values.items()) if _key is None else _key
        inputs = (template, kind, title, views.site, key)
        path = urls.output_file(route)
        return memo.get(path, inputs, lambda: make(template, route, kind, title, values))

    def make(template: str, route: str, kind: str, title: str, values: dict[str, Any]) -> Page:
        path = urls.output_file(route)
        if deferred is None:
            return Page(path, html(template, route, kind, title, values))
        page = Page(path, b"")
        deferred.append((page, template, lambda: html(template, route, kind, title, values)))
        return page

    def html(template: str, route: str, kind: str, title: str, values: dict[str, Any]) -> bytes:
        event = values.get("event")
        description = f"{event.date}: {event.summary or event.title}" if event else ""
        page = PageView(
            kind=kind,
            title=title,
            description=description or views.site.description,
            url=views.urls.link(route),
            permalink=views.urls.absolute(route),
        )
        context = {"site": views.site, "page": page, **values}
        return render_template(env, template, context).encode("utf-8")

    return render
