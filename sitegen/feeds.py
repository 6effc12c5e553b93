"""Machine-readable outputs: events.json, timeline.json (TimelineJS3), search.json (the theme
script's filter and search index), feed.xml (Atom) and sitemap.xml. Pure functions from the
model to bytes; deterministic (sorted keys and items, no "now": the feed's ``updated`` is the
newest publication date)."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from markupsafe import escape

from sitegen import __version__, urls
from sitegen.dates import PartialDate, format_range
from sitegen.grouping import (
    articles_by_date,
    events_by_article,
    key_event_ids,
    publication_names,
    published_at,
)
from sitegen.model import Article, Event, Site
from sitegen.urls import Urls

# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _escaped(text: str) -> str:
    """``<``, ``>`` and ``&`` \\u-escaped, so that ``</script>`` cannot end a script element
    even if a page inlines the file."""
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _json_bytes(data: Any, indent: int | None = 2) -> bytes:
    """Sorted, indented, UTF-8 JSON, escaped by :func:`_escaped`."""
    compact = None if indent else (",", ":")
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent, separators=compact)
    return (_escaped(text) + "\n").encode("utf-8")


def _event_record(event: Event, u: Urls) -> dict[str, Any]:
    return {
        "id": event.id,
        "date": event.date.iso(),
        "precision": event.date.precision,
        "modifier": event.modifier,
        "end": event.end.iso() if event.end else None,
        "title": event.title,
        "summary": event.summary,
        "body": event.body,
        "sources": [
            {
                "article_id": s.article_id,
                "sentence": s.sentence,
                "start": s.start,
                "end": s.end,
                "date_text": s.date_text,
            }
            for s in event.sources
        ],
        "tags": list(event.tags),
        "entities": list(event.entities),
        "aliases": list(event.aliases),
        "curated": event.curated,
        "announced": event.announced,
        "disagree": event.disagree,
        "key_score": event.key_score,
        "url": u.absolute(urls.event_route(event.id)),
    }


def _events(site: Site) -> list[Event]:
    return sorted(site.events, key=Event.sort_key)


def _articles(site: Site) -> list[Article]:
    return articles_by_date(site.articles, site.config.zone)


_SLOT = "\ue000"
"""Marks where an event's ready JSON goes in events.json (see :func:`events_json`)."""


def event_json(event: Event, u: Urls) -> str:
    """One event's record as events.json writes it (indented as a list item of it, escaped)."""
    text = json.dumps(_event_record(event, u), ensure_ascii=False, sort_keys=True, indent=2)
    return _escaped(text.replace("\n", "\n    "))


def events_json(site: Site, fragment: Callable[[Event], str] | None = None) -> bytes:
    """Every event with every field of the model, plus the articles they cite.

    ``fragment(event)`` gives an event's :func:`event_json` (the dev server keeps them): each
    event stands as a placeholder line, at the one depth where only the events list has bare
    strings, replaced by its ready JSON; the bytes are those of one ``json.dumps``."""
    u = Urls(site.config.base_url)
    events = _events(site)
    made = fragment or (lambda e: event_json(e, u))
    text = _json_bytes(
        {
            "generator": "sitegen",
            "version": __version__,
            "title": site.config.title,
            "events": [f"{_SLOT}{i}" for i in range(len(events))],
            "articles": [
                {
                    "id": a.id,
                    "title": a.title,
                    "published": published_at(a, site.config.zone).isoformat(),
                    "source": a.source,
                    "author": a.author,
                    "url": a.url,
                    "tags": list(a.tags),
                    "page": u.absolute(urls.article_route(a.id)),
                }
                for a in _articles(site)
            ],
        }
    ).decode("utf-8")
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.startswith(f'    "{_SLOT}'):
            i = int(line[6:].rstrip(",").rstrip('"'))
            lines[n] = "    " + made(events[i]) + ("," if line.endswith(",") else "")
    return "\n".join(lines).encode("utf-8")


def _numbered(values: list[str], table: dict[str, int]) -> list[int]:
    """Each distinct value's number in ``table`` (added when new): the index stores each
    entity, tag and publication once."""
    return [table.setdefault(v, len(table)) for v in dict.fromkeys(values)]


