"""``sitegen serve``: build, serve output/, rebuild on every save, reload the browser.

The browser side is livereload's (its WebSocket protocol handler and ``livereload.js``); the
rest is ours, so that the server:

- survives every mistake of the user's: a build that fails keeps the last good site and shows
  the errors (file, line, hint) over every page; a skipped article's page becomes the error page;
  fixing the file rebuilds and reloads by itself;
- never serves half a build: output/ changes under a lock that requests wait on;
- coalesces a burst of saves into one build and never runs two builds at once (the queue is
  :mod:`sitegen.devserver`);
- answers only for files inside output/ (404 for ``..`` in any spelling).
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.netutil import bind_sockets

from sitegen.config import Config
from sitegen.devserver import DevServer, settle_memory
from sitegen.errors import SitegenError
from sitegen.preview import PageHandler


def serve(
    root: Path,
    load: Callable[[], Config],
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
) -> None:
    """Build, then serve until Ctrl-C; every problem is shown, none stops the server."""
    dev = DevServer(root.resolve(), load)
    dev.log("building...")
    problems, result = dev.rebuild(set())
    settle_memory()
    dev.problems = problems
    if result is not None:
        dev.log(result.summary())
    if dev.state is not None:
        dev.state.persist()
    for problem in problems:
        dev.log(f"error: {problem}")
    # Load the tagger and Jinja now (a build with nothing to do does not), not on the first save.
    import sitegen.extract  # noqa: F401
    import sitegen.render  # noqa: F401

    _warm_up_tagger()  # about a second, before serving: a thread would slow the first saves

    try:
        sockets = bind_sockets(port, host)
    except OSError as exc:
        raise SitegenError(
            f"cannot listen on {host}:{port}: {exc.strerror}",
            hint="choose another port with --port (0 picks a free one)",
        ) from exc
    LiveReloadHandler.watcher = SimpleNamespace(filepath=None)  # read by its log line
    LiveReloadHandler.live_css = True
    app = web.Application(
        [
            (r"/livereload", LiveReloadHandler),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r"/.*", PageHandler, {"dev": dev}),
        ]
    )
    server = HTTPServer(app)
    server.add_sockets(sockets)
    dev.loop = IOLoop.current()
    _stop_on_ctrl_c(dev.loop)
    how = dev.watch()
    bound = sockets[0].getsockname()
    url = f"http://{host if ':' not in host else f'[{host}]'}:{bound[1]}{dev.base_path}"
    dev.log(f"serving {url} (watching with {how}; Ctrl-C to stop)")
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    try:
        dev.loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        if dev.watcher is not None:
            dev.watcher.close()
        server.stop()
        if dev.state is not None:
            with dev.lock:
                dev.state.persist()  # the next `sitegen build` starts from this site
        print("stopped", file=sys.stderr, flush=True)


def _stop_on_ctrl_c(loop: IOLoop) -> None:
    """Ctrl-C stops the loop between two of its callbacks: a KeyboardInterrupt raised wherever
    the main thread happens to be could cut a log line or a reload in half."""
    with contextlib.suppress(NotImplementedError, AttributeError):  # Windows: as before
        loop.asyncio_loop.add_signal_handler(signal.SIGINT, loop.stop)  # type: ignore[attr-defined]


def _warm_up_tagger() -> None:
    """Compile the tagger's scanner for every opening (a second or two), which would otherwise
    land on the first saves that meet each one after a start from the cache."""
    from sitegen.temporal.patterns import compile_scanners

    compile_scanners()
