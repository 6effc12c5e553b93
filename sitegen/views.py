"""View models: the documented context that templates see (MkDocs' TemplateContext idea).

Templates never receive :mod:`sitegen.model` objects, only the plain dataclasses below, built
once per build by :func:`build_views`. Strings are plain text (Jinja escapes them); the few
fields that hold ready HTML are :class:`markupsafe.Markup` and say so.

Context of each template (see ``render.py``):

- every template: ``site`` (:class:`SiteView`), ``page`` (:class:`PageView`)
- ``index.html``: ``years`` (list of :class:`YearView`), ``events`` (all, chronological),
  ``key_events`` (the most salient, chronological)
- ``event.html``: ``event`` (:class:`EventView`), ``previous`` / ``next`` (EventView or None)
- ``article.html``: ``article`` (:class:`ArticleView`)
- ``year.html``: ``year`` (:class:`YearView`), ``previous`` / ``next`` (YearView or None)
- ``years.html``: ``years``; ``tags.html``: ``tags``; ``tag.html``: ``tag`` (:class:`TagView`)
- ``articles.html``: ``articles`` (list of :class:`ArticleView`, oldest first)
- ``404.html``: nothing more
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from sitegen import __version__, urls
from sitegen.dates import PartialDate, format_date, format_range
from sitegen.model import Article, Event, Mention, Site, Source
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
    """One of the site's :data:`KEY_EVENTS` most salient events."""


@dataclass
class MonthView:
    """The events of one month, under its year."""

    year: int
    month: int
    name: str
    """``March 2022``."""
    anchor: str
    """``2022-03``: the element id of the month heading."""
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
    generator: str
    years: list[Link]
    """Every year with events, for navigation."""


@dataclass
class PageView:
    """The page being rendered."""

    kind: str
    """``index``, ``event``, ``article``, ``articles``, ``year``, ``years``, ``tag``, ``tags`` or
    ``404``."""
    title: str
    description: str
    """For ``<meta name="description">`` and link previews: the event's date and summary on
    event pages, else the site's description."""
    url: str
    permalink: str
    """Absolute URL for ``<link rel="canonical">``."""


@dataclass
class Views:
    """Everything the renderer passes to templates, built once."""

    site: SiteView
    events: list[EventView]
    years: list[YearView]
    articles: list[ArticleView]
    tags: list[TagView]
    key_events: list[EventView]
    """The most salient events (``key``), chronological: the timeline's summary."""
    urls: Urls = field(default_factory=Urls)


KEY_EVENTS = 5


def key_event_ids(events: list[Event], limit: int = KEY_EVENTS) -> set[str]:
    """The ids of the ``limit`` events with the highest positive key_score (ties: earlier)."""
    scored = [e for e in events if e.key_score > 0]
    return {e.id for e in sorted(scored, key=lambda e: (-e.key_score, e.sort_key()))[:limit]}


def published_at(article: Article, zone: dt.tzinfo) -> dt.datetime:
    """The publication time, in ``zone`` when the article gives none (date-only values)."""
    value = article.published
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def articles_by_date(articles: Iterable[Article], zone: dt.tzinfo) -> list[Article]:
    """Oldest first; ties by id."""
    return sorted(articles, key=lambda a: (published_at(a, zone), a.id))


def _date_display(value: dt.date) -> tuple[str, str]:
    day = PartialDate.from_date(value)
    return format_date(day), day.iso()


def split_sentence(text: str, source: Source) -> tuple[str, str, str]:
    """Split ``source.sentence`` around its date expression: (before, highlight, after).

    ``Source.start``/``end`` are offsets in the *article text*; the sentence is located there
    (it is a substring of the text) to turn them into offsets in the sentence. When it cannot be
    located, the first occurrence of ``date_text`` is highlighted instead, else nothing.
    """
    sentence = source.sentence
    if 0 <= source.start < source.end:
        pos = text.find(sentence, max(0, source.end - len(sentence)))
        if pos != -1 and pos <= source.start and source.end <= pos + len(sentence):
            a, b = source.start - pos, source.end - pos
            return sentence[:a], sentence[a:b], sentence[b:]
    if source.date_text:
        a = sentence.find(source.date_text)
        if a != -1:
            b = a + len(source.date_text)
            return sentence[:a], sentence[a:b], sentence[b:]
    return sentence, "", ""


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


