"""What the browser tests share besides fixtures: where things are, the site under test, a
recording browser tab, and the rule for missing tools (skip, but fail under ``CI=true``).
Also used by ``benchmarks/page_weight.py``."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest

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


def unavailable(what: str) -> NoReturn:
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


@dataclass
class Tab:
    """A page in its own browser context, recording console errors and failed requests."""

    page: Any
    problems: list[str] = field(default_factory=list)

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(message.text)

    def on_request_failed(self, request: Any) -> None:
        # A request cut short by leaving the page (the icon, as a test moves on) is aborted,
        # not failed; a missing file still shows as its HTTP status (on_response).
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"failed: {request.url} ({request.failure})")

    def on_response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

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
