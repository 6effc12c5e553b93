"""Page weight and time to first render of the timeline page, in chromium, for 50 and 5,000 events.

    .venv/bin/python benchmarks/page_weight.py [--runs 5] [--sizes 50 5000]

Renders synthetic timelines (``tests/browser/sites.py``) with the default theme, serves each on
a local port and loads its pages in Debian's chromium (a fresh browser context per run, so
nothing is cached): the weight is every byte the page loads (HTML, CSS, script, icon) as sent,
and gzip-compressed as a typical host sends it; first render is the First Contentful Paint and
loaded the load event, medians of ``--runs``, on the bare machine and under a mobile profile
(4x CPU slowdown, 1.6 Mbit/s, 150 ms round trip; uncompressed, as Python's http.server sends
it). The filter row
times an entity filter on the index, from the change to the result (fetching search.json
included). The peer row is the same 5,000 events on one index page, the layout without the
split into year pages.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "browser"))

from harness import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from sites import serve, synthetic_site, write_site  # noqa: E402

MOBILE = {"download": 1.6e6 / 8, "upload": 0.75e6 / 8, "latency": 150, "cpu": 4}


def weight(root: Path, loaded: list[str]) -> tuple[int, int]:
    """Bytes of the files a page loaded, raw and gzip-compressed."""
    raw = packed = 0
    for rel in loaded:
        path = root / rel
        if path.is_dir():
            path = path / "index.html"
        data = path.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, 6))
    return raw, packed


def first_render(browser: Any, url: str, mobile: bool) -> tuple[float, float, list[str]]:
    """First Contentful Paint and load event (ms) of one cold load, and the paths it
    requested."""
    context = browser.new_context(viewport={"width": 390 if mobile else 1280, "height": 800})
    page = context.new_page()
    if mobile:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "downloadThroughput": MOBILE["download"],
                "uploadThroughput": MOBILE["upload"],
                "latency": MOBILE["latency"],
            },
        )
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": MOBILE["cpu"]})
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url.split("/", 3)[3].split("?")[0]))
    page.goto(url, wait_until="load", timeout=300_000)
    fcp = page.evaluate(
        "new Promise(done => new PerformanceObserver((list, obs) => {"
        " const e = list.getEntries().find(x => x.name === 'first-contentful-paint');"
        " if (e) { obs.disconnect(); done(e.startTime); }"
        "}).observe({type: 'paint', buffered: true}))"
    )
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    context.close()
    return float(fcp), float(loaded), requested


def filter_time(browser: Any, url: str) -> float:
    """Milliseconds from choosing the most frequent entity to the filtered timeline."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    ms = page.evaluate(
        "new Promise(done => {"
        " const select = document.getElementById('filter-entity');"
        " const status = document.getElementById('filter-status');"
        " const start = performance.now();"
        " new MutationObserver((m, obs) => { if (status.textContent.includes('match')) {"
        "   obs.disconnect(); done(performance.now() - start); } })"
        "  .observe(status, {childList: true, characterData: true, subtree: true});"
        " select.selectedIndex = 1; select.dispatchEvent(new Event('change', {bubbles: true}));"
        "})"
    )
    context.close()
    return float(ms)


def measure(browser: Any, root: Path, route: str, runs: int) -> dict[str, Any]:
    with serve(root) as base:
        url = f"{base}/{route}"
        first_render(browser, url, False)  # warm-up: the server's and the browser's
        desktop = [first_render(browser, url, False) for _ in range(runs)]
        mobile = [first_render(browser, url, True) for _ in range(max(1, runs // 2))]
        raw, packed = weight(root, desktop[0][2])
        filtered = filter_time(browser, url) if route == "" else None
    return {
        "raw": raw,
        "gzip": packed,
        "fcp": statistics.median(r[0] for r in desktop),
        "load": statistics.median(r[1] for r in desktop),
        "fcp_mobile": statistics.median(r[0] for r in mobile),
        "load_mobile": statistics.median(r[1] for r in mobile),
        "filter": filtered,
    }


def biggest_year(root: Path) -> str:
    pages = sorted((root / "years").glob("*/index.html"), key=lambda p: p.stat().st_size)
    return pages[-1].parent.relative_to(root).as_posix() + "/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 5000])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows: list[tuple[str, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in args.sizes:
            site = synthetic_site(size)
            root = write_site(site, Path(tmp) / str(size))
            rows.append((f"{size} events: index", measure(browser, root, "", args.runs)))
            year = biggest_year(root)
            rows.append((f"{size} events: {year}", measure(browser, root, year, args.runs)))
            search = (root / "search.json").read_bytes()
            rows.append((f"{size} events: search.json", _file(search)))
            if size > 1000:  # the peer: every event on the index
                whole = write_site(site, Path(tmp) / f"{size}-whole", index_limit=size)
                peer = measure(browser, whole, "", max(1, args.runs // 2))
                rows.append((f"{size} events on one page (peer)", peer))
        browser.close()
    header = ["weight", "gzip", "first render", "loaded", "mobile: first render", "loaded"]
    print("| page | " + " | ".join(header) + " | filter |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, row in rows:
        times = ("fcp", "load", "fcp_mobile", "load_mobile", "filter")
        cells = [_kb(row["raw"]), _kb(row["gzip"]), *(_ms(row.get(t)) for t in times)]
        print(f"| {name} | " + " | ".join(cells) + " |")


def _file(data: bytes) -> dict[str, Any]:
    return {"raw": len(data), "gzip": len(gzip.compress(data, 6))}


def _kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def _ms(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f} ms"


if __name__ == "__main__":
    main()