def event_view(event: Event, articles: dict[str, Article], u: Urls, key: bool = False) -> EventView:
    """The view of one event; ``articles`` by id resolves its sources."""
    route = urls.event_route(event.id)
    sources = [_source_view(s, articles, u) for s in event.sources]
    first_by_article: dict[str, SourceView] = {}
    for source in sources:
        first_by_article.setdefault(source.article_id, source)
    return EventView(
        id=event.id,
        anchor=f"event-{event.id}",
        url=u.link(route),
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
        entities=list(event.entities),
        curated=event.curated,
        disagree=event.disagree,
        announced=event.announced,
        key_score=event.key_score,
        key=key,
    )


def group_by_year(events: list[EventView], u: Urls) -> list[YearView]:
    """Years in order; in each, year-only events first, then a group per known month.

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
            )
        )
    return years


def build_views(site: Site) -> Views:
    """Build every view model of ``site``: deterministic (sorted) whatever the input order."""
    config = site.config
    u = Urls(config.base_url)
    by_id = {a.id: a for a in site.articles}
    ordered = sorted(site.events, key=Event.sort_key)
    key_ids = key_event_ids(ordered)
    events = [event_view(e, by_id, u, e.id in key_ids) for e in ordered]
    views_by_id = {e.id: e for e in events}
    event_urls = {e.id: e.url for e in events}
    years = group_by_year(events, u)

    reported = events_by_article(ordered)
    chronological = articles_by_date(site.articles, config.zone)
    articles: list[ArticleView] = []
    for article in chronological:
        route = urls.article_route(article.id)
        published, published_iso = _date_display(article.published)
        articles.append(
            ArticleView(
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
                body_html=article_html(article, site.mentions.get(article.id, []), event_urls),
                events=[views_by_id[e.id] for e in reported.get(article.id, [])],
            )
        )

    tags = _tag_views(ordered, events, chronological, articles, u)
    site_view = SiteView(
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
        generator=f"sitegen {__version__}",
        years=[Link(y.name, y.url) for y in years],
    )
    return Views(
        site=site_view,
        events=events,
        years=years,
        articles=articles,
        tags=tags,
        key_events=[e for e in events if e.key],
        urls=u,
    )


def events_by_article(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Article id -> the events it is a source of, in the order of ``events``."""
    reported: dict[str, list[Event]] = {}
    for event in events:
        for article_id in dict.fromkeys(s.article_id for s in event.sources):
            reported.setdefault(article_id, []).append(event)
    return reported


def _tag_views(
    ordered: list[Event],
    events: list[EventView],
    articles: list[Article],
    article_views: list[ArticleView],
    u: Urls,
) -> list[TagView]:
    names: dict[str, set[str]] = {}
    all_tags = itertools.chain.from_iterable([e.tags for e in ordered] + [a.tags for a in articles])
    for tag in all_tags:
        names.setdefault(urls.tag_slug(tag), set()).add(tag)
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
            name=sorted(names[slug])[0],
            slug=slug,
            url=u.link(urls.tag_route(slug)),
            years=group_by_year(tagged_events.get(slug, []), u),
            articles=tagged_articles.get(slug, []),
            count=len(tagged_events.get(slug, [])) + len(tagged_articles.get(slug, [])),
        )
        for slug in sorted(names)
    ]


# --- Article and event bodies as HTML -------------------------------------------------------
# Article text is user input: raw HTML in Markdown is escaped (its block and inline HTML
# processors are removed), links with script-running schemes lose their href. Mentions in
# Markdown are carried through the conversion as pairs of private-use characters (one code point
# per mention end), then replaced by <mark> tags; markers that land in attributes are dropped.

_UNSAFE_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20]+")
_MARKER_BASE = 0xF0000  # Supplementary Private Use Area-A: U+F0000..U+FFFFD
_MARKERS = re.compile("[\U000f0000-\U000ffffd]")
_MAX_MARKED = (0xFFFFD - _MARKER_BASE) // 2


class _SafeTree(Treeprocessor):
    """Drops unsafe URLs and markers in attributes, notes markers inside links, and moves
    headings one level down (the page's title is the only ``h1``)."""

    def run(self, root: ET.Element) -> None:
        self.in_links: set[str] = set()
        for element in root.iter():
            for name, value in list(element.attrib.items()):
                value = _MARKERS.sub("", value)
                if name in ("href", "src") and _UNSAFE_URL.match(_CONTROL.sub("", value)):
                    del element.attrib[name]
                else:
                    element.set(name, value)
            if element.tag == "a":
                self.in_links.update(_MARKERS.findall("".join(element.itertext())))
            if element.tag in ("h1", "h2", "h3", "h4", "h5"):
                element.tag = f"h{int(element.tag[1]) + 1}"


