"""Browser tests: Debian's chromium driven by Playwright, against real HTTP servers serving a
freshly built demo site and a generated 5,000-event site.

Without chromium (or Playwright) the tests skip, except under ``CI=true``, where they fail: CI
must prove the pages in a browser. ``tests/run.sh`` installs what they need.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from harness import CHROMIUM, CHROMIUM_ARGS, LARGE, REPO, Served, Tab, unavailable
from sites import serve, synthetic_site, write_site


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
def split(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The render tests' small site with a limit of one event per page: the index lists the
    years, and the years of several events have month pages."""
    from test_render import make_site

    out = write_site(make_site(), tmp_path_factory.mktemp("split"), index_limit=1)
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
        page.on("console", tab.on_console)
        page.on("pageerror", lambda error: tab.problems.append(f"uncaught: {error}"))
        page.on("requestfailed", tab.on_request_failed)
        page.on("response", tab.on_response)
        return tab

    yield open_
    for context in contexts:
        context.close()
