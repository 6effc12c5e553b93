"""What the dev server answers: a file of output/ with the live-reload script, the build's errors
over every page, or 404; never a file outside output/."""

from __future__ import annotations

import html
import mimetypes
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

from tornado import web
from tornado.ioloop import IOLoop

if TYPE_CHECKING:
    from sitegen.devserver import DevServer

LIVE_SCRIPT = (
    b'<script>(function(){var s=document.createElement("script");'
    b'var port=window.location.port||(window.location.protocol=="https:"?443:80);'
    b's.src="//"+window.location.hostname+":"+port+"/livereload.js?port="+port;'
    b"document.head.appendChild(s);})();</script>"
)
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(rb"<body[^>]*>", re.IGNORECASE)


def request_file(path: str, base_path: str) -> str | None:
    """The output file (relative, POSIX) a request path asks for; None to answer 404.

    ``path`` is the raw request path: it is percent-decoded once here, and any backslash, NUL,
    empty, ``.`` or ``..`` segment is refused, whatever its spelling (``%2e%2e``, ``..%2f``).
    """
    raw = path.split("?", 1)[0]
    decoded = unquote(raw)
    if "\\" in decoded or "\x00" in decoded or not decoded.startswith(base_path):
        return None
    rel = decoded[len(base_path) :]
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    return rel


def inject(page: bytes, overlay: bytes) -> bytes:
    """The livereload script in ``<head>`` and the error overlay (if any) first in ``<body>``."""
    head = _HEAD_END.search(page)
    page = page[: head.start()] + LIVE_SCRIPT + page[head.start() :] if head else LIVE_SCRIPT + page
    if overlay:
        body = _BODY_START.search(page)
        at = body.end() if body else len(page)
        page = page[:at] + overlay + page[at:]
    return page


def error_overlay(problems: list[str]) -> bytes:
    """A box over the page listing each problem (``file:line: message`` and its hint)."""
    if not problems:
        return b""
    items = "".join(f"<li><pre>{html.escape(p)}</pre></li>" for p in problems)
    return (
        '<div id="sitegen-errors" role="alert" style="position:fixed;z-index:2147483647;'
        "inset:0 0 auto 0;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;"
        "background:#fff0f0;color:#600;border-bottom:3px solid #c00;font:14px/1.4 sans-serif"
        f'"><strong>sitegen: the site could not be fully built</strong>'
        f'<ul style="padding-left:1.2em">{items}</ul>'
        "<p>Fix the file and save: this page reloads by itself.</p></div>"
    ).encode()


WAIT_S = 30.0
"""At most this long a request waits for a file put off until after the reload."""

ERROR_PAGE = b"<!doctype html><html><head><title>Build error</title></head><body></body></html>"
"""Served (with the overlay) for a page that is missing because its file could not be built."""


class PageHandler(web.RequestHandler):
    """Files of output/ (with the livereload script), the error page, 404 for the rest."""

    def initialize(self, dev: DevServer) -> None:
        self.dev = dev

    def compute_etag(self) -> None:
        return None

    async def head(self) -> None:
        await self.get()

    async def get(self) -> None:
        dev = self.dev
        self.set_header("Cache-Control", "no-store")
        if self.request.path == "/" and dev.base_path != "/":
            self.redirect(dev.base_path, permanent=False)  # the site lives under base_url's path
            return
        rel = request_file(self.request.path, dev.base_path)
        if rel is not None and {rel, f"{rel}/index.html"} & dev.unwritten:
            await self._written()  # put off until after the reload: not the old file
        data = self._read(rel) if rel is not None else None
        if data is None and not dev.written_all.is_set():
            await self._written()  # perhaps a new page put off until after the reload
            data = self._read(rel) if rel is not None else None
        folder = rel is not None and "." not in rel.rsplit("/", 1)[-1]
        if data is None and folder and self._read(f"{rel}/index.html") is not None:
            self.redirect(self.request.path + "/", permanent=False)
            return
        overlay = error_overlay(dev.problems)
        if data is None:
            self.set_status(500 if overlay else 404)
            data = self._read("404.html") if not overlay else ERROR_PAGE
            rel = "404.html"
            data = data or b"<!doctype html><html><head></head><body>Not found</body></html>"
        content_type = mimetypes.guess_type(rel or "")[0] or "application/octet-stream"
        if content_type == "text/html":
            if self.get_status() == 200 and rel is not None:
                dev.shown(rel)
            data = inject(data, overlay)
            content_type += "; charset=utf-8"
        self.set_header("Content-Type", content_type)
        self.write(data)

    async def _written(self) -> None:
        """Until the files the last build put off until after the reload are written."""
        await IOLoop.current().run_in_executor(None, self.dev.written_all.wait, WAIT_S)

    def _read(self, rel: str | None) -> bytes | None:
        output = self.dev.output_dir
        if rel is None or output is None:
            return None
        path = output / rel
        with self.dev.lock:
            try:
                if output.resolve() not in path.resolve().parents:
                    return None
                return path.read_bytes()
            except OSError:
                return None
