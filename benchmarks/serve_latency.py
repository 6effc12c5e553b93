"""Save a file, see the page: ``sitegen serve`` against ``pelican --autoreload --listen``.

    .venv/bin/python benchmarks/serve_latency.py --articles 1000 [--saves 5] [--pelican PATH]

Generates N articles (deterministically, assembled from the sentences of the t17 timeline corpus
in ``/work/shared/corpora``, read at run time), for sitegen and as Pelican Markdown. For each tool:
build once, start the dev server on a free loopback port, then S times append a sentence to a
different article and measure the time from the save to (a) the livereload message reaching a
WebSocket client (sitegen only: Pelican has no live reload) and (b) the article's page served
with the new sentence. sitegen gets S more saves that put the sentence before an article's first
one instead (every date in that article moves), and S that append a sentence with a date of its
own (a new event: the server patches its last merge, then merges exactly once saves pause).
Prints the medians and the stage times of sitegen's rebuilds. Pelican is run with its content
cache (``LOAD_CONTENT_CACHE``), its fastest setting; install it anywhere
(``python3 -m venv /tmp/pel && /tmp/pel/bin/pip install pelican markdown``) and pass
``--pelican /tmp/pel/bin/pelican``, or leave it out to skip that row.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

CORPUS = Path("/work/shared/corpora/timelines/t17")
REPO = Path(__file__).resolve().parent.parent
SAVE_TIMEOUT = 300.0
"""Seconds one save may take to show before the run is abandoned."""
START_TIMEOUT = 3600.0


def load_documents(corpus: Path = CORPUS) -> list[tuple[str, list[str]]]:
    """(publication date, sentences) of every article in the corpus CSVs."""
    csv.field_size_limit(1 << 30)
    documents = []
    for path in sorted(corpus.glob("*_articles_with_pubdate.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                sentences = [_detokenize(s) for s in row["text"].split("\n")]
                sentences = [s for s in sentences if len(s.split()) > 4]
                if sentences:
                    documents.append((row["date"], sentences))
    if not documents:
        raise SystemExit(f"no *_articles_with_pubdate.csv under {corpus}")
    return documents


def _detokenize(sentence: str) -> str:
    s = sentence.strip().replace("-LRB-", "(").replace("-RRB-", ")")
    s = s.replace("``", '"').replace("''", '"')
    return re.sub(r" ([,.;:!?')])", r"\1", s).replace("( ", "(")


def articles(n: int, documents: list[tuple[str, list[str]]]) -> list[dict[str, str]]:
    """N articles: a run of 6-14 sentences of one corpus article each, seeded by its number."""
    made = []
    for i in range(n):
        rng = random.Random(i)
        date, sentences = documents[rng.randrange(len(documents))]
        k = rng.randint(6, 14)
        start = rng.randrange(max(1, len(sentences) - k))
        body = sentences[start : start + k]
        title = " ".join(body[0].split()[:8]).rstrip(",.;:")
        made.append(
            {"slug": f"a{i:05d}", "title": title, "date": date, "tag": f"t{i % 7}", "body": body}
        )
    return made


def write_sitegen_site(root: Path, items: list[dict]) -> None:
    content = root / "content"
    content.mkdir(parents=True)
    (root / "sitegen.toml").write_text('title = "Benchmark"\n', encoding="utf-8")
    for a in items:
        front = (
            f"---\ntitle: {json.dumps(a['title'])}\npublished: {a['date']}\n"
            f"source: Wire\ntags: [{a['tag']}]\n---\n"
        )
        (content / f"{a['slug']}.md").write_text(front + "\n\n".join(a["body"]) + "\n", "utf-8")


def write_pelican_site(root: Path, items: list[dict]) -> None:
    content = root / "content"
    content.mkdir(parents=True)
    (root / "pelicanconf.py").write_text(
        'SITENAME = "Benchmark"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "UTC"\n'
        'DEFAULT_LANG = "en"\nCACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n'
        "DEFAULT_PAGINATION = False\nRELATIVE_URLS = False\n",
        encoding="utf-8",
    )
    for a in items:
        meta = f"Title: {a['title']}\nDate: {a['date']}\nSlug: {a['slug']}\nTags: {a['tag']}\n\n"
        (content / f"{a['slug']}.md").write_text(meta + "\n\n".join(a["body"]) + "\n", "utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, http.client.HTTPException):
        return ""  # not up, or a file read while the server rewrites it


def wait_until(check, timeout: float, interval: float = 0.005) -> float | None:  # type: ignore[no-untyped-def]
    """perf_counter() when ``check()`` first holds, or None after ``timeout`` seconds."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if check():
            return time.perf_counter()
        time.sleep(interval)
    return None


