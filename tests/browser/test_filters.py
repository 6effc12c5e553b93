"""The timeline's controls in chromium: entity, search and key-date filters, the URL that
carries them, the keyboard, and the same filters on the 5,000-event site's year pages."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from harness import Served

from sitegen.urls import tag_slug

MATCHED = "document.getElementById('filter-status').textContent.includes('match')"


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _entity_with_some_events(events: list[dict[str, Any]]) -> str:
    counts = Counter(x for e in events for x in set(e["entities"]))
    return next(name for name, n in counts.most_common() if n < len(events))


def test_entity_filter_shows_only_its_events_and_survives_a_reload(
    demo: Served, open_tab: Any
) -> None:
    events = demo.events()
    entity = _entity_with_some_events(events)
    expected = sorted(e["id"] for e in events if entity in e["entities"])
    tab = open_tab()
    page = tab.goto(demo.url + "/")
    page.select_option("#filter-entity", entity)
    page.wait_for_function(MATCHED)
    assert sorted(tab.visible_events()) == expected
    assert _query(page.url) == {"entity": [entity]}
    page.reload()
    page.wait_for_function(MATCHED)
    assert page.input_value("#filter-entity") == entity
    assert sorted(tab.visible_events()) == expected
    page.click("#filters button[type=reset]")
    page.wait_for_function("!document.getElementById('filter-status').textContent")
    assert len(tab.visible_events()) == len(events)
    assert urlsplit(page.url).query == ""
    assert tab.problems == []


def test_search_narrows_over_titles_and_summaries(demo: Served, open_tab: Any) -> None:
    events = demo.events()

    def hits(words: list[str]) -> list[str]:
        texts = {e["id"]: f"{e['title']} {e['summary']}".lower() for e in events}
        return sorted(i for i, t in texts.items() if all(w in t for w in words))

    vocabulary = Counter(
        w for e in events for w in set(re.findall(r"[a-z]{5,}", e["title"].lower()))
    )
    word = next(w for w, n in vocabulary.most_common() if 1 < len(hits([w])) < len(events))
    tab = open_tab()
    page = tab.goto(demo.url + "/")
    page.fill("#filter-q", word.upper())
    page.wait_for_function(MATCHED)
    first = sorted(tab.visible_events())
    assert first == hits([word])
    assert _query(page.url) == {"q": [word.upper()]}
    title = next(e["title"] for e in events if e["id"] == first[0]).lower()
    other = next(w for w in re.findall(r"[a-z]{4,}", title) if w != word)
    page.fill("#filter-q", f"{word} {other}")
    page.wait_for_function(f"location.search.includes({other!r})")
    page.wait_for_function(MATCHED)
    narrowed = sorted(tab.visible_events())
    assert narrowed == hits([word, other])
    assert set(narrowed) <= set(first)
    assert tab.problems == []


def test_key_dates_only(demo: Served, open_tab: Any) -> None:
    tab = open_tab()
    page = tab.goto(demo.url + "/")
    key = sorted(page.eval_on_selector_all(".timeline li.event--key", "l => l.map(i => i.id)"))
    assert 0 < len(key) < len(demo.events())
    page.check("#filter-key")
    page.wait_for_function(MATCHED)
    assert sorted("event-" + i for i in tab.visible_events()) == key
    assert _query(page.url) == {"key": ["1"]}
    page.reload()
    page.wait_for_function(MATCHED)
    assert page.is_checked("#filter-key")
    assert len(tab.visible_events()) == len(key)


def test_keyboard_only_filter_then_open_an_event(demo: Served, open_tab: Any) -> None:
    tab = open_tab()
    page = tab.goto(demo.url + "/")

    def tab_until(script: str) -> None:
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate(script):
                outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
                assert outline != "none"  # focus is visible
                return
        raise AssertionError(f"Tab never reached: {script}")

    tab_until("document.activeElement.matches('.skip-link')")  # the first stop
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")  # skips the site's header and navigation
    assert page.evaluate("document.activeElement.id") == "main"
    tab_until("document.activeElement.id === 'filter-entity'")
    page.keyboard.press("ArrowDown")  # the first (most frequent) entity
    page.wait_for_function(MATCHED)
    entity = page.input_value("#filter-entity")
    expected = sorted(e["id"] for e in demo.events() if entity in e["entities"])
    assert sorted(tab.visible_events()) == expected
    tab_until("document.activeElement.matches('.timeline .event-title a')")
    chosen = page.evaluate("document.activeElement.closest('li.event').id.slice(6)")
    assert chosen in expected
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/events/{chosen}/")
    assert tab.problems == []


def test_filters_on_the_large_split_timeline(large: Served, open_tab: Any) -> None:
    events = large.events()
    entity = _entity_with_some_events(events)
    by_year = Counter(int(e["date"][:4]) for e in events if entity in e["entities"])
    tab = open_tab()
    page = tab.goto(large.url + "/")
    page.select_option("#filter-entity", entity)
    page.wait_for_function(MATCHED)
    counts = page.eval_on_selector_all(
        ".year-nav a",
        "l => l.map(a => [+a.dataset.year, +a.querySelector('[data-count]').textContent])",
    )
    assert {y: n for y, n in counts if n} == dict(by_year)
    assert page.locator("#filter-results li").count() == min(50, sum(by_year.values()))
    year = max(by_year)
    page.click(f".year-nav a[data-year='{year}']")
    page.wait_for_url(f"**/years/{year}/?entity=*")
    page.wait_for_function(MATCHED)
    shown = tab.visible_events()
    assert len(shown) == by_year[year]
    wanted = {e["id"] for e in events if entity in e["entities"]}
    assert set(shown) <= wanted
    assert tab.problems == []


def test_a_shared_link_with_tag_and_source_filters_opens_filtered(
    demo: Served, open_tab: Any
) -> None:
    data = json.loads((demo.root / "events.json").read_text(encoding="utf-8"))
    names = {a["id"]: a["source"] or a["title"] for a in data["articles"]}

    def sources(event: dict[str, Any]) -> set[str]:
        return {names[s["article_id"]] for s in event["sources"] if s["article_id"] in names}

    events = data["events"]
    tags = Counter(tag_slug(t) for e in events for t in set(e["tags"]))
    tag = next(t for t, n in tags.most_common() if n < len(events))
    source = Counter(s for e in events for s in sources(e)).most_common(1)[0][0]
    expected = sorted(
        e["id"] for e in events if tag in {tag_slug(t) for t in e["tags"]} and source in sources(e)
    )
    assert 0 < len(expected) < len(events)
    tab = open_tab()
    page = tab.goto(f"{demo.url}/?{urlencode({'tag': tag, 'source': source})}")
    page.wait_for_function(MATCHED)
    assert (page.input_value("#filter-tag"), page.input_value("#filter-source")) == (tag, source)
    assert sorted(tab.visible_events()) == expected
    assert page.locator("#filters-panel").get_attribute("open") is not None
    assert tab.problems == []
