"""The content model: articles and events, the contract between the pipeline's stages.

Reading fills :class:`Article` and curated :class:`Event`; extraction adds extracted events;
rendering only reads them (through view models, see ``render.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sitegen.config import Config
from sitegen.dates import PartialDate


@dataclass
class Article:
    """One source article, authored Markdown or a raw text received as it is."""

    id: str
    """Stable slug, unique in the site; used in URLs (``articles/<id>/``) and event sources."""
    path: Path
    """Where the article was read from (for error messages)."""
    title: str
    published: dt.datetime
    """Publication date-time (the DCT for relative dates). Date-only values are at midnight."""
    text: str
    """The article's text as the tagger sees it: the Markdown source or the raw text."""
    format: str
    """``markdown`` or ``text``."""
    source: str = ""
    """The publication (``Reuters``)."""
    url: str = ""
    author: str = ""
    tags: list[str] = field(default_factory=list)
    body_start: int = 0
    """Offset of the body inside ``text`` (0: offsets are into the body itself)."""


@dataclass
class Source:
    """One sentence of one article that reports an event."""

    article_id: str
    sentence: str
    start: int = -1
    """Character offset of the date expression in the article text (-1: none)."""
    end: int = -1
    date_text: str = ""
    """The date expression as written ("at the end of 1999")."""


@dataclass
class Event:
    """A dated event on the timeline."""

    id: str
    """``2022-03-29--istanbul-talks``; ``2022--slug`` for a year; unique in the site."""
    date: PartialDate
    title: str
    summary: str = ""
    modifier: str | None = None
    """``start``, ``mid``, ``end`` or ``approx`` (TimeML mod), or None."""
    end: PartialDate | None = None
    sources: list[Source] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    curated: bool = False
    aliases: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    """Curated events: the article ids or URLs an editor cites."""
    body: str = ""
    """Markdown body (curated events)."""
    path: Path | None = None
    """The file a curated event was read from."""
    announced: bool = False
    """A planned or conditional event, dated to the report that announced it."""
    disagree: bool = False
    """Sources give incompatible dates for this event."""
    key_score: float = 0.0
    """Salience of the event's day (higher is more salient)."""

    def sort_key(self) -> tuple[tuple[int, int, int, int], str]:
        return (self.date.sort_key(self.modifier), self.id)


_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 60) -> str:
    """ASCII, lower-case, hyphenated: ``Istanbul talks!`` -> ``istanbul-talks``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "untitled"


def event_id(date: PartialDate, title: str) -> str:
    """``2022-03-29--istanbul-talks`` at the date's own precision."""
    return f"{date.iso()}--{slugify(title)}"


@dataclass
class Mention:
    """A time expression found in an article's text, for highlighting on the article page."""

    start: int
    """Character offsets into :attr:`Article.text`."""
    end: int
    text: str
    type: str
    """TIMEX3 type: DATE, TIME, DURATION or SET."""
    value: str
    """TIMEX3 value (``2024-12-19``, ``P23Y``...)."""
    mod: str = ""
    event_id: str | None = None
    """The event whose date this expression gives, if any."""


@dataclass
class Page:
    """One file of the built site: a path relative to output/ (POSIX form) and its bytes."""

    path: str
    data: bytes

    @cached_property
    def digest(self) -> str:
        """A digest of the bytes, computed once per page (the dev server reuses pages)."""
        return hashlib.blake2b(self.data, digest_size=16).hexdigest()


@dataclass
class Site:
    """Everything the renderer needs, gathered before any page is rendered."""

    config: Config
    articles: list[Article]
    events: list[Event]
    """Chronological order (:meth:`Event.sort_key`)."""
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    """Article id -> its time expressions, in text order (filled by extraction)."""
