"""The dev server's state and build queue: the model kept between builds, the current problems,
and the saves waiting for a build (``sitegen serve`` in :mod:`sitegen.server` runs it).

- A burst of saves is one build; two builds never run at once.
- A build whose merge was patched (fast, approximate: :mod:`sitegen.merged`) is followed, once
  no save waits, by an exact build, shown if it differs; a new save calls it off.
- Fast render (as ``hugo server`` does): after a save, the pages of what changed and the pages
  a browser showed lately are written first and the browsers told to reload; the pages that only
  list or count it (years, months, tags, feeds) follow, and a request for one waits for them.
- Every problem is kept for the overlay; none stops the server.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from livereload.handlers import LiveReloadHandler
from tornado.ioloop import IOLoop

from sitegen.build import BuildResult, build
from sitegen.cache import CACHE_DIR
from sitegen.config import CONFIG_NAME, Config
from sitegen.errors import SitegenError
from sitegen.extract.clustering import Cancelled
from sitegen.incremental import SiteState
from sitegen.memo import BuildMemo
from sitegen.watcher import Watch, Watcher

DEBOUNCE_S = 0.03
"""A burst of saves closer together than this is one change."""
MAX_WAIT_S = 0.3
"""...but a change is never held back longer than this by a continuing burst."""


SETTLE_S = 0.5
"""How long after a rebuild's reload message the memory it left is settled."""
EXACT_AFTER_S = 0.2
"""How long after a build with a patched merge the exact merge starts (if no save came)."""
VIEWED = 16
"""How many of the pages browsers asked for last are made before the reload (fast render)."""


def settle_memory() -> None:
    """Collect a build's garbage, then freeze what is left (the whole site's views and pages,
    kept for the next save) out of the garbage collector, whose full collections would
    otherwise walk it, pausing later rebuilds for tens to hundreds of milliseconds."""
    gc.collect()
    gc.freeze()


