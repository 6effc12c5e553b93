"""Machine-readable outputs in XML: feed.xml (Atom, the articles newest first) and sitemap.xml.
Pure functions from the model to bytes; deterministic (sorted items, no "now": the feed's
``updated`` is the newest publication date)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from zoneinfo import ZoneInfo

from sitegen import __version__, urls
from sitegen.dates import format_range
from sitegen.grouping import articles_by_date, events_by_article, published_at
from sitegen.model import Article, Event, Site
from sitegen.urls import Urls

# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


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


EntryText = Callable[[Article, tuple[str, ...]], str]
"""Makes one entry's XML from its article and the lines of its summary (see :func:`atom_feed`)."""


def entry_xml(article: Article, lines: tuple[str, ...], u: Urls, zone: ZoneInfo) -> str:
    """One article's ``<entry>``, indented as a child of the feed (no tail): the text that
    ElementTree writes for it (``ET.indent(entry, level=1)``, then ``ET.tostring``), written as
    text (one entry per article: an element tree each took most of the feed's time)."""
    route = urls.article_route(article.id)
    link = u.absolute(route)
    parts = [
        _element("title", article.title),
        _element("id", _atom_id(u, route)),
        _element("link", rel="alternate", type="text/html", href=link),
    ]
    if urls.external_url(article.url):
        parts.append(_element("link", rel="related", href=urls.external_url(article.url)))
    published = published_at(article, zone).isoformat()
    parts += [_element("published", published), _element("updated", published)]
    if article.author or article.source:
        name = _element("name", article.author or article.source)
        parts.append(f"<author>\n      {name}\n    </author>")
    if lines:
        parts.append(_element("summary", "\n".join(lines), type="text"))
    parts += [_element("category", term=tag) for tag in sorted(set(article.tags))]
    return "<entry>\n    " + "\n    ".join(parts) + "\n  </entry>"


def _element(tag: str, text: str | None = None, **attrs: str) -> str:
    """One element as ElementTree writes it: text and attributes cleaned (:func:`_sub`) and
    escaped, ``<tag />`` when it has no text (or an empty one)."""
    written = "".join(f' {k}="{_escaped_attribute(_xml_text(v))}"' for k, v in attrs.items())
    text = _xml_text(text) if text else ""
    return f"<{tag}{written}>{_escaped(text)}</{tag}>" if text else f"<{tag}{written} />"


def _escaped_attribute(text: str) -> str:
    """An attribute's value as ElementTree escapes it."""
    text = _escaped(text).replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def report_line(event: Event) -> str:
    """How an entry's summary names one event its article reports."""
    return f"{format_range(event.date, event.end, event.modifier)}: {event.title}"


def atom_feed(
    site: Site,
    entry: EntryText | None = None,
    line: Callable[[Event], str] = report_line,
    reports: dict[str, list[Event]] | None = None,
) -> bytes:
    """An Atom feed of the articles, newest first; ``updated`` is the newest publication.

    The dev server passes what it keeps: ``entry(article, lines)`` gives an entry's
    :func:`entry_xml`, ``line(event)`` its :func:`report_line`, ``reports`` the events of each
    article (:func:`~sitegen.grouping.events_by_article` of the chronological events). The
    entries are serialised one by one and put in the feed as serialising the whole tree at once
    would put them (indented one level, one per line)."""
    config = site.config
    u = Urls(config.base_url)
    made = entry or (lambda a, lines: entry_xml(a, lines, u, config.zone))
    if reports is None:
        reports = events_by_article(sorted(site.events, key=Event.sort_key))
    articles = list(reversed(articles_by_date(site.articles, config.zone)))
    updated = published_at(articles[0], config.zone) if articles else _EPOCH
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
    text = _xml_bytes(feed).decode("utf-8")
    entries = [made(a, tuple(map(line, reports.get(a.id, ())))) for a in articles]
    if entries:
        head = text.removesuffix(_CLOSE)
        text = head + "\n  " + "\n  ".join(entries) + _CLOSE
    return text.encode("utf-8")


_CLOSE = "\n</feed>\n"


def sitemap_url(u: Urls, route: str) -> str:
    """One page's ``<url>`` element of the sitemap, indented, with its line break."""
    return f"  <url>\n    <loc>{_escaped(_xml_text(u.absolute(route)))}</loc>\n  </url>\n"


def sitemap(u: Urls, routes: list[str], url: Callable[[str], str] | None = None) -> bytes:
    """A sitemap of the given page routes (``""``, ``events/x/``...), sorted (the bytes of
    ElementTree's indented serialisation, written as text: thousands of pages). ``url(route)``
    gives a route's :func:`sitemap_url` (the dev server keeps them)."""
    if not routes:
        root = ET.Element("urlset", {"xmlns": _SITEMAP_NS})
        return _xml_bytes(root)
    made = url or (lambda route: sitemap_url(u, route))
    header = f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{_SITEMAP_NS}">\n'
    return (header + "".join(map(made, sorted(set(routes)))) + "</urlset>\n").encode("utf-8")


_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _escaped(text: str) -> str:
    """Character data as ElementTree escapes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
