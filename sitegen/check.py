"""``sitegen check``: every internal link of the built site must resolve to a file of output/.

Reads the written files (so it checks what a server would serve), parses each ``.html`` with
:mod:`html.parser`, and follows each ``href``/``src`` that points inside the site, including
``#fragment`` anchors against the ids of the target page.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_LINK_ATTRIBUTES = ("href", "src")


@dataclass(frozen=True)
class Problem:
    """A broken link: the page that has it (relative to output/), its line and the link."""

    page: str
    line: int
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.reason}: {self.url}"


class _PageParser(HTMLParser):
    """Collects the links (with their lines) and the element ids of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in _LINK_ATTRIBUTES and tag != "base":
                self.links.append((self.getpos()[0], value.strip()))
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def _page_url(rel: str, base_path: str) -> str:
    """The URL path a page is served at: ``events/x/index.html`` -> ``/base/events/x/``."""
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return base_path + rel


def _target_file(output_dir: Path, rel: str) -> Path | None:
    """The file a static server would send for ``rel`` (a path below the base path)."""
    candidate = output_dir / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate
    if candidate.is_dir() and (candidate / "index.html").is_file():
        return candidate / "index.html"  # servers redirect x to x/
    return None


def check_site(output_dir: Path, base_path: str) -> list[Problem]:
    """Every broken internal link of the site in ``output_dir``, by page and line.

    ``base_path`` is where the site is served (``/`` or ``/repo/``); a full base_url
    (``https://host/repo/``) also works, and then absolute links to that host are checked too.
    Links to other hosts and schemes (``mailto:``...) are not followed.
    """
    parts = urlsplit(base_path)
    host = parts.netloc.lower()
    base = parts.path or "/"
    base = base if base.endswith("/") else base + "/"
    output_dir = Path(output_dir)
    pages = sorted(p.relative_to(output_dir).as_posix() for p in output_dir.rglob("*.html"))
    parsed: dict[Path, _PageParser] = {}

    def parse(path: Path) -> _PageParser:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    problems: list[Problem] = []
    for rel in pages:
        page = parse(output_dir / rel)
        page_url = _page_url(rel, base)
        for line, url in page.links:
            reason = _check_link(output_dir, page_url, url, base, host, parse)
            if reason:
                problems.append(Problem(rel, line, url, reason))
    return problems


def _check_link(
    output_dir: Path,
    page_url: str,
    url: str,
    base: str,
    host: str,
    parse: Callable[[Path], _PageParser],
) -> str | None:
    """Why ``url`` (found on the page served at ``page_url``) is broken, or None."""
    target = urlsplit(url)
    if target.scheme and target.scheme.lower() not in ("http", "https"):
        return None  # mailto:, tel:, data:...
    if target.netloc and (not host or target.netloc.lower() != host):
        return None  # another host, or we do not know ours
    resolved = urlsplit(urljoin(page_url, url))
    path = posixpath.normpath(unquote(resolved.path)) + ("/" if resolved.path.endswith("/") else "")
    path = "/" if path == "//" else path
    if not (path + "/").startswith(base):
        return f"points outside the site's base path {base}"
    rel = path[len(base) :]  # "" for the base itself, with or without its slash
    file = _target_file(output_dir, rel)
    if file is None:
        return "no such file in output"
    fragment = unquote(resolved.fragment)
    if (
        fragment
        and fragment != "top"
        and file.suffix == ".html"
        and fragment not in parse(file).ids
    ):
        return f"no element with id {fragment!r} in {file.relative_to(output_dir).as_posix()}"
    return None