class DevServer:
    """The serve loop's state: the model kept between builds, the current problems, the queue."""

    def __init__(self, root: Path, load: Callable[[], Config]) -> None:
        self.root = root
        self.load = load
        self.config: Config | None = None
        self.state: SiteState | None = None
        self.problems: list[str] = []
        self.lock = threading.Lock()
        """Held while output/ changes; requests read under it."""
        self.pending: set[Path] = set()
        self.building = False
        self.first_change = 0.0
        self.last_change = 0.0
        self.watcher: Watcher | None = None
        self.watched: Config | None = None
        self.loop: IOLoop | None = None
        self.log: Callable[[str], None] = lambda line: print(line, flush=True)
        self.viewed: dict[str, None] = {}
        """The HTML pages browsers asked for last (oldest first), made before the reload."""
        self.unwritten: frozenset[str] = frozenset()
        """Files of the current build put off until after the reload (fast render)."""
        self.written_all = threading.Event()
        """Set while no file waits to be written."""
        self.written_all.set()

    @property
    def output_dir(self) -> Path | None:
        return self.config.output_dir if self.config else None

    @property
    def base_path(self) -> str:
        return self.config.base_path if self.config else "/"

    def rebuild(
        self, changed: set[Path], exact: bool = False
    ) -> tuple[list[str], BuildResult | None]:
        """One build (runs on a worker thread): new settings first if sitegen.toml changed.
        ``exact``: the build that settles a patched merge (see :meth:`_settle`); called off,
        without a result, when a save comes meanwhile."""
        if exact:
            assert self.state is not None and self.config is not None and self.state.memo
            memo = self.state.memo
            # Nobody waits for this one: nothing is put off (see may_wait).
            memo.exact, memo.cancel, memo.defer = True, lambda: bool(self.pending), None
            try:
                result = build(self.config, state=self.state, changed=set(), in_place=True)
            except Cancelled:
                return self.problems, None
            except Exception as exc:  # noqa: BLE001 (as below: keep serving)
                return [_internal(exc)], None
            finally:
                memo.exact, memo.cancel, memo.defer = False, None, self.may_wait
            return [str(p) for p in result.report.errors], result
        try:
            known: set[Path] | None = changed
            if self.config is None or any(p.name == CONFIG_NAME for p in changed):
                known = None  # new settings: look at everything again
                config = self.load()
                if config != self.config:
                    self.config = config
                    self.state = SiteState.open(config, prune=False)
                    self.state.memo = BuildMemo()
                    self.state.memo.defer = self.may_wait
                    self.state.memo.patching = True  # exact again once the writer pauses
                    self.state.deferred = True  # written when serve stops (see serve())
                    self.state.lock = self.lock
            assert self.state is not None and self.config is not None
            result = build(self.config, state=self.state, changed=known, in_place=True)
        except SitegenError as exc:
            return [str(exc)], None
        except Exception as exc:  # a bug of sitegen's, not the user's: still keep serving
            return [_internal(exc)], None
        return [str(p) for p in result.report.errors], result

    def complete(self, result: BuildResult) -> tuple[list[str], BuildResult | None]:
        """Make and write the files ``result`` put off (on the build's thread)."""
        assert result.later is not None
        try:
            return [], result.later()
        except SitegenError as exc:
            return [str(exc)], None
        except Exception as exc:  # noqa: BLE001 (as in rebuild: keep serving)
            return [_internal(exc)], None

    def may_wait(self, path: str) -> bool:
        """Whether output file ``path`` may be made after the reload: not the pages of events
        and articles (those of what changed are the only ones made again), nor the pages a
        browser showed lately; the listing pages and the feeds, which change with any event."""
        own = path.startswith(("events/", "articles/")) and path != "articles/index.html"
        return not own and path not in self.viewed

    def shown(self, path: str) -> None:
        """A browser asked for HTML page ``path`` (on the IOLoop thread)."""
        self.viewed.pop(path, None)
        self.viewed[path] = None
        if len(self.viewed) > VIEWED:
            del self.viewed[next(iter(self.viewed))]

    # The queue, on the IOLoop thread: collect changes, wait for the burst to end, build.

    def changed(self, paths: set[Path]) -> None:
        now = time.monotonic()
        if not self.pending:
            self.first_change = now
        self.pending |= paths
        self.last_change = now
        self._schedule()

    def _schedule(self) -> None:
        if self.building or not self.pending or self.loop is None:
            return
        quiet_at = self.last_change + DEBOUNCE_S
        due = min(quiet_at, self.first_change + MAX_WAIT_S)
        self.loop.call_at(self.loop.time() + max(0.0, due - time.monotonic()), self._maybe_start)

    def _maybe_start(self) -> None:
        if self.building or not self.pending:
            return
        now = time.monotonic()
        if now < self.last_change + DEBOUNCE_S and now < self.first_change + MAX_WAIT_S:
            return  # a later save rescheduled us
        changed, self.pending = self.pending, set()
        self.building = True
        loop = self.loop
        assert loop is not None

        def work() -> None:
            problems, result = self.rebuild(changed)
            if result is None or result.later is None:
                loop.add_callback(self._finished, changed, problems, result)
                return
            self.written_all.clear()
            self.unwritten = frozenset(result.pending)
            loop.add_callback(self._reported, changed, problems, result)  # and reloaded
            more, rest = self.complete(result)
            self.unwritten = frozenset()
            self.written_all.set()
            loop.add_callback(self._finished, set(), problems + more, rest, True)

        threading.Thread(target=work, name="sitegen-build", daemon=True).start()

    def _settle(self) -> None:
        """The last build patched its merge (fast, approximate: ``sitegen/merged.py``): once no
        save is waiting, merge from scratch and show the result if it differs. A save that comes
        meanwhile calls it off; its own build patches again and settles later."""
        memo = self.state.memo if self.state else None
        if self.building or self.pending or memo is None or not memo.unsettled:
            return
        self.building = True
        loop = self.loop
        assert loop is not None

        def work() -> None:
            outcome = self.rebuild(set(), exact=True)
            loop.add_callback(self._finished, set(), *outcome)

        threading.Thread(target=work, name="sitegen-settle", daemon=True).start()

    def _reported(
        self, changed: set[Path], problems: list[str], result: BuildResult | None
    ) -> None:
        """Log a build and tell the browsers (the files it put off may still be coming)."""
        names = ", ".join(sorted(os.path.relpath(p, self.root) for p in changed)[:3])
        was, self.problems = self.problems, problems
        if result is not None:
            what = f"{names} changed" if changed else "merged exactly"
            self.log(f"{what}: {result.summary()}")
            for warning in result.report.warnings:
                self.log(f"warning: {warning}")
        for problem in problems:
            self.log(f"error: {problem}")
        if self.config is not self.watched:
            self.watch()  # sitegen.toml may have moved content/ or output/
        written = result.written if result else []
        if written or problems != was:
            self.reload(written)

    def _finished(
        self,
        changed: set[Path],
        problems: list[str],
        result: BuildResult | None,
        reported: bool = False,
    ) -> None:
        """A build ended; ``reported``: its files made before the reload were reported, this
        is what it made after."""
        self.building = False
        if not reported:
            self._reported(changed, problems, result)
        elif result is not None:
            self.log(f"  then {result.work()}")
        if reported and problems != self.problems:
            self.problems = problems
            for problem in problems:
                self.log(f"error: {problem}")
            self.reload([])
        if result is not None:
            assert self.loop is not None
            self.loop.call_later(SETTLE_S, settle_memory)  # once the browser has its page
            self.loop.call_later(EXACT_AFTER_S, self._settle)
        self._schedule()

    def watch(self) -> str:
        """(Re)start watching the inputs of the current settings, never output/ or the cache."""
        assert self.loop is not None
        if self.watcher is not None:
            self.watcher.close()
        config = self.watched = self.config or _fallback_config(self.root)
        excluded = [config.output_dir, config.root / CACHE_DIR]
        self.watcher = Watcher(site_watches(config), excluded, self.changed)
        return self.watcher.start(self.loop)

    def reload(self, written: list[str]) -> None:
        """Tell browsers: a stylesheet alone is swapped in place, anything else reloads."""
        css = [p for p in written if p.endswith(".css")]
        paths = css if css and len(css) == len(written) else [written[0] if written else "*"]
        for path in paths:
            LiveReloadHandler.reload_waiters(self.base_path + path if path != "*" else path)


def _internal(exc: Exception) -> str:
    """A bug of sitegen's, not the user's, as the overlay shows it (the server keeps serving)."""
    return f"internal error: {type(exc).__name__}: {exc} (please report it)"


def site_watches(config: Config) -> list[Watch]:
    return [
        Watch(config.content_dir, ("*.md",)),
        Watch(config.seeds_dir, ("*.md", "*.txt", "*.yaml", "*.yml")),
        Watch(config.templates_dir),
        Watch(config.root, (CONFIG_NAME,), recursive=False),
    ]


def _fallback_config(root: Path) -> Config:
    from sitegen.config import config_from_dict

    return config_from_dict({}, root.resolve(), None, {})
