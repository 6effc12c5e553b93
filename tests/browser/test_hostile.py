"""No script runs that the site did not ship (issue 8): a hostile article and curated event,
built through the CLI, viewed in chromium on the article, event, index and search.

Every payload sets ``window.__pwned`` or opens a dialog if it ever runs.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from harness import Served, Tab
from sites import serve

PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='onerror'\">",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "</script><script>window.__pwned='json'</script>",
    "\"><script>window.__pwned='attr'</script>",
    "javascript:window.__pwned='link'",
]
HOSTILE = " ".join(PAYLOADS)
YAML = HOSTILE.replace("'", "''")


def hostile_site(root: Path) -> Path:
    files = {
        "content/evil.md": (
            f"---\ntitle: 'Evil {YAML}'\npublished: 2024-03-01\nsource: '{YAML}'\n"
            f"url: 'javascript:window.__pwned=1'\nauthor: '{YAML}'\ntags: ['{YAML}']\n---\n"
            f"The council met on Monday. {HOSTILE}\n\n"
            "[click me](javascript:window.__pwned='md') and <a href=\"javascript:alert(1)\">x</a>"
            "\n\nOfficials said the plan was first proposed in March 2021.\n"
        ),
        "content/events/2021-03-plan.md": (
            f"---\ndate: 2021-03\ntitle: 'Plan {YAML}'\naliases: ['{YAML}', 'the plan']\n"
            f"tags: ['{YAML}']\n---\n{HOSTILE}\n"
        ),
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = hostile_site(tmp_path_factory.mktemp("evil"))
    subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "--site", str(root), "--quiet"], check=True
    )
    with serve(root / "output") as url:
        yield Served(root / "output", url)


def assert_nothing_ran(tab: Tab) -> None:
    page = tab.page
    assert page.evaluate("window.__pwned === undefined"), page.evaluate("window.__pwned")
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    handlers = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(el =>
            [...el.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))"""
    )
    assert handlers == []


def test_no_injected_script_runs_on_any_page(evil: Served, open_tab: Any) -> None:
    pages = evil.pages()
    assert any(p.startswith("articles/") for p in pages)
    assert any(p.startswith("events/") for p in pages)
    dialogs: list[str] = []
    for path in pages:
        tab = open_tab()
        tab.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.goto(f"{evil.url}/{path}")
        assert_nothing_ran(tab)
        assert dialogs == [], path


def test_search_shows_hostile_text_as_text(evil: Served, open_tab: Any) -> None:
    tab = open_tab()
    page = tab.goto(evil.url + "/")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.fill("#filter-q", "script")
    page.wait_for_function("location.search.includes('script')")
    assert tab.visible_events(), "the hostile event should match a search for its text"
    page.fill("#filter-q", "<img src=x onerror=alert(1)>")
    page.wait_for_timeout(300)
    assert_nothing_ran(tab)
    assert dialogs == []
