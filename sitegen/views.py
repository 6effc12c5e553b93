"""View models: the documented context that templates see (MkDocs' TemplateContext idea).

Templates never receive :mod:`sitegen.model` objects, only the plain dataclasses below, built
once per build by :func:`sitegen.context.build_views`. Strings are plain text (Jinja escapes
them); the few fields that hold ready HTML are :class:`markupsafe.Markup` and say so.

Context of each template (see ``render.py``):

- every template: ``site`` (:class:`SiteView`), ``page`` (:class:`PageView`)
- ``index.html``: ``timeline`` (:class:`TimelineView`: years, key events, filters, and whether
  the events are on the index or split into year pages)
- ``event.html``: ``event`` (:class:`EventView`), ``previous`` / ``next`` (EventView or None)
- ``article.html``: ``article`` (:class:`ArticleView`)
- ``year.html``: ``year`` (:class:`YearView`), ``previous`` / ``next`` (YearView or None),
  ``timeline``
- ``month.html`` (the months of a split year): ``month`` (:class:`MonthView`), ``year``,
  ``previous`` / ``next`` (MonthView or None), ``timeline``
- ``years.html``: ``years``; ``tags.html``: ``tags``; ``tag.html``: ``tag`` (:class:`TagView`)
- ``articles.html``: ``articles`` (list of :class:`ArticleView`, oldest first)
- ``404.html``: nothing more

Views are never changed after they are built: the dev server compares a page's context with
the last build's and renders the page again only when it differs (see :mod:`sitegen.memo`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cached_property

from markupsafe import Markup

from sitegen.urls import Urls


@dataclass(frozen=True)
class Link:
    """A labelled link inside the site (a tag, a year)."""

    text: str
    url: str


@dataclass
class SourceView:
    """One sentence of one article that reports an event."""

    article_id: str
    article_title: str
    article_url: str
    """The article's page on this site."""
    original_url: str
    """The article at its publisher ("" when unknown)."""
    publication: str
    published: str
    """Publication date for display (``29 March 2022``)."""
    published_iso: str
    sentence: str
    before: str
    """The sentence split around its date expression: ``before`` + ``highlight`` + ``after``."""
    highlight: str
    after: str
    date_text: str


@dataclass
class EventView:
    """A dated event as templates see it."""

    id: str
    anchor: str
    """``event-<id>``: the element id on timeline pages (``index.html#event-<id>``)."""
    url: str
    """The event's own page (``/base/events/<id>/``)."""
    timeline_url: str
    """The event on the timeline: ``/base/#event-<id>``, or on its year page
    (``/base/years/2022/#event-<id>``) when the timeline is split into years."""
    permalink: str
    """Absolute URL of the event page (for canonical links and sharing)."""
    date: str
    """Date or range at its own precision: ``2022``, ``March 2022``, ``19–20 December 2024``."""
    iso: str
    """ISO date at its precision, for ``<time datetime>``: ``2022``, ``2022-03``, ``2022-03-29``."""
    end_iso: str
    """ISO end date ("" when the event is not a range)."""
    precision: str
    modifier: str
    """``start``, ``mid``, ``end``, ``approx`` or ""."""
    year: int
    month: int | None
    title: str
    summary: str
    body_html: Markup
    """The curated event's Markdown body as HTML (empty for extracted events)."""
    sources: list[SourceView]
    cited: list[SourceView]
    """The first source of each cited article, for short listings (timelines)."""
    tags: list[Link]
    entities: list[str]
    curated: bool
    disagree: bool
    announced: bool
    key_score: float
    """Salience of the event's day (higher is more salient; 0 when unknown)."""
    key: bool
    """One of the site's most salient events (:func:`sitegen.grouping.key_event_ids`)."""
    publications: list[str]
    """The names of the publications (else article titles) that report it: the "source"
    filter's values."""


@dataclass
class MonthView:
    """The events of one month, under its year."""

    year: int
    month: int
    name: str
    """``March 2022``."""
    anchor: str
    """``2022-03``: the element id of the month heading."""
    url: str
    """The month's own page (``/base/years/2022/03/``); rendered only when its year is split."""
    events: list[EventView]