def search_json(site: Site) -> bytes:
    """The index the theme's script filters and searches, compact (it is fetched by browsers):
    ``{"entities": [...], "tags": [slugs], "sources": [publications], "events": [[id, year,
    title, summary, key, [entity numbers], [tag numbers], [source numbers]], ...]}``, events in
    timeline order. Key is 1 for the key dates (as on the pages), else 0."""
    events = _events(site)
    key_ids = key_event_ids(events)
    articles = {a.id: a for a in site.articles}
    tables: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
    rows = [
        [
            e.id,
            e.date.year,
            e.title,
            e.summary,
            int(e.id in key_ids),
            _numbered(e.entities, tables[0]),
            _numbered([urls.tag_slug(t) for t in e.tags], tables[1]),
            _numbered(publication_names(e, articles), tables[2]),
        ]
        for e in events
    ]
    entities, tags, sources = (list(t) for t in tables)
    return _json_bytes(
        {"entities": entities, "tags": tags, "sources": sources, "events": rows}, indent=None
    )


def _timeline_date(date: PartialDate) -> dict[str, int]:
    """TimelineJS date parts, only those the date knows."""
    parts = {"year": date.year}
    if date.month is not None:
        parts["month"] = date.month
    if date.day is not None:
        parts["day"] = date.day
    return parts


def timeline_json(site: Site) -> bytes:
    """The events in Knight Lab TimelineJS3 JSON. TimelineJS reads headline and text as HTML,
    so both are escaped here."""
    u = Urls(site.config.base_url)
    titles = {a.id: a.title for a in site.articles}
    items = []
    for event in _events(site):
        links = [
            f'<a href="{escape(u.absolute(urls.article_route(s.article_id)))}">'
            f"{escape(titles[s.article_id])}</a>"
            for s in event.sources
            if s.article_id in titles
        ]
        text = f"<p>{escape(event.summary)}</p>" if event.summary else ""
        if links:
            text += "<p>Sources: " + ", ".join(dict.fromkeys(links)) + "</p>"
        item: dict[str, Any] = {
            "start_date": _timeline_date(event.date),
            "display_date": format_range(event.date, event.end, event.modifier),
            "text": {"headline": str(escape(event.title)), "text": text},
            "unique_id": event.id,
            "group": f"{event.date.year:04d}",
        }
        if event.end is not None:
            item["end_date"] = _timeline_date(event.end)
        items.append(item)
    title = {
        "text": {
            "headline": str(escape(site.config.title)),
            "text": str(escape(site.config.description)),
        }
    }
    return _json_bytes({"title": title, "events": items})


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _xml_text(text)
    return element


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _atom_id(u: Urls, route: str) -> str:
    """The page's absolute URL, or a tag: URI when base_url has no host (Atom ids are IRIs)."""
    return u.absolute(route) if u.origin else f"tag:sitegen,2000:{u.link(route)}"


def atom_feed(site: Site) -> bytes:
    """An Atom feed of the articles, newest first; ``updated`` is the newest publication."""
    config = site.config
    u = Urls(config.base_url)
    articles = list(reversed(_articles(site)))
    updated = published_at(articles[0], site.config.zone) if articles else _EPOCH
    feed = ET.Element("feed", {"xmlns": "http://www.w3.org/2005/Atom"})
    if config.language:
        feed.set("xml:lang", _xml_text(config.language))
    _sub(feed, "title", config.title)
    if config.description:
        _sub(feed, "subtitle", config.description)
    _sub(feed, "id", _atom_id(u, urls.HOME))
    _sub(feed, "link", rel="alternate", type="text/html", href=u.absolute(urls.HOME))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=u.absolute(urls.FEED))
    _sub(feed, "updated", updated.isoformat())
    _sub(_sub(feed, "author"), "name", config.title)
    _sub(feed, "generator", "sitegen", version=__version__)
    reports = events_by_article(_events(site))
    for article in articles:
        route = urls.article_route(article.id)
        entry = _sub(feed, "entry")
        _sub(entry, "title", article.title)
        _sub(entry, "id", _atom_id(u, route))
        _sub(entry, "link", rel="alternate", type="text/html", href=u.absolute(route))
        if urls.external_url(article.url):
            _sub(entry, "link", rel="related", href=urls.external_url(article.url))
        published = published_at(article, site.config.zone).isoformat()
        _sub(entry, "published", published)
        _sub(entry, "updated", published)
        if article.author or article.source:
            _sub(_sub(entry, "author"), "name", article.author or article.source)
        lines = [
            f"{format_range(e.date, e.end, e.modifier)}: {e.title}"
            for e in reports.get(article.id, [])
        ]
        if lines:
            _sub(entry, "summary", "\n".join(lines), type="text")
        for tag in sorted(set(article.tags)):
            _sub(entry, "category", term=tag)
    return _xml_bytes(feed)


def sitemap(u: Urls, routes: list[str]) -> bytes:
    """A sitemap of the given page routes (``""``, ``events/x/``...), sorted."""
    root = ET.Element("urlset", {"xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    for route in sorted(set(routes)):
        _sub(_sub(root, "url"), "loc", u.absolute(route))
    return _xml_bytes(root)
