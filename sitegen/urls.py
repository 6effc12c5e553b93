"""URL building: pure functions from a base_url to every page's link and output file.

Each page has a *route*, a path relative to the site root (``events/<id>/``, ``""`` for the
home page), not encoded: :func:`output_file` turns it into the file, :meth:`Urls.link` into a
percent-encoded link. Links inside the site are the route prefixed with ``base_path``
(``/repo/events/x/``) so they work at a domain root, under a subpath, and from any static server
serving output/ at the base path. Absolute URLs (scheme and host from base_url) are only for
feeds, the sitemap and canonical links; when base_url has no host they fall back to the path.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from sitegen.model import slugify

HOME = ""
EVENTS_JSON = "events.json"
TIMELINE_JSON = "timeline.json"
SEARCH_JSON = "search.json"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
NOT_FOUND = "404.html"
YEARS = "years/"
ARTICLES = "articles/"
TAGS = "tags/"


def event_route(event_id: str) -> str:
    """``events/<id>/`` (ids are slugs; links percent-encode anything else)."""
    return f"events/{event_id}/"


def article_route(article_id: str) -> str:
    """``articles/<id>/``."""
    return f"articles/{article_id}/"


def year_route(year: int) -> str:
    """``years/2022/`` (four digits)."""
    return f"years/{year:04d}/"


def month_route(year: int, month: int) -> str:
    """``years/2022/03/``: a month of a year too long for one page."""
    return f"years/{year:04d}/{month:02d}/"


def tag_slug(tag: str) -> str:
    """The slug of a tag; tags that slugify alike share one page."""
    return slugify(tag)


def tag_route(tag: str) -> str:
    """``tags/<slug>/`` for a tag name."""
    return f"tags/{tag_slug(tag)}/"


def static_route(name: str) -> str:
    """``static/style.css`` for a file of the theme's static/ folder."""
    return "static/" + name.lstrip("/")


def external_url(url: str) -> str:
    """``url`` if it is an http(s) URL, else ``""``: article URLs come from user input and a
    ``javascript:`` URL in an ``href`` would run script."""
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def output_file(route: str) -> str:
    """The file under output/ that serves a route: ``events/x/`` -> ``events/x/index.html``."""
    if route == "" or route.endswith("/"):
        return route + "index.html"
    return route


@dataclass(frozen=True)
class Urls:
    """Links for one site, from its (normalised, ``/``-terminated) base_url."""

    base_url: str = "/"

    @property
    def base_path(self) -> str:
        """``/repo/`` for ``https://user.github.io/repo/``; ``/`` at a domain root."""
        return urlsplit(self.base_url).path or "/"

    @property
    def origin(self) -> str:
        """``https://user.github.io``, or ``""`` when base_url is only a path."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""

    def link(self, route: str) -> str:
        """A link for use inside the site: ``/repo/events/x/`` (percent-encoded)."""
        return self.base_path + quote(route)

    def absolute(self, route: str) -> str:
        """``https://user.github.io/repo/events/x/`` (the path when base_url has no host)."""
        return self.origin + self.link(route)