def _convert(text: str) -> tuple[str, set[str]]:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    safe = _SafeTree(md)
    md.treeprocessors.register(safe, "sitegen_safe", 0)
    return md.convert(text), safe.in_links


def markdown_html(text: str) -> Markup:
    """Markdown to HTML with raw HTML escaped and ``javascript:`` links removed."""
    return Markup(_convert(_MARKERS.sub("\ufffd", text))[0])


def _mark_tags(mention: Mention, url: str | None) -> tuple[str, str]:
    """The tags around a mention: linked to its event, else focusable to show its value."""
    title = escape(mention.value)
    if url:
        return f'<mark class="timex" title="{title}"><a href="{escape(url)}">', "</a></mark>"
    return f'<mark class="timex" title="{title}" tabindex="0">', "</mark>"


def _spans(text: str, start: int, mentions: list[Mention]) -> list[Mention]:
    """Mentions inside ``text[start:]`` in order; each overlapping a previous one is dropped."""
    spans: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        inside = start <= mention.start < mention.end <= len(text)
        if inside and (not spans or mention.start >= spans[-1].end):
            spans.append(mention)
    return spans


def text_html(text: str, start: int, mentions: list[Mention], event_urls: dict[str, str]) -> Markup:
    """Plain ``text`` from offset ``start`` as paragraphs, one per non-blank line, with each
    mention (offsets into ``text``) wrapped in ``<mark class="timex">``, linked to its event
    when ``event_urls`` has it."""
    spans = _spans(text, start, mentions)
    paragraphs: list[str] = []
    i = 0
    for line in re.finditer(r"[^\r\n]+", text[start:]):
        line_start, line_end = start + line.start(), start + line.end()
        while i < len(spans) and spans[i].end <= line_start:
            i += 1
        parts: list[str] = []
        cursor = line_start
        j = i
        while j < len(spans) and spans[j].start < line_end:
            a, b = max(spans[j].start, line_start), min(spans[j].end, line_end)
            opening, closing = _mark_tags(spans[j], event_urls.get(spans[j].event_id or ""))
            parts += [str(escape(text[cursor:a])), opening, str(escape(text[a:b])), closing]
            cursor = b
            j += 1
        parts.append(str(escape(text[cursor:line_end])))
        if text[line_start:line_end].strip():
            paragraphs.append("<p>" + "".join(parts).strip() + "</p>")
    return Markup("\n".join(paragraphs))


def marked_markdown_html(
    text: str, start: int, mentions: list[Mention], event_urls: dict[str, str]
) -> Markup:
    """Markdown ``text`` from offset ``start`` as HTML, mentions wrapped as in :func:`text_html`
    (not linked inside a Markdown link, which cannot nest; not marked inside attributes or
    across markup)."""
    spans = _spans(text, start, mentions)[:_MAX_MARKED]
    source = _MARKERS.sub("\ufffd", text)  # same length: offsets stay valid
    pieces: list[str] = []
    cursor = start
    for i, mention in enumerate(spans):
        opening, closing = chr(_MARKER_BASE + 2 * i), chr(_MARKER_BASE + 2 * i + 1)
        pieces += [source[cursor : mention.start], opening, source[mention.start : mention.end]]
        pieces.append(closing)
        cursor = mention.end
    pieces.append(source[cursor:])
    html, in_links = _convert("".join(pieces))
    for i, mention in enumerate(spans):
        opening, closing = chr(_MARKER_BASE + 2 * i), chr(_MARKER_BASE + 2 * i + 1)
        a, b = html.find(opening), html.find(closing)
        if 0 <= a < b and "<" not in html[a:b]:  # a mention across markup would misnest
            url = None if opening in in_links else event_urls.get(mention.event_id or "")
            tags = _mark_tags(mention, url)
            html = html.replace(opening, tags[0], 1).replace(closing, tags[1], 1)
    return Markup(_MARKERS.sub("", html))


def article_html(article: Article, mentions: list[Mention], event_urls: dict[str, str]) -> Markup:
    """The article's body as HTML, Markdown or plain text, with its mentions marked."""
    render = text_html if article.format == "text" else marked_markdown_html
    return render(article.text, article.body_start, mentions, event_urls)
