"""URL building: pure functions, inline values."""

from __future__ import annotations

import pytest

from sitegen import urls
from sitegen.urls import Urls


def test_routes() -> None:
    assert urls.event_route("2022-03-29--istanbul-talks") == "events/2022-03-29--istanbul-talks/"
    assert urls.article_route("bbc-1") == "articles/bbc-1/"
    assert urls.year_route(2022) == "years/2022/"
    assert urls.year_route(866) == "years/0866/"
    assert urls.month_route(2022, 3) == "years/2022/03/"
    assert urls.tag_route("U.S. politics") == "tags/u-s-politics/"
    assert urls.static_route("style.css") == "static/style.css"


def test_links_are_percent_encoded_files_are_not() -> None:
    route = urls.event_route("a b?é")
    assert urls.output_file(route) == "events/a b?é/index.html"
    assert Urls("/x/").link(route) == "/x/events/a%20b%3F%C3%A9/"


@pytest.mark.parametrize(
    ("route", "file"),
    [
        ("", "index.html"),
        ("events/x/", "events/x/index.html"),
        ("feed.xml", "feed.xml"),
        ("404.html", "404.html"),
    ],
)
def test_output_file(route: str, file: str) -> None:
    assert urls.output_file(route) == file


def test_links_at_domain_root() -> None:
    u = Urls("/")
    assert u.base_path == "/"
    assert u.origin == ""
    assert u.link("") == "/"
    assert u.link("events/x/") == "/events/x/"
    assert u.absolute("events/x/") == "/events/x/"  # no host: the path


def test_links_under_a_subpath() -> None:
    u = Urls("https://user.github.io/repo/")
    assert u.base_path == "/repo/"
    assert u.origin == "https://user.github.io"
    assert u.link("events/x/") == "/repo/events/x/"
    assert u.absolute("events/x/") == "https://user.github.io/repo/events/x/"
    assert u.absolute("") == "https://user.github.io/repo/"


def test_path_only_base_url() -> None:
    u = Urls("/repo/")
    assert u.link("tags/a/") == "/repo/tags/a/"
    assert u.absolute("feed.xml") == "/repo/feed.xml"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        (" http://example.org/ ", "http://example.org/"),
        ("javascript:alert(1)", ""),
        ("JAVASCRIPT:alert(1)", ""),
        ("data:text/html,<script>", ""),
        ("//example.org/", ""),
        ("/relative", ""),
        ("", ""),
    ],
)
def test_external_url_keeps_only_http(url: str, safe: str) -> None:
    assert urls.external_url(url) == safe