class Process:
    """A server subprocess whose output lines are collected by a thread."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        # A session of its own: pelican --listen serves from child processes, stopped with it.
        self.proc = subprocess.Popen(
            args,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def count(self, marker: str) -> int:
        return sum(marker in line for line in self.lines)

    def stop(self) -> None:
        """Stop the server and every process it started (its whole process group)."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(10)
                time.sleep(0.2)  # let the children go with it
            except subprocess.TimeoutExpired:
                continue


class ReloadListener:
    """A livereload WebSocket client (tornado's, on a thread) timestamping every reload message."""

    def __init__(self, url: str) -> None:
        self.times: list[float] = []
        ready = threading.Event()
        socket_url = f"ws://{url.split('/')[2]}/livereload"
        listen = self._listen(socket_url, url, ready)
        threading.Thread(target=asyncio.run, args=(listen,), daemon=True).start()
        if not ready.wait(60):
            raise SystemExit(f"no livereload connection at {socket_url}")

    async def _listen(self, socket_url: str, page_url: str, ready: threading.Event) -> None:
        from tornado.websocket import websocket_connect

        conn = await websocket_connect(socket_url)
        hello = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}
        await conn.write_message(json.dumps(hello))
        await conn.read_message()
        await conn.write_message(json.dumps({"command": "info", "url": page_url, "plugins": {}}))
        ready.set()
        while (message := await conn.read_message()) is not None:
            if json.loads(message).get("command") == "reload":
                self.times.append(time.perf_counter())

    def first_after(self, t0: float, timeout: float) -> float | None:
        found = wait_until(lambda: any(t >= t0 for t in self.times), timeout, 0.001)
        return min(t for t in self.times if t >= t0) if found else None


def measure_saves(
    site: Path,
    page_url: Callable[[str], str],
    saves: int,
    n: int,
    server: Process,
    done_marker: str,
    listener: ReloadListener | None,
    mode: str = "append",
) -> list[tuple[float | None, float | None]]:
    """(save -> reload message, save -> page served) in seconds for each save; None: never.
    A save appends a sentence to an article (``append``), puts one before its first (``top``),
    or appends a sentence with a date of its own (``dated``: a new event).

    Before each save the server must be idle (its log shows one more finished build than
    before the previous save): Pelican's watcher does not run while it rebuilds, so a save made
    then would be lost, and this measures latency, not that.
    """
    results: list[tuple[float | None, float | None]] = []
    for i in range(saves):
        shift = {"append": 0, "top": 104729, "dated": 7907}[mode]
        slug = f"a{(i * 7919 + 13 + shift) % n:05d}"
        path = site / "content" / f"{slug}.md"
        token = f"Benchmark marker {i}-{random.Random(i).getrandbits(32):08x}"
        text = path.read_text(encoding="utf-8")
        if mode == "top":  # before the body's first sentence: every later offset moves
            head, body = text.split("\n---\n", 1)
            text = f"{head}\n---\n{token}. {body}"
        elif mode == "dated":
            text += f"\nThe council approved the plan on {i % 28 + 1} March 2011 ({token}).\n"
        else:
            text += f"\n{token}.\n"
        builds = server.count(done_marker)
        t0 = time.perf_counter()
        path.write_text(text, encoding="utf-8")
        url = page_url(slug)
        # With live reload, the browser asks for the page when told to: polling meanwhile would
        # only compete with the build for the server's CPU.
        reload = listener.first_after(t0, SAVE_TIMEOUT) if listener else None
        served = wait_until(lambda u=url, t=token: t in fetch(u), SAVE_TIMEOUT)
        results.append((reload - t0 if reload else None, served - t0 if served else None))
        if served is None:
            print(f"save {i}: {slug} not served within {SAVE_TIMEOUT:.0f} s", file=sys.stderr)
            break
        wait_until(lambda b=builds: server.count(done_marker) > b, SAVE_TIMEOUT, 0.02)
        time.sleep(1.0)  # and let its watcher start again
    return results


