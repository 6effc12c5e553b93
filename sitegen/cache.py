"""The on-disk build cache (``.sitegen-cache/``): what earlier builds computed, never trusted.

Each entry is one file holding a header (magic, the code fingerprint, a SHA-256 of the payload)
and a pickle. An entry that is truncated, corrupt, from another sitegen (version or source code)
or unreadable is treated as missing and rebuilt, with no traceback: the cache can only make a
build faster, never different. Entries are written to a temporary file and renamed into place,
so a killed build leaves whole entries or none.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
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


class DiskCache:
    """Pickled values by key (hex digests) under ``root``; a miss is ``None``."""

    def __init__(self, root: Path, fingerprint: str | None = None) -> None:
        self.root = root
        self.fingerprint = (fingerprint or code_fingerprint()).encode()
        self.used: set[str] = set()
        """Keys read or written since this object was made (what :meth:`prune` keeps)."""

    def _path(self, key: str) -> Path:
        return self.root / "entries" / key[:2] / key

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``, or None when missing or not trustworthy."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        value = self._decode(data)
        if value is None:
            path.unlink(missing_ok=True)  # a bad entry is rebuilt, not met again
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
        """Store ``value`` (atomically); a cache that cannot be written is skipped silently."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        checksum = hashlib.sha256(payload).hexdigest().encode()
        data = _MAGIC + self.fingerprint + b"\n" + checksum + b"\n\n" + payload
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._mark()
            atomic_write(path, data)
        except OSError:
            return
        self.used.add(key)

    def _mark(self) -> None:
        """CACHEDIR.TAG tells backup tools (and people) that the folder can be skipped."""
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(_TAG, encoding="utf-8")

    def prune(self) -> int:
        """Delete the entries not used since this object was made; return how many."""
        removed = 0
        entries = self.root / "entries"
        if not entries.is_dir():
            return 0
        for folder in entries.iterdir():
            for path in folder.iterdir() if folder.is_dir() else ():
                if path.name not in self.used:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed


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
