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
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serve_latency import REPO, articles, load_documents, write_pelican_site, write_sitegen_site


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds of one command (CPU: what it costs on a shared machine)."""
    start, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    return elapsed, cpu, proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""


def touch_one(site: Path) -> None:
    path = site / "content" / "a00007.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")


def bench(
    name: str, site: Path, cwd: Path, command: list[str], runs: int, changed: bool
) -> list[str]:
    cold, cold_cpu, line = timed(command, cwd)
    print(f"{name}: cold {cold:.1f} s (CPU {cold_cpu:.1f} s)  {line}", flush=True)
    warm = []
    for _ in range(runs):
        elapsed, cpu, line = timed(command, cwd)
        warm.append((elapsed, cpu))
        print(f"{name}: nothing changed {elapsed:.2f} s (CPU {cpu:.2f} s)  {line}", flush=True)
    wall = statistics.median(w for w, _ in warm)
    cpu = statistics.median(c for _, c in warm)
    row = [name, f"{cold:.1f} s ({cold_cpu:.1f} s)", f"{wall:.2f} s ({cpu:.2f} s)"]
    if changed:
        touch_one(site)
        elapsed, cpu, line = timed(command, cwd)
        print(f"{name}: one article changed {elapsed:.2f} s (CPU {cpu:.2f} s)  {line}", flush=True)
        row.append(f"{elapsed:.1f} s ({cpu:.1f} s)")
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
        sitegen = [sys.executable, "-m", "sitegen", "build", "--site", str(site)]
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
    print(f"\n{args.articles} articles; whole commands, interpreter start-up included;")
    print("wall clock (CPU time of the command)\n")
    print("| command | cold build | warm, nothing changed (median) | warm, one article changed |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