def run_sitegen(root: Path, items: list[dict], saves: int) -> dict:
    site = root / "sitegen"
    write_sitegen_site(site, items)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(site), "-q"],
                   cwd=REPO, check=False)  # fmt: skip
    cold = time.perf_counter() - start
    server = Process(
        [sys.executable, "-m", "sitegen", "serve", "--site", str(site), "--port", "0"], REPO
    )
    try:
        up = wait_until(lambda: any(x.startswith("serving ") for x in server.lines), 600, 0.05)
        if up is None:
            raise SystemExit("sitegen serve did not start:\n" + "\n".join(server.lines[-20:]))
        url = next(x for x in server.lines if x.startswith("serving ")).split()[1]
        listener = ReloadListener(url)
        results = measure_saves(site, lambda slug: f"{url}articles/{slug}/", saves, len(items),
                                server, " changed: ", listener)  # fmt: skip
        inserted = measure_saves(site, lambda slug: f"{url}articles/{slug}/", saves, len(items),
                                 server, " changed: ", listener, "top")  # fmt: skip
        dated = measure_saves(site, lambda slug: f"{url}articles/{slug}/", saves, len(items),
                              server, " changed: ", listener, "dated")  # fmt: skip
    finally:
        server.stop()
    stages: dict[str, list[float]] = {}
    for line in server.lines:
        if " changed: " in line:
            for name, ms in re.findall(r"(\w+) (\d+) ms", line.split("(", 1)[-1]):
                stages.setdefault(name, []).append(float(ms))
    return {"cold": cold, "results": results, "inserted": inserted, "dated": dated,
            "stages": stages}  # fmt: skip


def run_pelican(root: Path, items: list[dict], saves: int, pelican: str) -> dict:
    site = root / "pelican"
    write_pelican_site(site, items)
    port = free_port()
    args = [pelican, "content", "-s", "pelicanconf.py", "-o", "output", "--autoreload",
            "--listen", "--port", str(port), "--bind", "127.0.0.1"]  # fmt: skip
    start = time.perf_counter()
    server = Process(args, site)
    try:
        # Pelican watches only once its first build is done ("Done: Processed N articles").
        done = wait_until(lambda: any("Done:" in x for x in server.lines), START_TIMEOUT, 0.1)
        if done is None:
            raise SystemExit("pelican did not start:\n" + "\n".join(server.lines[-20:]))
        cold = time.perf_counter() - start
        first = f"http://127.0.0.1:{port}/a00000.html"
        if wait_until(lambda: "<html" in fetch(first), 60, 0.1) is None:
            raise SystemExit("pelican does not serve:\n" + "\n".join(server.lines[-20:]))
        time.sleep(2.0)
        results = measure_saves(site, lambda slug: f"http://127.0.0.1:{port}/{slug}.html",
                                saves, len(items), server, "Done:", None)  # fmt: skip
    finally:
        server.stop()
    return {"cold": cold, "results": results, "stages": {}}


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value * 1000:.0f} ms"


def cell(row: dict, column: int) -> str:
    """Median (min–max) of one column of a row's results; how many saves were never seen."""
    values = [r[column] for r in row["results"]]
    seen = [v for v in values if v is not None]
    if not seen:
        return "– (no live reload)" if column == 0 else "never"
    text = f"{ms(statistics.median(seen))} ({ms(min(seen))}–{ms(max(seen))})"
    return text + (f", {len(values) - len(seen)} never" if len(seen) < len(values) else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--pelican", help="path of the pelican command (default: on PATH)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = parser.parse_args()
    pelican = args.pelican or shutil.which("pelican")
    items = articles(args.articles, load_documents())
    root = Path(tempfile.mkdtemp(prefix="sitegen-serve-bench-"))
    rows = []
    try:
        rows.append(("sitegen serve", run_sitegen(root, items, args.saves)))
        print(f"sitegen: {cell(rows[-1][1], 0)} / {cell(rows[-1][1], 1)}; stages: "
              f"{stages(rows[-1][1])}", flush=True)  # fmt: skip
        if pelican:
            rows.append(("pelican --autoreload --listen (cache on)",
                         run_pelican(root, items, args.saves, pelican)))  # fmt: skip
        else:
            print("pelican not found: pass --pelican PATH for the peer row", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(f"\n{args.articles} articles, {args.saves} saves each (median; min-max)\n")
    print("| server | first build | save → reload message | save → new page served |")
    print("|---|---|---|---|")
    for name, row in rows:
        print(f"| {name} | {row['cold']:.1f} s | {cell(row, 0)} | {cell(row, 1)} |")
        if "inserted" in row:
            top = {"results": row["inserted"]}
            print(f"| {name}, sentence put first (moves every date's offset) | | "
                  f"{cell(top, 0)} | {cell(top, 1)} |")  # fmt: skip
        if "dated" in row:
            new = {"results": row["dated"]}
            print(f"| {name}, dated sentence appended (a new event) | | "
                  f"{cell(new, 0)} | {cell(new, 1)} |")  # fmt: skip
    print(f"\nsitegen rebuild stages (median): {stages(rows[0][1])}")


def stages(row: dict) -> str:
    return ", ".join(f"{k} {statistics.median(v):.0f} ms" for k, v in row["stages"].items())


if __name__ == "__main__":
    main()
