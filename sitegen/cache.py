"""The on-disk build cache (``.sitegen-cache/``): what earlier builds computed, never trusted.

The entries live in one SQLite database (``cache.sqlite``): a site of 5,000 articles has 10,000
entries, and creating a file for each cost a cold build seconds. Each entry holds a header
(magic, the code fingerprint, a SHA-256 of the payload) and a pickle. An entry that is
truncated, corrupt or from another sitegen (version or source code), and a database that cannot
be read, are treated as missing and rebuilt, with no traceback: the cache can only make a build
faster, never different. Entries are written in transactions of many entries (committed every
few hundred, by :meth:`DiskCache.prune` and :meth:`DiskCache.flush`, and when the process
ends), so a killed build leaves whole entries or none.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import sqlite3
import tempfile
import time
import weakref
from functools import lru_cache
from pathlib import Path
from typing import Any

import sitegen
from sitegen import __version__

CACHE_DIR = ".sitegen-cache"
_MAGIC = b"sitegen-cache 1\n"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# sitegen's build cache: safe to delete.\n"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sitegen's version and a hash of its own source files.

    The version alone is not enough: a changed tagger under an unchanged version number (any
    development checkout) would otherwise keep serving the old tagger's results.
    """
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    package = Path(sitegen.__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return f"{__version__}-{digest.hexdigest()}"


DATABASE = "cache.sqlite"
COMMIT_EVERY = 500
"""Entries written per transaction at most (one per entry would cost a sync each)."""
COMMIT_AFTER_S = 2.0
"""...and a transaction open longer than this is committed at the next write."""


class DiskCache:
    """Pickled values by key (hex digests) under ``root``; a miss is ``None``."""

    def __init__(self, root: Path, fingerprint: str | None = None) -> None:
        self.root = root
        self.fingerprint = (fingerprint or code_fingerprint()).encode()
        self.used: set[str] = set()
        """Keys read or written since this object was made (what :meth:`prune` keeps)."""
        self._db: sqlite3.Connection | None = None
        self._pending = 0
        self._since = 0.0
        self._unwritable = False

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        """The database (opened on first use; None when there is none to read, or it is not
        usable: a broken one is deleted, to be made again by the next write)."""
        if self._db is not None or not (create or (self.root / DATABASE).is_file()):
            return self._db
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._mark()
            self._db = self._open()
        except (OSError, sqlite3.Error):
            self._discard()
            if not create:
                return None
            try:
                self._db = self._open()
            except (OSError, sqlite3.Error):
                self._discard()
                return None
        weakref.finalize(self, _close, self._db)
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.root / DATABASE, isolation_level=None, timeout=1.0)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
            db.execute("PRAGMA synchronous=NORMAL")  # whole transactions; no sync per commit
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, data BLOB)")
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _discard(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None
        for suffix in ("", "-wal", "-shm"):
            (self.root / (DATABASE + suffix)).unlink(missing_ok=True)

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``, or None when missing or not trustworthy."""
        db = self._connect(create=False)
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            self._discard()
            return None
        value = self._decode(row[0]) if row and isinstance(row[0], bytes) else None
        if value is None:
            if row:  # a bad entry is rebuilt, not met again
                with contextlib.suppress(sqlite3.Error):
                    self._write(db, "DELETE FROM entries WHERE key = ?", (key,))
        else:
            self.used.add(key)
        return value

    def _decode(self, data: bytes) -> Any | None:
        header, _, rest = data.partition(b"\n\n")
        lines = header.split(b"\n")
        if len(lines) != 3 or lines[0] + b"\n" != _MAGIC or lines[1] != self.fingerprint:
            return None
        if hashlib.sha256(rest).hexdigest().encode() != lines[2]:
            return None
        try:
            return pickle.loads(rest)
        except Exception:  # a checksummed pickle that still fails: treat it as missing
            return None

    def keep(self, key: str) -> None:
        """Mark ``key`` as used without reading it (its value is held elsewhere)."""
        self.used.add(key)

    def put(self, key: str, value: Any) -> None:
        """Store ``value``; a cache that cannot be written is skipped silently."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        checksum = hashlib.sha256(payload).hexdigest().encode()
        data = _MAGIC + self.fingerprint + b"\n" + checksum + b"\n\n" + payload
        db = None if self._unwritable else self._connect(create=True)
        if db is None:
            return
        try:
            self._write(db, "INSERT OR REPLACE INTO entries VALUES (?, ?)", (key, data))
        except sqlite3.Error:  # locked by another build for too long, disk full...
            self._unwritable = True  # not worth a wait for each entry of this build
            return
        self.used.add(key)

    def _write(self, db: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> None:
        if not db.in_transaction:
            db.execute("BEGIN IMMEDIATE")
            self._since = time.monotonic()
        db.execute(sql, args)
        self._pending += 1
        if self._pending >= COMMIT_EVERY or time.monotonic() - self._since > COMMIT_AFTER_S:
            self.flush()

    def flush(self) -> None:
        """Commit the entries written so far."""
        self._pending = 0
        if self._db is not None and self._db.in_transaction:
            try:
                self._db.commit()
            except sqlite3.Error:
                with contextlib.suppress(sqlite3.Error):
                    self._db.rollback()

    def _mark(self) -> None:
        """CACHEDIR.TAG tells backup tools (and people) that the folder can be skipped."""
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(_TAG, encoding="utf-8")

    def prune(self) -> int:
        """Delete the entries not used since this object was made; return how many."""
        shutil.rmtree(self.root / "entries", ignore_errors=True)  # one file each, before 0.x
        db = self._connect(create=False)
        if db is None:
            return 0
        self.flush()
        try:
            keys = [key for (key,) in db.execute("SELECT key FROM entries")]
            unused = [(key,) for key in keys if key not in self.used]
            if unused:
                db.execute("BEGIN IMMEDIATE")
                db.executemany("DELETE FROM entries WHERE key = ?", unused)
                db.commit()
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                db.rollback()
            return 0
        return len(unused)


def _close(db: sqlite3.Connection) -> None:
    """Commit what is pending and close (when the cache object goes, or the process ends)."""
    with contextlib.suppress(sqlite3.Error):
        if db.in_transaction:
            db.commit()
        db.close()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file next to ``path`` and rename it over ``path``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix="~")
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes 0600; pages must be readable by a web server
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clear(root: Path) -> bool:
    """Remove the cache folder; True when there was one."""
    if not root.is_dir():
        return False
    shutil.rmtree(root)
    return True
