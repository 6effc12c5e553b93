"""Machine-readable outputs in JSON: events.json, timeline.json (TimelineJS3) and search.json
(the theme script's filter and search index); the XML ones are in :mod:`sitegen.atom`. Pure
functions from the model to bytes; deterministic (sorted keys and items)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import escape

from sitegen import __version__, urls
from sitegen.dates import PartialDate, format_range
from sitegen.grouping import (
    articles_by_date,
    key_event_ids,
    publication_names,
    published_at,
)
from sitegen.model import Article, Event, Site
from sitegen.urls import Urls


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


def _events(site: Site, ordered: list[Event] | None = None) -> list[Event]:
    """The events in timeline order: ``ordered`` when the caller has them so (the views do)."""
    return ordered if ordered is not None else sorted(site.events, key=Event.sort_key)


def _articles(site: Site) -> list[Article]:
    return articles_by_date(site.articles, site.config.zone)


_SLOT = "\ue000"
"""Marks where a list of ready JSON items goes (events.json, timeline.json: :func:`_spliced`)."""


def _item_json(record: dict[str, Any]) -> str:
    """``record`` as :func:`_json_bytes` writes it as an item of a top-level list (escaped)."""
    return _escaped(_indented(record, "    "))


_string = json.encoder.encode_basestring  # in C, as json.dumps(ensure_ascii=False) uses it


def _indented(value: Any, indent: str) -> str:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2)`` with each line after
    the first indented by ``indent`` too, for dicts with string keys, lists, tuples, strings,
    numbers, booleans and None: the same text, several times faster (``json`` encodes in C only
    without ``indent``; its indenting encoder is Python generators, most of events.json's time).
    """
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        items = [f"{_string(k)}: {_leaf(v, inner)}" for k, v in sorted(value.items())]
        return "{\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = indent + "  "
        items = [_leaf(v, inner) for v in value]
        return "[\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "]"
    return json.dumps(value)  # a number (a bool is one)


