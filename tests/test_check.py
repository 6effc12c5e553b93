"""The link checker: hand-written output folders, then a rendered site written to tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_render import THEME, make_site

from sitegen.check import Problem, check_site
from sitegen.render import render_site


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_good_links_pass(tmp_path: Path) -> None:
    out = write(
        tmp_path,
        {
            "index.html": '<a href="/sub/events/x/#e1">x</a><a href="events/x/">rel</a>'
            '<link href="/sub/static/style.css"><img src="/sub/static/a%20b.png">'
            '<a href="#top">top</a><a href="/sub/events/x">no slash</a><a href="/sub/">home</a>',
            "events/x/index.html": '<p id="e1"><a href="../../">up</a><a href="/sub/#">hash</a>',
            "static/style.css": "",
            "static/a b.png": "",
        },
    )
    assert check_site(out, "/sub/") == []


def test_external_links_are_not_followed(tmp_path: Path) -> None:
    out = write(
        tmp_path,
        {
            "index.html": '<a href="https://other.org/x">o</a><a href="mailto:a@b.org">m</a>'
            '<a href="//cdn.example/x">c</a><a href="tel:123">t</a>'
        },
    )
    assert check_site(out, "/") == []


def test_broken_links_are_reported_with_their_page_and_line(tmp_path: Path) -> None:
    out = write(
        tmp_path,
        {
            "index.html": '<a href="/missing/">a</a>\n<a href="/page/#nope">b</a>\n'
            '<img src="static/none.png">\n<a href="/../../etc/passwd">c</a>',
            "page/index.html": '<h1 id="here">x</h1>',
        },
    )
    problems = check_site(out, "/")
    assert [(p.page, p.line, p.url) for p in problems] == [
        ("index.html", 1, "/missing/"),
        ("index.html", 2, "/page/#nope"),
        ("index.html", 3, "static/none.png"),
        ("index.html", 4, "/../../etc/passwd"),
    ]
    assert "'nope'" in problems[1].reason
    assert str(problems[0]).startswith("index.html:1: ")


def test_links_outside_the_base_path_are_broken(tmp_path: Path) -> None:
    out = write(tmp_path, {"index.html": '<a href="/events/x/">x</a>', "events/x/index.html": ""})
    problems = check_site(out, "/repo/")
    assert [p.url for p in problems] == ["/events/x/"]
    assert "base path" in problems[0].reason


def test_a_full_base_url_checks_links_to_its_own_host(tmp_path: Path) -> None:
    out = write(
        tmp_path,
        {"index.html": '<link rel="canonical" href="https://example.org/sub/gone/">'},
    )
    assert check_site(out, "/sub/") == []  # host unknown: not followed
    problems = check_site(out, "https://example.org/sub/")
    assert [p.url for p in problems] == ["https://example.org/sub/gone/"]


@pytest.mark.parametrize("base_url", ["/", "https://example.org/sub/"])
def test_rendered_site_has_no_broken_links(tmp_path: Path, base_url: str) -> None:
    site = make_site(base_url)
    for page in render_site(site, [THEME]):
        path = tmp_path / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page.data)
    problems: list[Problem] = check_site(tmp_path, base_url)
    assert problems == []
    assert check_site(tmp_path, site.config.base_path) == []


def test_ids_that_need_encoding_still_resolve(tmp_path: Path) -> None:
    site = make_site()
    site.events[0].id = "1999 end é"
    for page in render_site(site, [THEME]):
        path = tmp_path / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page.data)
    assert (tmp_path / "events/1999 end é/index.html").is_file()
    assert check_site(tmp_path, "/") == []
