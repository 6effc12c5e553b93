"""Build N articles: ``sitegen build`` against Hugo and Pelican, cold, warm and after one change.

    .venv/bin/python benchmarks/build_scale.py --articles 1000,5000,20000 [--peers] [--jobs J]
        [--pelican PATH] [--hugo PATH] [--only-sitegen-above N]

Generates N articles deterministically from the sentences of the t17 timeline corpus in
``/work/shared/corpora`` (read at run time; the same articles as ``serve_latency.py``, with
varied publication dates, titles and tags) and writes them as a sitegen site, and with
``--peers`` also as a Pelican site and a Hugo site (YAML front matter and a minimal theme written
here, so Hugo renders one page per article, the home page, and a page per tag). Each tool builds
its site from nothing (cold), again with nothing changed (warm), and once more after a sentence is
appended to one article. Every build is one whole command run under ``/usr/bin/time -v``: wall
clock, CPU time (user + system, all processes) and the largest resident set of any one process
("Maximum resident set size"); sitegen's worker processes are forked, so the peak of all its
processes together is also sampled (sum of PSS, every 50 ms). Prints one table, the sitegen/peer
ratios at each N and the issue's targets beside them.

Pelican (PyPI) is run with its content cache on (its fastest setting), installed anywhere:
``python3 -m venv /tmp/pel && /tmp/pel/bin/pip install pelican markdown``; Hugo is Debian's
``hugo`` package. Pass ``--pelican``/``--hugo`` or have them on PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from serve_latency import REPO, articles, load_documents, write_pelican_site, write_sitegen_site

TARGETS = {"cold": 1.5, "warm": 0.3}
"""sitegen's time at most this times Hugo's, at 5,000 articles (issue 7)."""
MEMORY_TARGET_MB = 400


@dataclass
class Run:
    """One whole command."""

    wall: float
    cpu: float
    rss_mb: float
    """Largest resident set of any one of its processes."""
    pss_mb: float
    """Peak of all its processes together (sampled)."""
    line: str
    """The last line it printed (sitegen's summary with its stage times)."""


def write_hugo_site(root: Path, items: list[dict]) -> None:
    """The articles as Hugo content with YAML front matter, and a theme of three layouts."""
    content = root / "content" / "articles"
    content.mkdir(parents=True)
    (root / "config.toml").write_text(
        'baseURL = "http://localhost/"\ntitle = "Benchmark"\nlanguageCode = "en"\n'
        'disableKinds = ["section", "sitemap", "robotsTXT", "404"]\n',
        encoding="utf-8",
    )
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
    (layouts / "single.html").write_text(
        head + "</head><body><article><h1>{{ .Title }}</h1>"
        '<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}'
        "</time> · {{ .Params.source }}</p>{{ .Content }}<ul>{{ range .Params.tags }}"
        '<li><a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>'
        "</article></body></html>\n",
        encoding="utf-8",
    )
    listing = (
        head + "</head><body><h1>{{ .Title }}</h1><ul>{{ range .Pages.ByDate.Reverse }}"
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}'
        "</li>{{ end }}</ul></body></html>\n"
    )
    (layouts / "list.html").write_text(listing, encoding="utf-8")
    (root / "layouts" / "index.html").write_text(
        listing.replace(".Pages.ByDate", '(where .Site.RegularPages "Section" "articles").ByDate'),
        encoding="utf-8",
    )
    for a in items:
        front = (
            f"---\ntitle: {yaml_string(a['title'])}\ndate: {a['date']}\nsource: Wire\n"
            f"tags: [{a['tag']}]\nslug: {a['slug']}\n---\n"
        )
        (content / f"{a['slug']}.md").write_text(front + "\n\n".join(a["body"]) + "\n", "utf-8")


def yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tree_pss_mb(pid: int) -> float:
    """PSS of ``pid`` and all its descendants, in MB (0 once it has gone)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)[1])  # type: ignore[index]
            for task in Path(f"/proc/{p}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, TypeError):
            continue
    return total / 1024


def timed(args: list[str], cwd: Path) -> Run:
    """Run one command under /usr/bin/time -v; fail loudly if it fails."""
    report = Path(tempfile.mktemp(prefix="time-", suffix=".txt"))
    peak = [0.0]
    start = time.perf_counter()
    proc = subprocess.Popen(
        ["/usr/bin/time", "-v", "-o", str(report), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_pss_mb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    text = report.read_text()
    report.unlink()
    if proc.returncode not in (0, 1):  # 1: sitegen built, with problems reported
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err[-3000:]}")
    field = dict(re.findall(r"^\s*(.+?): (.+)$", text, re.M))
    cpu = float(field["User time (seconds)"]) + float(field["System time (seconds)"])
    rss = int(field["Maximum resident set size (kbytes)"]) / 1024
    lines = [x for x in out.strip().splitlines() if x.strip()]
    return Run(wall, cpu, rss, max(peak[0], rss), lines[-1] if lines else "")


def touch_one(content: Path, slug: str) -> None:
    path = next(content.rglob(f"{slug}.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")


def bench(name: str, site: Path, content: Path, command: list[str], clean: list[Path]) -> dict:
    """Cold (after deleting ``clean``), warm with nothing changed, and after one change."""
    for path in clean:
        shutil.rmtree(path, ignore_errors=True)
    runs = {}
    for kind in ("cold", "warm", "changed"):
        if kind == "changed":
            touch_one(content, "a00007")
        runs[kind] = timed(command, site)
        r = runs[kind]
        memory = f"{r.rss_mb:.0f} MB max RSS, {r.pss_mb:.0f} MB all processes"
        print(f"  {name} {kind}: {r.wall:.2f} s wall, {r.cpu:.2f} s CPU, {memory}  {r.line}",
              flush=True)  # fmt: skip
    return runs


def run_sitegen(root: Path, items: list[dict], jobs: int | None) -> dict:
    site = root / "sitegen"
    write_sitegen_site(site, items)
    command = [sys.executable, "-m", "sitegen", "build", "--site", str(site)]
    command += ["--jobs", str(jobs)] if jobs else []
    runs = bench("sitegen", REPO, site / "content", command, [])
    if "up to date" not in runs["warm"].line:
        print("  warning: the warm sitegen build was not a no-op (did sitegen's source change "
              "during the run?)", file=sys.stderr)  # fmt: skip
    return runs


def run_hugo(root: Path, items: list[dict], hugo: str) -> dict:
    site = root / "hugo"
    write_hugo_site(site, items)
    command = [hugo, "--quiet", "--source", str(site), "--destination", str(site / "public")]
    return bench("hugo", site, site / "content", command, [site / "public", site / "resources"])


def run_pelican(root: Path, items: list[dict], pelican: str) -> dict:
    site = root / "pelican"
    write_pelican_site(site, items)
    command = [pelican, "content", "-s", "pelicanconf.py", "-o", "output", "-q"]
    return bench("pelican", site, site / "content", command, [site / "output", site / "cache"])


def cells(runs: dict) -> list[str]:
    def one(r: Run) -> str:
        return f"{r.wall:.2f} s ({r.cpu:.1f})"

    peak = max(r.pss_mb for r in runs.values())
    largest = max(r.rss_mb for r in runs.values())
    return [one(runs["cold"]), one(runs["warm"]), one(runs["changed"]),
            f"{largest:.0f} MB / {peak:.0f} MB"]  # fmt: skip


def ratio(a: dict, b: dict, kind: str) -> str:
    """Wall-clock ratio, and CPU-time ratio (steadier on a shared machine) in brackets."""
    return f"{a[kind].wall / b[kind].wall:.2f}x ({a[kind].cpu / b[kind].cpu:.2f}x)"


def print_table(results: dict[int, dict[str, dict]]) -> None:
    print("\nwall clock (CPU seconds, all processes); memory: largest process (time -v) / "
          "all processes together (sampled PSS), the peak of the three builds\n")  # fmt: skip
    print("| articles | tool | cold | warm, nothing changed | one article changed | peak memory |")
    print("|---:|---|---:|---:|---:|---:|")
    for n, rows in results.items():
        for tool, runs in rows.items():
            print(f"| {n:,} | {tool} | " + " | ".join(cells(runs)) + " |")
    print("\nsitegen/peer: wall clock (CPU time)")
    for n, rows in results.items():
        s = rows["sitegen"]
        for peer in ("hugo", "pelican"):
            if peer not in rows:
                continue
            parts = [f"{k} {ratio(s, rows[peer], k)}" for k in ("cold", "warm", "changed")]
            line = f"{n:,} articles, sitegen/{peer}: " + ", ".join(parts)
            if peer == "hugo" and n == 5000:
                line += (
                    f"  (targets: cold <= {TARGETS['cold']}x, warm <= {TARGETS['warm']}x; "
                    f"memory <= {MEMORY_TARGET_MB} MB, sitegen's peak "
                    f"{max(r.pss_mb for r in s.values()):.0f} MB)"
                )
            print(line)
    ns = sorted(results)
    if len(ns) > 1:
        per = [f"{n:,}: {results[n]['sitegen']['cold'].wall / n * 1000:.1f} ms" for n in ns]
        print("sitegen cold build per article (linear growth keeps this flat): " + ", ".join(per))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", default="5000", help="N, or a list: 1000,5000,20000")
    parser.add_argument("--peers", action="store_true", help="also build with Hugo and Pelican")
    parser.add_argument("--jobs", type=int, help="sitegen build --jobs (default: its own)")
    parser.add_argument("--pelican", help="path of the pelican command (default: on PATH)")
    parser.add_argument("--hugo", help="path of the hugo command (default: on PATH)")
    parser.add_argument(
        "--only-sitegen-above", type=int, default=5000, help="no peers above this N (time)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = parser.parse_args()
    sizes = [int(n) for n in args.articles.split(",")]
    peers = {}
    if args.peers:
        for name, given in (("hugo", args.hugo), ("pelican", args.pelican)):
            path = given or shutil.which(name)
            if not path:
                raise SystemExit(f"{name} not found: install it or pass --{name} PATH")
            peers[name] = path
    documents = load_documents()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    results: dict[int, dict[str, dict]] = {}
    for n in sizes:
        items = articles(n, documents)
        root = Path(tempfile.mkdtemp(prefix=f"sitegen-scale-{n}-"))
        print(f"{n:,} articles in {root}", flush=True)
        try:
            rows = {"sitegen": run_sitegen(root, items, args.jobs)}
            if n <= args.only_sitegen_above:
                if "hugo" in peers:
                    rows["hugo"] = run_hugo(root, items, peers["hugo"])
                if "pelican" in peers:
                    rows["pelican"] = run_pelican(root, items, peers["pelican"])
            results[n] = rows
        finally:
            if not args.keep:
                shutil.rmtree(root, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print_table(results)


if __name__ == "__main__":
    main()
