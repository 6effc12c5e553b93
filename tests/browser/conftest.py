"""Browser tests: Debian's chromium driven by Playwright, against real HTTP servers serving a
freshly built demo site and a generated 5,000-event site.

Without chromium (or Playwright) the tests skip, except under ``CI=true``, where they fail: CI
must prove the pages in a browser. ``tests/run.sh`` installs what they need.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sites import serve, synthetic_site, write_site

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SITEGEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
LARGE = 5000


def unavailable(what: str) -> None:
    """Skip, or fail under CI, when a tool the browser tests need is missing."""
    message = f"{what} (bash tests/run.sh installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


@dataclass
class Served:
    """A built site on disk and the URL it is served at."""

    root: Path
    url: str

    def events(self) -> list[dict[str, Any]]:
        """The events of the site's events.json."""
        data = json.loads((self.root / "events.json").read_text(encoding="utf-8"))
        events: list[dict[str, Any]] = data["events"]
        return events

    def pages(self) -> list[str]:
        """Every HTML page, as a path from the site root (``events/x/``)."""
        found = []
        for path in sorted(self.root.rglob("*.html")):
            rel = path.relative_to(self.root).as_posix()
            found.append(rel.removesuffix("index.html"))
        return found


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The repository's demo site, built now (no cache) into a temporary folder."""
    out = tmp_path_factory.mktemp("demo") / "output"
    command = [sys.executable, "-m", "sitegen", "build", "--no-cache", "--quiet"]
    subprocess.run([*command, "--output", str(out)], cwd=REPO, check=True)
    with serve(out) as url:
        yield Served(out, url)


@pytest.fixture(scope="session")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A synthetic site of 5,000 events over 25 years."""
    out = write_site(synthetic_site(LARGE), tmp_path_factory.mktemp("large"))
    with serve(out) as url:
        yield Served(out, url)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Chromium, headless, shared by the session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the Python package playwright is not installed")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        unavailable(f"no chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@dataclass
class Tab:
    """A page in its own browser context, recording console errors and failed requests."""

    page: Any
    problems: list[str] = field(default_factory=list)

    def goto(self, url: str) -> Any:
        self.page.goto(url, wait_until="load")
        return self.page

    def visible_events(self) -> list[str]:
        """Ids of the timeline events currently shown."""
        ids: list[str] = self.page.eval_on_selector_all(
            ".timeline li.event",
            "items => items.filter(i => i.offsetParent !== null).map(i => i.id.slice(6))",
        )
        return ids


@pytest.fixture
def open_tab(browser: Any) -> Iterator[Any]:
    """``open_tab(**context_options)`` -> :class:`Tab`; contexts close after the test."""
    contexts = []

    def open_(**options: Any) -> Tab:
        context = browser.new_context(**options)
        contexts.append(context)
        tab = Tab(context.new_page())
        page = tab.page
        page.set_default_timeout(10_000)
        page.on("console", lambda m: m.type == "error" and tab.problems.append(m.text))
        page.on("pageerror", lambda e: tab.problems.append(f"uncaught: {e}"))
        # A request cut short by leaving the page (the icon, as a test moves on) is aborted,
        # not failed; a missing file still shows as its HTTP status below.
        page.on(
            "requestfailed",
            lambda r: (
                "ERR_ABORTED" not in (r.failure or "")
                and tab.problems.append(f"failed: {r.url} ({r.failure})")
            ),
        )
        page.on(
            "response",
            lambda r: r.status >= 400 and tab.problems.append(f"HTTP {r.status}: {r.url}"),
        )
        return tab

    yield open_
    for context in contexts:
        context.close()
