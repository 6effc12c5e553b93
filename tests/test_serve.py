"""``sitegen serve``: a real server on a free port, a real WebSocket client, real file edits."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from sitefiles import ARTICLE, EVENT
from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect

from sitegen.preview import error_overlay, inject, request_file
from sitegen.theme_dirs import default_theme_dir
from sitegen.watcher import Watch, Watcher

TIMEOUT = 20.0


class WebSocket:
    """A blocking WebSocket client: tornado's (livereload's own dependency) on a thread."""

    def __init__(self, url: str) -> None:
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.conn = self._call(lambda: websocket_connect(url))

    def _call(self, start):  # type: ignore[no-untyped-def]
        """Run ``await start()`` on the client's loop (tornado futures belong to one loop)."""

        async def run():  # type: ignore[no-untyped-def]
            return await start()

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(TIMEOUT)

    def send(self, text: str) -> None:
        self._call(lambda: self.conn.write_message(text))

    def recv(self) -> str:
        message = self._call(self.conn.read_message)
        assert message is not None, "the server closed the connection"
        return message

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.conn.close)
        self.loop.call_soon_threadsafe(self.loop.stop)


class Served:
    """``python -m sitegen serve --port 0`` on a site; its URL, its log, a livereload client."""

    def __init__(self, root: Path, *options: str) -> None:
        self.root = root
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sitegen",
                "serve",
                "--site",
                str(root),
                "--port",
                "0",
                *options,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self.url = ""
        ready = threading.Event()

        def read() -> None:
            assert self.proc.stdout is not None
            for line in self.proc.stdout:
                self.lines.append(line)
                if line.startswith("serving http"):
                    self.url = line.split()[1]
                    ready.set()
            ready.set()

        self.reader = threading.Thread(target=read, daemon=True)
        self.reader.start()
        try:
            assert ready.wait(TIMEOUT) and self.url, "".join(self.lines)
            self.host, port = self.url.split("/")[2].split(":")
            self.port = int(port)
            self.ws = WebSocket(f"ws://{self.host}:{self.port}/livereload")
            hello = {
                "command": "hello",
                "protocols": ["http://livereload.com/protocols/official-7"],
            }
            self.ws.send(json.dumps(hello))
            assert json.loads(self.ws.recv())["command"] == "hello"
            self.ws.send(json.dumps({"command": "info", "url": self.url, "plugins": {}}))
        except BaseException:
            self.proc.kill()  # no server left behind by a failed start
            self.proc.wait()
            raise

    def get(self, path: str) -> tuple[int, str]:
        """GET the raw ``path`` (not normalised: traversal attempts reach the server as sent)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        conn.close()
        return response.status, body

    def reload_message(self) -> dict:
        """The next reload command sent to the browser."""
        message = json.loads(self.ws.recv())
        assert message["command"] == "reload", message
        return message

    def wait_for(self, path: str, text: str, present: bool = True) -> tuple[int, str]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            status, body = self.get(path)
            if (text in body) == present or time.monotonic() > deadline:
                return status, body
            time.sleep(0.02)

    def stop(self) -> int:
        self.ws.close()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        code = self.proc.wait(TIMEOUT)
        self.reader.join(TIMEOUT)  # its last lines read
        return code


@pytest.fixture
def served(make_site) -> Iterator[Served]:
    server = Served(make_site())
    yield server
    if server.proc.poll() is None:
        server.proc.kill()
        server.proc.wait()


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


# Pure parts.


@pytest.mark.parametrize(
    "raw",
    [
        "/../sitegen.toml",
        "/%2e%2e/sitegen.toml",
        "/%2E%2E/sitegen.toml",
        "/static/..%2f..%2fsitegen.toml",
        "/static/%2e%2e%2f%2e%2e%2fsitegen.toml",
        "/..\\sitegen.toml",
        "/static%5c..%5c..%5csitegen.toml",
        "/static/./style.css",
        "//etc/passwd",
        "/a%00.html",
        "/sub/x.html",
    ],
)
def test_request_file_refuses_traversal(raw: str) -> None:
    base = "/sub/" if raw.startswith("/sub/") else "/"
    assert request_file(raw, base if raw != "/sub/x.html" else "/other/") is None


def test_request_file_maps_folders_to_index() -> None:
    assert request_file("/", "/") == "index.html"
    assert request_file("/repo/events/x/", "/repo/") == "events/x/index.html"
    assert request_file("/static/style.css?v=1", "/") == "static/style.css"
    assert request_file("/tags/caf%C3%A9/", "/") == "tags/café/index.html"


def test_inject_script_and_overlay() -> None:
    page = b"<html><head><title>t</title></head><body class='x'><p>hi</p></body></html>"
    out = inject(page, error_overlay(["content/a.md:3: invalid YAML <b>"]))
    assert out.index(b"livereload.js") < out.index(b"</head>")
    assert out.index(b"<body class='x'>") < out.index(b"sitegen-errors") < out.index(b"<p>hi")
    assert b"content/a.md:3: invalid YAML &lt;b&gt;" in out
    assert inject(page, error_overlay([])).count(b"sitegen-errors") == 0


# A real server.


def test_edit_article_is_served_and_reloads(served: Served) -> None:
    status, body = served.get("/articles/bridge/")
    assert status == 200 and "reopened" in body and "livereload.js" in body
    edit(served.root / "content" / "bridge.md", "reopened", "reopened to cyclists")
    assert served.reload_message()["path"].startswith("/")
    status, body = served.wait_for("/articles/bridge/", "reopened to cyclists")
    assert status == 200 and "reopened to cyclists" in body
    assert served.stop() == 0
    assert any(line.startswith("stopped") for line in served.lines), served.lines


def test_a_new_dated_sentence_is_shown_then_merged_exactly(served: Served, tmp_path: Path) -> None:
    """A save that changes an article's events is shown from a patched merge, then the server
    merges from scratch by itself: events.json ends as a build from scratch writes it."""
    edit(
        served.root / "content" / "bridge.md",
        "reopened",
        "reopened. The ferry stopped running on 2 March 2024 after the storm. It reopened",
    )
    served.reload_message()
    status, body = served.wait_for("/articles/bridge/", "ferry stopped running")
    assert status == 200
    deadline = time.monotonic() + TIMEOUT
    while not any("merged exactly" in line for line in served.lines):
        assert time.monotonic() < deadline, "".join(served.lines)
        time.sleep(0.05)
    scratch = tmp_path / "scratch"
    done = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "--site", str(served.root), "--no-cache",
         "--output", str(scratch), "-q"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    status, events = served.get("/events.json")
    assert status == 200 and "ferry stopped running" in events
    assert events == (scratch / "events.json").read_text(encoding="utf-8")


SLOW_LIST = (
    '{% extends "!theme/articles.html" %}{% block content %}'
    "{% for i in range(400000) %}{% endfor %}{{ super() }}{% endblock %}"
)
"""A sources page that takes a while to render (a few tenths of a second)."""


@pytest.fixture
def slow_listing(make_site) -> Iterator[Served]:
    """The fixture site served with :data:`SLOW_LIST` as its sources page."""
    files = {
        "content/bridge.md": ARTICLE,
        "content/events/bridge-closes.md": EVENT,
        "templates/articles.html": SLOW_LIST,
    }
    server = Served(make_site(files))
    yield server
    if server.proc.poll() is None:
        server.proc.kill()
        server.proc.wait()


def test_listing_pages_come_after_the_reload_and_a_request_waits_for_them(
    slow_listing: Served,
) -> None:
    """Fast render: the article's own page is written before the reload message, the pages
    listing it right after (here slowly); a request for one of those meanwhile gets the new
    page, never the old one, nor a 404 for a new one (one request each, no polling)."""
    served = slow_listing
    status, body = served.get("/articles/bridge/")
    assert status == 200 and "Bridge reopens" in body
    article = served.root / "content" / "bridge.md"
    edit(article, "title: Bridge reopens", "title: Ferry returns")
    edit(article, "tags: [transport]", "tags: [transport, ferries]")  # new: /tags/ferries/
    served.reload_message()
    assert not any(line.startswith("  then ") for line in served.lines)  # still making them
    for path in ("/tags/ferries/", "/articles/", "/events.json", "/articles/bridge/"):
        status, body = served.get(path)
        assert status == 200 and "Ferry returns" in body and "Bridge reopens" not in body, path
    assert served.stop() == 0
    assert any(line.startswith("  then ") for line in served.lines), served.lines


def test_a_listing_page_a_browser_shows_is_written_before_the_reload(
    slow_listing: Served,
) -> None:
    """The pages a browser asked for lately are made before the reload message even when they
    only list what changed: on disk already when the message comes (the file, not a request,
    which would wait)."""
    served = slow_listing
    assert "Bridge reopens" in served.get("/articles/")[1]  # the browser shows the list
    edit(served.root / "content" / "bridge.md", "title: Bridge reopens", "title: Ferry returns")
    served.reload_message()
    listed = (served.root / "output" / "articles" / "index.html").read_text(encoding="utf-8")
    assert "Ferry returns" in listed and "Bridge reopens" not in listed


def test_broken_front_matter_shows_error_then_recovers(served: Served) -> None:
    article = served.root / "content" / "bridge.md"
    good = article.read_text(encoding="utf-8")
    article.write_text(good.replace("title: Bridge reopens", "title: [Bridge"), encoding="utf-8")
    served.reload_message()
    status, body = served.get("/articles/bridge/")
    assert status == 500 and "sitegen-errors" in body
    assert re.search(r"bridge\.md:\d+: invalid YAML", body) and "livereload.js" in body
    status, home = served.get("/")
    assert status == 200 and "sitegen-errors" in home and "bridge.md:" in home
    article.write_text(good, encoding="utf-8")
    served.reload_message()
    status, body = served.wait_for("/articles/bridge/", "sitegen-errors", present=False)
    assert status == 200 and "reopened" in body and "sitegen-errors" not in body
    assert served.proc.poll() is None


def test_template_change_rerenders_every_page(served: Served) -> None:
    base = (default_theme_dir() / "base.html").read_text(encoding="utf-8")
    override = served.root / "templates" / "base.html"
    override.parent.mkdir()
    override.write_text(base.replace("<body>", "<body><!-- marker-7 -->", 1), encoding="utf-8")
    served.reload_message()
    pages = list((served.root / "output").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        assert "marker-7" in page.read_text(encoding="utf-8"), page
    assert "marker-7" in served.get("/")[1]


def test_template_error_keeps_last_site_and_names_template(served: Served) -> None:
    override = served.root / "templates" / "index.html"
    override.parent.mkdir()
    override.write_text('{% extends "!theme/base.html" %}\n{% block content %}{{ nope }', "utf-8")
    served.reload_message()
    status, body = served.get("/")
    assert status == 200 and "Bridge" in body  # the last good page
    assert "sitegen-errors" in body and "index.html" in body
    override.unlink()
    served.reload_message()
    assert "sitegen-errors" not in served.wait_for("/", "sitegen-errors", present=False)[1]


def test_config_error_then_fix(served: Served) -> None:
    config = served.root / "sitegen.toml"
    config.write_text('title = "Bridges"\ntitel = "typo"\n', encoding="utf-8")
    served.reload_message()
    body = served.get("/")[1]
    assert "sitegen-errors" in body and "titel" in body
    config.write_text('title = "Bridges"\n', encoding="utf-8")
    served.reload_message()
    status, body = served.wait_for("/", "sitegen-errors", present=False)
    assert status == 200 and "<title>Bridges</title>" in body


def test_stylesheet_change_swaps_css_only(served: Served) -> None:
    css = served.root / "templates" / "static" / "style.css"
    css.parent.mkdir(parents=True)
    css.write_text("body { color: #123456 }\n", encoding="utf-8")
    message = served.reload_message()
    assert message["path"] == "/static/style.css" and message["liveCSS"] is True
    assert "#123456" in served.get("/static/style.css")[1]


def test_burst_of_saves_is_one_or_two_builds(served: Served) -> None:
    article = served.root / "content" / "bridge.md"
    text = article.read_text(encoding="utf-8")
    builds_before = sum("changed:" in line for line in served.lines)
    for i in range(10):
        article.write_text(text.replace("reopened", f"reopened (save {i})"), encoding="utf-8")
        time.sleep(0.002)
    served.wait_for("/articles/bridge/", "save 9")
    time.sleep(0.3)
    builds = sum("changed:" in line for line in served.lines) - builds_before
    assert 1 <= builds <= 3, served.lines


def test_traversal_is_404_over_http(served: Served) -> None:
    (served.root / "secret.txt").write_text("do not serve", encoding="utf-8")
    for raw in (
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/static/%2e%2e%2f%2e%2e%2fsitegen.toml",
        "/..\\secret.txt",
        "/static%5c..%5c..%5csecret.txt",
        "/../content/bridge.md",
    ):
        status, body = served.get(raw)
        assert status == 404 and "do not serve" not in body, raw
    assert served.get("/static/style.css")[0] == 200


def test_port_in_use_is_a_clean_error(served: Served) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitegen",
            "serve",
            "--site",
            str(served.root),
            "--port",
            str(served.port),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert (
        proc.returncode == 2 and "cannot listen" in proc.stderr and "Traceback" not in proc.stderr
    )


@pytest.mark.parametrize("polling", [False, True], ids=["inotify", "polling"])
def test_watcher_names_changed_files_only(tmp_path: Path, polling: bool) -> None:
    content = tmp_path / "content"
    (content / "out").mkdir(parents=True)
    (content / "old.md").write_text("old", encoding="utf-8")
    seen: set[Path] = set()
    wanted = {content / "old.md", content / "new.md", content / "sub" / "deep.md"}

    async def scenario() -> None:
        watcher = Watcher([Watch(content, ("*.md",))], [content / "out"], seen.update)
        watcher.start(IOLoop.current(), force_polling=polling)
        await asyncio.sleep(0.05)
        (content / "old.md").write_text("edited", encoding="utf-8")
        (content / ".old.md.swp").write_text("x", encoding="utf-8")
        (content / "notes.txt").write_text("x", encoding="utf-8")
        (content / "out" / "page.md").write_text("x", encoding="utf-8")
        (content / "new.md~").write_text("new", encoding="utf-8")
        os.replace(content / "new.md~", content / "new.md")  # an editor's atomic save
        (content / "sub").mkdir()
        (content / "sub" / "deep.md").write_text("x", encoding="utf-8")
        deadline = time.monotonic() + 5
        while not wanted <= seen and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        watcher.close()

    run_in_own_thread(scenario)
    assert seen == wanted


def test_output_inside_content_is_never_watched(make_site) -> None:
    root = make_site()
    (root / "sitegen.toml").write_text('output_dir = "content/_site"\n', encoding="utf-8")
    served = Served(root, "--base-url", "/sub/")
    try:
        status, body = served.get("/sub/articles/bridge/")
        assert status == 200 and "reopened" in body
        conn = http.client.HTTPConnection(served.host, served.port, timeout=TIMEOUT)
        conn.request("GET", "/")
        assert conn.getresponse().getheader("Location") == "/sub/"
        conn.close()
        edit(root / "content" / "bridge.md", "reopened", "reopened again")
        served.reload_message()
        time.sleep(1.0)  # writing content/_site/ must not start another build, and so on
        assert sum(" changed: " in line for line in served.lines) == 1, served.lines
        assert served.stop() == 0
    finally:
        if served.proc.poll() is None:
            served.proc.kill()


def run_in_own_thread(coroutine_function: Callable[[], Awaitable[None]]) -> None:
    """asyncio.run() in a thread of its own: another test's library (Playwright's sync API)
    may keep an event loop running in the main thread for the whole session."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coroutine_function())
        except BaseException as exc:  # handed to the test's thread
            failure.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(TIMEOUT * 4)
    assert not thread.is_alive(), "the watcher scenario did not finish"
    if failure:
        raise failure[0]
