"""A warm ``sitegen build``: nothing changed, or one article changed, against Pelican's cache.

    .venv/bin/python benchmarks/warm_build.py --articles 5000 [--runs 3] [--pelican PATH]

Generates the same articles as ``serve_latency.py`` (from the t17 corpus, at run time), builds
once cold, then times whole ``sitegen build`` commands (interpreter start-up included): with
nothing changed (median of ``--runs``), and after appending a sentence to one article. The peer
row is ``pelican`` on the same articles with its content cache on (``CACHE_CONTENT``,
``LOAD_CONTENT_CACHE``), timed the same way.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serve_latency import REPO, articles, load_documents, write_pelican_site, write_sitegen_site


def timed(args: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    return elapsed, proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""


def touch_one(site: Path) -> None:
    path = site / "content" / "a00007.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")


def bench(
    name: str, site: Path, cwd: Path, command: list[str], runs: int, changed: bool
) -> list[str]:
    cold, line = timed(command, cwd)
    print(f"{name}: cold {cold:.1f} s  {line}", flush=True)
    warm = []
    for _ in range(runs):
        elapsed, line = timed(command, cwd)
        warm.append(elapsed)
        print(f"{name}: warm, nothing changed {elapsed:.2f} s  {line}", flush=True)
    row = [name, f"{cold:.1f} s", f"{statistics.median(warm):.2f} s"]
    if changed:
        touch_one(site)
        elapsed, line = timed(command, cwd)
        print(f"{name}: one article changed {elapsed:.2f} s  {line}", flush=True)
        row.append(f"{elapsed:.1f} s")
    else:
        row.append("–")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pelican", help="path of the pelican command (default: on PATH)")
    parser.add_argument("--no-changed", action="store_true", help="skip the one-change build")
    args = parser.parse_args()
    pelican = args.pelican or shutil.which("pelican")
    items = articles(args.articles, load_documents())
    root = Path(tempfile.mkdtemp(prefix="sitegen-warm-bench-"))
    rows = []
    try:
        site = root / "sitegen"
        write_sitegen_site(site, items)
        sitegen = [sys.executable, "-m", "sitegen", "build", "--site", str(site), "-q"]
        rows.append(bench("sitegen build", site, REPO, sitegen, args.runs, not args.no_changed))
        if pelican:
            site = root / "pelican"
            write_pelican_site(site, items)
            command = [pelican, "content", "-s", "pelicanconf.py", "-o", "output", "-q"]
            rows.append(
                bench("pelican (cache on)", site, site, command, args.runs, not args.no_changed)
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"\n{args.articles} articles; whole commands, interpreter start-up included\n")
    print("| command | cold build | warm, nothing changed (median) | warm, one article changed |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