def _leaf(value: Any, indent: str) -> str:
    """:func:`_indented`, with the commonest values of a record made without a call of it."""
    if type(value) is str:
        return _string(value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return repr(value)
    return _indented(value, indent)


def _spliced(data: dict[str, Any], lists: dict[str, list[str]]) -> bytes:
    """:func:`_json_bytes` of ``data`` with each top-level key of ``lists`` holding a list of
    ready items (each as :func:`_item_json` writes it): the bytes are those of one
    ``json.dumps`` of the whole, but items made once can be kept (the dev server keeps them per
    event and per article) and are not encoded again."""
    marked = {**data, **{key: f"{_SLOT}{key}" for key in lists}}
    text = _json_bytes(marked).decode("utf-8")
    for key, items in lists.items():
        joined = "[\n    " + ",\n    ".join(items) + "\n  ]" if items else "[]"
        text = text.replace(f'"{_SLOT}{key}"', joined, 1)
    return text.encode("utf-8")


def event_json(event: Event, u: Urls) -> str:
    """One event's record as events.json writes it."""
    return _item_json(_event_record(event, u))


def article_json(article: Article, u: Urls, zone: ZoneInfo) -> str:
    """One article's record as events.json writes it."""
    return _item_json(
        {
            "id": article.id,
            "title": article.title,
            "published": published_at(article, zone).isoformat(),
            "source": article.source,
            "author": article.author,
            "url": article.url,
            "tags": list(article.tags),
            "page": u.absolute(urls.article_route(article.id)),
        }
    )


def events_json(
    site: Site,
    fragment: Callable[[Event], str] | None = None,
    article_fragment: Callable[[Article], str] | None = None,
    ordered: list[Event] | None = None,
) -> bytes:
    """Every event with every field of the model, plus the articles they cite.

    ``fragment(event)`` gives an event's :func:`event_json`, ``article_fragment(article)`` an
    article's :func:`article_json` (the dev server keeps them; see :func:`_spliced`); ``ordered``
    the events in timeline order, if known."""
    u = Urls(site.config.base_url)
    events = _events(site, ordered)
    articles = _articles(site)
    made = fragment or (lambda e: event_json(e, u))
    made_article = article_fragment or (lambda a: article_json(a, u, site.config.zone))
    data = {"generator": "sitegen", "version": __version__, "title": site.config.title}
    lists = {"events": list(map(made, events)), "articles": list(map(made_article, articles))}
    return _spliced(data, lists)


Facts = tuple[str, int, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
"""What search.json says of one event: id, year, title, summary, entities, tag slugs and
publications, each once (see :func:`search_facts`)."""


def search_facts(event: Event, articles: dict[str, Article]) -> Facts:
    """One event's row of search.json before its key flag and numbering."""
    return (
        event.id,
        event.date.year,
        event.title,
        event.summary,
        tuple(dict.fromkeys(event.entities)),
        tuple(dict.fromkeys(urls.tag_slug(t) for t in event.tags)),
        tuple(publication_names(event, articles)),
    )


def search_json(
    site: Site,
    facts: Callable[[Event], Facts] | None = None,
    key_ids: set[str] | None = None,
    ordered: list[Event] | None = None,
) -> bytes:
    """The index the theme's script filters and searches, compact (it is fetched by browsers):
    ``{"entities": [...], "tags": [slugs], "sources": [publications], "events": [[id, year,
    title, summary, key, [entity numbers], [tag numbers], [source numbers]], ...]}``, events in
    timeline order. Key is 1 for the key dates (as on the pages), else 0. The dev server passes
    each event's :func:`search_facts`, the key dates' ids and the events in order (kept)."""
    events = _events(site, ordered)
    if key_ids is None:
        key_ids = key_event_ids(events)
    if facts is None:
        articles = {a.id: a for a in site.articles}
        facts = partial(search_facts, articles=articles)
    tables: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
    number = [t.setdefault for t in tables]
    rows = []
    for e in events:
        ident, year, title, summary, entities, tags, sources = facts(e)
        rows.append(
            [
                ident,
                year,
                title,
                summary,
                int(ident in key_ids),
                [number[0](v, len(tables[0])) for v in entities],
                [number[1](v, len(tables[1])) for v in tags],
                [number[2](v, len(tables[2])) for v in sources],
            ]
        )
    entities_, tags_, sources_ = (list(t) for t in tables)
    return _json_bytes(
        {"entities": entities_, "tags": tags_, "sources": sources_, "events": rows}, indent=None
    )


def _timeline_date(date: PartialDate) -> dict[str, int]:
    """TimelineJS date parts, only those the date knows."""
    parts = {"year": date.year}
    if date.month is not None:
        parts["month"] = date.month
    if date.day is not None:
        parts["day"] = date.day
    return parts


def timeline_item_json(event: Event, u: Urls, titles: dict[str, str]) -> str:
    """One event as a TimelineJS3 slide, as timeline.json writes it (``titles``: the articles'
    titles by id, for the links to its sources)."""
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
    return _item_json(item)


def timeline_json(
    site: Site,
    fragment: Callable[[Event], str] | None = None,
    ordered: list[Event] | None = None,
) -> bytes:
    """The events in Knight Lab TimelineJS3 JSON. TimelineJS reads headline and text as HTML,
    so both are escaped here. ``fragment(event)``: its :func:`timeline_item_json`, kept by the
    dev server (see :func:`_spliced`), with the events in timeline order."""
    u = Urls(site.config.base_url)
    titles = {a.id: a.title for a in site.articles}
    made = fragment or (lambda e: timeline_item_json(e, u, titles))
    events = _events(site, ordered)
    title = {
        "text": {
            "headline": str(escape(site.config.title)),
            "text": str(escape(site.config.description)),
        }
    }
    return _spliced({"title": title}, {"events": list(map(made, events))})