@dataclass
class YearView:
    """One year of the timeline: events known only to the year first, then month by month."""

    year: int
    name: str
    """``2022``."""
    anchor: str
    """``year-2022``: the element id of the year heading."""
    url: str
    events: list[EventView]
    """Events dated to the year only (``2022``, ``end of 1999``), before the months."""
    months: list[MonthView]
    count: int
    """All events of the year."""
    split: bool
    """Too many events for one page: each month has its page, the year page lists them."""


@dataclass
class ArticleView:
    """A source article and the events it reports."""

    id: str
    url: str
    permalink: str
    title: str
    publication: str
    author: str
    original_url: str
    published: str
    published_iso: str
    tags: list[Link]
    format: str
    body_html: Markup
    """The article's text as HTML; date expressions wrapped in ``<mark class="timex">``."""
    events: list[EventView]


@dataclass
class TagView:
    """A tag's page: its events by year and its articles."""

    name: str
    slug: str
    url: str
    years: list[YearView]
    articles: list[ArticleView]
    count: int
    compact: bool
    """Too many events to show in full on one page: list each by date and title only."""


@dataclass
class SiteView:
    """Site-wide values: title, language, the links every page's header and footer need."""

    title: str
    description: str
    language: str
    base_url: str
    base_path: str
    home_url: str
    years_url: str
    tags_url: str
    articles_url: str
    feed_url: str
    feed_permalink: str
    events_json_url: str
    timeline_json_url: str
    stylesheet_url: str
    icon_url: str
    script_url: str
    """The theme's timeline script (filters and search); pages work without it."""
    search_json_url: str
    """The compact index the script filters and searches (see :func:`sitegen.feeds.search_json`)."""
    generator: str
    years: list[Link]
    """Every year with events, for navigation."""


@dataclass
class PageView:
    """The page being rendered."""

    kind: str
    """``index``, ``event``, ``article``, ``articles``, ``year``, ``month``, ``years``, ``tag``,
    ``tags`` or ``404``."""
    title: str
    description: str
    """For ``<meta name="description">`` and link previews: the event's date and summary on
    event pages, else the site's description."""
    url: str
    permalink: str
    """Absolute URL for ``<link rel="canonical">``."""


@dataclass
@dataclass(frozen=True)
class Facet:
    """One choice of a filter (an entity, a tag, a publication) and how many events have it."""

    value: str
    """What the filter matches and the URL carries (a tag's slug, else the name itself)."""
    label: str
    count: int


@dataclass
class TimelineView:
    """The timeline as a whole: what the index and the year pages share."""

    years: list[YearView]
    key_events: list[EventView]
    """The most salient events (``key``), chronological: the timeline's summary."""
    count: int
    """All events."""
    split: bool
    """True when the timeline is too long for one page: the index then lists the years and
    each year page holds its events; False when every event is on the index."""
    entities: list[Facet]
    """The filters' choices, most frequent first (at most :data:`sitegen.grouping.FACETS`)."""
    tags: list[Facet]
    sources: list[Facet]


@dataclass
class Views:
    """Everything the renderer passes to templates, built once; the timeline and the tags when
    first asked for (the dev server may make the pages listing them after the others)."""

    site: SiteView
    events: list[EventView]
    articles: list[ArticleView]
    make_timeline: Callable[[], TimelineView]
    make_tags: Callable[[], list[TagView]]
    urls: Urls = field(default_factory=Urls)

    @cached_property
    def timeline(self) -> TimelineView:
        return self.make_timeline()

    @cached_property
    def tags(self) -> list[TagView]:
        return self.make_tags()


_LISTED = [f.name for f in fields(ArticleView) if f.name != "body_html"]


def listing(view: ArticleView) -> tuple[object, ...]:
    """What a page listing ``view`` can show of it: everything but its body."""
    return tuple(getattr(view, name) for name in _LISTED)
