"""What the dev server renders again after a save, beyond what :mod:`sitegen.memo` compares
page by page: runs of event and article pages reused whole, feeds made again only when what
they show changed, and whether the theme's pages that list articles can show their bodies."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

import jinja2
import jinja2.meta

from sitegen import atom, feeds, urls
from sitegen.memo import BuildMemo
from sitegen.model import Article, Event, Page, Site
from sitegen.urls import Urls

T = TypeVar("T")
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
    kept = memo.kept
    events = tuple(site.events)
    # What the feeds show of each event and article, made again only for new objects.
    shown = memo.views.get("shown", events, lambda: _each(kept, "shown", events, _placeless))
    listed = tuple(site.articles)
    articles = memo.views.get("listed", listed, lambda: _each(kept, "listed", listed, _metadata))
    zone = site.config.zone
    ordered = memo.views.current("ordered")  # the events in timeline order, as the views have them

    def events_json(site: Site) -> bytes:
        per_event, per_article = (
            kept.setdefault("events", Kept()),
            kept.setdefault("articles", Kept()),
        )
        with per_event.making(), per_article.making():
            return feeds.events_json(
                site,
                lambda e: per_event.get(id(e), e, lambda: feeds.event_json(e, u)),
                lambda a: per_article.get(id(a), a, lambda: feeds.article_json(a, u, zone)),
                ordered,
            )

    def timeline_json(site: Site) -> bytes:
        slides = kept.setdefault("slides", Kept())
        titles = {a.id: a.title for a in site.articles}
        with slides.making(tuple(titles.items())):
            return feeds.timeline_json(
                site,
                lambda e: slides.get(id(e), e, lambda: feeds.timeline_item_json(e, u, titles)),
                ordered,
            )

    def search_json(site: Site) -> bytes:
        facts = kept.setdefault("facts", Kept())
        by_id = {a.id: a for a in site.articles}
        names = tuple((a.id, a.source, a.title) for a in site.articles)  # publication names

        def fact(e: Event) -> feeds.Facts:
            return facts.get(id(e), e, lambda: feeds.search_facts(e, by_id))

        with facts.making(names):
            return feeds.search_json(site, fact, memo.views.current("key"), ordered)

    def atom_feed(site: Site) -> bytes:
        entries, lines = kept.setdefault("entries", Kept()), kept.setdefault("lines", Kept())

        def made(a: Article, said: tuple[str, ...]) -> str:
            inputs = (memo.derived(a, _metadata), said)
            return entries.get(a.id, inputs, lambda: atom.entry_xml(a, said, u, zone))

        def line(e: Event) -> str:
            return lines.get(id(e), e, lambda: atom.report_line(e))

        with entries.making(), lines.making():
            return atom.atom_feed(site, made, line, memo.views.current("reported"))

    made = {
        urls.EVENTS_JSON: (events_json, (events, articles)),
        urls.TIMELINE_JSON: (timeline_json, (shown, articles)),
        urls.SEARCH_JSON: (search_json, (shown, articles)),
        urls.FEED: (atom_feed, (shown, articles)),
    }
    pages = [
        memo.feeds.get(path, inputs, lambda f=make, p=path: Page(p, f(site)))  # type: ignore[misc]
        for path, (make, inputs) in made.items()
    ]

    def sitemap() -> Page:
        located = kept.setdefault("sitemap", Kept())
        with located.making():
            url = partial(atom.sitemap_url, u)
            return Page(
                urls.SITEMAP, atom.sitemap(u, routes, lambda r: located.get(r, r, lambda: url(r)))
            )

    sitemap_page = memo.feeds.get(urls.SITEMAP, tuple(sorted(routes)), sitemap)
    return [*pages, sitemap_page]


def _each(
    kept: dict[str, Any], name: str, objects: tuple[Any, ...], make: Callable[[Any], T]
) -> tuple[T, ...]:
    """``make(o)`` for each object, kept per object (as ``kept[name]``) for the next time."""
    values = kept.setdefault(name, Kept())
    with values.making():
        return tuple(values.get(id(o), o, lambda o=o: make(o)) for o in objects)


class Kept:
    """One feed's items (an event's JSON, an article's entry) from the last time the feed was
    made: kept while the feed is reused, however many builds that is, and replaced by the items
    of the next making (so items no longer in the feed are dropped then)."""

    def __init__(self) -> None:
        self._old: dict[Any, tuple[Any, Any]] = {}
        self._new: dict[Any, tuple[Any, Any]] | None = None
        self._version: Any = None

    @contextmanager
    def making(self, version: Any = None) -> Iterator[None]:
        """Around one making of the feed; a new ``version`` (what every item depends on)
        forgets the items. A making that fails keeps the old items."""
        if version != self._version:
            self._old, self._version = {}, version
        self._new = {}
        try:
            yield
            self._old = self._new
        finally:
            self._new = None

    def get(self, key: Any, inputs: Any, make: Callable[[], T]) -> T:
        """``make()``, or the item last made under ``key`` from equal (or the same) ``inputs``
        (an object kept as inputs stays alive, so an ``id`` key cannot be reused by another)."""
        assert self._new is not None, "Kept.get outside making()"
        held = self._old.get(key)
        if held is None or not (held[0] is inputs or held[0] == inputs):
            held = (inputs, make())
        self._new[key] = held
        return held[1]


CHUNK = 128
"""Event and article pages are looked at in runs of this many (see :func:`chunked`)."""


def chunked(
    memo: BuildMemo, name: str, items: list[Any], page: Callable[[int], Page], *shared: Any
) -> list[Page]:
    """``page(k)`` for every item, by runs of about :data:`CHUNK`: a run whose items, the items
    on either side of it and ``shared`` are the very objects of the last build is reused whole,
    so that a large site costs a pointer comparison per unchanged page, not a context comparison.

    A run ends before an item whose ``id`` hashes to a multiple of :data:`CHUNK` (ids hash the
    same for the life of a process) or after ``4 * CHUNK`` items, not at every CHUNK-th item:
    an item added or removed changes its own run, not every run after it."""
    if not items:
        return []
    starts: list[int] = []
    for k, item in enumerate(items):
        if not starts or hash(item.id) % CHUNK == 0 or k - starts[-1] >= 4 * CHUNK:
            starts.append(k)
    pages: list[Page] = []
    for i, j in zip(starts, [*starts[1:], len(items)], strict=True):
        window = (*shared, tuple(items[max(0, i - 1) : j + 1]))
        before = memo.chunks.hits
        key = (name, items[i].id)
        run = memo.chunks.get(key, window, lambda i=i, j=j: [page(k) for k in range(i, j)])
        if memo.chunks.hits > before:  # reused: its pages stay remembered one by one too
            memo.pages.keep(p.path for p in run)
        pages += run
    return pages
