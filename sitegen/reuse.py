"""What the dev server renders again after a save, beyond what :mod:`sitegen.memo` compares
page by page: runs of event and article pages reused whole, feeds made again only when what
they show changed, and whether the theme's pages that list articles can show their bodies."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import jinja2
import jinja2.meta

from sitegen import feeds, urls
from sitegen.memo import BuildMemo
from sitegen.model import Article, Event, Page, Site
from sitegen.urls import Urls

LIST_TEMPLATES = ("articles.html", "tag.html", "tags.html")
"""The templates given article views other than ``article.html``."""


def bodies_in_lists(env: jinja2.Environment) -> bool:
    """Whether a template that lists articles, or one it extends, includes or imports,
    mentions ``body_html`` (the default theme's do not): only then can such a page change with
    an article's body alone. A template named by an expression counts as mentioning it."""
    seen: set[str] = set()
    todo: list[str | None] = list(LIST_TEMPLATES)
    while todo:
        name = todo.pop()
        if name is None:
            return True
        if name in seen:
            continue
        seen.add(name)
        try:
            source = env.loader.get_source(env, name)[0] if env.loader else ""
            referenced = list(jinja2.meta.find_referenced_templates(env.parse(source)))
        except jinja2.TemplateError:
            continue  # rendering it will say what is wrong
        if "body_html" in source:
            return True
        todo += referenced
    return False


def _metadata(a: Article) -> tuple[object, ...]:
    """What the feeds show of an article."""
    return (a.id, a.title, a.published, a.source, a.author, a.url, tuple(a.tags))


def _placeless(e: Event) -> tuple[object, ...]:
    """What the feeds other than events.json show of an event: all but its sources' offsets
    and sentences (timeline.json, search.json and the Atom feed name only their articles)."""
    return (
        e.id, e.date, e.end, e.modifier, e.title, e.summary, e.key_score, tuple(e.entities),
        tuple(e.tags), tuple(s.article_id for s in e.sources),
    )  # fmt: skip


def feed_pages(site: Site, u: Urls, routes: list[str], memo: BuildMemo) -> list[Page]:
    """The machine-readable files; each is made again only when what it shows changed (the
    articles' metadata, not their text, which no feed carries)."""
    events = tuple(site.events)
    shown = tuple(memo.derived(e, _placeless) for e in site.events)
    articles = tuple(memo.derived(a, _metadata) for a in site.articles)
    # One function object per build generation, so that each event's JSON is kept with it.
    record = memo.views.get("event_json", u.base_url, lambda: partial(feeds.event_json, u=u))

    def events_json(site: Site) -> bytes:
        return feeds.events_json(site, lambda e: memo.derived(e, record))

    made = {
        urls.EVENTS_JSON: (events_json, (events, articles)),
        urls.TIMELINE_JSON: (feeds.timeline_json, (shown, articles)),
        urls.SEARCH_JSON: (feeds.search_json, (shown, articles)),
        urls.FEED: (feeds.atom_feed, (shown, articles)),
    }
    pages = [
        memo.feeds.get(path, inputs, lambda f=make, p=path: Page(p, f(site)))  # type: ignore[misc]
        for path, (make, inputs) in made.items()
    ]
    sitemap = memo.feeds.get(
        urls.SITEMAP,
        tuple(sorted(routes)),
        lambda: Page(urls.SITEMAP, feeds.sitemap(u, routes)),
    )
    return [*pages, sitemap]


CHUNK = 128
"""Event and article pages are looked at in runs of this many (see :func:`chunked`)."""


def chunked(
    memo: BuildMemo, name: str, items: list[Any], page: Callable[[int], Page], *shared: Any
) -> list[Page]:
    """``page(k)`` for every item, by runs of :data:`CHUNK`: a run whose items, the items on
    either side of it and ``shared`` are the very objects of the last build is reused whole, so
    that a large site costs a pointer comparison per unchanged page, not a context comparison."""
    pages: list[Page] = []
    for i in range(0, len(items), CHUNK):
        j = min(i + CHUNK, len(items))
        window = (*shared, tuple(items[max(0, i - 1) : j + 1]))
        before = memo.chunks.hits
        run = memo.chunks.get((name, i), window, lambda i=i, j=j: [page(k) for k in range(i, j)])
        if memo.chunks.hits > before:  # reused: its pages stay remembered one by one too
            memo.pages.keep(p.path for p in run)
        pages += run
    return pages
