"""Every page of the demo in chromium: no console errors or failed requests, complete without
JavaScript, responsive from 320 px, screenshots for review, and the large site stays light."""

from __future__ import annotations

from typing import Any

from harness import LARGE, SCREENSHOTS, Served


def test_every_demo_page_loads_without_errors(demo: Served, open_tab: Any) -> None:
    tab = open_tab()
    pages = demo.pages()
    assert len(pages) > 20
    for route in pages:
        page = tab.goto(f"{demo.url}/{route}")
        assert page.locator("h1").count() == 1, route
        assert page.get_attribute("html", "lang"), route
    assert tab.problems == []


def test_without_javascript_every_event_is_shown(demo: Served, open_tab: Any) -> None:
    tab = open_tab(java_script_enabled=False)
    page = tab.goto(demo.url + "/")
    assert sorted(tab.visible_events()) == sorted(e["id"] for e in demo.events())
    assert not page.locator("#filters").is_visible()  # controls need the script
    page.locator(".timeline .event-title a").first.click()  # links work
    assert "/events/" in page.url
    assert tab.problems == []


def test_without_javascript_the_large_timeline_is_on_year_pages(
    large: Served, open_tab: Any
) -> None:
    tab = open_tab(java_script_enabled=False)
    page = tab.goto(large.url + "/")
    assert tab.visible_events() == []  # the index only links the years
    years = page.eval_on_selector_all(".year-nav a", "links => links.map(a => a.href)")
    assert len(years) == 25
    shown = 0
    for url in years:
        tab.goto(url)
        shown += len(tab.visible_events())
    assert shown == len(large.events()) == LARGE
    assert tab.problems == []


def test_large_timeline_pages_stay_light(large: Served) -> None:
    index = (large.root / "index.html").stat().st_size
    biggest = max(p.stat().st_size for p in large.root.rglob("*.html"))
    assert index < 50_000
    assert biggest < 500_000  # a year of 200 events, a tag of 1,000 in compact form


def test_no_horizontal_scrolling_from_320_px(demo: Served, open_tab: Any) -> None:
    for width in (320, 390, 768, 1280, 1920):
        tab = open_tab(viewport={"width": width, "height": 800})
        for route in ("", demo.pages()[0]):
            page = tab.goto(f"{demo.url}/{route}")
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, (width, route)


def test_screenshots_of_the_index(demo: Served, open_tab: Any) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, scheme in ((390, "light"), (1280, "light"), (390, "dark"), (1280, "dark")):
        tab = open_tab(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = tab.goto(demo.url + "/")
        path = SCREENSHOTS / f"index-{width}{'' if scheme == 'light' else '-dark'}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000


def test_time_expressions_show_their_value_on_focus(demo: Served, open_tab: Any) -> None:
    tab = open_tab()
    article = next(r for r in demo.pages() if r.startswith("articles/") and r != "articles/")
    page = tab.goto(f"{demo.url}/{article}")
    marks = page.locator("mark.timex")
    assert marks.count() > 0
    linked = page.locator("mark.timex a")
    assert linked.count() > 0  # dated sentences link to their events
    linked.first.focus()
    shown = page.evaluate(
        "getComputedStyle(document.activeElement.closest('mark'), '::after').content"
    )
    assert shown.strip('"') == linked.first.evaluate("a => a.closest('mark').title")


def test_print_shows_the_events_without_the_controls(demo: Served, open_tab: Any) -> None:
    tab = open_tab()
    page = tab.goto(demo.url + "/")
    assert page.locator("#filters-panel").is_visible()
    page.emulate_media(media="print")
    for hidden in ("#filters-panel", ".site-nav", ".year-nav"):
        assert not page.locator(hidden).is_visible(), hidden
    assert len(tab.visible_events()) == len(demo.events())
