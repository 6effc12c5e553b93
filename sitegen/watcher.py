"""Watching a site's inputs for the dev server: which files changed, as soon as they change.

On Linux the kernel tells (inotify, through ctypes: no extra dependency), so a save is seen in
a millisecond and an idle server costs nothing; elsewhere the watched files are polled. Only the
site's inputs are watched: ``content/``, ``seeds/``, ``templates/`` and ``sitegen.toml``, never
output/ or the cache, and editors' temporary files (``.#x``, ``x~``, ``x.swp``) are ignored.

livereload's own watcher is not used: it polls every 800 ms, compares float mtimes, names no
file on a deletion, and its server drops every reload within 3 s of the previous one (the storm
guard that leaves a browser showing a stale page).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fnmatch
import os
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tornado.ioloop import IOLoop, PeriodicCallback

# <sys/inotify.h>. A file counts as changed when closed after writing, not on each write: an
# editor's save is then seen once, whole.
_IN_ATTRIB, _IN_CLOSE_WRITE = 0x4, 0x8
_IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x40, 0x80, 0x100, 0x200
_IN_IGNORED, _IN_ISDIR = 0x8000, 0x40000000
_IN_NONBLOCK, _IN_CLOEXEC = 0o4000, 0o2000000
_MASK = _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE | _IN_ATTRIB
_EVENT = struct.Struct("iIII")
POLL_MS = 250
"""Polling interval where inotify is not available."""


@dataclass(frozen=True)
class Watch:
    """A folder and the file names (glob patterns) that matter in it."""

    root: Path
    patterns: tuple[str, ...] = ("*",)
    recursive: bool = True


def ignored(name: str) -> bool:
    """Editors' and tools' temporary files, which change on every keystroke or save."""
    return (
        name.startswith((".", "#"))
        or name.endswith(("~", ".swp", ".swx", ".tmp", ".part"))
        or name == "4913"  # vim's probe file
        or name == "__pycache__"
    )


class Watcher:
    """Calls ``on_change(paths)`` on the IOLoop with the watched files that changed."""

    def __init__(
        self,
        watches: Iterable[Watch],
        exclude: Iterable[Path],
        on_change: Callable[[set[Path]], None],
    ) -> None:
        self.watches = list(watches)
        self.exclude = [p.resolve() for p in exclude]
        self.on_change = on_change
        self._fd = -1
        self._dirs: dict[int, tuple[Path, Watch]] = {}
        self._poller: PeriodicCallback | None = None
        self._snapshot: dict[Path, tuple[int, int]] = {}
        self._libc = _libc()

    def wanted(self, path: Path, watch: Watch) -> bool:
        """A file (or a folder, for ``recursive``) inside ``watch`` that the build reads."""
        if ignored(path.name) or any(p == path or p in path.parents for p in self.exclude):
            return False
        return any(fnmatch.fnmatch(path.name, pattern) for pattern in watch.patterns)

    def start(self, loop: IOLoop, force_polling: bool = False) -> str:
        """Start watching; return ``inotify`` or ``polling``."""
        if self._libc is not None and not force_polling:
            self._fd = self._libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
        if self._fd >= 0:
            for watch in self.watches:
                self._add_tree(watch.root, watch)
            loop.add_handler(self._fd, self._on_readable, IOLoop.READ)
            return "inotify"
        self._snapshot = self._scan()
        self._poller = PeriodicCallback(self._poll, POLL_MS)
        self._poller.start()
        return "polling"

    def close(self) -> None:
        if self._fd >= 0:
            IOLoop.current().remove_handler(self._fd)
            os.close(self._fd)
            self._fd = -1
        if self._poller is not None:
            self._poller.stop()
            self._poller = None

    # inotify: one watch per folder; a new folder is watched and its files count as changed.

    def _add_tree(self, root: Path, watch: Watch) -> set[Path]:
        found: set[Path] = set()
        if not root.is_dir() or any(p == root or p in root.parents for p in self.exclude):
            return found
        assert self._libc is not None
        wd = self._libc.inotify_add_watch(self._fd, os.fsencode(root), _MASK)
        if wd < 0:
            return found
        self._dirs[wd] = (root, watch)
        for child in root.iterdir():
            if child.is_dir() and watch.recursive and not ignored(child.name):
                found |= self._add_tree(child, watch)
            elif child.is_file() and self.wanted(child, watch):
                found.add(child)
        return found

    def _on_readable(self, fd: int, events: int) -> None:
        changed: set[Path] = set()
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                break
            if not data:
                break
            changed |= self._parse(data)
        if changed:
            self.on_change(changed)

    def _parse(self, data: bytes) -> set[Path]:
        changed: set[Path] = set()
        offset = 0
        while offset + _EVENT.size <= len(data):
            wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
            name = data[offset + _EVENT.size : offset + _EVENT.size + length].rstrip(b"\0")
            offset += _EVENT.size + length
            if mask & _IN_IGNORED:
                self._dirs.pop(wd, None)
                continue
            if wd not in self._dirs or not name:
                continue
            folder, watch = self._dirs[wd]
            path = folder / os.fsdecode(name)
            if mask & _IN_ISDIR:
                if mask & (_IN_CREATE | _IN_MOVED_TO):
                    changed |= self._new_folder(path, watch)
                continue
            if self.wanted(path, watch):
                changed.add(path)
        return changed

    def _new_folder(self, path: Path, watch: Watch) -> set[Path]:
        """A folder inside a watched tree, or a watched root created after the start (the
        site's first ``templates/``, seen from the site folder's own watch)."""
        owner = next((w for w in self.watches if w.root == path), None)
        if owner is None and watch.recursive and not ignored(path.name):
            owner = watch
        return self._add_tree(path, owner) if owner else set()

    # polling: compare (mtime, size) of every watched file with the previous scan.

    def _scan(self) -> dict[Path, tuple[int, int]]:
        found: dict[Path, tuple[int, int]] = {}
        for watch in self.watches:
            if not watch.root.is_dir():
                continue
            walk: Iterable[tuple[str, list[str], list[str]]] = (
                os.walk(watch.root)
                if watch.recursive
                else [(str(watch.root), [], os.listdir(watch.root))]
            )
            for folder, dirs, files in walk:
                dirs[:] = [d for d in dirs if not ignored(d)]
                for name in files:
                    path = Path(folder, name)
                    if self.wanted(path, watch):
                        try:
                            stat = path.stat()
                        except OSError:
                            continue
                        found[path] = (stat.st_mtime_ns, stat.st_size)
        return found

    def _poll(self) -> None:
        now = self._scan()
        old, self._snapshot = self._snapshot, now
        changed = {p for p in now.keys() | old.keys() if now.get(p) != old.get(p)}
        if changed:
            self.on_change(changed)


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name, use_errno=True)
    except OSError:
        return None
    if not hasattr(libc, "inotify_init1"):
        return None
    libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
    return libc
